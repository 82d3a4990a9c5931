"""The YAML writer, ``rectrack new-response`` and ``rectrack new-report``.

The writer's promise is exact: whatever text goes in comes back from ``yaml.safe_load`` unchanged,
so a Hypothesis property test throws arbitrary text at it. The scaffolds are checked the way an
editor uses them: generate, fill in the blanks, validate.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import minidata
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rectrack.authoring.scaffold import scaffold_response
from rectrack.authoring.writer import SCHEMA_POINTER, DraftEntry, ResponseDraft, render_response, scalar
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.model import IMPLEMENTATION_STATES, Governance, Organisation, PartialDate, Recommendation, Report

REPORT = minidata.REPORT
REC_DATA = [
    {"number": 1, "owners": ["forces"], "text": "By 31 October 2026, forces should:",
     "actions": ["review how referrals are prioritised so that every suspect is assessed for risk;",
                 "make sure intelligence about suspects is reviewed throughout the investigation."]},
    {"number": 2, "owners": ["forces", "college-of-policing"],
     "text": "By 30 April 2027, forces and the College of Policing should review staffing levels.", "actions": []},
    {"number": 3, "owners": ["college-of-policing"],
     "text": "By 31 December 2026, the College of Policing should create authorised professional practice.",
     "actions": []},
    {"number": 4, "owners": ["forces"], "text": "By 31 October 2026, forces should check bail conditions: yes.",
     "actions": []},
]
RECS = [
    Recommendation(report=REPORT, number=d["number"], local=str(d["number"]), short_title="t",
                   deadline=date(2026, 10, 31), deadline_as_printed="31 October 2026", owners=tuple(d["owners"]),
                   section="teams", text=d["text"], actions=tuple(d["actions"]))
    for d in REC_DATA
]
THE_REPORT = Report(id=REPORT, title="A test report", publishers=("hmicfrs",), author=None, series="Spotlight",
                    published=PartialDate(2026, 4), published_as_printed="April 2026", url=None, source_document=None,
                    summary=None, scope=("forces",), regime="s55", known_from=None, sections=())


def kent(*governance: Governance) -> Organisation:
    return Organisation("kent", "Kent Police", None, (), "territorial-police-force", "England", "South East", None,
                        governance or (Governance("pcc", "Police and Crime Commissioner for Kent", None, None),))


def write_data_dir(root: Path) -> Path:
    return minidata.write_data_dir(root, REC_DATA)


def new_response(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["new-response", *args, "--data", str(data)])


def fill(path: Path, action: str = "We did it.") -> None:
    """Fill in the blanks as an editor would, keeping the generated layout and comments."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  title: ""', '  title: "The response"').replace('action: ""', f'action: "{action}"'),
                    encoding="utf-8")


# --- The writer -------------------------------------------------------------------------------------------

# Any text at all, plus a dense mix of the characters that make YAML quoting hard.
HARD = " \n\t#:-|>'\"!&*%@`{}[],?yesnoNOul~0123.eE+\r\x85\u2028\u2029\ufeff\x00é’"
TEXT = st.text() | st.text(alphabet=HARD, max_size=40)
OPTIONAL = st.none() | TEXT


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(author=TEXT, title=TEXT, foreword=OPTIONAL, url=OPTIONAL, action=TEXT, evidence=OPTIONAL, note=OPTIONAL,
       number=st.integers(min_value=1, max_value=999))
@example(author="yes", title="2026-10-31", foreword="012", url="a: b # c", action="line one\n\n  indented\n",
         evidence="null", note="~", number=1)
@example(author="", title="  lead", foreword="\n\nstarts blank", url="ends blank\n\n\n", action="tab\there\nx",
         evidence="trailing space \nnext", note="- not a list", number=17)
def test_written_yaml_loads_back_to_exactly_the_same_values(
    author, title, foreword, url, action, evidence, note, number
) -> None:
    draft = ResponseDraft(
        owner="kent", report=REPORT, author=author, source_title=title, foreword=foreword, source_url=url,
        responses=(DraftEntry((number,), action, evidence=evidence, note=note),
                   DraftEntry((number + 1,), f"{title}\n{action}")),
    )
    loaded = yaml.safe_load(render_response(draft, RECS))
    assert loaded == {
        "owner": "kent", "report": REPORT, "kind": "first-comments", "author": author, "published": None,
        "source": {"title": title, "url": url, "document": None},
        "foreword": foreword,
        "responses": [
            {"recommendation": number, "action": action, "implementation": "not-stated",
             "evidence": evidence, "note": note, "as_printed": None},
            {"recommendation": number + 1, "action": f"{title}\n{action}", "implementation": "not-stated",
             "evidence": None, "note": None, "as_printed": None},
        ],
    }


def test_layout_is_the_house_layout() -> None:
    draft = ResponseDraft(owner="kent", report=REPORT, author="PCC", source_title="Title", kind="update",
                          foreword="One.\n\nTwo.",
                          responses=(DraftEntry((1,), "First.\n\nSecond."), DraftEntry((4,), "Yes"),
                                     DraftEntry((2, 3), "Both.", as_printed=(("status", "Green"),))))
    text = render_response(draft, RECS)
    assert text.splitlines()[0] == SCHEMA_POINTER
    assert text.splitlines()[1:4] == ["owner: kent", f"report: {REPORT}", "kind: update"]
    assert "foreword: |-\n  One.\n\n  Two.\n" in text
    assert (
        "  # Recommendation 1: By 31 October 2026, forces should:\n"
        "  # - review how referrals are prioritised so that every suspect is assessed for risk;\n"
        "  # - make sure intelligence about suspects is reviewed throughout the investigation.\n"
        "  - recommendation: 1\n"
        "    action: |-\n      First.\n\n      Second.\n"
        "    implementation: not-stated\n    evidence: null\n    note: null\n    as_printed: null\n"
    ) in text
    # A recommendation text with ": " and "yes" stays a comment, and "Yes" as a value is quoted.
    assert "  # Recommendation 4: By 31 October 2026, forces should check bail conditions: yes.\n" in text
    assert '    action: "Yes"\n' in text
    # One answer given for two recommendations: both wordings, one entry, the document's own column kept.
    assert ("  # Recommendation 2: By 30 April 2027, forces and the College of Policing should review staffing\n"
            "  # levels.\n  # Recommendation 3: By 31 December 2026, the College of Policing should create authorised\n"
            "  # professional practice.\n  - recommendation: [2, 3]\n") in text
    assert '    as_printed:\n      status: "Green"\n' in text
    assert render_response(draft, RECS) == text  # deterministic


def test_scalars_that_look_like_other_types_are_quoted() -> None:
    tricky = ("yes", "no", "on", "null", "~", "2026-10-31", "012", "1e3", "0o12", ".inf", "+1",
              "a: b", "# c", "", "- x")
    for value in tricky:
        assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}, value
        assert scalar(value) != value
    assert scalar("devon-and-cornwall") == "devon-and-cornwall"
    assert scalar(None) == "null" and scalar(7) == "7"


# --- The scaffold -----------------------------------------------------------------------------------------


def test_scaffold_lists_the_given_recommendations_with_their_text() -> None:
    owed = [r for r in RECS if "forces" in r.owners]
    text = scaffold_response(kent(), THE_REPORT, owed)
    loaded = yaml.safe_load(text)

    assert text.splitlines()[0] == SCHEMA_POINTER
    assert [r["recommendation"] for r in loaded["responses"]] == [1, 2, 4]
    blanks = {(r["action"], r["implementation"], r["evidence"]) for r in loaded["responses"]}
    assert blanks == {("", "not-stated", None)}
    assert (loaded["owner"], loaded["report"], loaded["kind"]) == ("kent", REPORT, "first-comments")
    assert loaded["author"] == "Police and Crime Commissioner for Kent"
    assert "# Recommendation 2: By 30 April 2027, forces and the College of Policing should review" in text
    assert "College of Policing should create" not in text  # recommendation 3 is not the force's
    header = text.split("owner: kent")[0]
    for state in IMPLEMENTATION_STATES:
        assert state in header
    assert "evidence: a quote copied word for word from `action`" in header


def test_the_author_is_who_answered_for_the_force_when_the_report_was_published() -> None:
    """Who answers s55 changes with the date (a PCC's role passing to a mayor): the report's date decides."""
    changing = kent(Governance("pcc", "Police and Crime Commissioner for Kent", None, date(2026, 3, 31)),
                    Governance("mayor", "Mayor for Kent (fictional)", date(2026, 4, 1), None))
    assert yaml.safe_load(scaffold_response(changing, THE_REPORT, RECS[:1]))["author"] == "Mayor for Kent (fictional)"
    earlier = Report(**{**THE_REPORT.__dict__, "published": PartialDate(2026, 3, 15)})
    assert yaml.safe_load(scaffold_response(changing, earlier, RECS[:1]))["author"] == (
        "Police and Crime Commissioner for Kent")


def test_new_response_writes_a_file_that_validates_once_filled_in(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")

    result = new_response(data, "kent")

    assert result.exit_code == 0, result.output
    target = data / "force_responses" / REPORT / "kent.yaml"
    assert f"Wrote {target}: 3 recommendations addressed to Kent Police (1, 2, 4)." in result.output
    text = target.read_text(encoding="utf-8")
    assert [r["recommendation"] for r in yaml.safe_load(text)["responses"]] == [1, 2, 4]
    fill(target)
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    [document] = checked.dataset.documents
    assert (document.owner, document.report, document.kind) == ("kent", REPORT, "first-comments")
    assert document.answered == ("1", "2", "4")


def test_a_national_body_gets_its_file_in_national_responses(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")

    result = new_response(data, "college-of-policing")

    assert result.exit_code == 0, result.output
    target = data / "national_responses" / REPORT / "college-of-policing.yaml"
    assert f"Wrote {target}: 2 recommendations addressed to College of Policing (2, 3)." in result.output
    assert yaml.safe_load(target.read_text("utf-8"))["author"] == "College of Policing"  # no governance: itself
    fill(target)
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    assert [(d.owner, d.answered) for d in checked.dataset.documents] == [("college-of-policing", ("2", "3"))]


def test_report_is_asked_for_when_two_reports_address_the_owner(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    minidata.add_report(data, "second-report", [
        {"number": 1, "owners": ["kent", "essex"], "text": "By 31 March 2027, Kent Police and Essex Police should.",
         "actions": []}], published="2026-12", published_as_printed="December 2026")

    ambiguous = new_response(data, "kent")
    assert ambiguous.exit_code == 2
    assert ("say which report: --report REPORT-ID (reports addressing Kent Police: test-report, second-report)"
            in ambiguous.output)

    result = new_response(data, "kent", "--report", "second-report")
    assert result.exit_code == 0, result.output
    target = data / "force_responses" / "second-report" / "kent.yaml"
    assert f"Wrote {target}: 1 recommendations addressed to Kent Police (1)." in result.output
    written = yaml.safe_load(target.read_text("utf-8"))
    assert written["report"] == "second-report" and [r["recommendation"] for r in written["responses"]] == [1]

    gwent = new_response(data, "gwent", "--report", "second-report")
    assert gwent.exit_code == 1 and "report 'second-report' addresses no recommendation to Gwent Police" in (
        gwent.output)
    typo = new_response(data, "kent", "--report", "second-reprt")
    assert typo.exit_code == 1 and "unknown report 'second-reprt'; did you mean: second-report" in typo.output


def test_an_update_is_a_second_document_beside_the_first_comments(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    assert new_response(data, "kent").exit_code == 0
    fill(data / "force_responses" / REPORT / "kent.yaml")

    result = new_response(data, "kent", "--update", "update-2027-01")

    assert result.exit_code == 0, result.output
    update = data / "force_responses" / REPORT / "kent--update-2027-01.yaml"
    assert yaml.safe_load(update.read_text("utf-8"))["kind"] == "update"
    fill(update, "Now it is done.")
    plan = new_response(data, "kent", "--update", "plan", "--kind", "action-plan")
    assert plan.exit_code == 0, plan.output
    assert yaml.safe_load((data / "force_responses" / REPORT / "kent--plan.yaml").read_text("utf-8"))["kind"] == (
        "action-plan")
    (data / "force_responses" / REPORT / "kent--plan.yaml").unlink()
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    assert [(d.name, d.kind) for d in checked.dataset.documents if d.owner == "kent"] == [
        ("kent", "first-comments"), ("kent--update-2027-01", "update")]

    bad = new_response(data, "kent", "--update", "Update 2027")
    assert bad.exit_code == 2 and "--update 'Update 2027' is not a label" in bad.output


def test_new_response_refuses_to_overwrite(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    assert new_response(data, "kent").exit_code == 0
    target = data / "force_responses" / REPORT / "kent.yaml"
    target.write_text("# my edits\n", encoding="utf-8")

    result = new_response(data, "kent")

    assert result.exit_code == 1
    assert f"{target} already exists; not overwriting it" in result.output
    assert target.read_text(encoding="utf-8") == "# my edits\n"


def test_an_unfinished_scaffold_does_not_block_the_next(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    assert new_response(data, "kent").exit_code == 0
    kent_file = data / "force_responses" / REPORT / "kent.yaml"
    kent_file.write_text(kent_file.read_text(encoding="utf-8") + "responses: [\n", encoding="utf-8")  # half-edited
    assert not load_and_validate(data).ok

    result = new_response(data, "essex")

    assert result.exit_code == 0, result.output
    assert yaml.safe_load((data / "force_responses" / REPORT / "essex.yaml").read_text(encoding="utf-8"))[
        "owner"] == "essex"


def test_unknown_organisation_suggests_the_closest_id(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")

    result = new_response(data, "kentt")
    assert result.exit_code == 1
    assert "unknown organisation 'kentt'; did you mean: kent?" in result.output

    by_name = new_response(data, "Essex Police")
    assert "unknown organisation 'Essex Police'; did you mean: essex?" in by_name.output
    group = new_response(data, "forces")
    assert group.exit_code == 1 and "'forces' is a group, and a response is published by one organisation" in (
        group.output)
    assert not (data / "force_responses").exists()


def test_broken_reference_data_stops_with_the_problems(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    (data / "organisations.yaml").write_text("organisations: [\n", encoding="utf-8")

    result = new_response(data, "kent")

    assert result.exit_code == 1
    assert "organisations.yaml" in result.output and "rectrack validate" in result.output


# --- rectrack new-report ----------------------------------------------------------------------------------


def new_report(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["new-report", *args, "--data", str(data)])


def test_new_report_adds_a_report_that_validates_and_a_template_to_copy(data_copy: Path) -> None:
    data = data_copy

    result = new_report(data, "hmicfrs-2027-example", "--title", "An example report: yes, really",
                        "--published", "2027-03", "--publisher", "hmicfrs", "--regime", "s55")

    assert result.exit_code == 0, result.output
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    report = checked.dataset.report("hmicfrs-2027-example")
    assert (report.title, report.published, report.published_as_printed) == (
        "An example report: yes, really", PartialDate(2027, 3), "March 2027")
    assert (report.publishers, report.regime, report.scope, report.url) == (("hmicfrs",), "s55", (), None)
    # The template, uncommented and filled in, is a recommendation of the new report.
    recs = data / "recommendations.yaml"
    template = [line for line in recs.read_text("utf-8").splitlines() if line.startswith("  #   ")
                or line.startswith("  # - report:")]
    block = "\n".join(line.replace("  # ", "  ", 1).split("  #", 1)[0].rstrip() for line in template)
    block = block.replace('"YYYY-MM-DD"', '"2027-10-31"').replace("owners: [forces]", "owners: [kent]")
    recs.write_text(recs.read_text("utf-8") + block + "\n", encoding="utf-8")
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    assert checked.dataset.recommendation("hmicfrs-2027-example/1").owners == ("kent",)


def test_new_report_refuses_a_used_id_and_a_bad_date(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    before = (data / "reports.yaml").read_text("utf-8")

    used = new_report(data, REPORT, "--title", "Again", "--published", "2027")
    bad = new_report(data, "another", "--title", "T", "--published", "March 2027")

    assert used.exit_code == 1 and f"report '{REPORT}' already exists" in used.output
    assert bad.exit_code == 2 and "--published 'March 2027' is not a date" in bad.output
    assert (data / "reports.yaml").read_text("utf-8") == before


def test_new_report_follows_the_files_own_indentation(tmp_path: Path) -> None:
    """PyYAML's default layout starts list items at column 0 (``reports:\\n- id: ...``): an entry added at
    the house indentation would land inside the last report's sections."""
    data = write_data_dir(tmp_path / "data")  # written by yaml.safe_dump: items at column 0
    assert (data / "reports.yaml").read_text("utf-8").startswith("reports:\n- id: test-report\n")

    result = new_report(data, "second-report", "--title", "A second report", "--published", "2027-03")

    assert result.exit_code == 0, result.output
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems[:3])
    assert [r.id for r in checked.dataset.reports] == [REPORT, "second-report"]
    assert checked.dataset.report(REPORT).sections[-1].id == "teams"
