"""Every generated page states its title in front matter, in a form no theme can turn into markup.

MkDocs takes a page's title from its first heading unless the front matter gives one, and themes
print it in ``<title>`` and elsewhere, Material through ``striptags``, which *decodes* character
references: a heading escaped as ``&lt;/title&gt;&lt;script&gt;`` would become live markup. Our
theme override re-escapes it, but escaping must not depend on an override (another config, another
theme). So the title each page declares has ``&`` escaped once and ``<`` ``>`` replaced by ``‹``
``›``, which stay text however often a template decodes or prints it raw.
"""

from __future__ import annotations

import html
import re

import yaml

try:  # libyaml: at 170 reports the pure-Python emitter took about 3 s of the render's CPU
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_H1 = re.compile(r"^# (.+?)(?:\s*\{:?[^}]*\})?\s*$", re.M)
_TAGS = re.compile(r"<[^>]*>")


def page_title(markdown: str) -> str | None:
    """The plain text of the page's first heading (our headings are escaped text, perhaps with links)."""
    body = _FRONT.sub("", markdown, count=1)
    match = _H1.search(body)
    if match is None:
        return None
    return html.unescape(_TAGS.sub("", match.group(1))).strip()


def inert(title: str) -> str:
    return title.replace("&", "&amp;").replace("<", "\u2039").replace(">", "\u203a")


def with_title(markdown: str) -> str:
    """``markdown`` with ``title:`` in its front matter (added to any it has)."""
    title = page_title(markdown)
    if title is None:
        return markdown
    front = _FRONT.match(markdown)
    meta = (yaml.load(front.group(1), Loader=_Loader) or {}) if front else {}
    meta["title"] = inert(title)
    rest = markdown[front.end():] if front else markdown
    dumped = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n{rest}"
