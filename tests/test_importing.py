"""Importing published responses: readers, attribution, and the ``import-response`` command.

The real Devon and Cornwall response is the acceptance test: importing its source document must
reproduce, character for character, the response file that was checked by hand. The other layouts
(Word tables, Word headings, PDF) are built here from the same small texts, so each test states
exactly what it expects.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import minidata
import pytest
import yaml
from click.testing import CliRunner
from constants import DATA
from constants import REPO as ROOT
from docx import Document
from fpdf import FPDF
from rectrack.authoring import Paragraph, import_document, parse_blocks, read_document
from rectrack.authoring.parse import join_page_breaks
from rectrack.authoring.readers import Location, clean_markup
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.model import Recommendation
from rectrack.errors import DocumentError

SHIPPED = "hmicfrs-2026-ocsa-mosovo"
DEVON_SOURCE = DATA / "sources" / "devon-and-cornwall-pcc-response.md"
DEVON_RESPONSE = DATA / "force_responses" / SHIPPED / "devon-and-cornwall.yaml"
REPORT = minidata.REPORT

# --- A small report, used by every synthetic document -------------------------------------------------

REC_DATA = [
    {"number": 1, "owners": ["forces"], "text": "By 31 October 2026, forces should:",
     "actions": ["review how referrals are prioritised so that every suspect is assessed for risk;",
                 "make sure intelligence about suspects is reviewed throughout the investigation."]},
    {"number": 2, "owners": ["forces"],
     "text": "By 30 April 2027, forces should review staffing levels in online child abuse teams to make "
             "sure that they have enough officers and that workloads are manageable.", "actions": []},
    {"number": 3, "owners": ["college-of-policing"],
     "text": "By 31 December 2026, the College of Policing should create authorised professional practice "
             "for investigating online child abuse.", "actions": []},
    {"number": 4, "owners": ["forces"], "text": "By 31 October 2026, forces should:",
     "actions": ["review their procedures so that arrest and bail are considered and recorded for all suspects; and",
                 "make sure bail conditions are checked at least once per applicable bail period."]},
]


def _recommendation(data: dict) -> Recommendation:
    return Recommendation(
        report=REPORT, number=data["number"], local=str(data["number"]), short_title=f"Recommendation {data['number']}",
        deadline=date(2026, 10, 31), deadline_as_printed="31 October 2026", owners=tuple(data["owners"]),
        section="teams", text=data["text"], actions=tuple(data["actions"]),
    )


RECS = [_recommendation(d) for d in REC_DATA]

TITLE = "Response from the Police and Crime Commissioner for Kent to the online abuse report"
FOREWORD = [
    "I welcome this report and its focus on protecting children from abuse.",
    "The force has made real progress – but there is more to do, and I will hold the Chief Constable to account.",
]
ANSWERS = {
    1: ["The force uses the ‘referral prioritisation tool’ for every referral it receives.",
        "Intelligence about every suspect is reviewed every three months until the investigation ends."],
    2: ["Staffing was increased in 2025 and workloads are now below 15 investigations per officer."],
    4: ["Arrest and bail plans are recorded for every suspect.",
        "Bail conditions are checked weekly by the supervising sergeant. We now also:",
        "- audit a sample of bail cases each month;\n- report the results to the chief officer team."],
}
STATUSES = {1: "Complete", 2: "In progress", 4: "Implemented"}


def _expected(number: int) -> str:
    return "\n\n".join(ANSWERS[number])


def write_data_dir(root: Path) -> Path:
    return minidata.write_data_dir(root, REC_DATA, responses_dir=True)


def import_response(document: Path, data: Path, *options: str):
    """``rectrack import-response DOCUMENT OPTIONS --data DATA``, in-process."""
    return CliRunner().invoke(cli, ["import-response", str(document), *options, "--data", str(data)])


def written(data: Path, owner: str = "kent", report: str = REPORT, folder: str = "force_responses") -> Path:
    return data / folder / report / f"{owner}.yaml"


# --- Devon and Cornwall: the real document --------------------------------------------------------------


def _block_value(text: str | None) -> str | None:
    # The hand-written file uses `|` blocks, whose clip chomping adds exactly one final line break
    # that is YAML layout, not part of the response's text.
    if text is not None and text.endswith("\n"):
        return text[:-1]
    return text


@pytest.fixture(scope="module")
def devon() -> tuple[dict, list[Recommendation]]:
    if not DEVON_RESPONSE.exists():
        pytest.skip(f"{DEVON_RESPONSE.relative_to(ROOT)} has not been written yet")
    checked = load_and_validate(DATA)
    assert checked.dataset is not None, "\n".join(p.format() for p in checked.problems[:20])
    raw = yaml.safe_load(DEVON_RESPONSE.read_text(encoding="utf-8"))
    return raw, [r for r in checked.dataset.recommendations if r.report == SHIPPED]


def test_devon_and_cornwall_import_reproduces_the_checked_response(devon) -> None:
    raw, recommendations = devon
    result = import_document(DEVON_SOURCE, recommendations)

    assert result.numbers == tuple(r["recommendation"] for r in raw["responses"])
    for entry, expected in zip(result.entries, raw["responses"], strict=True):
        assert entry.action == _block_value(expected["action"]), f"recommendation {entry.recommendation}"
        assert entry.label == "Action planned/taken"
    assert result.foreword == _block_value(raw["foreword"])
    assert result.title == raw["source"]["title"]
    assert result.unplaced == ()


def test_devon_and_cornwall_page_break_paragraphs_are_joined(devon) -> None:
    _, recommendations = devon
    actions = {e.recommendation: e.action for e in import_document(DEVON_SOURCE, recommendations).entries}
    assert "MOSOVO teams have since been provided with links to organisations" in actions[5]
    assert "currently sits at 85% of visits being unannounced" in actions[10]
    assert "outstanding ARMS and visits. When backlogs occur" in actions[8]


def test_devon_and_cornwall_without_headings_or_labels_gives_the_same_texts(devon, tmp_path: Path) -> None:
    # The same response laid out with neither "Recommendation N" headings nor labels: the quoted
    # recommendation text alone must identify each answer.
    _, recommendations = devon
    lines = DEVON_SOURCE.read_text(encoding="utf-8").split("\n")
    stripped = [line.removeprefix("Action planned/taken: ") for line in lines if not line.startswith("Recommendation ")]
    bare = tmp_path / "bare.md"
    bare.write_text("\n".join(stripped), encoding="utf-8")

    original = import_document(DEVON_SOURCE, recommendations)
    result = import_document(bare, recommendations)

    assert result.numbers == original.numbers
    assert [e.action for e in result.entries] == [e.action for e in original.entries]
    assert [e.label for e in result.entries] == [None] * len(original.entries)
    assert result.unplaced == ()


def test_devon_and_cornwall_imported_file_validates(devon, tmp_path: Path) -> None:
    raw, _ = devon
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    target = written(data, "devon-and-cornwall", SHIPPED)
    target.unlink()

    # Every force owes the earlier review's recommendation too, so the report must be named.
    unnamed = import_response(DEVON_SOURCE, data, "--owner", "devon-and-cornwall")
    assert unnamed.exit_code == 2 and "say which report: --report REPORT-ID" in unnamed.output
    result = import_response(DEVON_SOURCE, data, "--owner", "devon-and-cornwall", "--report", SHIPPED,
                             "--source-document", "sources/devon-and-cornwall-pcc-response.md")

    assert result.exit_code == 0, result.output
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    loaded = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (loaded["owner"], loaded["report"], loaded["kind"]) == ("devon-and-cornwall", SHIPPED, "first-comments")
    assert loaded["author"] == "Police and Crime Commissioner for Devon and Cornwall"
    assert [r["action"] for r in loaded["responses"]] == [_block_value(r["action"]) for r in raw["responses"]]
    assert {r["implementation"] for r in loaded["responses"]} == {"not-stated"}
    assert {r["evidence"] for r in loaded["responses"]} == {None}


# --- Word and PDF layouts -----------------------------------------------------------------------------


def _add_paragraphs(container, text: str, style: str = "Normal") -> None:
    """Add ``text`` to a Word document or table cell, its "- " lines as real Word bullets."""
    for line in text.split("\n"):
        if line.startswith("- "):
            container.add_paragraph(line[2:], style="List Bullet")
        else:
            container.add_paragraph(line, style=style)


def _docx_table(path: Path) -> Path:
    document = Document()
    document.add_paragraph(TITLE, style="Title")
    for paragraph in FOREWORD:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Recommendation", "Response", "Status"], strict=True):
        cell.text = text
    # Three ways a table names its recommendation: "Recommendation 1", the quoted text, a bare number.
    first_cells = {1: "Recommendation 1", 2: REC_DATA[1]["text"], 4: "4"}
    for number, first in first_cells.items():
        cells = table.add_row().cells
        cells[0].text = first
        cells[1].text = ANSWERS[number][0]
        for extra in ANSWERS[number][1:]:
            _add_paragraphs(cells[1], extra)
        cells[2].text = STATUSES[number]
    document.add_paragraph("Yours sincerely,")
    document.save(str(path))
    return path


def test_docx_table_layout(tmp_path: Path) -> None:
    result = import_document(_docx_table(tmp_path / "response.docx"), RECS)

    assert result.title == TITLE
    assert result.foreword == "\n\n".join(FOREWORD)
    assert result.numbers == (1, 2, 4)
    for entry in result.entries:
        assert entry.action == _expected(entry.recommendation)
        assert entry.status_text == STATUSES[entry.recommendation]
        assert entry.label == "Response"
        assert entry.where.description.startswith("table 1, row ")
    # The sign-off after the table is not under any recommendation: it is placed as what it is.
    assert result.unplaced == ()
    assert result.signoff == "Yours sincerely,"
    assert [(p.role, str(p.where)) for p in result.placements if p.text == "Yours sincerely,"] == [
        ("sign-off", "paragraph 4")]


def _heading_layout_paragraphs() -> list[tuple[str, str]]:
    """(style, text) pairs of a response laid out with headings, quotes and labels."""
    out = [("Title", TITLE)] + [("Normal", p) for p in FOREWORD]
    for number in ANSWERS:
        rec = REC_DATA[number - 1]
        out.append(("Heading 2", f"Recommendation {number}"))
        out.append(("Normal", rec["text"]))
        out += [("List Bullet", action) for action in rec["actions"]]
        first, *rest = ANSWERS[number]
        out.append(("Normal", f"Action planned/taken: {first}"))
        out += [("Normal", paragraph) for paragraph in rest]
    return out


def test_docx_headings_and_labels_layout(tmp_path: Path) -> None:
    # Word paragraphs are real paragraphs (Word never splits one at a page break), so a paragraph that
    # stops mid-sentence stays as it is; joining is for text copied out of a PDF.
    document = Document()
    for style, text in _heading_layout_paragraphs():
        _add_paragraphs(document, text, style)
    path = tmp_path / "response.docx"
    document.save(str(path))

    result = import_document(path, RECS)

    assert result.title == TITLE
    assert result.foreword == "\n\n".join(FOREWORD)
    assert result.numbers == (1, 2, 4)
    assert [e.action for e in result.entries] == [_expected(n) for n in (1, 2, 4)]
    assert {e.label for e in result.entries} == {"Action planned/taken"}
    assert {e.status_text for e in result.entries} == {None}
    assert result.unplaced == ()


_LATIN1 = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _flat(text: str) -> str:
    return " ".join(text.translate(_LATIN1).split())


def test_pdf_headings_and_labels_layout(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for style, text in _heading_layout_paragraphs():
        if text == ANSWERS[1][1]:
            # Split the paragraph across a real page break.
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 6, "Intelligence about every suspect is reviewed every")
            pdf.add_page()
            pdf.multi_cell(0, 6, "three months until the investigation ends.")
            pdf.ln(4)
            continue
        pdf.set_font("Helvetica", style="B" if style in ("Title", "Heading 2") else "", size=11)
        shown = f"- {text}" if style == "List Bullet" else text
        pdf.multi_cell(0, 6, shown.translate(_LATIN1))
        pdf.ln(4)
    path = tmp_path / "response.pdf"
    pdf.output(str(path))

    result = import_document(path, RECS)

    assert _flat(result.title or "") == _flat(TITLE)
    assert _flat(result.foreword) == _flat("\n\n".join(FOREWORD))
    assert result.numbers == (1, 2, 4)
    assert [_flat(e.action) for e in result.entries] == [_flat(_expected(n)) for n in (1, 2, 4)]
    assert result.entries[0].where.description == "page 1, paragraph 7"
    assert result.unplaced == ()


# --- What cannot be placed ------------------------------------------------------------------------------

UNPLACEABLE = f"""{TITLE}

{FOREWORD[0]}

**Recommendation 1**

By 31 October 2026, forces should:
- review how referrals are prioritised so that every suspect is assessed for risk;
- make sure intelligence about suspects is reviewed throughout the investigation.

**Action planned/taken:** {ANSWERS[1][0]}

Recommendation 2

We believe our staffing is adequate and keep it under review.

Recommendation 17

Action planned/taken: The force has done everything the seventeenth recommendation asks.
"""


def test_unknown_recommendation_and_unlabelled_text_are_unplaced(tmp_path: Path) -> None:
    path = tmp_path / "response.md"
    path.write_text(UNPLACEABLE, encoding="utf-8")

    result = import_document(path, RECS)

    assert result.numbers == (1,)
    assert result.entries[0].action == ANSWERS[1][0]
    found = [(u.text, u.where.line) for u in result.unplaced]
    assert found == [
        ("We believe our staffing is adequate and keep it under review.", 15),
        ("Recommendation 17", 17),
        ("The force has done everything the seventeenth recommendation asks.", 19),
    ]
    reasons = [u.reason for u in result.unplaced]
    assert "neither the recommendation's text nor introduced by a label" in reasons[0]
    assert reasons[1].startswith("there is no recommendation 17 in the report (known: 1-4)")
    assert "recommendation 17, which the report does not have" in reasons[2]


def test_import_command_writes_what_it_placed_and_exits_1_naming_the_rest(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    document = tmp_path / "response.md"
    document.write_text(UNPLACEABLE, encoding="utf-8")

    result = import_response(document, data, "--owner", "kent")

    assert result.exit_code == 1, result.output
    assert "Imported 1 responses" in result.output and "recommendations 1." in result.output
    assert f"{document}:17: there is no recommendation 17 in the report" in result.output
    assert f"{document}:15: it is under the heading for recommendation 2" in result.output
    assert "'We believe our staffing is adequate and keep it under review.'" in result.output
    loaded = yaml.safe_load(written(data).read_text(encoding="utf-8"))
    assert [r["recommendation"] for r in loaded["responses"]] == [1]
    assert loaded["responses"][0]["action"] == ANSWERS[1][0]


def test_import_command_exits_0_when_everything_is_placed_and_never_uses_status(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    document = _docx_table(tmp_path / "response.docx")
    # Drop the sign-off so that everything can be placed.
    doc = Document(str(document))
    doc.paragraphs[-1]._p.getparent().remove(doc.paragraphs[-1]._p)
    doc.save(str(document))

    # --force is the option's old name, kept for the forces' editors who learnt it.
    result = import_response(document, data, "--force", "kent")

    assert result.exit_code == 0, result.output
    assert "recommendations 1, 2, 4." in result.output
    text = written(data).read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    assert [r["implementation"] for r in loaded["responses"]] == ["not-stated"] * 3
    assert [r["evidence"] for r in loaded["responses"]] == [None] * 3
    assert [r["as_printed"] for r in loaded["responses"]] == [
        {"status": "Complete"}, {"status": "In progress"}, {"status": "Implemented"}]
    assert (loaded["owner"], loaded["report"], loaded["kind"]) == ("kent", REPORT, "first-comments")
    assert loaded["source"]["title"] == TITLE
    assert loaded["author"] == "Police and Crime Commissioner for Kent"
    assert loaded["source"]["document"] is None


def test_import_command_refuses_to_overwrite(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    target = written(data)
    target.write_text("hand-edited\n", encoding="utf-8")
    document = tmp_path / "response.md"
    document.write_text(UNPLACEABLE, encoding="utf-8")

    result = import_response(document, data, "--owner", "kent")

    assert result.exit_code == 1
    assert "already exists; not overwriting it" in result.output
    assert target.read_text(encoding="utf-8") == "hand-edited\n"


UPDATE = f"""Update on the online abuse report, January 2027

Recommendation 4

Update: {ANSWERS[4][0]} Every bail case is now audited.
"""


def test_an_update_is_imported_beside_the_first_comments(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    first = tmp_path / "response.md"
    first.write_text(UNPLACEABLE, encoding="utf-8")
    assert import_response(first, data, "--owner", "kent").exit_code == 1  # some text could not be placed
    document = tmp_path / "update.md"
    document.write_text(UPDATE, encoding="utf-8")

    result = import_response(document, data, "--owner", "kent", "--update", "update-2027-01")

    assert result.exit_code == 0, result.output
    target = written(data, "kent--update-2027-01")
    assert f"Wrote {target}" in result.output
    loaded = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (loaded["owner"], loaded["kind"]) == ("kent", "update")
    assert [(r["recommendation"], r["action"]) for r in loaded["responses"]] == [
        (4, f"{ANSWERS[4][0]} Every bail case is now audited.")]
    assert yaml.safe_load(written(data).read_text(encoding="utf-8"))["kind"] == "first-comments"  # untouched
    plan = import_response(document, data, "--owner", "kent", "--update", "plan", "--kind", "action-plan")
    assert plan.exit_code == 0, plan.output
    assert yaml.safe_load(written(data, "kent--plan").read_text(encoding="utf-8"))["kind"] == "action-plan"


def test_the_report_and_the_owner_decide_where_the_import_goes(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    minidata.add_report(data, "second-report", [
        {"number": 1, "owners": ["kent", "college-of-policing"], "text": REC_DATA[1]["text"], "actions": []}],
        published="2026-12", published_as_printed="December 2026")
    document = tmp_path / "response.md"
    document.write_text(f"Recommendation 1\n\nResponse: {ANSWERS[2][0]}\n", encoding="utf-8")

    ambiguous = import_response(document, data, "--owner", "kent")
    assert ambiguous.exit_code == 2 and "reports addressing Kent Police: test-report, second-report" in (
        ambiguous.output)
    assert import_response(document, data, "--owner", "kent", "--report", "second-report").exit_code == 0
    college = import_response(document, data, "--owner", "college-of-policing", "--report", "second-report")
    assert college.exit_code == 0, college.output

    for owner, folder in (("kent", "force_responses"), ("college-of-policing", "national_responses")):
        loaded = yaml.safe_load(written(data, owner, "second-report", folder).read_text(encoding="utf-8"))
        assert (loaded["owner"], loaded["report"]) == (owner, "second-report")
        assert [(r["recommendation"], r["action"]) for r in loaded["responses"]] == [(1, ANSWERS[2][0])]
    assert yaml.safe_load(written(data, "college-of-policing", "second-report", "national_responses").read_text(
        encoding="utf-8"))["author"] == "College of Policing"
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    assert sorted((d.report, d.owner) for d in checked.dataset.documents) == [
        ("second-report", "college-of-policing"), ("second-report", "kent")]


@pytest.mark.parametrize("name, content, message", [
    ("response.doc", b"old word", "cannot import '.doc' files"),
    ("response.docx", b"not a zip file", "not a readable Word document"),
    ("response.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
    ("response.md", "caf\xe9".encode("latin-1"), "not UTF-8 text"),
])
def test_unreadable_documents_are_reported_not_raised(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert message in caught.value.message
    assert caught.value.hint

    data = write_data_dir(tmp_path / "data")
    result = import_response(path, data, "--owner", "kent")
    assert result.exit_code == 1
    assert message in result.output and "Hint:" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not written(data).exists()


def test_missing_document_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="file not found"):
        read_document(tmp_path / "nowhere.md")


# --- Smaller rules ---------------------------------------------------------------------------------------


def test_markup_is_removed_and_everything_else_kept() -> None:
    assert clean_markup("[Kent internet risk assessment tool](#) and **bold** and __also__") == (
        "Kent internet risk assessment tool and bold and also"
    )
    assert clean_markup(r"[National Police Chiefs' Council \(NPCC\)](#)") == "National Police Chiefs' Council (NPCC)"
    assert clean_markup("the team’s ‘work’ – as printed, unit eads") == "the team’s ‘work’ – as printed, unit eads"
    assert clean_markup("<b>Response:</b> done") == "Response: done"


@pytest.mark.parametrize("label", [
    "Action planned/taken", "Action taken", "Action planned", "Response", "Update", "Progress",
    "ACTION PLANNED / TAKEN", "response",
])
def test_every_label_introduces_the_response(label: str) -> None:
    blocks = [Paragraph("Recommendation 2", Location("line 1", 1)),
              Paragraph(f"{label}: {ANSWERS[2][0]}", Location("line 3", 3))]
    result = parse_blocks(blocks, RECS)
    assert result.numbers == (2,)
    assert result.entries[0].action == ANSWERS[2][0]
    assert result.entries[0].label == " ".join(label.split())


@pytest.mark.parametrize(
    "heading", ["Recommendation 4", "Recommendation 4:", "RECOMMENDATION 4.", "## Recommendation 4"]
)
def test_heading_variants(heading: str, tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(f"{heading}\n\nResponse: {ANSWERS[4][0]}\n", encoding="utf-8")
    assert [(e.recommendation, e.action) for e in import_document(path, RECS).entries] == [(4, ANSWERS[4][0])]


def test_page_break_rule_joins_only_mid_sentence_splits() -> None:
    def para(text: str) -> Paragraph:
        return Paragraph(text, Location("x"))

    joined = join_page_breaks([para("MOSOVO teams have since been"), para("provided with links."),
                               para("It ends here."), para("lower case after a full stop."),
                               para("Recommendation 15"), para("12-month screening is available."),
                               para("The rate is"), para("85% of visits.")])
    assert [b.text for b in joined] == [
        "MOSOVO teams have since been provided with links.", "It ends here.", "lower case after a full stop.",
        "Recommendation 15", "12-month screening is available.", "The rate is 85% of visits.",
    ]


def test_a_quote_that_fits_several_recommendations_is_not_guessed() -> None:
    # Recommendations 1 and 4 share their lead-in; without the bullets there is no telling them apart.
    blocks = [Paragraph("By 31 October 2026, forces should:", Location("line 1", 1)),
              Paragraph(f"Response: {ANSWERS[1][0]}", Location("line 3", 3))]
    result = parse_blocks(blocks, RECS)
    assert result.entries == ()
    assert len(result.unplaced) == 1
    assert "fits several recommendations (1, 4)" in result.unplaced[0].reason
    assert ANSWERS[1][0] in result.unplaced[0].text


def test_nothing_about_the_report_is_hard_coded() -> None:
    # Renumber the same recommendations: the importer must follow the data, not the usual 1-16.
    renumbered = [_recommendation({**d, "number": d["number"] + 40}) for d in REC_DATA]
    blocks = [Paragraph("Recommendation 42", Location("line 1", 1)),
              Paragraph(f"Update: {ANSWERS[2][0]}", Location("line 3", 3)),
              Paragraph("Recommendation 2", Location("line 5", 5)),
              Paragraph(REC_DATA[3]["text"] + "\n- " + "\n- ".join(REC_DATA[3]["actions"]), Location("line 7", 7)),
              Paragraph(f"Response: {ANSWERS[4][0]}", Location("line 9", 9))]
    result = parse_blocks(blocks, renumbered)
    assert result.numbers == (42,)
    assert [u.text for u in result.unplaced][0] == "Recommendation 2"
    assert "(known: 41-44)" in result.unplaced[0].reason
    # Under an unknown heading nothing can be told apart: all its text is handed back, answer included.
    assert len(result.unplaced) == 2 and result.unplaced[1].text.endswith(ANSWERS[4][0])


def test_a_response_that_reuses_the_recommendations_words_is_not_taken_for_a_quote() -> None:
    # Without headings, a quoted recommendation starts the next answer; an answer that echoes part
    # of the wording must stay part of its answer.
    echo = ("We now review how referrals are prioritised so that every suspect is assessed for risk, "
            "and a sergeant checks the result each week.")
    blocks = [Paragraph(REC_DATA[1]["text"], Location("line 1", 1)),
              Paragraph(f"Response: {ANSWERS[2][0]}", Location("line 3", 3)),
              Paragraph(echo, Location("line 5", 5))]
    result = parse_blocks(blocks, RECS)
    assert [(e.recommendation, e.action) for e in result.entries] == [(2, f"{ANSWERS[2][0]}\n\n{echo}")]
    assert result.unplaced == ()


@pytest.mark.parametrize("header, order", [
    ("| Recommendation | Status | Response |", ("number", "status", "response")),
    ("| No. | Recommendation | Action taken |", ("number", "quote", "response")),
    ("| Recommendation | Action taken | Progress |", ("number", "response", "status")),
])
def test_markdown_tables_find_their_columns_from_the_header(tmp_path: Path, header: str, order: tuple) -> None:
    cells = {
        1: {"number": "1", "status": "Complete", "quote": REC_DATA[0]["text"],
            "response": "We did **it**.<br><br>Then [more](https://example.org)."},
        4: {"number": "Recommendation 4", "status": "Ongoing", "quote": REC_DATA[3]["text"], "response": "Done."},
    }
    rows = [header, "|---|---|---|"] + [f"| {' | '.join(c[k] for k in order)} |" for c in cells.values()]
    path = tmp_path / "table.md"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    result = import_document(path, RECS)

    assert [(e.recommendation, e.action) for e in result.entries] == [(1, "We did it.\n\nThen more."), (4, "Done.")]
    has_status = "status" in order
    assert [e.status_text for e in result.entries] == (["Complete", "Ongoing"] if has_status else [None, None])
    assert [e.where.line for e in result.entries] == [3, 4]
    assert result.unplaced == ()


def test_a_table_of_recommendations_without_responses_is_not_imported(tmp_path: Path) -> None:
    path = tmp_path / "table.md"
    path.write_text(f"| No. | Recommendation |\n|---|---|\n| 2 | {REC_DATA[1]['text']} |\n", encoding="utf-8")
    result = import_document(path, RECS)
    assert result.entries == ()
    assert [u.where.line for u in result.unplaced] == [1]
