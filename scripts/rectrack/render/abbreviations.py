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

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

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
    #: Every abbreviation, longest first: one scan of a page finds each one's candidates in order.
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = sorted(self.titles, key=lambda w: (-len(w), w))
        object.__setattr__(self, "pattern", re.compile("|".join(map(re.escape, words)) if words else "(?!)"))

    @classmethod
    def of(cls, dataset: Dataset) -> Abbreviations:
        """Only plain ASCII letters/digits qualify: anything else is escaped in page text and could not match."""
        return cls({t.abbreviation: md(t.term) for t in dataset.glossary
                    if t.abbreviation and t.abbreviation.isalnum() and t.abbreviation.isascii()})

    def mark_first_uses(self, page: str) -> str:
        """``page`` with the first use of each abbreviation, in prose, wrapped in ``<abbr title>``.

        One scan of the page for all abbreviations at once, checking each candidate until every word
        has its first use in prose: this runs on every page. (A ``str.find`` per abbreviation scanned
        the page some forty times and cost a third of the render at 8,000 pages.) Abbreviations are
        ASCII letters and digits only, so a candidate that the scan passes over because it sits inside
        a longer match could never be a whole word there.
        """
        chosen: dict[str, int] = {}
        plain = _Plain(page)
        for match in self.pattern.finditer(page):
            word, at = match.group(), match.start()
            if word in chosen or not (_whole_word(page, at, len(word)) and _in_prose(page, at, plain)):
                continue
            chosen[word] = at
            if len(chosen) == len(self.titles):
                break
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


def _in_prose(page: str, at: int, plain: _Plain) -> bool:
    """Is ``at`` in running text: not inside a tag, a heading line or an element that must stay plain?"""
    if page.rfind("<", 0, at) > page.rfind(">", 0, at):
        return False  # inside a tag: an attribute value
    if page.startswith(("#", "{:"), page.rfind("\n", 0, at) + 1):
        return False  # Markdown headings and attribute lists become titles, ids and tables of contents
    return not plain.inside(at)


#: The start tag (``<name`` then ``>``, a space, a newline or ``/``) or end tag of an element of _SKIP.
_PLAIN_TAG = re.compile("<(?:({names})(?=[ >\n/])|/({names})>)".format(names="|".join(sorted(_SKIP))))


class _Plain:
    """Where the elements of one page that must stay plain start and end, found in one scan on first use.

    An element counts from its start tag until the next end tag of its name (as a browser would read
    ours, which never nest them): a candidate is inside one when the last start tag before it has no
    end tag between them.
    """

    def __init__(self, page: str) -> None:
        self.page = page
        self.starts: dict[str, list[int]] | None = None
        self.ends: dict[str, list[int]] = {}

    def inside(self, at: int) -> bool:
        if self.starts is None:
            self.starts = {name: [] for name in _SKIP}
            self.ends = {name: [] for name in _SKIP}
            for match in _PLAIN_TAG.finditer(self.page):
                if match.group(1):
                    self.starts[match.group(1)].append(match.start())
                else:
                    self.ends[match.group(2)].append(match.start())
        for name, starts in self.starts.items():
            # The last start tag that ends before ``at``, and an end tag that ends before ``at`` after it.
            last = bisect_right(starts, at - len(name) - 1) - 1
            if last < 0:
                continue
            ends = self.ends[name]
            after = bisect_left(ends, starts[last])
            if after == len(ends) or ends[after] > at - len(name) - 3:
                return True
        return False
