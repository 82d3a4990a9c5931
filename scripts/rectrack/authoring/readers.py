"""Read a response document into blocks: paragraphs and tables, in document order.

Policing bodies publish responses as web pages, Word files or PDFs. Everything after this module
works on one neutral shape (a list of :class:`Paragraph` and :class:`Table`), so the rules that
attribute text to recommendations are written once, whatever the format. Readers only undo
*presentation*: Markdown link and bold markup, hard line wraps, PDF page layout. They never rewrite
wording, because the text ends up in VERBATIM fields.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rectrack.errors import DocumentError

#: Suffixes :func:`read_document` understands, and what it does with them.
SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf")


@dataclass(frozen=True)
class Location:
    """Where a block starts, in terms a person can find in the original document.

    Markdown and text files have real line numbers; Word files only have paragraph and table order
    and PDFs only have pages, so ``line`` is None there and ``description`` says what there is.
    """

    description: str
    line: int | None = None

    def __str__(self) -> str:
        return self.description


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text; a bullet list is one paragraph whose lines start with ``- ``."""

    text: str
    where: Location
    heading: bool = False


@dataclass(frozen=True)
class Table:
    """A table as rows of cell strings (a cell's own paragraphs separated by a blank line)."""

    rows: tuple[tuple[str, ...], ...]
    where: Location
    row_locations: tuple[Location, ...]


Block = Paragraph | Table




def read_document(path: Path | str) -> list[Block]:
    """Read ``path`` into blocks, choosing the reader by file suffix.

    Raises :class:`DocumentError` for a missing, unsupported or unreadable file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = "Save the response as .docx, .pdf, .md or .txt and import that file."
        if suffix == ".doc":
            hint = "Open it in Word and use 'Save as' Word Document (.docx)."
        raise DocumentError(path, f"cannot import '{suffix or path.name}' files", hint)
    if not path.is_file():
        raise DocumentError(path, "file not found", "Check the path; it is relative to the current directory.")
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".pdf":
        return _read_pdf(path)
    return _read_text(path)


# --- Markdown and plain text ------------------------------------------------------------------------

# A Markdown link or image: [text](url "title"). The text may contain escaped brackets; the url
# may contain one level of parentheses (Wikipedia-style addresses).
_LINK = re.compile(r"!?\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_HTML_EMPHASIS = re.compile(r"</?(?:b|strong|i|em)>", re.IGNORECASE)
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(r"^[ \t]*[-*+•▪◦‣][ \t]+")
_NUMBERED = re.compile(r"^[ \t]*(?:\d{1,2}|[a-z])[.)][ \t]+")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_PARAGRAPH_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)


def clean_markup(text: str) -> str:
    """Remove Markdown link and emphasis markup, keeping every other character as written.

    ``[National Police Chiefs' Council \\(NPCC\\)](#)`` becomes ``National Police Chiefs' Council
    (NPCC)``: the escapes exist only because of the link syntax, so they go with it.
    """
    text = _LINK.sub(lambda m: _ESCAPE.sub(r"\1", m.group(1)), text)
    text = _BOLD.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _ITALIC.sub(r"\1", text)
    return _HTML_EMPHASIS.sub("", text)


def reflow(lines: Iterable[str]) -> str:
    """Join hard-wrapped lines into one line each, keeping list items as separate lines.

    A line break inside a paragraph is layout, not wording (Markdown, PDF and Word's soft breaks all
    render it as a space), but a bullet list's lines are structure and must survive.
    """
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            out.append("- " + raw[bullet.end():].strip())
        elif _NUMBERED.match(raw):
            out.append(line)  # "1. ..." / "a) ...": a numbered list keeps its own lines and numbers
        elif out:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _read_text(path: Path) -> list[Block]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            path,
            f"not UTF-8 text (byte {exc.start} cannot be decoded)",
            "Save the file with UTF-8 encoding (most editors offer this under 'Save as').",
        ) from exc
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror})") from exc
    return parse_markdown(text)


def parse_markdown(text: str) -> list[Block]:
    """Split Markdown or plain text into blocks at blank lines, with 1-based start lines."""
    blocks: list[Block] = []
    for start, lines in _chunks(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if all(line.lstrip().startswith("|") for line in lines) and len(lines) >= 2:
            table = _markdown_table(lines, start)
            if table is not None:
                blocks.append(table)
                continue
        if len(lines) == 1 and _THEMATIC_BREAK.match(lines[0].strip()):
            continue
        heading = False
        atx = _ATX_HEADING.match(lines[0].strip())
        if len(lines) == 1 and atx:
            lines, heading = [atx.group(1)], True
        elif len(lines) >= 2 and _SETEXT_UNDERLINE.match(lines[-1].strip()) and not _BULLET.match(lines[-1]):
            lines, heading = lines[:-1], True
        lines = [re.sub(r"^[ \t]*>[ \t]?", "", line) for line in lines]
        body = clean_markup(reflow(lines))
        if body:
            blocks.append(Paragraph(body, Location(f"line {start}", start), heading))
    return blocks


def _chunks(lines: list[str]) -> Iterable[tuple[int, list[str]]]:
    """Yield (1-based first line number, lines) for each run of non-blank lines."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            yield start, current
            current = []
    if current:
        yield start, current


def _markdown_table(lines: list[str], start: int) -> Table | None:
    rows: list[tuple[str, ...]] = []
    locations: list[Location] = []
    for offset, line in enumerate(lines):
        stripped = line.strip()
        if _TABLE_SEPARATOR.match(stripped):
            continue
        inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
        rows.append(tuple(_markdown_cell(cell.replace("\\|", "|")) for cell in _CELL_SPLIT.split(inner)))
        locations.append(Location(f"line {start + offset}", start + offset))
    if not rows:
        return None
    return Table(tuple(rows), Location(f"line {start}", start), tuple(locations))


def _markdown_cell(cell: str) -> str:
    # A table cell is one line of Markdown: "<br><br>" is how it separates paragraphs, "<br>" lines.
    paragraphs = (reflow(_HTML_BREAK.sub("\n", part).split("\n")) for part in _HTML_PARAGRAPH_BREAK.split(cell))
    return clean_markup("\n\n".join(p for p in paragraphs if p))


# --- Word ------------------------------------------------------------------------------------------


def _read_docx(path: Path) -> list[Block]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table as DocxTable
    except ImportError as exc:  # optional dependency: the 'import' extra
        raise DocumentError(path, "reading .docx needs python-docx", "pip install 'rectrack[import]'") from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(
            path,
            f"not a readable Word document ({exc.__class__.__name__}: {exc})",
            "Open it in Word and save it again as .docx, or export it to PDF and import that.",
        ) from exc

    blocks: list[Block] = []
    paragraph_count = table_count = 0
    pending_list: list[str] = []
    pending_where: Location | None = None

    def flush_list() -> None:
        nonlocal pending_list, pending_where
        if pending_list and pending_where is not None:
            blocks.append(Paragraph("\n".join(pending_list), pending_where))
        pending_list, pending_where = [], None

    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            flush_list()
            table_count += 1
            blocks.append(_docx_table(item, table_count))
            continue
        text = reflow(item.text.split("\n"))
        if not text:
            continue
        paragraph_count += 1
        where = Location(f"paragraph {paragraph_count}")
        if _is_list_item(item):
            # Word stores each bullet as its own paragraph; Markdown keeps a list together, and the
            # rest of the importer expects one block per list.
            pending_where = pending_where or where
            pending_list.append(text if text.startswith("- ") else f"- {text}")
            continue
        flush_list()
        blocks.append(Paragraph(text, where, heading=_is_heading(item)))
    flush_list()
    return blocks


def _style_name(paragraph) -> str:
    style = paragraph.style
    return (style.name or "") if style is not None else ""


def _is_heading(paragraph) -> bool:
    name = _style_name(paragraph)
    return name.startswith("Heading") or name == "Title"


def _is_list_item(paragraph) -> bool:
    properties = paragraph._p.pPr
    return _style_name(paragraph).startswith("List") or (
        properties is not None and properties.numPr is not None
    )


def _docx_table(table, number: int) -> Table:
    rows: list[tuple[str, ...]] = []
    locations: list[Location] = []
    for row_number, row in enumerate(table.rows, start=1):
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans; read it once.
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            cells.append(_docx_cell_text(cell))
        rows.append(tuple(cells))
        locations.append(Location(f"table {number}, row {row_number}"))
    return Table(tuple(rows), Location(f"table {number}"), tuple(locations))


def _docx_cell_text(cell) -> str:
    parts: list[str] = []
    in_list = False
    for paragraph in cell.paragraphs:
        text = reflow(paragraph.text.split("\n"))
        if not text:
            continue
        if _is_list_item(paragraph):
            item = text if text.startswith("- ") else f"- {text}"
            if in_list:
                parts[-1] = f"{parts[-1]}\n{item}"
            else:
                parts.append(item)
            in_list = True
        else:
            parts.append(text)
            in_list = False
    return "\n\n".join(parts)


# --- PDF -------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s+(?:of|/)\s+\d+)?$", re.IGNORECASE)


def _read_pdf(path: Path) -> list[Block]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # optional dependency: the 'import' extra
        raise DocumentError(path, "reading .pdf needs pypdf", "pip install 'rectrack[import]'") from exc
    unreadable_hint = "Open the PDF and check it is a text PDF (not a scan); or import the .docx original."
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(path, "the PDF is encrypted", "Ask the publisher for an unprotected copy.")
        pages = [_page_text(page) for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(path, f"not a readable PDF ({exc.__class__.__name__}: {exc})", unreadable_hint) from exc
    blocks: list[Block] = []
    for number, text in enumerate(pages, start=1):
        blocks.extend(_pdf_page_blocks(text, number))
    if not blocks:
        raise DocumentError(path, "no text could be extracted from the PDF", unreadable_hint)
    return blocks


def _page_text(page) -> str:
    # Layout mode keeps vertical gaps as blank lines, which is the only paragraph signal a PDF has.
    try:
        return page.extract_text(extraction_mode="layout")
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return page.extract_text() or ""


def _pdf_page_blocks(text: str, page: int) -> list[Block]:
    # Layout mode pads lines with spaces to reproduce horizontal positions; the spaces are layout.
    lines = [re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.split("\n")]
    filled = [i for i, line in enumerate(lines) if line]
    for edge in (filled[:1] + filled[-1:]) if filled else []:
        if _PAGE_NUMBER.match(lines[edge]):
            lines[edge] = ""
    blocks: list[Block] = []
    for _, chunk in _chunks(lines):
        body = reflow(chunk)
        if body:
            blocks.append(Paragraph(body, Location(f"page {page}")))
    return blocks
