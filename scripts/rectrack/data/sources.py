"""The copies of source documents (``data/sources/*.md``): read, split into blocks, and searched for quotes.

A report's ``source_document`` and a response's ``source.document`` name a Markdown copy of the
document the tracker quotes. This module turns one such copy into a :class:`SourceDocument`: its
headings, paragraphs, list items and tables (:class:`Block`), each with a stable anchor, and the plain
text of each. :meth:`SourceDocument.locate` finds the passage holding a quote; it is the one place that
does so, used by validation (a quote not in its document is a problem), by the pages (every quote links
to its passage) and by the tests.

The copy is untrusted text. Only a small, fixed part of Markdown is read as structure (``#`` headings,
``-``/``*``/``+`` and ``1.`` list items, tab-separated table rows, ``**bold**`` and ``<b>bold</b>``,
``[text](address)`` links, backslash escapes); everything else, raw HTML included, is kept as the
literal characters, and the pages escape every character of it (``render/source_pages.py``).

Anchors, and why they are built this way: an anchor is the slug of the block's own first words
(``devon-and-cornwall-police-already-uses-the-kent``; a heading's whole text, ``recommendation-1``).
A link to it keeps working when anything *else* in the document changes: paragraphs added or removed
before it, in its section or elsewhere, or a section renamed. Numbering by position (``foreword-p3``)
would move every later paragraph of a section when one is inserted, and a hash of the text would be
unreadable in an address and change with any correction of a typo. Where the first words repeat (the
report prints "By 31 October 2026, forces should:" for several recommendations, and each
recommendation twice), the first keeps the plain slug and each later one is qualified by its heading's
anchor (``appropriate-investigation-allocation--by-31-october-2026-forces``), then numbered if it is
still not unique; so an anchor changes only when its own first words change or an earlier block with the
same first words under the same heading is added.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rectrack.data.files import leaves
from rectrack.data.problems import Code, Problem
from rectrack.text import normalise

#: A copy of a long report is a few hundred kilobytes; anything far larger is the wrong file.
MAX_SOURCE_BYTES = 5_000_000
#: How many of a block's first words make its anchor, and the longest anchor (cut at a word).
ANCHOR_WORDS = 8
ANCHOR_CHARS = 60
#: How many of its heading's own words qualify a block whose own first words are taken.
QUALIFIER_WORDS = 4
#: Anchors the source page itself uses begin with this; a block whose slug would too is given "s-".
RESERVED_PREFIX = "rt-"

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_BULLET = re.compile(r"^\s*[-*+][ \t]+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,9})[.)][ \t]+(.*)$")
#: Inline syntax: a backslash escape, a bold marker, or a link ``[text](address)`` (text may hold escapes).
_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|\*\*|<b>|</b>|\[((?:\\.|[^\]\\\n])*)\]\(([^()\s]*)\)", re.IGNORECASE)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Inline:
    """A run of literal text, bold or not, perhaps the text of a link (``href`` exactly as written)."""

    text: str
    bold: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """One heading, paragraph, list item or table of a source document."""

    #: "heading", "paragraph", "item" or "table".
    kind: str
    anchor: str
    #: The inline runs of a heading, paragraph or item (empty for a table).
    inlines: tuple[Inline, ...] = ()
    #: 1-6 for a heading; for an item, 0 in a bulleted list and its printed number in a numbered one.
    level: int = 0
    #: A table's rows, each a tuple of cells, each cell its inline runs.
    rows: tuple[tuple[tuple[Inline, ...], ...], ...] = ()
    #: Whether the table's first row is its header (only that row is all bold).
    header: bool = False
    #: The texts of the headings it sits under, outermost first (for a heading: those above it).
    trail: tuple[str, ...] = ()
    #: The block's words as plain text, whitespace collapsed: what quotes are matched against.
    text: str = ""


@dataclass(frozen=True)
class Passage:
    """Where a quote is in a document: from block ``first`` to block ``last`` (indexes into its blocks)."""

    document: SourceDocument
    first: int
    last: int

    @property
    def anchor(self) -> str:
        return self.document.blocks[self.first].anchor

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.document.blocks[self.first:self.last + 1]


@dataclass(frozen=True)
class SourceDocument:
    """A copy of a source document as blocks; ``path`` is how the data names it (``sources/x.md``)."""

    path: str
    #: The id its page is named by (a slug, unique among the documents of a dataset).
    name: str
    blocks: tuple[Block, ...]
    #: Every block's text joined by single spaces, and where each block starts in it.
    flat: str = field(repr=False, default="")
    starts: tuple[int, ...] = field(repr=False, default=())

    @classmethod
    def parse(cls, path: str, name: str, text: str) -> SourceDocument:
        blocks = tuple(_with_anchors(_blocks(text)))
        starts, position = [], 0
        for block in blocks:
            starts.append(position)
            position += len(block.text) + 1
        return cls(path, name, blocks, " ".join(b.text for b in blocks), tuple(starts))

    def locate(self, parts: str | Sequence[str], prefer: Iterable[str] = ()) -> Passage | None:
        """The passage holding the quote (its ``parts`` joined, e.g. a lead-in and its bullets), or None.

        Quote and copy are compared as plain words: link and bold markup and backslash escapes removed
        (a quote is plain text, the copy is Markdown), whitespace collapsed and curly quote marks made
        straight, as :func:`rectrack.text.normalise` does everywhere quotes are compared. A quote may
        run over several blocks (a recommendation's lead-in and its bullets, a multi-paragraph answer)
        and may begin or end inside one. It must not begin or end in the middle of a word.

        Where the words occur more than once (the report prints each recommendation in its summary
        and again in its chapter), the occurrence under the most of the headings named in ``prefer``
        is chosen (e.g. the recommendation's chapter and section), then the first.
        """
        wanted = quote_text(parts)
        if not wanted:
            return None
        preferred = {normalise(p).casefold() for p in prefer}
        best: tuple[int, int] | None = None
        best_score = -1
        at = self.flat.find(wanted)
        while at != -1:
            end = at + len(wanted)
            if _bounded(self.flat, at, end, wanted):
                first = bisect_right(self.starts, at) - 1
                last = bisect_right(self.starts, end - 1) - 1
                score = len(preferred & {t.casefold() for t in self.blocks[first].trail}) if preferred else 0
                if score > best_score:
                    best, best_score = (first, last), score
                if not preferred or score == len(preferred):
                    break
            at = self.flat.find(wanted, at + 1)
        return Passage(self, *best) if best else None


def quote_text(parts: str | Sequence[str]) -> str:
    """A quote as the plain words :meth:`SourceDocument.locate` compares (parts joined by a space).

    The quote is read by the same rules as the copy (a quoted list's ``- `` bullets, bold and link
    markup, escapes), so that the same words compare equal whichever side wrote them as Markdown.
    """
    pieces = [parts] if isinstance(parts, str) else list(parts)
    return normalise(" ".join(block.text for piece in pieces if piece for block in _blocks(piece)))


def _bounded(flat: str, start: int, end: int, wanted: str) -> bool:
    before = flat[start - 1] if start else " "
    after = flat[end] if end < len(flat) else " "
    return not (before.isalnum() and wanted[0].isalnum()) and not (after.isalnum() and wanted[-1].isalnum())


# --- reading a copy ----------------------------------------------------------------------------------------


def page_names(paths: Iterable[str]) -> dict[str, str]:
    """Each document path's page name: its file name as a slug (``sources/Kent_Response.md`` -> ``kent-response``).

    Names are made unique in sorted order (``-2``, ``-3``) should two files differ only in case or punctuation.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in sorted(set(paths)):
        stem = path.rsplit("/", 1)[-1].removesuffix(".md")
        base = slug(stem) or "document"
        name, number = base, 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        names[path] = name
    return names


def read_sources(root: Path, paths: Iterable[str], display: str = "") -> tuple[dict[str, SourceDocument],
                                                                                 list[Problem]]:
    """Read and parse every document named by the data (paths relative to ``root``), with their problems.

    A path that does not exist, or that uses ``..``, is reported by the cross-reference checks and is
    skipped here; a link that leaves the data folder is never followed (its target must not reach the
    site), and a file that is not UTF-8 text is reported.
    """
    wanted = sorted({p for p in paths if p and ".." not in p.split("/")})
    names = page_names(wanted)
    documents: dict[str, SourceDocument] = {}
    problems: list[Problem] = []
    for relative in wanted:
        path = root / relative
        shown = f"{display.rstrip('/')}/{relative}" if display else str(path)
        if not path.exists() and not path.is_symlink():
            continue  # crossref: missing-document
        text, problem = _read(path, root, shown)
        if problem is not None:
            problems.append(problem)
            continue
        assert text is not None
        documents[relative] = SourceDocument.parse(relative, names[relative], text)
    return documents, problems


def _read(path: Path, root: Path, shown: str) -> tuple[str | None, Problem | None]:
    def problem(code: Code, message: str, hint: str, line: int = 1) -> tuple[None, Problem]:
        return None, Problem(shown, line, 1, code, message, hint)

    if leaves(path, root):  # checked before anything is read: the target's content must never show
        return problem(Code.LINK_OUTSIDE, "this source document is a link to a file outside the data folder; "
                       "it is not read", "put the document itself here instead of a link")
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return problem(Code.UNREADABLE_FILE, "this source document is not an ordinary file",
                           "replace it with the Markdown copy of the document")
        with path.open("rb") as stream:
            raw = stream.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        return problem(Code.UNREADABLE_FILE, f"cannot read the source document ({exc.strerror or exc})",
                       "check the file exists and you have permission to read it")
    if len(raw) > MAX_SOURCE_BYTES:
        return problem(Code.FILE_TOO_LARGE, f"the source document is over {MAX_SOURCE_BYTES:,} bytes",
                       "a source copy is the document's text in Markdown: check the right file was saved here")
    if b"\x00" in raw:
        return problem(Code.BINARY_FILE, "the source document contains binary data (NUL bytes), not text",
                       "save the document's text as Markdown (UTF-8)", raw[: raw.index(b"\x00")].count(b"\n") + 1)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return problem(Code.NOT_UTF8, f"byte 0x{raw[exc.start]:02x} of the source document is not valid UTF-8",
                       "save the document's text with UTF-8 encoding", raw[: exc.start].count(b"\n") + 1)


# --- blocks ------------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    kind: str
    lines: list[str]
    level: int = 0


def _blocks(text: str) -> Iterable[Block]:
    """The blocks of a Markdown copy, in order, with the headings each sits under (anchors come later)."""
    trail: list[tuple[int, str]] = []  # (level, text) of the headings above
    current: _Draft | None = None

    def finish(draft: _Draft | None) -> Block | None:
        if draft is None:
            return None
        headings = tuple(t for _, t in trail)
        if draft.kind == "table":
            rows = tuple(tuple(_inlines(cell) for cell in re.split(r"\t+", line.strip("\t ")))
                         for line in draft.lines)
            bold = [all(all(run.bold or not run.text.strip() for run in cell) for cell in row) for row in rows]
            header = len(rows) > 1 and bold[0] and not any(bold[1:])
            words = normalise(" ".join(_plain(cell) for row in rows for cell in row))
            return Block("table", "", rows=rows, header=header, trail=headings, text=words) if words else None
        inlines = _inlines(" ".join(line.strip() for line in draft.lines))
        words = normalise(_plain(inlines))
        return Block(draft.kind, "", inlines, level=draft.level, trail=headings, text=words) if words else None

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        row = "\t" in line.strip("\t ")
        if not line.strip() or heading or bullet or numbered or (row and (current is None or current.kind != "table")) \
                or (not row and current is not None and current.kind == "table"):
            block = finish(current)
            current = None
            if block:
                yield block
        if not line.strip():
            continue
        if heading:
            level = len(heading.group(1))
            inlines = _inlines(heading.group(2))
            block = Block("heading", "", inlines, level=level, trail=tuple(t for _, t in trail),
                          text=normalise(_plain(inlines)))
            if block.text:
                while trail and trail[-1][0] >= level:
                    trail.pop()
                trail.append((level, block.text))
                yield block
        elif bullet:
            current = _Draft("item", [bullet.group(1)])
        elif numbered:
            current = _Draft("item", [numbered.group(2)], level=max(1, int(numbered.group(1))))
        elif current is not None:
            current.lines.append(line)  # a table's next row, a paragraph's next line, an item's wrapped line
        else:
            current = _Draft("table" if row else "paragraph", [line])
    block = finish(current)
    if block:
        yield block


def _with_anchors(blocks: Iterable[Block]) -> Iterable[Block]:
    """Each block with its anchor (see the module's docstring for the rule and why)."""
    taken: set[str] = set()
    headings: dict[int, str] = {}  # level -> the own words (slug) of the last heading at that level
    for block in blocks:
        above = [words for level, words in sorted(headings.items()) if block.kind != "heading" or level < block.level]
        own = _anchor_words(block) or block.kind
        if own.startswith(RESERVED_PREFIX):
            own = "s-" + own
        anchor = own
        if anchor in taken and above:
            anchor = f"{_cut(above[-1], QUALIFIER_WORDS)}--{own}"
        base, number = anchor, 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        if block.kind == "heading":
            headings = {level: words for level, words in headings.items() if level < block.level}
            headings[block.level] = own
        yield replace(block, anchor=anchor)


def _anchor_words(block: Block) -> str:
    return _cut(slug(block.text), None if block.kind == "heading" else ANCHOR_WORDS)


def _cut(anchor: str, words: int | None, chars: int = ANCHOR_CHARS) -> str:
    """The first ``words`` words of a slug, and no more than ``chars`` characters (cut between words)."""
    out = ""
    for word in [w for w in anchor.split("-") if w][:words]:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > chars:
            break
        out = candidate
    return out or anchor[:chars]


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits in hyphen-separated words (accents dropped, the rest a hyphen)."""
    text = text.replace("'", "").replace("\u2019", "")  # "aren't" -> "arent", not "aren-t"
    # Accents are dropped ("é" -> "e"); any other letter or mark outside ASCII ("–") separates words.
    folded = "".join(c if c.isascii() else "" if unicodedata.combining(c) else " "
                     for c in unicodedata.normalize("NFKD", text))
    return _NOT_SLUG.sub("-", folded.lower()).strip("-")


# --- inline text -------------------------------------------------------------------------------------------


def _inlines(text: str) -> tuple[Inline, ...]:
    """The runs of one line of Markdown: escapes undone, bold and link markup read, the rest literal."""
    runs: list[Inline] = []
    bold = False
    position = 0

    def add(value: str, href: str | None = None, strong: bool | None = None) -> None:
        if value:
            runs.append(Inline(value, bold if strong is None else strong, href))

    for match in _INLINE.finditer(text):
        add(text[position:match.start()])
        position = match.end()
        token = match.group(0)
        if match.group(1) is not None:
            add(match.group(1))
        elif token == "**":
            bold = not bold
        elif token.lower() == "<b>":
            bold = True
        elif token.lower() == "</b>":
            bold = False
        else:
            label = "".join(run.text for run in _inlines(match.group(2)))
            add(label, href=match.group(3) or None)
    add(text[position:])
    return tuple(runs)


def _plain(runs: Iterable[Inline]) -> str:
    return "".join(run.text for run in runs)
