"""The YAML writer and ``rectrack new-response``.

The writer's promise is exact: whatever text goes in comes back from ``yaml.safe_load`` unchanged,
so a Hypothesis property test throws arbitrary text at it. The scaffold is checked the way an
editor uses it: generate, fill in the blanks, validate.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import minidata
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rectrack.authoring.scaffold import scaffold_response
from rectrack.authoring.writer import SCHEMA_POINTER, DraftEntry, ResponseDraft, render_response, scalar
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.model import IMPLEMENTATION_STATES, Force, PolicingBody, Recommendation

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
    Recommendation(report="test-report", number=d["number"], short_title="t", deadline=date(2026, 10, 31),
                   deadline_as_printed="31 October 2026", owners=tuple(d["owners"]), section="teams",
                   text=d["text"], actions=tuple(d["actions"]))
    for d in REC_DATA
]
KENT = Force("kent", "Kent Police", (), PolicingBody("pcc", "Police and Crime Commissioner for Kent"),
             "South East", "England")


def write_data_dir(root: Path) -> Path:
    return minidata.write_data_dir(root, REC_DATA)


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
        force="kent", report="test-report", author=author, source_title=title, foreword=foreword,
        source_url=url, responses=(DraftEntry(number, action, evidence=evidence, note=note),
                                   DraftEntry(number + 1, f"{title}\n{action}")),
    )
    loaded = yaml.safe_load(render_response(draft, RECS))
    assert loaded == {
        "force": "kent", "report": "test-report", "author": author, "published": None,
        "source": {"title": title, "url": url, "document": None},
        "foreword": foreword,
        "responses": [
            {"recommendation": number, "action": action, "implementation": "not-stated",
             "evidence": evidence, "note": note},
            {"recommendation": number + 1, "action": f"{title}\n{action}", "implementation": "not-stated",
             "evidence": None, "note": None},
        ],
    }


def test_layout_is_the_house_layout() -> None:
    draft = ResponseDraft(force="kent", report="test-report", author="PCC", source_title="Title",
                          foreword="One.\n\nTwo.", responses=(DraftEntry(1, "First.\n\nSecond."), DraftEntry(4, "Yes")))
    text = render_response(draft, RECS)
    assert text.splitlines()[0] == SCHEMA_POINTER
    assert "foreword: |-\n  One.\n\n  Two.\n" in text
    assert (
        "  # Recommendation 1: By 31 October 2026, forces should:\n"
        "  # - review how referrals are prioritised so that every suspect is assessed for risk;\n"
        "  # - make sure intelligence about suspects is reviewed throughout the investigation.\n"
        "  - recommendation: 1\n"
        "    action: |-\n      First.\n\n      Second.\n"
        "    implementation: not-stated\n    evidence: null\n    note: null\n"
    ) in text
    # A recommendation text with ": " and "yes" stays a comment, and "Yes" as a value is quoted.
    assert "  # Recommendation 4: By 31 October 2026, forces should check bail conditions: yes.\n" in text
    assert '    action: "Yes"\n' in text
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


def test_scaffold_lists_every_force_recommendation_with_its_text() -> None:
    text = scaffold_response(KENT, "test-report", RECS)
    loaded = yaml.safe_load(text)

    assert text.splitlines()[0] == SCHEMA_POINTER
    assert [r["recommendation"] for r in loaded["responses"]] == [1, 2, 4]
    blanks = {(r["action"], r["implementation"], r["evidence"]) for r in loaded["responses"]}
    assert blanks == {("", "not-stated", None)}
    assert loaded["force"] == "kent" and loaded["author"] == "Police and Crime Commissioner for Kent"
    assert "# Recommendation 2: By 30 April 2027, forces and the College of Policing should review" in text
    assert "College of Policing should create" not in text  # recommendation 3 is not the force's
    header = text.split("force: kent")[0]
    for state in IMPLEMENTATION_STATES:
        assert state in header
    assert "evidence: a quote copied word for word from `action`" in header


def test_new_response_writes_a_file_that_validates_once_filled_in(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")

    result = CliRunner().invoke(cli, ["new-response", "kent", "--data", str(data)])

    assert result.exit_code == 0, result.output
    target = data / "force_responses" / "kent.yaml"
    assert f"Wrote {target}: 3 recommendations for forces (1, 2, 4)." in result.output
    text = target.read_text(encoding="utf-8")
    assert [r["recommendation"] for r in yaml.safe_load(text)["responses"]] == [1, 2, 4]
    # Fill in the blanks as an editor would, keeping the generated layout and comments.
    filled = text.replace('  title: ""', '  title: "Kent response"').replace('action: ""', 'action: "We did it."')
    target.write_text(filled, encoding="utf-8")
    checked = load_and_validate(data)
    assert checked.ok, "\n".join(p.format() for p in checked.problems)
    assert [r.recommendation for r in checked.dataset.response_of("kent").responses] == [1, 2, 4]


def test_new_response_refuses_to_overwrite(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    runner = CliRunner()
    assert runner.invoke(cli, ["new-response", "kent", "--data", str(data)]).exit_code == 0
    target = data / "force_responses" / "kent.yaml"
    target.write_text("# my edits\n", encoding="utf-8")

    result = runner.invoke(cli, ["new-response", "kent", "--data", str(data)])

    assert result.exit_code == 1
    assert f"{target} already exists; not overwriting it" in result.output
    assert target.read_text(encoding="utf-8") == "# my edits\n"


def test_an_unfinished_scaffold_does_not_block_the_next(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    runner = CliRunner()
    assert runner.invoke(cli, ["new-response", "kent", "--data", str(data)]).exit_code == 0
    kent = data / "force_responses" / "kent.yaml"
    kent.write_text(kent.read_text(encoding="utf-8") + "responses: [\n", encoding="utf-8")  # half-edited
    assert not load_and_validate(data).ok

    result = runner.invoke(cli, ["new-response", "essex", "--data", str(data)])

    assert result.exit_code == 0, result.output
    assert yaml.safe_load((data / "force_responses" / "essex.yaml").read_text(encoding="utf-8"))["force"] == "essex"


def test_unknown_force_suggests_the_closest_id(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    runner = CliRunner()

    result = runner.invoke(cli, ["new-response", "kentt", "--data", str(data)])
    assert result.exit_code == 1
    assert "unknown force 'kentt'; did you mean: kent?" in result.output

    by_name = runner.invoke(cli, ["new-response", "Essex Police", "--data", str(data)])
    assert "unknown force 'Essex Police'; did you mean: essex?" in by_name.output
    assert not (data / "force_responses").exists()


def test_broken_reference_data_stops_with_the_problems(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data")
    (data / "forces.yaml").write_text("forces: [\n", encoding="utf-8")

    result = CliRunner().invoke(cli, ["new-response", "kent", "--data", str(data)])

    assert result.exit_code == 1
    assert "forces.yaml" in result.output and "rectrack validate" in result.output
