"""How the copy of a long source document is split into pages: one per top-level section.

A report's copy is a few hundred kilobytes of text (the shipped spotlight report is 170 KB of Markdown
in 733 blocks). As one page it was the largest page of the site, and its search fragment, which a
reader's first search downloads when the copy is among the top results, was a hundred kilobytes on
its own. So a copy longer than :data:`SPLIT_CHARS` is shown as a contents page at its usual address
(``sources/NAME/``) and one page per top-level section (``sources/NAME/PART/``); a short copy (a
force's response) stays one page.

A part is named by the anchor of the heading that begins it (``summary``,
``investigation-of-online-child-sexual-abuse``): the same words as its anchor on the one page, stable
for the same reasons (:mod:`rectrack.data.sources`), and readable in an address. The sections are the
copy's own: the top level is the highest heading level the copy uses, and the text before its first
heading of that level goes on the first part. A first section with next to no text of its own (a title
page: the report's title and "PEEL spotlight report") is no part: a page holding a title and a line
helps nobody, so its blocks are shown on the contents page, above the list of parts (:func:`lead`).
Each block keeps its anchor, now on the page that holds it (:func:`page_of`), which is what every quote's
link and the contents page's forwarding of old links (``sources/NAME/#ANCHOR``) are built from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rectrack.data.model import SLUG
from rectrack.data.sources import Block, SourceDocument

#: A copy with more text than this (characters of its blocks' words) is split into parts. The
#: longest section of the shipped report is 39 KB; Devon and Cornwall's response (18 KB) stays whole.
SPLIT_CHARS = 40_000
#: A first section with less text than this besides its headings is the copy's title page, shown on
#: the contents page rather than as a part (the shipped report's holds 21 characters).
LEAD_CHARS = 400
#: Part names the folder of the copy already uses (its contents page is ``index``).
RESERVED = {"index"}


@dataclass(frozen=True)
class Part:
    """One top-level section of a copy, from block ``first`` to block ``last`` (inclusive)."""

    number: int  # 1-based, in the copy's order
    name: str  # the part's page name: its heading's anchor (or "part-N" should that not do)
    heading: Block  # the heading that begins the section: the part's title, in the copy's words
    first: int
    last: int

    @property
    def title(self) -> str:
        return self.heading.text


#: Parts already worked out, by copy (a copy is immutable; every quote link asks where its block is).
_CACHE: dict[int, tuple[SourceDocument, tuple[Part, ...]]] = {}


def parts(copy: SourceDocument) -> tuple[Part, ...]:
    """The parts a copy is shown in, in order; empty when it is shown as one page (short, or no headings)."""
    cached = _CACHE.get(id(copy))
    if cached is not None and cached[0] is copy:
        return cached[1]
    found = _split(copy)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(copy)] = (copy, found)
    return found


def _split(copy: SourceDocument) -> tuple[Part, ...]:
    if len(copy.flat) <= SPLIT_CHARS:
        return ()
    levels = [b.level for b in copy.blocks if b.kind == "heading"]
    if not levels:
        return ()
    top = min(levels)
    starts = [i for i, b in enumerate(copy.blocks) if b.kind == "heading" and b.level == top]
    if len(starts) < 2:
        return ()
    starts[0] = 0  # the text before the first heading goes on the first part
    if len(starts) > 2 and _text_chars(copy.blocks[:starts[1]]) < LEAD_CHARS:
        starts = starts[1:]  # a title page: on the contents page (see lead())
    out: list[Part] = []
    taken: set[str] = set(RESERVED)
    for number, (first, following) in enumerate(zip(starts, [*starts[1:], len(copy.blocks)], strict=True), 1):
        heading = next(b for b in copy.blocks[first:following] if b.kind == "heading" and b.level == top)
        name = heading.anchor if SLUG.fullmatch(heading.anchor) else ""
        if not name or name in taken:
            name = f"part-{number}"
        while name in taken:
            name += "-2"
        taken.add(name)
        out.append(Part(number, name, heading, first, following - 1))
    return tuple(out)


def _text_chars(blocks: Sequence[Block]) -> int:
    return sum(len(b.text) for b in blocks if b.kind != "heading")


def lead(copy: SourceDocument) -> list[Block]:
    """The blocks shown on the contents page of a copy in parts (its title page); none for a copy on one page."""
    found = parts(copy)
    return list(copy.blocks[:found[0].first]) if found else []


def page_of(copy: SourceDocument, index: int) -> Part | None:
    """The part whose page holds block ``index`` of the copy, or None when the block is on the copy's own
    page (the whole copy, or the contents page's title page)."""
    found = parts(copy)
    if not found or index < found[0].first:
        return None
    return found[bisect_right([p.first for p in found], index) - 1]
