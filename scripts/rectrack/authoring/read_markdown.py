"""Read Markdown or plain text (including Google Docs' "Download as Markdown") into blocks.

Markdown is read line by line, because its structure is lines: blank lines end paragraphs, a
``#`` or a whole-bold line is a heading, ``|`` rows are tables. Real line numbers are kept, so
every message points at a line the editor can open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rectrack.authoring.blocks import DocumentError, Location, Paragraph, ReadDocument, Table
from rectrack.authoring.text import all_bold, bullet_item, clean_markup, reflow

_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_PARAGRAPH_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)


def read_text(path: Path) -> ReadDocument:
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
    return ReadDocument(tuple(parse_markdown(text)))


def parse_markdown(text: str) -> list[Paragraph | Table]:
    """Split Markdown or plain text into blocks at blank lines, with 1-based start lines."""
    blocks: list[Paragraph | Table] = []
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
        elif len(lines) >= 2 and _SETEXT_UNDERLINE.match(lines[-1].strip()) and bullet_item(lines[-1]) is None:
            lines, heading = lines[:-1], True
        lines = [re.sub(r"^[ \t]*>[ \t]?", "", line) for line in lines]
        # Google Docs writes a bold "heading" as a paragraph that is all **bold**.
        heading = heading or (len(lines) == 1 and all_bold(lines[0]) and len(lines[0].split()) <= 12)
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
