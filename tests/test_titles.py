"""The title each page declares in front matter reaches the engine as written, whatever its characters.

``render/titles.py`` writes the front matter with libyaml's emitter, and MkDocs reads it with PyYAML's
own loader: the two must agree on every character a title can hold, control and line-break characters
(NEL, LINE SEPARATOR) included, which the two emitters escape differently.
"""

from __future__ import annotations

import pytest
from mkdocs.utils.meta import get_data
from rectrack.render.titles import inert, page_title, with_title

#: Every character of the Basic Multilingual Plane below U+3100 that is not a surrogate, and a few beyond.
CHARACTERS = [chr(i) for i in range(0x20, 0x3100) if not 0xD800 <= i < 0xE000 and i != 0x7F] + [
    "\U0001F600", "\ufeff", "\ufffd", "\U0010FFFD"]
#: Words YAML would read as something other than text, and shapes that need quoting.
AWKWARD = ["yes", "no", "on", "null", "~", "1", "1.0", "0x1f", "2026-01-01", "- x", "? x", "a: b", "#x", "'", '"',
           "a #b", "!tag", "&anchor", "*alias", "|", ">", "%YAML", "@x", "`x", "{a}", "[a]", "a, b", "---", "..."]


@pytest.mark.parametrize("front", ["", "---\nhide:\n  - toc\npagefind: false\n---\n"])
def test_every_character_of_a_title_reaches_the_engine_unchanged(front: str) -> None:
    titles = [f"A{c}B" for c in CHARACTERS] + [f"{c} end" for c in CHARACTERS[:200]] + AWKWARD
    titles += ["x" * 12_000, "ab " * 4_000 + "c"]
    wrong = []
    for title in titles:
        page = f"{front}# {title}\n\nText.\n"
        expected = page_title(page)
        assert expected
        body, meta = get_data(with_title(page))
        if meta.get("title") != inert(expected) or body != "# " + title + "\n\nText.\n":
            wrong.append(title[:20])
        if front and (meta.get("hide") != ["toc"] or meta.get("pagefind") is not False):
            wrong.append(f"front matter lost for {title[:20]!r}")
    assert not wrong, wrong[:10]
