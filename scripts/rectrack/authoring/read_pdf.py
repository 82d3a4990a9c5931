"""Read a PDF (typically exported from Word) with pdfplumber: text with positions, fonts and ruled tables.

A PDF has no paragraphs, only glyphs at positions, so this reader rebuilds them from layout facts:
vertical gaps, bold lines, bullet glyphs, the column gutter of a two-column page, and what repeats
at the same place on every page (running headers and footers, "Page 3 of 9", "OFFICIAL"). Every
rule that removes or joins text is recorded, and a rule that could be wrong is reported as a doubt.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rectrack.authoring.blocks import DocumentError, Doubt, Location, Paragraph, ReadDocument, Removed, Table, needs
from rectrack.authoring.text import bullet_item, is_numbered_item, split_word, vocabulary
from rectrack.text import number_ranges

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s*(?:of|/)\s*\d+)?$|^-\s*\d+\s*-$|^\d+\s*\|\s*page$", re.IGNORECASE)
_MARKING = re.compile(r"^(?:official(?:[ -]sensitive)?|not protectively marked|protect|restricted|unclassified)"
                      r"(?:\s*[-:–]\s*[a-z ]+)?$", re.IGNORECASE)
_TERMINAL = ".!?:;\"'”’)]}»…"
_MARGIN = 0.12  # the top and bottom share of a page where running headers and footers live
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    right: float  # right edge of the column the line is in
    first_word: float = 0.0  # width of the line's first word: would it have fitted on the line before?


@dataclass
class _Para:
    lines: list[_Line]
    text: str = ""
    heading: bool = False
    bullet: bool = False
    page: int = 0
    number: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _TableItem:
    rows: list[list[str]]
    top: float
    page: int
    number: int = 0


def read_pdf(path: Path) -> ReadDocument:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError as exc:  # optional dependency: the 'import' extra
        raise needs(path, "pdfplumber", "pdfplumber") from exc
    unreadable = "Open the PDF and check it shows text you can select; or import the .docx original."
    try:
        with pdfplumber.open(str(path)) as pdf:
            return _Reader(path).read(pdf.pages)
    except DocumentError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(path, "the PDF is encrypted", "Ask the publisher for an unprotected copy.") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, OSError, AssertionError) as exc:
        raise DocumentError(path, f"not a readable PDF ({exc.__class__.__name__}: {exc})", unreadable) from exc
    except Exception as exc:  # pdfminer raises bare exceptions on some damaged files
        if exc.__class__.__module__.startswith(("pdfminer", "pdfplumber")):
            raise DocumentError(path, f"not a readable PDF ({exc.__class__.__name__}: {exc})", unreadable) from exc
        raise


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.removed: list[Removed] = []
        self.doubts: list[Doubt] = []
        self.vocabulary: set[str] = set()
        self.body_size = 11.0

    def read(self, pages) -> ReadDocument:
        page_lines: list[list[list[_Line]]] = []  # per page, per region, lines
        page_tables: list[list[_TableItem]] = []
        heights: list[float] = []
        textless: list[int] = []
        for number, page in enumerate(pages, start=1):
            heights.append(float(page.height))
            chars = [c for c in page.chars if c["text"].strip()]
            if not chars:
                if page.images or page.rects or page.curves:
                    textless.append(number)
                page_lines.append([])
                page_tables.append([])
                continue
            ruled, page_table_items = self._tables(page, number)
            page_tables.append(page_table_items)
            page_lines.append(self._regions(page, number, ruled))
        if textless:
            which = "page" if len(textless) == 1 else "pages"
            raise DocumentError(
                self.path,
                f"{which} {number_ranges(textless)} of {len(heights)} have no text layer (images only, probably "
                "scanned); "
                "the importer does not invent text",
                "Ask the publisher for the Word or text version. If you run OCR yourself, check every word against "
                "the scan before importing the checked text as .txt or .docx: OCR output is not verbatim.",
            )
        if not any(page_lines) and not any(page_tables):
            raise DocumentError(self.path, "no text could be extracted from the PDF",
                                "Open the PDF and check it shows text you can select; or import the .docx original.")
        self._remove_running(page_lines, heights)
        everything = [line.text for regions in page_lines for lines in regions for line in lines]
        self.vocabulary = vocabulary(everything)
        self.body_size = _mode([line.size for regions in page_lines for lines in regions for line in lines]) or 11.0
        blocks: list[Paragraph | Table] = []
        carried: _Para | None = None  # the previous page's last item, when it is a paragraph
        for regions, tables in zip(page_lines, page_tables, strict=True):
            paras: list[_Para] = []
            for lines in regions:
                paras += self._paragraphs(lines)
            items: list[_Para | _TableItem] = [*paras, *tables]
            if tables:
                items.sort(key=lambda i: i.lines[0].top if isinstance(i, _Para) else i.top)
            count = 0
            last: _Para | None = None
            for index, item in enumerate(items):
                if isinstance(item, _TableItem):
                    blocks.append(self._table_block(item, blocks))
                    last = None
                elif index == 0 and carried is not None and self._continues(carried, item):
                    blocks[-1] = self._join_across(carried, item)
                    last = carried
                else:
                    count += 1
                    item.number = count
                    blocks.append(self._paragraph_block(item))
                    last = item
            carried = last
        return ReadDocument(tuple(blocks), tuple(self.removed), tuple(self.doubts), paragraphs_final=True)

    # Tables ----------------------------------------------------------------------------------------

    def _tables(self, page, number: int) -> tuple[list[tuple[float, float, float, float]], list[_TableItem]]:
        found = page.find_tables()
        boxes = [t.bbox for t in found]
        items: list[_TableItem] = []
        for table in found:
            rows: list[list[str]] = []
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell is None:
                        continue  # a merged cell: pdfplumber gives the span once
                    region = page.within_bbox(cell, strict=False)
                    lines = self._lines(region, number, cell[2])
                    paras = self._paragraphs(lines)
                    cells.append("\n\n".join(p.text for p in paras))
                rows.append(cells)
            if rows:
                items.append(_TableItem(rows, float(table.bbox[1]), number))
        return boxes, items

    def _table_block(self, item: _TableItem, blocks: list[Paragraph | Table]) -> Table:
        # A table that goes on from the previous page: a row split by the page break has an empty
        # first cell here; its cells continue the last row of the table before.
        rows = [tuple(r) for r in item.rows]
        previous = blocks[-1] if blocks else None
        if (isinstance(previous, Table) and previous.where.page == item.page - 1 and rows
                and len(rows[0]) == len(previous.rows[-1]) and not rows[0][0].strip()
                and any(cell.strip() for cell in rows[0])):
            last = previous.rows[-1]
            merged = tuple(_join_text(a, b) for a, b in zip(last, rows[0], strict=True))
            self.removed.append(Removed(" | ".join(rows[0]), Location(f"page {item.page}, table row 1", page=item.page),
                                        "a table row split by the page break, joined to the row before it"))
            blocks[-1] = Table(previous.rows[:-1] + (merged,), previous.where, previous.row_locations)
            rows = rows[1:]
        number = sum(1 for b in blocks if isinstance(b, Table) and b.where.page == item.page) + 1
        label = f"page {item.page}, table {number}"
        return Table(tuple(rows), Location(label, page=item.page),
                     tuple(Location(f"{label}, row {i}", page=item.page) for i in range(1, len(rows) + 1)))

    # Lines and columns -----------------------------------------------------------------------------

    def _regions(self, page, number: int, table_boxes) -> list[list[_Line]]:
        def outside(obj) -> bool:
            if obj.get("object_type") != "char":
                return True
            return not any(b[0] - 1 <= obj["x0"] and obj["x1"] <= b[2] + 1 and b[1] - 1 <= obj["top"]
                           and obj["bottom"] <= b[3] + 1 for b in table_boxes)

        body = page.filter(outside) if table_boxes else page
        width = float(page.width)
        gutter = None if table_boxes else _gutter([c for c in body.chars if c["text"].strip()], width)
        if gutter is None:
            return [self._lines(body, number, width)]
        rows = _rows([c for c in body.chars if c["text"].strip()])
        regions: list[list[_Line]] = []
        band: list[list[dict]] = []
        crossing_band: list[list[dict]] = []

        def close_band() -> None:
            if band:
                top = min(c["top"] for r in band for c in r) - 1
                bottom = max(c["bottom"] for r in band for c in r) + 1
                for x0, x1 in ((0, gutter), (gutter, width)):
                    region = body.within_bbox((x0, max(top, 0), x1, min(bottom, float(page.height))), strict=False)
                    regions.append(self._lines(region, number, x1))
                band.clear()

        def close_crossing() -> None:
            if crossing_band:
                top = min(c["top"] for r in crossing_band for c in r) - 1
                bottom = max(c["bottom"] for r in crossing_band for c in r) + 1
                region = body.within_bbox((0, max(top, 0), width, min(bottom, float(page.height))), strict=False)
                regions.append(self._lines(region, number, width))
                crossing_band.clear()

        for row in rows:
            if any(s[0] < gutter < s[1] for s in _segments(row)):
                close_band()
                crossing_band.append(row)
            else:
                close_crossing()
                band.append(row)
        close_band()
        close_crossing()
        return regions

    def _lines(self, region, number: int, right: float) -> list[_Line]:
        out: list[_Line] = []
        for line in region.extract_text_lines(return_chars=True, strip=True):
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars:
                continue
            sizes = [round(float(c["size"]), 1) for c in chars]
            words = line["text"].split()
            first = (float(line["x1"]) - float(line["x0"])) * len(words[0]) / max(len(line["text"]), 1)
            out.append(_Line(
                text=re.sub(r"[ \t]+", " ", line["text"]).strip(), x0=float(line["x0"]), x1=float(line["x1"]),
                top=float(line["top"]), bottom=float(line["bottom"]), size=_mode(sizes) or 0.0,
                bold=all(_BOLD_FONT.search(c.get("fontname", "")) for c in chars if c["text"].isalnum()),
                page=number, right=right, first_word=first,
            ))
        if out:
            edge = max(line.x1 for line in out)
            for line in out:
                line.right = edge
        return out

    # Running headers and footers -------------------------------------------------------------------

    def _remove_running(self, page_lines: list[list[list[_Line]]], heights: list[float]) -> None:
        def zone(line: _Line) -> str | None:
            height = heights[line.page - 1]
            if line.bottom <= height * _MARGIN:
                return "top"
            if line.top >= height * (1 - _MARGIN):
                return "bottom"
            return None

        def key(line: _Line) -> str:
            return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))

        seen: Counter[tuple[str, str]] = Counter()
        for regions in page_lines:
            keys = {(z, key(line)) for lines in regions for line in lines if (z := zone(line))}
            seen.update(keys)
        pages_with_text = sum(1 for regions in page_lines if regions)
        for regions in page_lines:
            for lines in regions:
                kept: list[_Line] = []
                for line in lines:
                    z = zone(line)
                    rule = None
                    if z and _PAGE_NUMBER.match(line.text):
                        rule = "page number"
                    elif z and _MARKING.match(line.text):
                        rule = "protective marking"
                    elif z and pages_with_text >= 2 and seen[(z, key(line))] >= max(2, (pages_with_text + 1) // 2):
                        rule = f"running {'header' if z == 'top' else 'footer'} (on {seen[(z, key(line))]} pages)"
                    if rule:
                        self.removed.append(Removed(line.text, Location(f"page {line.page}", page=line.page), rule))
                    else:
                        kept.append(line)
                lines[:] = kept

    # Paragraphs ------------------------------------------------------------------------------------

    def _paragraphs(self, lines: list[_Line]) -> list[_Para]:
        if not lines:
            return []
        pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if 0 < b.top - a.top]
        pitch = min((p for p, _ in Counter(round(p * 2) / 2 for p in pitches).most_common(3)), default=0.0)
        paras: list[_Para] = []
        current: _Para | None = None
        for line in lines:
            starts_item = bullet_item(line.text) is not None or is_numbered_item(line.text)
            new = current is None
            if current is not None:
                last = current.lines[-1]
                gap = line.top - last.top
                size = max(line.size, 1.0)
                if gap > pitch + max(2.0, 0.25 * size) or gap < 0:
                    new = True
                elif line.bold != last.bold or abs(line.size - last.size) > 1.0:
                    new = True
                elif starts_item and not current.bullet:
                    new = True
                elif current.bullet and not starts_item and line.x0 < current.lines[0].x0 + 2:
                    new = True  # back at the margin: the list has ended
                elif current.bullet and starts_item:
                    new = False  # the next item of the same list
                elif last.text[-1:] in _TERMINAL and not _wrapped(last, line):
                    new = True  # the sentence ended with room to spare on its line: a new paragraph
            if new or current is None:
                current = _Para([line], page=line.page, bullet=starts_item)
                paras.append(current)
            else:
                current.lines.append(line)
        for para in paras:
            para.text = self._text(para)
            words = len(para.text.split())
            para.heading = words <= 15 and not para.bullet and (
                all(line.bold for line in para.lines) or para.lines[0].size >= self.body_size * 1.2
            )
        return paras

    def _text(self, para: _Para) -> str:
        items: list[str] = []
        for line in para.lines:
            item = bullet_item(line.text)
            if item is not None:
                items.append("- " + item)
            elif is_numbered_item(line.text) or not items:
                items.append(line.text)
            else:
                items[-1] = self._join_lines(items[-1], line.text, line)
        return "\n".join(items)

    def _join_lines(self, before: str, after: str, line: _Line) -> str:
        where = Location(f"page {line.page}", page=line.page)
        if before.endswith("\u00ad"):
            self.removed.append(Removed(before.split()[-1] + after.split()[0], where, "soft hyphen at a line end"))
            return before[:-1] + after
        halves = split_word(before, after)
        if halves is None:
            return f"{before} {after}"
        left, right = halves
        joined, compound = (left + right).casefold(), f"{left}-{right}".casefold()
        if joined in self.vocabulary:
            self.removed.append(Removed(f"{left}-{right}", where,
                                        f"hyphen at a line end ('{left + right}' is written whole elsewhere)"))
            return before[:-1] + after
        if compound in self.vocabulary:
            return before + after  # a real compound, written with its hyphen elsewhere
        self.doubts.append(Doubt(f"{left}-{right}", where,
                                 f"'{left}-' ends a line and '{right}' starts the next; read as '{left + right}' "
                                 f"(the document writes neither '{left + right}' nor '{left}-{right}' elsewhere)"))
        return before[:-1] + after

    def _continues(self, previous: _Para, para: _Para) -> bool:
        if previous.heading or para.heading or para.bullet or previous.lines[-1].page != para.page - 1:
            return False
        return previous.text.rstrip()[-1:] not in _TERMINAL or _wrapped(previous.lines[-1], para.lines[0])

    def _join_across(self, previous: _Para, para: _Para) -> Paragraph:
        where = Location(f"page {previous.page}, paragraph {previous.number}", page=previous.page)
        evidence = "it stops mid-sentence"
        if previous.text.rstrip()[-1:] in _TERMINAL:
            evidence = "the next word would not have fitted on its last line"
            if not para.text[:1].islower():
                self.doubts.append(Doubt(para.text[:60], Location(f"page {para.page}, paragraph 1", page=para.page),
                                         f"joined to the paragraph before the page break ({where}) because "
                                         f"{evidence}; check whether a new paragraph starts here"))
        previous.lines += para.lines
        previous.text = f"{previous.text} {para.text}" if not previous.bullet else f"{previous.text}\n{para.text}"
        previous.notes.append(f"continues on page {para.page} ({evidence})")
        return self._paragraph_block(previous)

    def _paragraph_block(self, para: _Para) -> Paragraph:
        note = "; ".join(para.notes) or None
        return Paragraph(para.text, Location(f"page {para.page}, paragraph {para.number}", page=para.page),
                         heading=para.heading, note=note)


def _wrapped(line: _Line, following: _Line) -> bool:
    """True if ``following``'s first word would not have fitted at the end of ``line``: a wrap, not a break."""
    return line.x1 + 0.3 * line.size + following.first_word > line.right + 1


def _join_text(a: str, b: str) -> str:
    if not a.strip():
        return b
    if not b.strip():
        return a
    return f"{a} {b}" if a.rstrip()[-1:] not in _TERMINAL else f"{a}\n\n{b}"


def _mode(values: list[float]) -> float | None:
    if not values:
        return None
    try:
        return statistics.mode(values)
    except statistics.StatisticsError:
        return values[0]


def _rows(chars: list[dict]) -> list[list[dict]]:
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if rows and abs(char["top"] - rows[-1][0]["top"]) <= 2:
            rows[-1].append(char)
        else:
            rows.append([char])
    return rows


def _segments(row: list[dict]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for char in sorted(row, key=lambda c: c["x0"]):
        gap = 1.0 * float(char["size"])
        if out and char["x0"] - out[-1][1] < gap:
            out[-1][1] = max(out[-1][1], char["x1"])
        else:
            out.append([char["x0"], char["x1"]])
    return [(a, b) for a, b in out]


def _gutter(chars: list[dict], width: float) -> float | None:
    """The x of a two-column page's gutter: a vertical strip near the middle that body rows do not cross."""
    rows = _rows(chars)
    if len(rows) < 6:
        return None
    segments = [_segments(r) for r in rows]
    best: tuple[int, float] | None = None
    xs = [width * f / 100 for f in range(30, 71)]
    crossings = [sum(1 for segs in segments if any(a < x < b for a, b in segs)) for x in xs]
    low = min(crossings)
    candidates = [x for x, n in zip(xs, crossings, strict=True) if n == low]
    x = candidates[len(candidates) // 2]
    best = (low, x)
    left = sum(1 for segs in segments if any(b <= x for _, b in segs))
    right = sum(1 for segs in segments if any(a >= x for a, _ in segs))
    if best[0] <= 0.25 * len(rows) and left >= 3 and right >= 3:
        return x
    return None
