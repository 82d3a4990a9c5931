"""Explain each abbreviation the first time a page uses it: ``<abbr title="...">OCSAE</abbr>``.

Why our own pass and not Python-Markdown's ``abbr`` extension: generated pages put tables, facts
and quotes in raw HTML blocks (so the engine does not re-parse every cell), and ``abbr`` only
sees Markdown text, so it would miss the quotes where most abbreviations are. Marking only the
first use on each page is also what plain-English style guides ask for, and keeps pages small.

The pass runs on finished page text, which is built from :func:`~rectrack.render.markdown.md`
output: data text contains no raw ``<`` or ``>``, so everything between ``<`` and ``>`` is one of
our tags and is left alone, as is everything inside elements that must not hold markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rectrack.data.model import Dataset
from rectrack.render.markdown import md

#: Elements whose content must stay plain text (or is not prose): no <abbr> inside them. Links and
#: buttons too: the front end makes each first use a button that shows its expansion (by keyboard
#: and touch, not hover only), and a button cannot sit inside a link or another button.
_SKIP = {"script", "style", "svg", "select", "option", "textarea", "title", "abbr", "summary", "a", "button"}


@dataclass(frozen=True)
class Abbreviations:
    """The glossary's abbreviations, each with its escaped expansion."""

    titles: dict[str, str]

    @classmethod
    def of(cls, dataset: Dataset) -> Abbreviations:
        """Only plain ASCII letters/digits qualify: anything else is escaped in page text and could not match."""
        return cls({t.abbreviation: md(t.term) for t in dataset.glossary
                    if t.abbreviation and t.abbreviation.isalnum() and t.abbreviation.isascii()})

    def mark_first_uses(self, page: str) -> str:
        """``page`` with the first use of each abbreviation, in prose, wrapped in ``<abbr title>``.

        One ``str.find`` scan per abbreviation, checking candidates until the first one in prose:
        this runs on every page, and a regular expression over every use cost seconds at scale.
        """
        chosen: dict[str, int] = {}
        for word in self.titles:
            at = page.find(word)
            while at != -1 and not (_whole_word(page, at, len(word)) and _in_prose(page, at)):
                at = page.find(word, at + 1)
            if at != -1:
                chosen[word] = at
        out, position = [], 0
        for start, word in sorted((start, word) for word, start in chosen.items()):
            out += [page[position:start], f'<abbr title="{self.titles[word]}">{word}</abbr>']
            position = start + len(word)
        out.append(page[position:])
        return "".join(out)


def _whole_word(page: str, at: int, length: int) -> bool:
    """Not part of a longer word, an id, a path or a character reference (``&#39;``)."""
    before = page[at - 1] if at else " "
    after = page[at + length:at + length + 1] or " "
    return not (before.isalnum() or before in "_&#/.-" or after.isalnum() or after in "_-")


def _in_prose(page: str, at: int) -> bool:
    """Is ``at`` in running text: not inside a tag, a heading line or an element that must stay plain?"""
    if page.rfind("<", 0, at) > page.rfind(">", 0, at):
        return False  # inside a tag: an attribute value
    if page.startswith(("#", "{:"), page.rfind("\n", 0, at) + 1):
        return False  # Markdown headings and attribute lists become titles, ids and tables of contents
    for name in _SKIP:
        opened = _last_tag(page, f"<{name}", at)
        if opened != -1 and page.rfind(f"</{name}>", opened, at) == -1:
            return False
    return True


def _last_tag(page: str, prefix: str, before: int) -> int:
    """Where the last ``<name`` tag (not ``<namexyz``) starts before ``before``, or -1."""
    position = page.rfind(prefix, 0, before)
    while position != -1 and page[position + len(prefix):position + len(prefix) + 1] not in (">", " ", "\n", "/"):
        position = page.rfind(prefix, 0, position)
    return position
