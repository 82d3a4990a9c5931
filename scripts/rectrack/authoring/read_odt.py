"""Read an OpenDocument text (.odt) file with odfpy: paragraphs, headings, lists and tables in order.

Tracked deletions live in their own region of the file and annotations (comments) are elements of
their own, so the body read with all changes accepted is the text between them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.parsers.expat import ExpatError

from rectrack.authoring.blocks import DocumentError, Location, Paragraph, ReadDocument, Removed, Table, needs
from rectrack.authoring.text import bullet_item, reflow

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_SKIP = {(_OFFICE, "annotation"), (_OFFICE, "annotation-end"), (_TEXT, "tracked-changes"), (_TEXT, "note"),
         (_TEXT, "change"), (_TEXT, "change-start"), (_TEXT, "change-end"), (_TEXT, "bookmark"),
         (_TEXT, "soft-page-break")}


def read_odt(path: Path) -> ReadDocument:
    try:
        from odf.opendocument import load  # type: ignore[import-untyped]
    except ImportError as exc:  # optional dependency: the 'import' extra
        raise needs(path, "odf", "odfpy") from exc
    try:
        document = load(str(path))
    except (zipfile.BadZipFile, KeyError, ExpatError, ValueError, OSError) as exc:
        raise DocumentError(path, f"not a readable OpenDocument file ({exc.__class__.__name__}: {exc})",
                            "Open it in LibreOffice and save it again as .odt, or export it to .docx.") from exc
    reader = _Reader(document)
    reader.walk(document.text)
    reader.flush()
    return ReadDocument(tuple(reader.blocks), tuple(reader.removed), paragraphs_final=True)


def _name(node) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _attr(node, ns: str, local: str) -> str | None:
    try:
        return node.attributes.get((ns, local))
    except AttributeError:
        return None


class _Reader:
    def __init__(self, document) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.removed: list[Removed] = []
        self.paragraphs = 0
        self.tables = 0
        self.pending: list[str] = []
        self.pending_where: Location | None = None
        self.list_styles: dict[str, dict[int, str]] = {}
        for container in (document.automaticstyles, document.styles):
            for style in container.childNodes:
                if _name(style) == (_TEXT, "list-style"):
                    levels = {}
                    for level in style.childNodes:
                        kind = _name(level)
                        if kind and kind[1].startswith("list-level-style-"):
                            levels[int(_attr(level, _TEXT, "level") or 1)] = kind[1].removeprefix("list-level-style-")
                    self.list_styles[_attr(style, _STYLE, "name") or ""] = levels
        for node in document.text.childNodes:
            if _name(node) == (_TEXT, "tracked-changes"):
                for deleted in _descendants(node, (_TEXT, "p")):
                    text = inline_text(deleted)
                    if text.strip():
                        self.removed.append(Removed(text, Location("tracked changes"), "tracked deletion"))

    def walk(self, element, list_style: str | None = None, depth: int = 0) -> None:
        for node in element.childNodes:
            name = _name(node)
            if name is None or name in _SKIP:
                continue
            if name in ((_TEXT, "p"), (_TEXT, "h")):
                self.flush()
                self._paragraph(node, heading=name == (_TEXT, "h"))
            elif name == (_TEXT, "list"):
                self.flush()
                style = _attr(node, _TEXT, "style-name") or list_style
                self._list(node, style, depth + 1)
                self.flush()
            elif name == (_TABLE, "table"):
                self.flush()
                self.tables += 1
                self.blocks.append(self._table(node, self.tables))
            else:
                self.walk(node, list_style, depth)

    def _paragraph(self, node, heading: bool) -> None:
        text = reflow(inline_text(node).split("\n"))
        if not text:
            return
        self.paragraphs += 1
        where = Location(f"paragraph {self.paragraphs}")
        item = bullet_item(text)
        if item is not None and not heading:
            self.pending_where = self.pending_where or where
            self.pending.append(f"- {item}")
            return
        self.blocks.append(Paragraph(text, where, heading=heading))

    def _list(self, node, style: str | None, depth: int) -> None:
        kind = self.list_styles.get(style or "", {}).get(depth, "bullet")
        number = 0
        for item in node.childNodes:
            if _name(item) not in ((_TEXT, "list-item"), (_TEXT, "list-header")):
                continue
            start = _attr(item, _TEXT, "start-value")
            number = int(start) if start else number + 1
            for child in item.childNodes:
                name = _name(child)
                if name == (_TEXT, "list"):
                    self._list(child, _attr(child, _TEXT, "style-name") or style, depth + 1)
                elif name in ((_TEXT, "p"), (_TEXT, "h")):
                    text = reflow(inline_text(child).split("\n"))
                    if not text:
                        continue
                    self.paragraphs += 1
                    self.pending_where = self.pending_where or Location(f"paragraph {self.paragraphs}")
                    self.pending.append(f"- {text}" if kind != "number" else f"{number}. {text}")

    def flush(self) -> None:
        if self.pending and self.pending_where is not None:
            self.blocks.append(Paragraph("\n".join(self.pending), self.pending_where))
        self.pending, self.pending_where = [], None

    def _table(self, node, number: int) -> Table:
        rows: list[tuple[str, ...]] = []
        for row in _descendants(node, (_TABLE, "table-row")):
            cells: list[str] = []
            for cell in row.childNodes:
                if _name(cell) == (_TABLE, "table-cell"):
                    parts = [reflow(inline_text(p).split("\n")) for p in _descendants(cell, (_TEXT, "p"))]
                    cells.append("\n\n".join(p for p in parts if p))
            rows.append(tuple(cells))
        locations = tuple(Location(f"table {number}, row {i}") for i in range(1, len(rows) + 1))
        return Table(tuple(rows), Location(f"table {number}"), locations)


def _descendants(element, name: tuple[str, str]):
    for node in getattr(element, "childNodes", []):
        if _name(node) == name:
            yield node
        elif _name(node) not in _SKIP:
            yield from _descendants(node, name)


def inline_text(element) -> str:
    out: list[str] = []
    for node in element.childNodes:
        if node.nodeType == node.TEXT_NODE:
            out.append(node.data)
            continue
        name = _name(node)
        if name in _SKIP:
            continue
        if name == (_TEXT, "s"):
            out.append(" " * int(_attr(node, _TEXT, "c") or 1))
        elif name == (_TEXT, "tab"):
            out.append(" ")
        elif name == (_TEXT, "line-break"):
            out.append("\n")
        else:
            out.append(inline_text(node))
    return "".join(out)
