"""The Word template: it lists exactly what an organisation must answer, and import-response reads back
exactly what an office typed into it (filled with python-docx as Word would be, see ``wordfill``)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from constants import AS_OF
from rectrack.authoring.read_docx import read_docx
from rectrack.cli import cli
from rectrack.derive import derive
from rectrack.word_template import layout_for, template_docx
from wordfill import choose, open_template, save, type_into

REPORT = "hmicfrs-2026-ocsa-mosovo"
OWED_BY_KENT = ["1", "2", "4", "5", "6", "8", "10", "15", "16"]
KENT_FILE = Path("force_responses") / REPORT / "kent.yaml"

# What the office types: several paragraphs, a bulleted list, curly quotes and an apostrophe.
ACTION_1 = [
    "Kent Police uses the Kent internet risk assessment tool (KIRAT) for every referral.",
    "We have also reviewed the “operational prioritisation response tool” and adopted it:",
    ("bullet", "for suspects aged under 18;"),
    ("bullet", "for female suspects’ referrals."),
    "The review’s findings were reported to the PCC in September 2026.",
]
ACTION_1_READ = ("Kent Police uses the Kent internet risk assessment tool (KIRAT) for every referral.\n\n"
                 "We have also reviewed the “operational prioritisation response tool” and adopted it:\n\n"
                 "- for suspects aged under 18;\n- for female suspects’ referrals.\n\n"
                 "The review’s findings were reported to the PCC in September 2026.")
EVIDENCE_1 = "We have also reviewed the “operational prioritisation response tool” and adopted it:"


def template_for(dataset, org: str, report: str = REPORT) -> bytes:
    return template_docx(layout_for(dataset, dataset.report(report), dataset.organisation(org)))


def box_labels(data: bytes, tmp_path: Path) -> list[str]:
    """The recommendations whose response box the template has, as the Word reader sees the file."""
    path = tmp_path / "read.docx"
    path.write_bytes(data)
    labels = []
    for block in read_docx(path).blocks:
        for row in getattr(block, "rows", ()):
            found = re.fullmatch(r"Your response to recommendation (\S+)", row[0].split("\n\n")[0])
            if found:
                labels.append(found.group(1))
    return labels


def import_file(path: Path, data: Path, *options: str):
    return CliRunner().invoke(cli, ["import-response", str(path), *options, "--data", str(data)])


def validate(data: Path, *options: str):
    return CliRunner().invoke(cli, ["validate", "--data", str(data), *options])


# --- What the template lists ------------------------------------------------------------------------


def test_each_template_lists_exactly_the_recommendations_its_owner_must_answer(dataset, tmp_path) -> None:
    """Every (report, organisation) of the tracker: the boxes are the duties derive gives it, in order."""
    tracker = derive(dataset, AS_OF)
    checked = 0
    for status in tracker.reports:
        for owner in status.owners:
            expected = [d.recommendation.local for d in owner.duties]
            assert box_labels(template_for(dataset, owner.owner.id, status.report.id), tmp_path) == expected, (
                status.report.id, owner.owner.id)
            checked += 1
    assert checked == sum(len(s.owners) for s in tracker.reports) > 40


def test_a_group_owner_counts_for_each_member_and_no_one_else(dataset, tmp_path) -> None:
    # "forces" owns 1, 2, 4, ...: Kent answers those; the College answers only its own (3, 9, 11, 12, 14).
    assert box_labels(template_for(dataset, "kent"), tmp_path) == OWED_BY_KENT
    assert box_labels(template_for(dataset, "college-of-policing"), tmp_path) == ["3", "9", "11", "12", "14"]
    # The earlier review's recommendation has no number: its box names its id.
    assert box_labels(template_for(dataset, "kent", "creedon-2023-rso-review"), tmp_path) == ["review-shpos"]


def test_the_template_carries_each_recommendation_s_wording(dataset, tmp_path) -> None:
    path = tmp_path / "kent.docx"
    path.write_bytes(template_for(dataset, "kent"))
    text = "\n".join(getattr(b, "text", "") for b in read_docx(path).blocks)
    for rec in dataset.recommendations:
        if rec.report == REPORT and rec.local in OWED_BY_KENT:
            assert rec.text in text and all(action in text for action in rec.actions), rec.local
    college = dataset.recommendation(f"{REPORT}/3")
    assert college.text not in text
    assert "rectrack-template/1/hmicfrs-2026-ocsa-mosovo/kent" in text
    assert "section 55(5B) of the Police Act 1996" in text  # Kent is a force on an s55 report
    path.write_bytes(template_for(dataset, "college-of-policing"))
    assert "section 55" not in "\n".join(getattr(b, "text", "") for b in read_docx(path).blocks)


def test_the_same_data_gives_the_same_bytes(dataset) -> None:
    first, second = template_for(dataset, "kent"), template_for(dataset, "kent")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_each_template_holds_every_part_of_the_package_once_and_its_own_text(dataset) -> None:
    """Each template is the shared parts, compressed once, with its own text and title added: every part
    the package's content types name is there once, and two organisations' files differ in their own."""
    kent, essex = (zipfile.ZipFile(io.BytesIO(template_for(dataset, org))) for org in ("kent", "essex"))
    with kent, essex:
        names = kent.namelist()
        assert len(names) == len(set(names)), names
        assert sorted(names) == sorted(essex.namelist())
        content_types = kent.read("[Content_Types].xml").decode()
        for name in ("word/document.xml", "docProps/core.xml", "word/styles.xml", "word/numbering.xml"):
            assert name in names and f'PartName="/{name}"' in content_types, name
        assert "Kent" in kent.read("docProps/core.xml").decode() and "Essex" in essex.read("docProps/core.xml").decode()
        assert kent.read("word/document.xml") != essex.read("word/document.xml")
        assert kent.read("word/styles.xml") == essex.read("word/styles.xml")


# --- Filled in and read back ---------------------------------------------------------------------------


def fill_document_boxes(document) -> None:
    type_into(document, "Title of the published document", ["Kent PCC’s response to the spotlight report"])
    choose(document, "Date it was published", "31 December 2026", full_date="2026-12-31")
    type_into(document, "Web address where it is published", ["https://www.kent-pcc.gov.uk/response"])
    type_into(document, "Foreword (if any)", ["I welcome this report.", "It matters to every child in Kent."])


def test_an_office_fills_every_box_and_the_import_reads_back_exactly_what_it_typed(dataset, data_copy,
                                                                                  tmp_path) -> None:
    document = open_template(template_for(dataset, "kent"), tmp_path)
    fill_document_boxes(document)
    type_into(document, "Your response to recommendation 1", ACTION_1)
    choose(document, "Implementation of recommendation 1", "In progress")
    type_into(document, "Evidence for recommendation 1", [EVIDENCE_1])
    expected = {"1": {"recommendation": 1, "action": ACTION_1_READ, "implementation": "in-progress",
                      "evidence": EVIDENCE_1, "note": None, "as_printed": None}}
    for number in OWED_BY_KENT[1:]:
        action = f"Recommendation {number} is implemented: Kent’s “plan {number}” was agreed in 2026."
        type_into(document, f"Your response to recommendation {number}", [action])
        if number == "16":
            state, evidence = "not-stated", None  # the drop-down left as it was: the response does not say
        else:
            choose(document, f"Implementation of recommendation {number}", "Implemented")
            state, evidence = "implemented", f"Kent’s “plan {number}” was agreed in 2026."
            type_into(document, f"Evidence for recommendation {number}", [evidence])
        expected[number] = {"recommendation": int(number), "action": action, "implementation": state,
                            "evidence": evidence, "note": None, "as_printed": None}
    filled = save(document, tmp_path / "Kent response.docx")

    result = import_file(filled, data_copy)
    assert result.exit_code == 0, result.output
    assert "answers to recommendations 1, 2, 4, 5, 6, 8, 10, 15, 16 of the 9" in result.output
    written = yaml.safe_load((data_copy / KENT_FILE).read_text("utf-8"))
    assert {k: written[k] for k in ("owner", "report", "kind", "author", "published", "source", "foreword")} == {
        "owner": "kent", "report": REPORT, "kind": "first-comments",
        "author": "Police and Crime Commissioner for Kent", "published": "2026-12-31",
        "source": {"title": "Kent PCC’s response to the spotlight report",
                   "url": "https://www.kent-pcc.gov.uk/response", "document": None},
        "foreword": "I welcome this report.\n\nIt matters to every child in Kent.",
    }
    assert written["responses"] == [expected[n] for n in OWED_BY_KENT]
    for options in ((), ("--strict",)):
        checked = validate(data_copy, *options)
        assert checked.exit_code == 0, checked.output
        assert "notice[unanswered]" not in checked.output and "notice[draft]" not in checked.output


def test_a_partly_filled_template_records_the_answers_given_and_the_rest_as_unanswered(dataset, data_copy,
                                                                                      tmp_path) -> None:
    document = open_template(template_for(dataset, "kent"), tmp_path)
    fill_document_boxes(document)
    type_into(document, "Your response to recommendation 4", ["Bail plans are recorded on every case."])
    type_into(document, "Your response to recommendation 10", ["Visits are unannounced."])
    result = import_file(save(document, tmp_path / "partial.docx"), data_copy)
    assert result.exit_code == 0, result.output
    assert "Not answered: recommendations 1, 2, 5, 6, 8, 15, 16" in result.output
    written = yaml.safe_load((data_copy / KENT_FILE).read_text("utf-8"))
    assert [(r["recommendation"], r["action"], r["implementation"], r["evidence"]) for r in written["responses"]] == [
        (4, "Bail plans are recorded on every case.", "not-stated", None),
        (10, "Visits are unannounced.", "not-stated", None)]
    for options in ((), ("--strict",)):
        checked = validate(data_copy, *options)
        assert checked.exit_code == 0, checked.output
        assert "notice[unanswered] responses: no answer to recommendation(s) 1-2, 5-6, 8, 15-16" in checked.output


def test_an_untouched_template_imports_as_a_draft(dataset, data_copy, tmp_path) -> None:
    untouched = tmp_path / "untouched.docx"
    untouched.write_bytes(template_for(dataset, "kent"))
    result = import_file(untouched, data_copy)
    assert result.exit_code == 0, result.output
    assert "no response is filled in, so the file is a draft and nothing is published from it" in result.output
    written = yaml.safe_load((data_copy / KENT_FILE).read_text("utf-8"))
    assert written["responses"] == [] and written["source"]["title"] == "" and written["published"] is None
    for options in ((), ("--strict",)):
        checked = validate(data_copy, *options)
        assert checked.exit_code == 0, checked.output
        assert "notice[draft]" in checked.output and "nothing is published from it" in checked.output


def test_text_the_template_cannot_place_is_listed_and_nothing_is_written(dataset, data_copy, tmp_path) -> None:
    """Every way an office can put an answer where it is not read: each named, with where it is; no file."""
    document = open_template(template_for(dataset, "kent"), tmp_path)
    fill_document_boxes(document)
    type_into(document, "Your response to recommendation 1", ["The answer, in its box."])
    heading = next(p for p in document.paragraphs if p.text.startswith("Recommendation 2:"))
    heading.insert_paragraph_before("Typed under the wrong heading.")  # outside any box
    label_cell = next(row.cells[0] for t in document.tables for row in t.rows
                      if row.cells[0].paragraphs[0].text == "Evidence for recommendation 1")
    label_cell.add_paragraph("Typed beside the box, not in it.")
    choose(document, "Date it was published", "the end of December")
    choose(document, "Implementation of recommendation 4", "Partly done")  # not an allowed value
    type_into(document, "Evidence for recommendation 5", ["Evidence for an answer that is not there."])
    extra = document.tables[1].add_row()
    extra.cells[0].text, extra.cells[1].text = "Our own row", "Text in a row the template lacks."
    result = import_file(save(document, tmp_path / "misplaced.docx"), data_copy)
    assert result.exit_code == 1, result.output
    assert not (data_copy / KENT_FILE).exists()
    out = result.output
    assert "6 piece(s) of text could not be placed; nothing was written" in out
    assert "outside the shaded boxes (after the heading “Recommendation 1: " in out
    assert "Typed under the wrong heading." in out
    assert "row 3, the box “Evidence for recommendation 1”): it is in the left-hand column" in out
    assert "Typed beside the box, not in it." in out
    assert "the end of December" in out and "not a date the tracker can read" in out
    assert "Partly done" in out and "not one of the allowed values: not started, in progress, implemented" in out
    assert "evidence is given for recommendation 5, but its box “Your response to recommendation 5” is empty" in out
    assert "Text in a row the template lacks." in out and "a row the template does not have" in out


def test_a_template_for_someone_else_or_without_its_reference_line(dataset, data_copy, tmp_path) -> None:
    document = open_template(template_for(dataset, "kent"), tmp_path)
    type_into(document, "Your response to recommendation 1", ["An answer."])
    filled = save(document, tmp_path / "kent.docx")
    wrong = import_file(filled, data_copy, "--owner", "essex")
    assert wrong.exit_code == 1 and "the template is for 'kent', not 'essex'" in wrong.output
    assert not list((data_copy / "force_responses" / REPORT).glob("essex*.yaml"))

    reference = next(p for p in document.paragraphs if p.text.startswith("Template reference:"))
    reference._p.getparent().remove(reference._p)
    bare = save(document, tmp_path / "no-reference.docx")
    asked = import_file(bare, data_copy)
    assert asked.exit_code == 2 and "give --owner" in asked.output
    told = import_file(bare, data_copy, "--owner", "kent", "--report", REPORT)
    assert told.exit_code == 0, told.output
    assert yaml.safe_load((data_copy / KENT_FILE).read_text("utf-8"))["responses"][0]["action"] == "An answer."


def test_a_recommendation_without_a_number_is_answered_by_its_id(dataset, data_copy, tmp_path) -> None:
    document = open_template(template_for(dataset, "kent", "creedon-2023-rso-review"), tmp_path)
    type_into(document, "Title of the published document", ["Kent's comments on the SHPO review"])
    type_into(document, "Your response to recommendation review-shpos", ["Every SHPO is reviewed each year."])
    result = import_file(save(document, tmp_path / "shpos.docx"), data_copy)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((data_copy / "force_responses" / "creedon-2023-rso-review" / "kent.yaml").read_text())
    assert written["responses"][0]["recommendation"] == "review-shpos"
    assert validate(data_copy, "--strict").exit_code == 0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_template_saved_again_by_libreoffice_reads_back_the_same(dataset, data_copy, tmp_path) -> None:
    """An office may fill it in LibreOffice: its own .docx keeps the boxes, the choice and the date."""
    document = open_template(template_for(dataset, "kent"), tmp_path)
    fill_document_boxes(document)
    type_into(document, "Your response to recommendation 1", ACTION_1)
    choose(document, "Implementation of recommendation 1", "In progress")
    type_into(document, "Evidence for recommendation 1", [EVIDENCE_1])
    filled = save(document, tmp_path / "filled.docx")
    resaved = tmp_path / "libreoffice"
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(resaved),
                    str(filled)], capture_output=True, timeout=300, check=True)
    result = import_file(resaved / "filled.docx", data_copy)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((data_copy / KENT_FILE).read_text("utf-8"))
    assert written["published"] == "2026-12-31" and written["foreword"].startswith("I welcome this report.")
    assert written["responses"] == [{"recommendation": 1, "action": ACTION_1_READ, "implementation": "in-progress",
                                     "evidence": EVIDENCE_1, "note": None, "as_printed": None}]
