"""Turn a published response document (Word, OpenDocument, PDF, web page, Markdown) into response entries.

Editors publish a force's response by importing the document the policing body wrote, rather than
copying its text by hand: :func:`read` turns the file into blocks (one reader per format),
:func:`parse_document` attributes each block to a recommendation and says plainly what it could
not attribute with confidence, and :mod:`rectrack.authoring.draft` writes the result.
"""

from __future__ import annotations

from rectrack.authoring.blocks import Block, Location, Paragraph, ReadDocument, Table
from rectrack.authoring.parse import import_document, parse_blocks, parse_document
from rectrack.authoring.readers import read, read_document
from rectrack.authoring.result import Entry, ImportResult, Unplaced

__all__ = [
    "Block",
    "Entry",
    "ImportResult",
    "Location",
    "Paragraph",
    "ReadDocument",
    "Table",
    "Unplaced",
    "import_document",
    "parse_blocks",
    "parse_document",
    "read",
    "read_document",
]
