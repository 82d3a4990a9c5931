"""Write one fixture document in each format, with real libraries, from a list of simple blocks.

A fixture is a list of blocks: ``("title", text)``, ``("h", text)``, ``("p", text)``,
``("bullets", [items])``, ``("table", rows)``. Inline markers let one text serve every format:
``{-}`` is a word hyphenated at a line end in a PDF; ``[+x+]`` / ``[-x-]`` are a tracked insertion /
deletion and ``[#x#]`` a comment in Word. :func:`final_text` gives the text a reader should get.
Fictional test data only (Kent, Essex, Gwent...): nothing here is shipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_MARKERS = re.compile(r"\[\+(.*?)\+\]|\[-(.*?)-\]|\[#(.*?)#\]|\{-\}")


def final_text(text: str) -> str:
    """The text as a person reads the finished document: insertions in, deletions and comments out."""
    return _MARKERS.sub(lambda m: m.group(1) if m.group(1) is not None else "", text)


@dataclass
class Layout:
    """Options for how a document is laid out (mostly for PDFs)."""

    header: tuple[str, ...] = ()  # running header lines, on every page
    footer: str | None = None  # "{page}" and "{pages}" are filled in
    columns: int = 1
    bullet: str = "\uf0b7"  # the Symbol font's bullet, as Word writes it into a PDF
    heading_gap: bool = True  # False: no space between a heading and the next line
    numbered_headings: bool = False  # Word: "Recommendation N" from automatic numbering
    extra: dict = field(default_factory=dict)


# --- PDF (fpdf2) -----------------------------------------------------------------------------------


def _font_with_symbol_bullet(tmp: Path) -> Path:
    """DejaVu Sans with the private-use code point U+F0B7 mapped to its bullet glyph, as Symbol has."""
    from fontTools.ttLib import TTFont

    target = tmp / "DejaVuSans-symbol.ttf"
    if not target.exists():
        font = TTFont(str(FONT_DIR / "DejaVuSans.ttf"))
        for table in font["cmap"].tables:
            if table.isUnicode() and table.format in (4, 12):
                table.cmap[0xF0B7] = "bullet"
        font.save(str(target))
    return target


def write_pdf(blocks: list, path: Path, layout: Layout) -> Path:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Doc(FPDF):
        column_hook = None

        @property
        def accept_page_break(self) -> bool:  # fpdf2 asks this when a column is full
            hook = type(self).column_hook
            return hook() if hook else FPDF.accept_page_break.fget(self)

        def header(self) -> None:
            if layout.header:
                self.set_font("body", size=9)
                for line in layout.header:
                    self.cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if layout.footer:
                self.set_y(-15)
                self.set_font("body", size=9)
                self.cell(0, 10, layout.footer.format(page=self.page_no(), pages="{nb}"), align="C")

    pdf = Doc(format="A4")
    pdf.add_font("body", "", str(_font_with_symbol_bullet(path.parent)))
    pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    width = pdf.epw if layout.columns == 1 else (pdf.epw - 10) / 2

    def para(text: str, bold: bool = False, size: float = 11, gap: float = 3, indent: float = 0) -> None:
        pdf.set_font("body", "B" if bold else "", size)
        pdf.set_x(pdf.l_margin + indent)
        text = final_text(text.replace("{-}", "-\n")) if "{-}" in text else final_text(text)
        pdf.multi_cell(width - indent, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(gap)

    def body() -> None:
        for kind, value in blocks:
            if kind == "title":
                para(value, bold=True, size=15, gap=5)
            elif kind == "h":
                para(value, bold=True, gap=3 if layout.heading_gap else 0)
            elif kind == "p":
                para(value)
            elif kind == "bullets":
                for item in value:
                    pdf.set_font("body", "", 11)
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.cell(6, 5.5, layout.bullet)
                    pdf.multi_cell(width - 10, 5.5, final_text(item), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
            elif kind == "table":
                pdf.set_font("body", "", 9)
                with pdf.table(width=width, line_height=4.5, headings_style=FontFace(emphasis="BOLD"),
                               repeat_headings=1, text_align="LEFT") as table:
                    for row in value:
                        cells = table.row()
                        for cell in row:
                            cells.cell(final_text(cell).replace("\n\n", "\n"))
                pdf.ln(3)

    if layout.columns == 1:
        body()
    else:
        _two_columns(pdf, blocks, width, para, layout)
    pdf.output(str(path))
    return path


def _two_columns(pdf, blocks: list, width: float, para, layout: Layout) -> None:
    """Flow the blocks down the left column, then the right, then the next page (as Word does)."""
    title = [b for b in blocks if b[0] == "title"]
    rest = [b for b in blocks if b[0] != "title"]
    for _, value in title:
        para(value, bold=True, size=15, gap=5)
    top = pdf.get_y()
    column = 0

    def accept_page_break() -> bool:
        nonlocal column, top
        if column == 0:
            column = 1
            pdf.set_left_margin(pdf.l_margin + width + 10)
            pdf.set_xy(pdf.l_margin, top)
            return False
        column = 0
        pdf.set_left_margin(20)
        top = 20 + (5 * len(layout.header) + 4 if layout.header else 0)
        return True

    type(pdf).column_hook = staticmethod(accept_page_break)
    for kind, value in rest:
        if kind == "h":
            para(value, bold=True, gap=3 if layout.heading_gap else 0)
        elif kind == "p":
            para(value)
        elif kind == "bullets":
            for item in value:
                para(f"{layout.bullet}  {item}", gap=0)
            pdf.ln(3)


def write_scanned_pdf(pages: list[str], path: Path, typed_cover: str | None = None) -> Path:
    """A PDF of page images (what a scanner makes), optionally after one typed cover page."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    pdf = FPDF(format="A4")
    if typed_cover:
        pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_page()
        pdf.set_font("body", size=14)
        pdf.multi_cell(0, 8, typed_cover)
    for number, text in enumerate(pages):
        image = Image.new("L", (620, 877), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(text.split("\n")):
            draw.text((40, 40 + 18 * row), line, fill=0)
        image_path = path.parent / f"{path.stem}-scan-{number}.png"
        image.save(image_path)
        pdf.add_page()
        pdf.image(str(image_path), x=0, y=0, w=pdf.w)
    pdf.output(str(path))
    return path


# --- Word (python-docx, revisions and numbering in the document's XML) ------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _add_runs(document, paragraph, text: str) -> None:
    """Add ``text`` to a Word paragraph, turning [+ins+], [-del-] and [#comment#] into real revisions."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    position = 0
    last_run = None
    for match in _MARKERS.finditer(text.replace("{-}", "")):
        plain = text.replace("{-}", "")[position:match.start()]
        if plain:
            last_run = paragraph.add_run(plain)
        if match.group(1) is not None or match.group(2) is not None:
            inserted = match.group(1) is not None
            wrapper = OxmlElement("w:ins" if inserted else "w:del")
            wrapper.set(qn("w:id"), str(abs(hash(match.group(0))) % 100000))
            wrapper.set(qn("w:author"), "Editor")
            wrapper.set(qn("w:date"), "2027-01-10T10:00:00Z")
            run = OxmlElement("w:r")
            t = OxmlElement("w:t" if inserted else "w:delText")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = match.group(1) if inserted else match.group(2)
            run.append(t)
            wrapper.append(run)
            paragraph._p.append(wrapper)
        elif match.group(3) is not None and last_run is not None:
            document.add_comment(last_run, text=match.group(3), author="Reviewer", initials="R")
        position = match.end()
    rest = text.replace("{-}", "")[position:]
    if rest:
        paragraph.add_run(rest)


def _numbering_for_headings(document) -> int:
    """Add an abstract list "Recommendation %1" to the document's numbering part; returns its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Recommendation %1"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
        '</w:abstractNum>'
    )
    decimal = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="91"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(_w("num"))
    for element in (abstract, decimal):
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    return 90


def _set_numbering(paragraph, num_id: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def write_docx(blocks: list, path: Path, layout: Layout) -> Path:
    from docx import Document

    document = Document()
    num_id = _numbering_for_headings(document) if layout.numbered_headings else None
    for kind, value in blocks:
        if kind == "title":
            _add_runs(document, document.add_paragraph(style="Title"), value)
        elif kind == "h":
            if num_id is not None and re.fullmatch(r"Recommendation \d+", value):
                paragraph = document.add_paragraph(style="Heading 2")
                _set_numbering(paragraph, num_id)  # the number is Word's, not the text's
            else:
                _add_runs(document, document.add_paragraph(style="Heading 2"), value)
        elif kind == "p":
            _add_runs(document, document.add_paragraph(), value)
        elif kind == "bullets":
            for item in value:
                _add_runs(document, document.add_paragraph(style="List Bullet"), item)
        elif kind == "lettered":
            for item in value:
                paragraph = document.add_paragraph()
                _set_numbering(paragraph, 91)
                _add_runs(document, paragraph, item)
        elif kind == "table":
            table = document.add_table(rows=0, cols=len(value[0]))
            table.style = "Table Grid"
            for row in value:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    parts = text.split("\n\n")
                    _add_runs(document, cell.paragraphs[0], parts[0])
                    for part in parts[1:]:
                        if part.startswith("- "):
                            for item in part.split("\n"):
                                _add_runs(document, cell.add_paragraph(style="List Bullet"), item[2:])
                        else:
                            _add_runs(document, cell.add_paragraph(), part)
    document.save(str(path))
    return path


# --- OpenDocument (odfpy) --------------------------------------------------------------------------


def write_odt(blocks: list, path: Path, layout: Layout) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties, Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P

    document = OpenDocumentText()
    bold = Style(name="Heading", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    document.styles.addElement(bold)
    bullets = ListStyle(name="Bullets")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.25in", minlabelwidth="0.25in"))
    bullets.addElement(level)
    document.automaticstyles.addElement(bullets)
    for kind, value in blocks:
        if kind in ("title", "h"):
            document.text.addElement(H(outlinelevel=1 if kind == "title" else 2, stylename=bold,
                                       text=final_text(value)))
        elif kind == "p":
            document.text.addElement(P(text=final_text(value)))
        elif kind == "bullets":
            items = List(stylename=bullets)
            for item in value:
                entry = ListItem()
                entry.addElement(P(text=final_text(item)))
                items.addElement(entry)
            document.text.addElement(items)
        elif kind == "table":
            table = Table(name=f"Table{id(value) % 1000}")
            table.addElement(TableColumn(numbercolumnsrepeated=len(value[0])))
            for row in value:
                tr = TableRow()
                for cell in row:
                    tc = TableCell()
                    for part in final_text(cell).split("\n\n"):
                        tc.addElement(P(text=part))
                    tr.addElement(tc)
                table.addElement(tr)
            document.text.addElement(table)
    document.save(str(path))
    return path


# --- Web page (a plain template) -------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title} | Office of the PCC</title>
<style>body {{ font-family: sans-serif; }}</style><script>window.dataLayer = [];</script></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to make this site work. Accept all cookies?</p>
<button>Accept</button></div>
<header class="site-header"><a href="/">Office of the Police and Crime Commissioner</a>
<nav><ul><li><a href="/about">About the Commissioner</a></li><li><a href="/news">News</a></li></ul></nav></header>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/publications">Publications</a></nav>
{main_open}
{content}
{main_close}
<aside><h2>Related publications</h2><p>Annual report 2026</p></aside>
<footer><p>© 2027 Office of the Police and Crime Commissioner. Privacy notice. Accessibility.</p></footer>
</body></html>
"""


def write_html(blocks: list, path: Path, layout: Layout) -> Path:
    parts: list[str] = []
    for kind, value in blocks:
        if kind == "title":
            parts.append(f"<h1>{html.escape(final_text(value))}</h1>")
        elif kind == "h":
            parts.append(f"<h2>{html.escape(final_text(value))}</h2>")
        elif kind == "p":
            parts.append(f"<p>\n  {html.escape(final_text(value))}\n</p>")
        elif kind == "bullets":
            parts.append("<ul>" + "".join(f"<li>{html.escape(final_text(i))}</li>" for i in value) + "</ul>")
        elif kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(final_text(c))}</td>" for c in row) + "</tr>"
                           for row in value)
            parts.append(f"<table>{rows}</table>")
    main = layout.extra.get("main", True)
    title = next((v for k, v in blocks if k == "title"), "Response")
    path.write_text(PAGE.format(title=html.escape(title), content="\n".join(parts),
                                main_open='<main id="content"><article>' if main else '<div class="page">',
                                main_close="</article></main>" if main else "</div>"), encoding="utf-8")
    return path


# --- Markdown as Google Docs exports it --------------------------------------------------------------

_GDOCS_ESCAPES = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def write_gdocs_markdown(blocks: list, path: Path, layout: Layout) -> Path:
    """Markdown the way Google Docs' "Download as Markdown" writes it: bold headings, escaped punctuation."""

    def escape(text: str) -> str:
        return _GDOCS_ESCAPES.sub(r"\\\1", final_text(text))

    lines: list[str] = []
    for kind, value in blocks:
        if kind == "title":
            lines += [f"# {escape(value)}", ""]
        elif kind == "h":
            lines += [f"**{escape(value)}**", ""]
        elif kind == "p":
            lines += [escape(value), ""]
        elif kind == "bullets":
            lines += [f"* {escape(item)}" for item in value] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


WRITERS = {"pdf": write_pdf, "docx": write_docx, "odt": write_odt, "html": write_html, "md": write_gdocs_markdown}
