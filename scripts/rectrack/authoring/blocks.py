"""The neutral shape every reader produces: paragraphs and tables in reading order, with where they are.

Readers differ only in how they undo a format's *presentation* (page furniture, list numbering,
tracked changes, markup); everything after them works on :class:`ReadDocument`. A reader also says
what it removed as layout noise and what it was unsure of, because the importer's promise ("exit 0
means every paragraph was placed with confidence") needs to know both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rectrack.errors import DocumentError


@dataclass(frozen=True)
class Location:
    """Where a block starts, in terms a person can find in the original document.

    Markdown and text files have real line numbers; Word files have paragraph and table order; PDFs
    have pages. ``description`` is what a person reads ("page 3, paragraph 2", "table 1, row 4").
    """

    description: str
    line: int | None = None
    page: int | None = None

    def __str__(self) -> str:
        return self.description


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text; a bullet list is one paragraph whose lines start with ``- ``.

    ``heading`` is the document's own formatting (a heading style, a bold line), never a guess
    from the words.
    """

    text: str
    where: Location
    heading: bool = False
    #: How the reader built it, when that needs checking ("joined across the page break after page 3").
    note: str | None = None


@dataclass(frozen=True)
class Table:
    """A table as rows of cell strings (a cell's own paragraphs separated by a blank line)."""

    rows: tuple[tuple[str, ...], ...]
    where: Location
    row_locations: tuple[Location, ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Removed:
    """Text a reader dropped as layout, not wording: a running footer, a page number, a hyphen."""

    text: str
    where: Location
    rule: str


@dataclass(frozen=True)
class Doubt:
    """Something a reader did by a rule that may be wrong; any doubt makes the import exit 1."""

    text: str
    where: Location
    reason: str


@dataclass(frozen=True)
class ReadDocument:
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    doubts: tuple[Doubt, ...] = ()
    #: True when the format has real paragraphs (Word, OpenDocument, HTML) or the reader already joined
    #: what page breaks split (PDF); False for text copied from a PDF, where the importer must do it.
    paragraphs_final: bool = False


def needs(path: Path, module: str, package: str) -> DocumentError:
    """The error for a missing optional reader library (the ``import`` extra)."""
    return DocumentError(path, f"reading {path.suffix} files needs {package}", "pip install 'rectrack[import]'")
