"""Fill in a Word template with python-docx the way an office does in Word, for the template tests.

Each function does what a person does with the keyboard or mouse in one of the template's shaded
boxes, and leaves the XML as Word would: typing into an empty box replaces its one empty paragraph;
Enter starts a new paragraph; the bullet button makes a list paragraph; choosing from the drop-down
list or the date picker replaces the placeholder and clears Word's "showing placeholder" flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml.ns import qn

#: A paragraph to type: plain text, or ("bullet", text) for an item of a bulleted list.
Typed = str | tuple[str, str]


def open_template(data: bytes, tmp: Path) -> docx.document.Document:
    path = tmp / "template.docx"
    path.write_bytes(data)
    return docx.Document(str(path))


def box(document: docx.document.Document, label: str):
    """The shaded cell beside ``label`` (the label cell's first paragraph)."""
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            if cells[0].paragraphs[0].text == label:
                return cells[1]
    raise KeyError(f"no box labelled {label!r}")


def type_into(document: docx.document.Document, label: str, paragraphs: Sequence[Typed]) -> None:
    """Type ``paragraphs`` into the box: the first replaces the empty paragraph, Enter before each other."""
    cell = box(document, label)
    for p in list(cell.paragraphs)[1:]:
        p._p.getparent().remove(p._p)
    first = cell.paragraphs[0]
    for run in list(first.runs):
        run._r.getparent().remove(run._r)
    for index, item in enumerate(paragraphs):
        style, text = ("List Bullet", item[1]) if isinstance(item, tuple) else (None, item)
        paragraph = first if index == 0 else cell.add_paragraph()
        if style is not None:
            paragraph.style = document.styles[style]
        paragraph.add_run(text)


def choose(document: docx.document.Document, label: str, shown: str, full_date: str | None = None) -> None:
    """Pick ``shown`` in the box's drop-down list (or date picker, with ``full_date`` as Word stores it)."""
    cell = box(document, label)
    sdt = cell._tc.find(f".//{qn('w:sdt')}")
    assert sdt is not None, f"the box {label!r} has no content control"
    props = sdt.find(qn("w:sdtPr"))
    flag = props.find(qn("w:showingPlcHdr"))
    if flag is not None:
        props.remove(flag)
    if full_date is not None:
        props.find(qn("w:date")).set(qn("w:fullDate"), f"{full_date}T00:00:00Z")
    content = sdt.find(qn("w:sdtContent"))
    runs = content.findall(qn("w:r"))
    for run in runs[1:]:
        content.remove(run)
    run = runs[0]
    props_r = run.find(qn("w:rPr"))
    if props_r is not None:
        run.remove(props_r)  # Word drops the placeholder's grey style from what was chosen
    run.find(qn("w:t")).text = shown


def save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path
