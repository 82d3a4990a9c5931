"""The Word template an office fills in to give its response: one .docx per report and organisation.

The template lists exactly the recommendations addressed to the organisation (a group owner such as
"forces" counts for each member), each with its wording, and gives every answer its own shaded box in
a two-column table (label | box): the response's text, the implementation claim (a drop-down list of
the allowed values, which the label also states, for editors without content controls) and the
evidence sentence; one table before them holds the document's title, date, web address, author and
foreword. No YAML anywhere. ``rectrack import-response`` reads it back
(:mod:`rectrack.authoring.read_template`) from the same :class:`Layout`, which is why the layout is a
value of its own: the boxes' labels are how the reader knows which answer is which, and every other
line of the template is text it expects, so that text typed anywhere else is reported, never dropped.

How it is written, and why. python-docx makes the package once per process (styles, numbering, page
set-up: :func:`_base`); each template's body is then written as WordprocessingML with lxml and zipped
with fixed timestamps. Going through python-docx's API for every paragraph cost about 75 ms of CPU per
template on this machine (mostly looking styles up by name), about 6 minutes for the 4,600 templates of
the benchmark's national tracker; this way a template costs a few milliseconds, and the bytes are the
same for the same data (reproducible builds).
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from rectrack.data.model import IMPLEMENTATION_STATES, S55_KINDS, Dataset, Organisation, Recommendation, Report, Site
from rectrack.wording import (
    TEMPLATE_ANSWER_FIELDS,
    TEMPLATE_CHOICES,
    TEMPLATE_DOCUMENT_FIELDS,
    TEMPLATE_SECTIONS,
    template_instructions,
    template_reference,
    template_title,
)

#: Bumped when the layout changes in a way an older template would no longer be read by.
VERSION = 1
#: The reference line's form: "rectrack-template/1/REPORT/ORG" (ids are slugs).
REFERENCE = re.compile(r"rectrack-template/(?P<version>\d+)/(?P<report>[a-z0-9-]+)/(?P<owner>[a-z0-9-]+)")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Characters XML 1.0 cannot hold (validated data has none; this keeps a template well-formed regardless).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

# Page and table geometry (twentieths of a point): A4, 2 cm margins, label column a third of the width.
_TEXT_WIDTH = 9638
_LABEL_WIDTH = 3300
_BOX_WIDTH = _TEXT_WIDTH - _LABEL_WIDTH
_BOX_FILL = "FFF4CE"  # the answer boxes' shading: pale yellow, black text on it has a contrast of 19:1
_ROW_HEIGHT = {"text": 1400, "line": 500, "choice": 500, "date": 500}


@dataclass(frozen=True)
class Box:
    """One answer place: what goes in it, its label and hint as printed, and what the reader makes of it."""

    #: title | published | url | author | foreword (the document) or action | implementation | evidence.
    key: str
    #: The recommendation it answers (local id), or None for the document's own fields.
    recommendation: str | None
    label: str
    hint: str
    #: text (paragraphs and lists) | line (one line) | choice (a drop-down list) | date (a date picker).
    kind: str
    #: What the box holds before anyone types (the author, from organisations.yaml).
    prefill: str = ""


@dataclass(frozen=True)
class Item:
    """A recommendation as the template prints it, and its three boxes."""

    recommendation: Recommendation
    heading: str
    #: The wording as printed: the text, then each bullet.
    wording: tuple[str, ...]
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Layout:
    """Everything one template says, in order; the writer prints it and the reader checks against it."""

    report: Report
    owner: Organisation
    title: str
    reference: str
    instructions: tuple[str, ...]
    document_boxes: tuple[Box, ...]
    items: tuple[Item, ...]

    def document_box(self, key: str) -> Box:
        return next(box for box in self.document_boxes if box.key == key)

    @property
    def boxes(self) -> tuple[Box, ...]:
        return self.document_boxes + tuple(box for item in self.items for box in item.boxes)

    def fixed_lines(self) -> tuple[str, ...]:
        """Every line of the template outside the tables: a line anywhere else was typed by someone."""
        lines = [self.title, self.reference, *self.instructions, *TEMPLATE_SECTIONS.values()]
        for item in self.items:
            lines += [item.heading, *item.wording]
        return tuple(lines)


def rec_reference(rec: Recommendation) -> str:
    """How the boxes name a recommendation: "recommendation 4", or its id where the report gives no number."""
    return f"recommendation {rec.local}"


def layout(report: Report, owner: Organisation, recommendations: Sequence[Recommendation], site: Site,
           author: str, statutory: bool) -> Layout:
    """The template for ``owner`` on ``report``; ``recommendations`` are those addressed to it, in order.

    ``author`` prefills "Who published it" (who answered for the organisation when the report was
    published); ``statutory`` says whether section 55 applies to it on this report.
    """
    items = []
    for rec in recommendations:
        ref = rec_reference(rec)
        boxes = tuple(Box(key, rec.local, label.format(rec=ref), hint, kind)
                      for key, label, hint, kind in TEMPLATE_ANSWER_FIELDS)
        heading = (f"Recommendation {rec.number}: {rec.short_title}" if rec.number is not None
                   else f"{rec.short_title} (no number given; reference {rec.local})")
        items.append(Item(rec, heading, (rec.text, *rec.actions), boxes))
    document = tuple(Box(key, None, label, hint, kind, prefill=author if key == "author" else "")
                     for key, label, hint, kind in TEMPLATE_DOCUMENT_FIELDS)
    return Layout(
        report=report, owner=owner,
        title=template_title(owner.name, report.title),
        reference=template_reference(f"rectrack-template/{VERSION}/{report.id}/{owner.id}"),
        instructions=template_instructions(owner.name, len(items), statutory, site.contact_email, site.contact_url),
        document_boxes=document, items=tuple(items),
    )


def layout_for(dataset: Dataset, report: Report, owner: Organisation) -> Layout:
    """The template of ``owner`` on ``report``: what the site publishes and what the import reads against.

    The recommendations are those of the report whose owners include ``owner``, directly or through a
    group (each member of "forces" has the duty), in the report's order, as ``derive`` makes duties;
    the author is who answered for it when the report was published (a force's local policing body).
    """
    recs = dataset.addressed_to(report.id, owner.id)
    answerer = owner.answerer(report.published.earliest)
    return layout(report, owner, recs, dataset.site, answerer.title if answerer else owner.name,
                  report.regime == "s55" and owner.kind in S55_KINDS)


# --- Writing the .docx ----------------------------------------------------------------------------


def template_docx(plan: Layout) -> bytes:
    """The .docx bytes of ``plan``: the same bytes for the same data."""
    base = _base()
    body = _Body(base.styles)
    body.paragraph(plan.title, "title")
    body.paragraph(plan.reference, "reference")
    body.paragraph(TEMPLATE_SECTIONS["instructions"], "heading1")
    for line in plan.instructions:
        body.paragraph(line, "bullet")
    body.paragraph(TEMPLATE_SECTIONS["document"], "heading1")
    body.table(plan.document_boxes, "The published document: its title, date, web address, author and foreword")
    body.paragraph(TEMPLATE_SECTIONS["recommendations"], "heading1")
    for item in plan.items:
        body.body.extend(copy.deepcopy(element) for element in _item_elements(item))
    return _zip({"docProps/core.xml": _core(plan.title), "word/document.xml": body.document(base.section)})


@functools.lru_cache(maxsize=8192)  # bounded: `rectrack serve` rebuilds for hours
def _item_elements(item: Item) -> tuple:
    """One recommendation's heading, wording and boxes, made once per build and copied into each template
    that lists it: they are the same for every organisation that must answer it (most of each file)."""
    body = _Body(_base().styles)
    body.paragraph(item.heading, "heading2")
    body.paragraph(item.wording[0], "wording")
    for action in item.wording[1:]:
        body.paragraph(action, "wording_bullet")
    body.table(item.boxes, f"Your answer to {rec_reference(item.recommendation)}")
    return tuple(body.body)


class _Body:
    """Builds ``w:body`` with lxml: every string becomes a text node, so nothing needs escaping by hand."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.etree = etree = _etree()
        self.styles = styles
        self.root = etree.Element(_w("document"), nsmap={"w": W})
        self.body = etree.SubElement(self.root, _w("body"))

    def el(self, parent, tag: str, **attrs: str):
        element = self.etree.SubElement(parent, _w(tag))
        for name, value in attrs.items():
            element.set(_w(name), value)
        return element

    def run(self, parent, text: str, char_style: str | None = None) -> None:
        run = self.el(parent, "r")
        if char_style is not None:
            self.el(self.el(run, "rPr"), "rStyle", val=self.styles[char_style])
        t = self.el(run, "t")
        t.text = _NOT_XML.sub(" ", text)
        t.set(_XML_SPACE, "preserve")

    def paragraph(self, text: str, style: str, parent=None):
        p = self.el(self.body if parent is None else parent, "p")
        self.el(self.el(p, "pPr"), "pStyle", val=self.styles[style])
        if text:
            self.run(p, text)
        return p

    def table(self, boxes: Sequence[Box], caption: str) -> None:
        tbl = self.el(self.body, "tbl")
        props = self.el(tbl, "tblPr")
        self.el(props, "tblStyle", val=self.styles["grid"])
        self.el(props, "tblW", w=str(_TEXT_WIDTH), type="dxa")
        self.el(props, "tblLayout", type="fixed")
        self.el(props, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="1", lastColumn="0",
                noHBand="1", noVBand="1")
        self.el(props, "tblCaption", val=caption)
        grid = self.el(tbl, "tblGrid")
        self.el(grid, "gridCol", w=str(_LABEL_WIDTH))
        self.el(grid, "gridCol", w=str(_BOX_WIDTH))
        for box in boxes:
            tr = self.el(tbl, "tr")
            row = self.el(tr, "trPr")
            self.el(row, "cantSplit")
            self.el(row, "trHeight", val=str(_ROW_HEIGHT[box.kind]), hRule="atLeast")
            label = self._cell(tr, _LABEL_WIDTH)
            self.paragraph(box.label, "label", label)
            self.paragraph(box.hint, "hint", label)
            cell = self._cell(tr, _BOX_WIDTH, fill=_BOX_FILL)
            p = self.paragraph(box.prefill, "box", cell)
            if box.kind == "choice":
                self._choice(p, box)
            elif box.kind == "date":
                self._date(p, box)

    def _cell(self, tr, width: int, fill: str | None = None):
        tc = self.el(tr, "tc")
        props = self.el(tc, "tcPr")
        self.el(props, "tcW", w=str(width), type="dxa")
        if fill:
            self.el(props, "shd", val="clear", color="auto", fill=fill)
        return tc

    def _control(self, p, box: Box, placeholder: str):
        """An inline content control showing ``placeholder`` (Word removes it as soon as one types or chooses)."""
        sdt = self.el(p, "sdt")
        props = self.el(sdt, "sdtPr")
        self.el(self.el(props, "rPr"), "rStyle", val=self.styles["placeholder"])
        self.el(props, "alias", val=box.label)
        self.el(props, "tag", val=f"rectrack:{box.key}:{box.recommendation or ''}")
        self.el(props, "showingPlcHdr")
        content = self.el(sdt, "sdtContent")
        self.run(content, placeholder, "placeholder")
        return props

    def _choice(self, p, box: Box) -> None:
        # sdtPr's children are ordered by the schema: the list comes last, after showingPlcHdr.
        props = self._control(p, box, TEMPLATE_CHOICES["placeholder"])
        listing = self.el(props, "dropDownList")
        for state in IMPLEMENTATION_STATES:
            self.el(listing, "listItem", displayText=TEMPLATE_CHOICES[state], value=state)

    def _date(self, p, box: Box) -> None:
        props = self._control(p, box, TEMPLATE_CHOICES["date"])
        picker = self.el(props, "date")
        self.el(picker, "dateFormat", val="d MMMM yyyy")
        self.el(picker, "lid", val="en-GB")
        self.el(picker, "storeMappedDataAs", val="dateTime")
        self.el(picker, "calendar", val="gregorian")

    def document(self, section: bytes) -> bytes:
        self.body.append(self.etree.fromstring(section))
        return self.etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _etree():
    """lxml's etree, imported when a template is first made (not by every command that imports this module)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _core(title: str) -> bytes:
    """The document's properties: its title (which Word's accessibility checker asks for), no dates."""
    etree = _etree()
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    etree.SubElement(root, f"{{{dc}}}title").text = _NOT_XML.sub(" ", title)
    etree.SubElement(root, f"{{{dc}}}language").text = "en-GB"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(own: dict[str, bytes]) -> bytes:
    """The .docx of the shared parts and a template's ``own`` parts (its text and its title).

    The shared parts (styles, numbering, settings: 10 of the 12) are the same in every template, so they
    are compressed once (:func:`_shared_zip`) and each template adds its own two parts to a copy of that
    archive: at 170 generated reports (4,627 templates) compressing every part of every file was a third
    of the templates' time.
    """
    buffer = io.BytesIO(_shared_zip())
    with zipfile.ZipFile(buffer, "a") as archive:
        _write_parts(archive, own)
    return buffer.getvalue()


@functools.cache
def _shared_zip() -> bytes:
    """The archive of the parts every template shares, ``[Content_Types].xml`` first as Word writes it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _write_parts(archive, {name: part for name, part in _base().parts.items() if name not in _OWN_PARTS})
    return buffer.getvalue()


#: The parts each template writes itself (:func:`template_docx`); the others are :func:`_base`'s.
_OWN_PARTS = ("docProps/core.xml", "word/document.xml")


def _write_parts(archive: zipfile.ZipFile, parts: dict[str, bytes]) -> None:
    # Level 1: a third less time than the default for about 12% more bytes (measured on the shipped templates).
    for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
        info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, parts[name], compresslevel=1)


@dataclass(frozen=True)
class _Base:
    parts: dict[str, bytes]
    #: Role (title, heading1, label, ...) -> style id.
    styles: dict[str, str]
    #: The body's section properties (A4, margins), as XML.
    section: bytes


#: The styles the template uses, by role: (name, kind, based on); None for python-docx's own.
_STYLES: dict[str, tuple[str, str, str | None]] = {
    "title": ("Title", "paragraph", None),
    "heading1": ("Heading 1", "paragraph", None),
    "heading2": ("Heading 2", "paragraph", None),
    "bullet": ("List Bullet", "paragraph", None),
    "grid": ("Table Grid", "table", None),
    "reference": ("Rectrack Reference", "paragraph", "Normal"),
    "wording": ("Rectrack Recommendation", "paragraph", "Normal"),
    "wording_bullet": ("Rectrack Recommendation Bullet", "paragraph", "List Bullet"),
    "label": ("Rectrack Label", "paragraph", "Normal"),
    "hint": ("Rectrack Hint", "paragraph", "Normal"),
    "box": ("Rectrack Answer", "paragraph", "Normal"),
    "placeholder": ("Placeholder Text", "character", None),
}


#: Relationship types of python-docx's default parts that no template needs.
_UNUSED_PARTS = ("/stylesWithEffects", "/customXml", "/thumbnail")


@functools.cache
def _base() -> _Base:
    """The package every template shares, made once by python-docx: styles, numbering, A4 page set-up.

    Parts no template needs are dropped (python-docx's thumbnail, the styles-with-effects copy, the
    latent style list), which keeps each file near 15 KB instead of 37 KB.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Mm, Pt, RGBColor

    document = docx.Document()
    styles = document.styles
    kinds = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER}
    for _, (name, kind, based_on) in _STYLES.items():
        if based_on is None and name != "Placeholder Text":
            continue
        style = styles.add_style(name, kinds[kind])
        if based_on is not None:
            style.base_style = styles[based_on]
    styles["Rectrack Reference"].font.size = Pt(9)
    styles["Rectrack Reference"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    styles["Placeholder Text"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)  # 7:1 on the box's pale yellow
    for name in ("Rectrack Recommendation", "Rectrack Recommendation Bullet"):
        styles[name].font.italic = True
    styles["Rectrack Recommendation"].paragraph_format.left_indent = Cm(1)
    # The bullets hang inside the recommendation's indent, as the report prints them.
    styles["Rectrack Recommendation Bullet"].paragraph_format.left_indent = Cm(1.6)
    styles["Rectrack Recommendation Bullet"].paragraph_format.first_line_indent = Cm(-0.6)
    styles["Rectrack Label"].font.bold = True
    styles["Rectrack Label"].paragraph_format.space_after = Pt(2)
    styles["Rectrack Hint"].font.size = Pt(9)
    styles["Rectrack Hint"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    for name in ("Rectrack Label", "Rectrack Hint", "Rectrack Answer"):
        styles[name].next_paragraph_style = styles[name]
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    ids = {role: styles[name].style_id for role, (name, _, _) in _STYLES.items()}
    _trim_styles(styles.element, set(ids.values()))
    _british(styles.element)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(_UNUSED_PARTS):
            document.part.drop_rel(rel_id)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith(_UNUSED_PARTS):
            package_rels.pop(rel_id)
    etree = _etree()
    sect = document.element.body.find(_w("sectPr"))
    section_xml = etree.tostring(sect)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return _Base(parts, ids, section_xml)


def _trim_styles(root, used: set[str]) -> None:
    """Keep the styles the template uses and those they rest on (based on, linked, next), and no latent list."""
    def attr(style, tag: str) -> str | None:
        found = style.find(_w(tag))
        return None if found is None else found.get(_w("val"))

    by_id = {s.get(_w("styleId")): s for s in root.iter(_w("style"))}
    keep: set[str] = set()
    pending = list(used | {sid for sid, s in by_id.items() if s.get(_w("default")) == "1"})
    while pending:
        sid = pending.pop()
        if sid in keep:
            continue
        keep.add(sid)
        style = by_id.get(sid)
        if style is None:
            continue
        for tag in ("basedOn", "link", "next"):
            target = attr(style, tag)
            if target and target not in keep:
                pending.append(target)
    for sid, style in by_id.items():
        if sid not in keep:
            root.remove(style)
    latent = root.find(_w("latentStyles"))
    if latent is not None:
        root.remove(latent)


def _british(root) -> None:
    """Spelling and grammar in British English for everything typed into the template."""
    defaults = root.find(_w("docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")
    if rpr is None:
        return
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = _etree().SubElement(rpr, _w("lang"))
    lang.set(_w("val"), "en-GB")
