"""Read a response document into blocks: paragraphs and tables, in document order.

Policing bodies publish responses as web pages, Word or OpenDocument files, PDFs or Markdown.
Each format has its own reader module (``read_*.py``); this one only chooses by file suffix.
Everything after it works on one neutral shape, :class:`~rectrack.authoring.blocks.ReadDocument`,
so the rules that attribute text to recommendations are written once, whatever the format.
"""

from __future__ import annotations

from pathlib import Path

from rectrack.authoring.blocks import Block, DocumentError, Location, Paragraph, ReadDocument, Table
from rectrack.authoring.read_markdown import parse_markdown
from rectrack.authoring.text import clean_markup, reflow

#: Suffixes :func:`read_document` understands.
SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf", ".odt", ".html", ".htm")

__all__ = ["Block", "DocumentError", "Location", "Paragraph", "ReadDocument", "SUPPORTED_SUFFIXES", "Table",
           "clean_markup", "parse_markdown", "read", "read_document", "reflow"]


def read(path: Path | str) -> ReadDocument:
    """Read ``path`` with the reader for its suffix; raises :class:`DocumentError` if it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = "Save the response as .docx, .odt, .pdf, .html, .md or .txt and import that file."
        if suffix == ".doc":
            hint = "Open it in Word and use 'Save as' Word Document (.docx)."
        raise DocumentError(path, f"cannot import '{suffix or path.name}' files", hint)
    if not path.is_file():
        raise DocumentError(path, "file not found", "Check the path; it is relative to the current directory.")
    if suffix == ".docx":
        from rectrack.authoring.read_docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from rectrack.authoring.read_pdf import read_pdf

        return read_pdf(path)
    if suffix == ".odt":
        from rectrack.authoring.read_odt import read_odt

        return read_odt(path)
    if suffix in (".html", ".htm"):
        from rectrack.authoring.read_html import read_html

        return read_html(path)
    from rectrack.authoring.read_markdown import read_text

    return read_text(path)


def read_document(path: Path | str) -> list[Block]:
    """The blocks of ``path`` (see :func:`read` for what was removed and doubted as well)."""
    return list(read(path).blocks)
