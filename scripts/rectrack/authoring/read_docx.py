"""Read a Word (.docx) file from its XML: the text as Word shows it with all changes accepted.

python-docx opens the package; the paragraphs are read from the XML with lxml because the parts of
the text that matter here are ones python-docx's ``text`` does not give: tracked insertions (kept)
and deletions (dropped), list numbers Word draws ("Recommendation 4" from automatic numbering),
symbol-font bullets and field results. Comments live in their own part and are never read as text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from rectrack.authoring.blocks import DocumentError, Doubt, Location, Paragraph, ReadDocument, Removed, Table, needs
from rectrack.authoring.docx_numbering import Numbering, q
from rectrack.authoring.text import bullet_item, reflow

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Elements whose content is not part of the document's text as shown with all changes accepted.
_SKIP = {q("del"), q("moveFrom"), q("pPr"), q("rPr"), q("instrText"), q("delText"), q("txbxContent"),
         q("footnoteReference"), q("endnoteReference"), q("commentReference"), q("tblPr"), q("trPr"),
         q("tcPr"), q("sdtPr"), q("sdtEndPr"), _MC_FALLBACK}


def read_docx(path: Path) -> ReadDocument:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # a dependency since the site makes Word templates; guarded for a broken install
        raise needs(path, "docx", "python-docx") from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(
            path,
            f"not a readable Word document ({exc.__class__.__name__}: {exc})",
            "Open it in Word and save it again as .docx, or export it to PDF and import that.",
        ) from exc
    part = document.part
    numbering_xml = None
    try:
        numbering_xml = part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_xml = None
    styles_xml = part.styles.element if part.styles is not None else None
    return _Reader(Numbering(numbering_xml, styles_xml), styles_xml).read(document.element.body, part)


class _Reader:
    def __init__(self, numbering: Numbering, styles_xml) -> None:
        self.numbering = numbering
        self.style_names: dict[str, str] = {}
        self.bold_styles: set[str] = set()
        if styles_xml is not None:
            for style in styles_xml.iter(q("style")):
                name = style.find(q("name"))
                style_id = style.get(q("styleId"))
                self.style_names[style_id] = (name.get(q("val")) if name is not None else style_id) or ""
                bold = style.find(f"{q('rPr')}/{q('b')}")
                if bold is not None and bold.get(q("val")) not in ("0", "false"):
                    self.bold_styles.add(style_id)
        self.blocks: list[Paragraph | Table] = []
        self.removed: list[Removed] = []
        self.doubts: list[Doubt] = []
        self.paragraphs = 0
        self.tables = 0
        self.pending_list: list[str] = []
        self.pending_where: Location | None = None
        self.carry = ""  # text of a paragraph whose mark was deleted: it runs on into the next

    def read(self, body, part) -> ReadDocument:
        for element in _content(body):
            if element.tag == q("tbl"):
                self._flush_list()
                self.tables += 1
                self.blocks.append(self._table(element, self.tables))
            elif element.tag == q("p"):
                self._paragraph(element)
        self._flush_list()
        self._note_comments(part)
        return ReadDocument(tuple(self.blocks), tuple(self.removed), tuple(self.doubts), paragraphs_final=True)

    # Paragraphs ------------------------------------------------------------------------------------

    def _paragraph(self, p) -> None:
        text = self.carry + paragraph_text(p)
        self.carry = ""
        self._note_revisions(p)
        if _mark_deleted(p):
            self.carry = text
            return
        label = self.numbering.label(p)
        text = reflow(text.split("\n"))
        if not text and not (label and label.text):
            return
        self.paragraphs += 1
        where = Location(f"paragraph {self.paragraphs}")
        heading = self._is_heading(p, text)
        if label is not None and not label.bullet:
            sep = "" if label.suffix == "nothing" or not text else " "
            text = f"{label.text}{sep}{text}".strip()
            heading = heading or text.casefold().startswith("recommendation")
        if label is not None and not heading:
            item = f"- {text}" if label.bullet else text
            self.pending_where = self.pending_where or where
            self.pending_list.append(item)
            return
        bullet = bullet_item(text)
        if bullet is not None and not heading:
            self.pending_where = self.pending_where or where
            self.pending_list.append(f"- {bullet}")
            return
        self._flush_list()
        self.blocks.append(Paragraph(text, where, heading=heading))

    def _flush_list(self) -> None:
        if self.pending_list and self.pending_where is not None:
            self.blocks.append(Paragraph("\n".join(self.pending_list), self.pending_where))
        self.pending_list, self.pending_where = [], None

    def _style_id(self, p) -> str:
        style = p.find(f"{q('pPr')}/{q('pStyle')}")
        return (style.get(q("val")) if style is not None else None) or "Normal"

    def _is_heading(self, p, text: str) -> bool:
        style_id = self._style_id(p)
        name = self.style_names.get(style_id, style_id).casefold()
        if name.startswith("heading") or name == "title" or p.find(f"{q('pPr')}/{q('outlineLvl')}") is not None:
            return True
        # A short paragraph in bold throughout is how many offices mark a heading by hand.
        runs = [r for r in _runs(p) if "".join(t.text or "" for t in r.iter(q("t"))).strip()]
        return bool(runs) and len(text.split()) <= 12 and all(
            _bold(r) or style_id in self.bold_styles for r in runs
        )

    def _note_revisions(self, p) -> None:
        where = Location(f"paragraph {self.paragraphs + 1}")
        for deleted in p.iter(q("del"), q("moveFrom")):
            text = "".join(t.text or "" for t in deleted.iter(q("delText"), q("t")))
            if text.strip():
                self.removed.append(Removed(text, where, "tracked deletion (changes are read as accepted)"))
        for box in p.iter(q("txbxContent")):
            text = " ".join("".join(t.text or "" for t in x.iter(q("t"))) for x in box.iter(q("p"))).strip()
            if text:
                self.doubts.append(Doubt(text, where, "text in a text box is not read; copy it by hand if it is part "
                                         "of the response"))

    def _note_comments(self, part) -> None:
        try:
            comments = part._comments_part.element  # python-docx >= 1.2
        except (AttributeError, KeyError, NotImplementedError):
            return
        for comment in comments.iter(q("comment")):
            text = " ".join("".join(t.text or "" for t in x.iter(q("t"))) for x in comment.iter(q("p"))).strip()
            author = comment.get(q("author")) or "someone"
            self.removed.append(Removed(text, Location("comments"), f"comment by {author} (comments are not text)"))

    # Tables ----------------------------------------------------------------------------------------

    def _table(self, tbl, number: int) -> Table:
        rows: list[tuple[str, ...]] = []
        locations: list[Location] = []
        for row_number, tr in enumerate((r for r in tbl if r.tag == q("tr")), start=1):
            rows.append(tuple(self._cell(tc) for tc in _cells(tr)))
            locations.append(Location(f"table {number}, row {row_number}"))
        return Table(tuple(rows), Location(f"table {number}"), tuple(locations))

    def _cell(self, tc) -> str:
        parts: list[str] = []
        in_list = False
        for element in _content(tc):
            if element.tag == q("tbl"):
                nested = self._table(element, 0)
                parts.append("\n".join(" | ".join(row) for row in nested.rows))
                in_list = False
                continue
            if element.tag != q("p"):
                continue
            self._note_revisions(element)
            text = reflow(paragraph_text(element).split("\n"))
            label = self.numbering.label(element)
            if label is not None and not label.bullet and label.text:
                text = f"{label.text} {text}".strip()
            if not text:
                continue
            item = bullet_item(text)
            if label is not None and label.bullet:
                item = text
            if item is not None:
                line = f"- {item}"
                if in_list:
                    parts[-1] = f"{parts[-1]}\n{line}"
                else:
                    parts.append(line)
                in_list = True
            else:
                parts.append(text)
                in_list = False
        return "\n\n".join(parts)


def showing_placeholder(sdt) -> bool:
    """Is this content control showing its placeholder ("Choose one")? Word shows that text until someone
    types or chooses, and it is not the document's text."""
    return sdt.find(f"{q('sdtPr')}/{q('showingPlcHdr')}") is not None


def _content(container):
    """Block-level children in order, looking inside content controls and custom XML."""
    for child in container:
        if child.tag == q("sdt") and showing_placeholder(child):
            continue
        if child.tag in (q("sdt"), q("customXml")):
            inner = child.find(q("sdtContent")) if child.tag == q("sdt") else child
            if inner is not None:
                yield from _content(inner)
        elif child.tag in (q("p"), q("tbl")):
            yield child


def _cells(tr):
    for child in tr:
        if child.tag == q("tc"):
            yield child
        elif child.tag == q("sdt") and showing_placeholder(child):
            continue
        elif child.tag in (q("sdt"), q("customXml")):
            inner = child.find(q("sdtContent")) if child.tag == q("sdt") else child
            if inner is not None:
                yield from _cells(inner)


def _runs(p):
    for run in p.iter(q("r")):
        if not any(a.tag in (q("del"), q("moveFrom")) for a in run.iterancestors()):
            yield run


def _bold(run) -> bool:
    bold = run.find(f"{q('rPr')}/{q('b')}")
    return bold is not None and bold.get(q("val")) not in ("0", "false")


def _mark_deleted(p) -> bool:
    return p.find(f"{q('pPr')}/{q('rPr')}/{q('del')}") is not None


def paragraph_text(p) -> str:
    """The paragraph's text as Word shows it with tracked changes accepted."""
    out: list[str] = []
    _walk(p, out)
    return "".join(out)


def _walk(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == q("t"):
            out.append(child.text or "")
        elif tag == q("tab"):
            out.append(" ")
        elif tag in (q("br"), q("cr")):
            out.append("\n")
        elif tag == q("noBreakHyphen"):
            out.append("-")
        elif tag == q("softHyphen"):
            continue
        elif tag == q("sdt") and showing_placeholder(child):
            continue
        elif tag == q("sym"):
            code = child.get(q("char")) or ""
            try:
                out.append(chr(int(code, 16)))
            except ValueError:
                continue
        else:
            _walk(child, out)
