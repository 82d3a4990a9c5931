"""Turn a published response document (Markdown, text, Word or PDF) into response entries.

Editors publish a force's response by importing the document the policing body wrote, rather than
copying its text by hand: :func:`read_document` turns the file into blocks, :func:`parse_blocks`
attributes each block to a recommendation and says plainly what it could not attribute.
"""

from __future__ import annotations

from rectrack.authoring.parse import Entry, ImportResult, Unplaced, import_document, parse_blocks
from rectrack.authoring.readers import Block, Location, Paragraph, Table, read_document

__all__ = [
    "Block",
    "Entry",
    "ImportResult",
    "Location",
    "Paragraph",
    "Table",
    "Unplaced",
    "import_document",
    "parse_blocks",
    "read_document",
]
