"""One focused test per validation rule, on a copy of the shipped data with one file written inline.

Most tests add Kent's first comments on the shipped report (``force_responses/REPORT/kent.yaml``, a
small response written below, so every line number in an assertion is one the test chose) or change one
line of a shipped file. The rules of the national tracker (owners of every kind, many reports, dated
documents, the inspectorate's assessments) have their own sections; where a rule needs data the shipped
directory lacks (a second report, another kind of owner) the test builds it with ``minidata``. Messages
users rely on are asserted exactly; the rest by code, file and line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import minidata
import pytest
import yaml
from click.testing import CliRunner
from constants import RECTRACK
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.problems import MAX_PROBLEMS, Problem, Severity
from rectrack.data.read import load_file

REPORT = "hmicfrs-2026-ocsa-mosovo"
FOLDER = f"force_responses/{REPORT}"
KENT = f"data/{FOLDER}/kent.yaml"
ASSESSMENTS = f"data/assessments/{REPORT}.yaml"
HEAD = f"""\
# yaml-language-server: $schema=../../../schemas/response.schema.json
owner: kent
report: {REPORT}
kind: first-comments
author: "Police and Crime Commissioner for Kent"
published: "2026-07-01"
source:
  title: "Response from the Kent PCC"
foreword: null
responses:
"""
#: One answer per force-directed recommendation (1, 2, 4, 5, 6, 8, 10, 15, 16), on lines 11-19.
ANSWERS = """\
  - {recommendation: 1, action: "We use the Kent tool for every referral.", implementation: implemented, evidence: "We use the Kent tool"}
  - {recommendation: 2, action: "Staffing is under review.", implementation: in-progress, evidence: "Staffing is under review."}
  - {recommendation: 4, action: "Arrest plans are recorded.", implementation: not-stated}
  - {recommendation: 5, action: "Families are referred to ActsFast.", implementation: not-stated}
  - {recommendation: 6, action: "ViSOR standards are followed.", implementation: not-stated}
  - {recommendation: 8, action: "Demand is forecast each year.", implementation: not-stated}
  - {recommendation: 10, action: "Visits are double crewed.", implementation: not-stated}
  - {recommendation: 15, action: "Screening is offered.", implementation: not-stated}
  - {recommendation: 16, action: "We meet probation monthly.", implementation: not-stated}
"""  # noqa: E501
NEXT_LINE = 20  # the first line after HEAD + ANSWERS
#: The inspectorate's assessments of the shipped report: a verdict on Kent (lines 3-14) and a revised
#: deadline for every owner (lines 16-26).
ASSESS = f"""\
report: {REPORT}
verdicts:
  - recommendation: 16
    owner: kent
    date: "2026-11-20"
    verdict: closed-implemented
    by: hmicfrs
    superseded_by: null
    evidence:
      title: "Kent Police: revisit letter"
      url: "https://example.org/kent-revisit"
      report: null
      quote: null
    note: null
deadline_revisions:
  - recommendation: 1
    owner: null
    decided: "2026-09-01"
    deadline: "2027-01-31"
    deadline_as_printed: "31 January 2027"
    reason: "Extended to allow the national guidance to be published first."
    source:
      title: "HMICFRS letter to chief constables"
      url: null
      report: null
      quote: null
"""


def entry(number: object) -> str:
    """One more (flow-style) answer, appended on line NEXT_LINE."""
    return f'  - {{recommendation: {number}, action: "x", implementation: not-stated}}\n'


def without(*numbers: int) -> str:
    """ANSWERS without the answers to ``numbers``."""
    return "".join(line + "\n" for line in ANSWERS.splitlines()
                   if not any(f"recommendation: {n}," in line for n in numbers))


def write(data: Path, relative: str, text: str) -> Path:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def write_kent(data: Path, text: str, name: str = "kent.yaml") -> Path:
    return write(data, f"{FOLDER}/{name}", text)


def write_assessments(data: Path, text: str = ASSESS) -> Path:
    return write(data, f"assessments/{REPORT}.yaml", text)


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) and return the 1-based line where it started."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def replace_first(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` and return the 1-based line where it started."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first ``needle`` in ``path``."""
    text = path.read_text("utf-8")
    assert needle in text, f"{needle!r} not in {path.name}"
    return text[: text.index(needle)].count("\n") + 1


def problems_of(data: Path) -> list[Problem]:
    return load_and_validate(data).problems


def located(problems: list[Problem]) -> set[tuple[str, str, int]]:
    return {(p.code, p.file, p.line) for p in problems}


def column_of(text: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` on 1-based ``line`` of ``text``: where a test put something."""
    return text.split("\n")[line - 1].index(needle) + 1


def only(problems: list[Problem], code: str) -> Problem:
    matching = [p for p in problems if p.code == code]
    assert len(matching) == 1, "\n".join(p.format() for p in problems)
    return matching[0]


def alone(problems: list[Problem]) -> Problem:
    """The one problem found: the rule under test, and no cascade of others from it."""
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    return problems[0]


def validate(*args: str) -> object:
    return CliRunner().invoke(cli, ["validate", *args])


# --- the shipped data and the base response used below -------------------------------------------------


def test_shipped_data_and_the_kent_response_are_valid(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS)
    write_assessments(data_copy)
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    assert checked.ok
    [kent] = [d for d in checked.dataset.documents if d.owner == "kent"]
    assert (kent.report, kent.kind, kent.name) == (REPORT, "first-comments", "kent")
    assert {(v.recommendation, v.owner) for v in checked.dataset.verdicts} >= {(f"{REPORT}/16", "kent")}
    result = validate("--data", "data")
    assert result.exit_code == 0
    assert "OK: 0 error(s), 0 warning(s) in data" in result.output


REC_DATA = [
    {"number": 1, "owners": ["forces"], "text": "By 31 October 2026, forces should act.", "actions": []},
    {"number": 2, "owners": ["forces", "college-of-policing"], "text": "Both should act.", "actions": []},
    {"number": 3, "owners": ["college-of-policing"], "text": "The College should act.", "actions": []},
]


def test_minidata_and_everything_it_can_add_are_valid(tmp_path: Path) -> None:
    """The control for every test (here and elsewhere) that builds its data with minidata."""
    root = minidata.write_data_dir(tmp_path / "data", REC_DATA, responses_dir=True)
    assert load_and_validate(root).problems == []
    minidata.add_organisation(root, minidata.organisation("home-office", "Home Office", "government-department"))
    minidata.add_organisation(root, minidata.organisation("kent-fire", "Kent Fire and Rescue Service",
                                                          "fire-and-rescue-service"))
    minidata.add_group(root, "two-forces", "Kent and Essex", members=["kent", "essex"])
    minidata.add_report(root, "second", [
        {"number": 1, "owners": ["two-forces", "home-office"], "text": "They should act.", "actions": []},
        {"number": 2, "owners": ["kent-fire"], "text": "The service should act.", "actions": []},
    ], published="2026-09-01", regime="no-statutory-clock")
    minidata.write_response(root, "kent", [minidata.answer(1), minidata.answer(2)])
    minidata.write_response(root, "kent", [minidata.answer(1, "Later.")], kind="update", label="update-1",
                            published="2027-01-10")
    minidata.write_response(root, "college-of-policing", [minidata.answer([2, 3], "One answer to both.")])
    minidata.write_response(root, "home-office", [minidata.answer(1)], "second", published="2026-10-01")
    minidata.write_response(root, "kent-fire", [minidata.answer(2)], "second", published="2026-10-01")
    minidata.write_assessments(root, verdicts=[minidata.verdict(1, "essex"), minidata.verdict(2, "forces", "open")],
                               deadline_revisions=[minidata.revision(1, "2027-03-31"),
                                                   minidata.revision(2, "2027-06-30", owner="kent")])
    checked = load_and_validate(root)
    assert checked.problems == [], [p.format() for p in checked.problems]
    dataset = checked.dataset
    assert sorted((d.report, d.owner, d.name) for d in dataset.documents) == [
        ("second", "home-office", "home-office"), ("second", "kent-fire", "kent-fire"),
        ("test-report", "college-of-policing", "college-of-policing"), ("test-report", "kent", "kent"),
        ("test-report", "kent", "kent--update-1")]
    assert [r.id for r in dataset.reports] == ["test-report", "second"]
    assert {rec.id for rec in dataset.recommendations} == {"test-report/1", "test-report/2", "test-report/3",
                                                           "second/1", "second/2"}
    assert (root / "national_responses" / "second" / "home-office.yaml").is_file()
    assert (root / "fire_responses" / "second" / "kent-fire.yaml").is_file()


# --- message format ------------------------------------------------------------------------------------


def test_unknown_recommendation_message_is_exact(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + '  - recommendation: 17\n    action: "x"\n    implementation: not-stated\n')
    problem = only(problems_of(data_copy), "unknown-reference")
    assert problem.format() == (
        f"{KENT}:{NEXT_LINE}:21: error[unknown-reference] responses[10].recommendation: "
        f"recommendation 17 of report '{REPORT}' does not exist (known: 1-16) Hint: use a number from 1-16")
    result = validate("--data", "data")
    assert result.exit_code == 1
    assert f"{KENT}:{NEXT_LINE}:21: error[unknown-reference]" in result.stdout
    assert f"recommendation 17 of report '{REPORT}' does not exist (known: 1-16)" in result.stdout
    assert "FAILED: 1 error(s), 0 warning(s) in data" in result.stderr


def test_every_problem_is_fully_located(data_copy: Path) -> None:
    text = HEAD + ANSWERS.replace("implementation: in-progress", "implementation: ongoing")
    write_kent(data_copy, text)
    problem = only(problems_of(data_copy), "not-allowed-value")
    assert (problem.file, problem.line, problem.column, problem.path) == (
        KENT, 12, column_of(text, 12, "ongoing"), "responses[2].implementation")
    assert problem.message == ("'ongoing' is not allowed here (allowed: not-started, in-progress, implemented, "
                               "not-stated)")
    assert problem.hint
    assert problem.severity is Severity.ERROR


def test_all_problems_of_all_files_in_one_run(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + entry(3))
    rec_line = replace_once(data_copy / "recommendations.yaml", "section: well-being", "section: wellbeing")
    write_assessments(data_copy, ASSESS.replace("recommendation: 16", "recommendation: 17"))
    result = validate("--data", "data")
    assert result.exit_code == 1
    assert f"{KENT}:{NEXT_LINE}:" in result.stdout and "[not-an-owner]" in result.stdout
    assert f"data/recommendations.yaml:{rec_line}:" in result.stdout and "[unknown-reference]" in result.stdout
    assert f"{ASSESSMENTS}:3:" in result.stdout
    assert "FAILED: 3 error(s)" in result.stderr


# --- YAML: strict loading ------------------------------------------------------------------------------


def test_yaml_1_1_surprises_stay_the_text_that_was_typed(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: yes\nb: no\nc: on\nd: off\ne: 012\nf: 2026-10-31\ng: 1e3\nh: 0x1f\ni: .inf\n"
                    "j: true\nk: false\nl: null\nm: ~\nn: 12\no: -3\np: 1.5\nq: '12'\nr: Y\n", "utf-8")
    loaded, problems = load_file(path, "x.yaml")
    assert problems == []
    assert loaded.data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "012", "f": "2026-10-31",
                           "g": "1e3", "h": "0x1f", "i": ".inf", "j": True, "k": False, "l": None, "m": None,
                           "n": 12, "o": -3, "p": 1.5, "q": "12", "r": "Y"}


def test_yes_for_an_enum_is_rejected_not_read_as_true(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('"Arrest plans are recorded.", implementation: not-stated',
                                                 '"Arrest plans are recorded.", implementation: yes'))
    problem = only(problems_of(data_copy), "not-allowed-value")
    assert problem.message.startswith("'yes' is not allowed here")
    assert problem.line == 13


def test_octal_looking_number_is_kept_as_typed_and_rejected(data_copy: Path) -> None:
    """012 is not read as 10 (YAML 1.1's octal): it stays the text "012", which names no recommendation.

    Recommendations may be named by id where a report gives no number, so "012" passes the schema as
    an id; the cross-check then finds no such recommendation and lists the numbers there are.
    """
    write_kent(data_copy, HEAD + ANSWERS + entry("012"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("unknown-reference", NEXT_LINE,
                                                          "responses[10].recommendation")
    assert problem.message == f"recommendation 012 of report '{REPORT}' does not exist (known: 1-16)"
    assert problem.hint == "use a number from 1-16"


def test_a_quoted_number_names_the_same_recommendation_and_a_decimal_is_a_wrong_type(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace("recommendation: 1,", 'recommendation: "1",'))
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    [kent] = [d for d in checked.dataset.documents if d.owner == "kent"]
    assert kent.answer("1") is not None
    write_kent(data_copy, HEAD + ANSWERS.replace("recommendation: 2,", "recommendation: 2.0,"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("wrong-type", 12)
    assert problem.message == "expected integer or string, found decimal number 2.0"
    assert problem.hint == "write the number without quotes, e.g. 4"


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ('published: "2026-07-01"', "published: 2026", 6, "expected null or string, found number 2026"),
    ('published: "2026-07-01"', "published: [2026]", 6, "expected null or string, found a list"),
    ("foreword: null", "foreword: []", 9, "expected null or string, found a list"),
    ("foreword: null", "foreword: 5", 9, "expected null or string, found number 5"),
    ('  title: "Response from the Kent PCC"', "  title: [a, b]", 8, "expected string, found a list"),
])
def test_wrong_types_are_named_with_a_hint(data_copy: Path, old: str, new: str, line: int, message: str) -> None:
    write_kent(data_copy, HEAD.replace(old, new) + ANSWERS)
    problem = only(problems_of(data_copy), "wrong-type")
    assert (problem.line, problem.message) == (line, message)
    assert problem.hint


def test_a_document_kind_is_one_of_three_words(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace("kind: first-comments", "kind: first-comment") + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("not-allowed-value", 4, "kind")
    assert problem.message == "'first-comment' is not allowed here (allowed: first-comments, update, action-plan)"
    assert problem.hint == "did you mean 'first-comments'?"


def test_unquoted_valid_date_keeps_its_value(data_copy: Path) -> None:
    recs = data_copy / "recommendations.yaml"
    replace_first(recs, '    deadline: "2027-04-30"\n', "    deadline: 2027-04-30\n")  # recommendation 2's
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.dataset.recommendation(f"{REPORT}/2").deadline == date(2027, 4, 30)


def test_duplicate_key_is_an_error_naming_both_lines(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('author: "Police and Crime Commissioner for Kent"\n',
                                       'author: "Police and Crime Commissioner for Kent"\nauthor: "Kent Police"\n')
               + ANSWERS)
    problem = only(problems_of(data_copy), "duplicate-key")
    assert problem.format() == (f"{KENT}:6:1: error[duplicate-key] author: key 'author' appears twice (first on "
                                "line 5) Hint: delete one of them: YAML would silently keep only the last")


def test_tabs_are_reported_with_a_tab_hint(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace("  - {recommendation: 4,", "\t- {recommendation: 4,"))
    problem = only(problems_of(data_copy), "yaml-syntax")
    assert problem.line == 13
    assert "tab" in problem.hint


def test_alias_is_reported_where_the_alias_is(data_copy: Path) -> None:
    text = (HEAD.replace('author: "Police and Crime Commissioner for Kent"',
                         'author: &who "Police and Crime Commissioner for Kent"')
            + ANSWERS.replace('action: "Screening is offered."', "action: *who"))
    write_kent(data_copy, text)
    problem = only(problems_of(data_copy), "alias")
    assert (problem.line, problem.column, problem.path) == (18, column_of(text, 18, "*who"), "responses[8].action")


@pytest.mark.parametrize("value", ["!!str 12", "!!binary aGVsbG8=", "!!python/object:os.system x", "!custom 1"])
def test_explicit_tags_are_refused(data_copy: Path, value: str) -> None:
    write_kent(data_copy, HEAD.replace('author: "Police and Crime Commissioner for Kent"', f"author: {value}")
               + ANSWERS)
    problem = only(problems_of(data_copy), "unsupported-tag")
    assert (problem.line, problem.column) == (5, 9)


def test_bom_and_windows_line_endings_are_fine(data_copy: Path) -> None:
    text = "\ufeff" + (HEAD + ANSWERS + entry(17))
    (data_copy / FOLDER / "kent.yaml").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert located(problems_of(data_copy)) == {("unknown-reference", KENT, NEXT_LINE)}


def test_control_character_is_located(data_copy: Path) -> None:
    text = HEAD + ANSWERS.replace("Screening is offered.", "Screening\x0b is offered.")
    write_kent(data_copy, text)
    problem = only(problems_of(data_copy), "yaml-syntax")
    assert (problem.line, problem.column) == (18, column_of(text, 18, "\x0b"))


def test_not_utf8_is_located_at_the_byte(data_copy: Path) -> None:
    text = HEAD + ANSWERS.replace("We meet probation monthly.", "We meet probation monthly (£).")
    (data_copy / FOLDER / "kent.yaml").write_bytes(text.encode("latin-1"))
    problem = only(problems_of(data_copy), "not-utf8")
    assert (problem.line, problem.column) == (19, column_of(text, 19, "£"))  # one byte per character here
    assert problem.message == "byte 0xa3 is not valid UTF-8"


@pytest.mark.parametrize("text", ["[" * 200_000 + "]" * 200_000, "- " * 200_000 + "x", "{a: " * 100_000 + "1"
                                  + "}" * 100_000])
def test_pathological_nesting_is_refused_without_crashing(tmp_path: Path, text: str) -> None:
    # A subprocess: before the guard, libyaml's C composer overflowed the stack and killed the interpreter.
    path = tmp_path / "deep.yaml"
    path.write_text(text, "utf-8")
    code = ("import sys; from pathlib import Path; from rectrack.data.read import load_file; "
            "loaded, problems = load_file(Path(sys.argv[1]), 'deep.yaml'); "
            "print(loaded is None, [(str(p.code), p.line) for p in problems])")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True [('too-deep', 1)]"


def test_a_number_with_thousands_of_digits_is_a_problem_not_a_crash(data_copy: Path) -> None:
    """Kept as text by the loader (Python refuses to convert so many digits), then too long for an id."""
    write_kent(data_copy, HEAD + ANSWERS + "  - {recommendation: " + "9" * 5000
               + ', action: "x", implementation: not-stated}\n')
    assert located(problems_of(data_copy)) == {("out-of-range", KENT, NEXT_LINE)}


def test_empty_file_and_comment_only_file(data_copy: Path) -> None:
    write_kent(data_copy, "")
    write_kent(data_copy, "# to do\n\n", "essex.yaml")
    assert located(problems_of(data_copy)) == {("empty-file", KENT, 1), ("empty-file", f"data/{FOLDER}/essex.yaml", 1)}


def test_folders_pipes_and_devices_are_not_read(data_copy: Path) -> None:
    responses = data_copy / FOLDER
    (responses / "kent.yaml").mkdir()
    os.mkfifo(responses / "essex.yaml")  # reading a pipe without a writer would wait for ever
    (responses / "surrey.yaml").symlink_to("/dev/zero")  # an endless file, and outside the data folder
    (data_copy / "assessments" / f"{REPORT}.yaml").symlink_to("/dev/zero")
    problems = problems_of(data_copy)
    assert located(problems) == {("unreadable-file", f"data/{FOLDER}/kent.yaml", 1),
                                 ("unreadable-file", f"data/{FOLDER}/essex.yaml", 1),
                                 ("link-outside", f"data/{FOLDER}/surrey.yaml", 1),
                                 ("link-outside", ASSESSMENTS, 1)}


def test_file_over_the_size_limit_is_not_parsed(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + ("# " + "x" * 1000 + "\n") * 3000)
    problem = only(problems_of(data_copy), "file-too-large")
    assert problem.message.startswith("file is 3,")


# --- schema rules --------------------------------------------------------------------------------------


def test_unknown_field_suggests_the_closest_name(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('"Screening is offered.", implementation: not-stated',
                                                 '"Screening is offered.", implementaton: not-stated'))
    problems = problems_of(data_copy)
    unknown = only(problems, "unknown-field")
    assert (unknown.line, unknown.message, unknown.hint) == (18, "unknown field 'implementaton'",
                                                             "did you mean 'implementation'?")
    missing = only(problems, "missing-field")
    assert missing.message == "required field 'implementation' is missing"
    assert missing.path == "responses[8].implementation"


def test_the_old_force_field_is_unknown_and_owner_is_missing(data_copy: Path) -> None:
    """A response written in the one-report format (``force: kent``) is told what the field is now."""
    write_kent(data_copy, HEAD.replace("owner: kent", "force: kent") + ANSWERS)
    problems = problems_of(data_copy)
    assert located(problems) == {("unknown-field", KENT, 2), ("missing-field", KENT, 2)}
    assert only(problems, "missing-field").message == "required field 'owner' is missing"


def test_text_over_the_length_limit(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + '  - {recommendation: 3, action: "' + "a" * 50_000
               + '", implementation: not-stated}\n')
    problem = only(problems_of(data_copy), "out-of-range")
    assert problem.message == "text is 50,000 characters long; at most 20,000 are allowed"
    assert problem.hint


@pytest.mark.parametrize("number", ["0", "1000", "-1"])
def test_recommendation_number_out_of_range(data_copy: Path, number: str) -> None:
    write_kent(data_copy, HEAD + ANSWERS + entry(number))
    problem = only(problems_of(data_copy), "out-of-range")
    assert problem.line == NEXT_LINE
    assert problem.hint == "use a number from 1 to 999"


@pytest.mark.parametrize(("published", "code"), [
    ('"2026-02-30"', "impossible-date"), ('"2026-13-01"', "impossible-date"), ("2026-02-30", "impossible-date"),
    ('"2026-00-10"', "impossible-date"), ('"2026-04-00"', "impossible-date"),
    ('"2026-2-3"', "bad-format"), ('"1 July 2026"', "bad-format"), ("2026", "wrong-type"),
])
def test_dates_must_be_real_and_well_formed(data_copy: Path, published: str, code: str) -> None:
    write_kent(data_copy, HEAD.replace('published: "2026-07-01"', f"published: {published}") + ANSWERS)
    problem = only(problems_of(data_copy), code)
    assert (problem.line, problem.path) == (6, "published")
    assert problem.hint


def test_leap_day_is_a_real_date(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('published: "2026-07-01"', 'published: "2028-02-29"') + ANSWERS)
    assert problems_of(data_copy) == []


@pytest.mark.parametrize("published", ['"2026-13"', '"2026-02-30"', '"2027-02-29"', '"0000"', '"2026-00"',
                                       '"2026-04-00"', '"2026-00-10"'])
def test_report_partial_date_must_be_real(data_copy: Path, published: str) -> None:
    line = replace_once(data_copy / "reports.yaml", 'published: "2026-04"', f"published: {published}")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line, problem.path) == (
        "impossible-date", "data/reports.yaml", line, "reports[1].published")


@pytest.mark.parametrize("published", ['"2026-02-30"', '"2026-13"'])
def test_a_dated_response_to_a_report_with_an_impossible_date(data_copy: Path, published: str) -> None:
    """The response's date cannot be compared with a date that does not exist: the report's date is the problem."""
    line = replace_once(data_copy / "reports.yaml", 'published: "2026-04"', f"published: {published}")
    write_kent(data_copy, HEAD + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == ("impossible-date", "data/reports.yaml", line)


@pytest.mark.parametrize("date_", ['"2026-13"', '"2026-02-30"', '"2026-11-31"', '"2026-00"', '"2026-11-00"'])
def test_verdict_partial_date_must_be_real(data_copy: Path, date_: str) -> None:
    write_assessments(data_copy, ASSESS.replace('date: "2026-11-20"', f"date: {date_}"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line, problem.path) == (
        "impossible-date", ASSESSMENTS, 5, "verdicts[1].date")


@pytest.mark.parametrize("field", ["decided", "deadline"])
def test_deadline_revision_dates_must_be_real(data_copy: Path, field: str) -> None:
    old = {"decided": 'decided: "2026-09-01"', "deadline": 'deadline: "2027-01-31"'}[field]
    write_assessments(data_copy, ASSESS.replace(old, old.replace('-09-01"', '-09-31"').replace('-01-31"', '-02-30"')))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("impossible-date", {"decided": 18, "deadline": 19}[field])


@pytest.mark.parametrize("owner_id", ["../../etc/passwd", "Kent", "kent_police", "kent--police", "-kent"])
def test_ids_must_be_slugs(data_copy: Path, owner_id: str) -> None:
    write_kent(data_copy, HEAD.replace("owner: kent", f"owner: {json.dumps(owner_id)}") + ANSWERS)
    problem = only(problems_of(data_copy), "bad-format")
    assert (problem.line, problem.path) == (2, "owner")


# --- files and file names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["site.yaml", "organisations.yaml", "reports.yaml", "recommendations.yaml"])
def test_missing_required_file(data_copy: Path, name: str) -> None:
    (data_copy / name).unlink()
    problem = only(problems_of(data_copy), "missing-file")
    assert (problem.file, problem.line, problem.message) == (f"data/{name}", 1, f"required file {name} is missing")


@pytest.mark.parametrize("name", ["forces.yaml", "bodies.yaml", "report.yaml"])
def test_a_file_of_the_one_report_format_is_ignored_with_a_warning(data_copy: Path, name: str) -> None:
    (data_copy / name).write_text("forces: []\n", "utf-8")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.severity) == ("ignored-file", f"data/{name}", Severity.WARNING)


@pytest.mark.parametrize("name", ["%2e%2e%2fkent.yaml", "kent.v2.yaml", "Kent.yaml", "kent police.yaml",
                                  "kent--.yaml", "kent--update--2.yaml", "kent--Update.yaml", "--update.yaml"])
def test_response_file_name_must_be_an_owner_id_and_a_label(data_copy: Path, name: str) -> None:
    write_kent(data_copy, HEAD + ANSWERS, name)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file) == ("bad-file-name", f"data/{FOLDER}/{name}")


@pytest.mark.parametrize("name", ["..%2f.yaml", ".kent.yaml", "kent.yml", "kent.json"])
def test_hidden_yml_or_json_response_files_are_ignored_with_a_warning(data_copy: Path, name: str) -> None:
    write_kent(data_copy, "owner: [not read at all\n", name)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.severity) == ("ignored-file", Severity.WARNING)
    assert validate("--data", "data").exit_code == 0
    assert validate("--data", "data", "--strict").exit_code == 1


def test_file_name_must_match_the_owner(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace("owner: kent", "owner: essex") + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.message) == (
        "file-name-mismatch", 2, "the file is named kent.yaml but says owner 'essex'")
    assert problem.hint == ("rename the file to essex.yaml (or essex--LABEL.yaml for a later document), "
                            "or correct 'owner'")


def test_a_later_document_s_name_must_start_with_its_owner(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace("first-comments", "update") + ANSWERS, "essex--update-1.yaml")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == ("file-name-mismatch", f"data/{FOLDER}/essex--update-1.yaml",
                                                          2)


def test_folder_must_match_the_report(data_copy: Path) -> None:
    write(data_copy, "force_responses/hmicfrs-2023-online-csae/kent.yaml", HEAD + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == (
        "file-name-mismatch", "data/force_responses/hmicfrs-2023-online-csae/kent.yaml", 3)
    assert problem.message == (f"the file is in the folder hmicfrs-2023-online-csae/ but says report '{REPORT}'")
    assert problem.hint == f"move it to force_responses/{REPORT}/, or correct 'report'"


def test_a_response_outside_a_report_folder_is_misplaced(data_copy: Path) -> None:
    write(data_copy, "force_responses/kent.yaml", HEAD + ANSWERS)  # where the one-report format kept it
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == ("misplaced-file", "data/force_responses/kent.yaml", 1)
    assert problem.hint.startswith("move it to force_responses/REPORT-ID/kent.yaml")


@pytest.mark.parametrize("folder", ["Hmicfrs-2026", "hmicfrs 2026", "hmicfrs--2026"])
def test_a_report_folder_must_be_named_as_an_id(data_copy: Path, folder: str) -> None:
    write(data_copy, f"force_responses/{folder}/kent.yaml", HEAD + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file) == ("bad-file-name", f"data/force_responses/{folder}")


def test_an_assessments_file_must_be_named_after_its_report(data_copy: Path) -> None:
    write(data_copy, "assessments/hmicfrs-2023-online-csae-2.yaml",
          ASSESS.replace(f"report: {REPORT}", "report: hmicfrs-2023-online-csae", 1)
          .replace("recommendation: 16", "recommendation: npcc-prioritisation-tool")
          .replace("owner: kent", "owner: npcc")
          .replace("recommendation: 1\n", "recommendation: npcc-prioritisation-tool\n"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.message) == (
        "file-name-mismatch", 1,
        "the file is named hmicfrs-2023-online-csae-2.yaml but says report 'hmicfrs-2023-online-csae'")


@pytest.mark.parametrize(("document", "code"), [("sources/../../../etc/passwd.md", "unsafe-path"),
                                                ("sources/..", "bad-format"), ("../outside.md", "bad-format"),
                                                ("/etc/passwd.md", "bad-format")])
def test_document_paths_stay_inside_the_data_directory(data_copy: Path, document: str, code: str) -> None:
    write_kent(data_copy, HEAD.replace('  title: "Response from the Kent PCC"\n',
                                       f'  title: "Response from the Kent PCC"\n  document: "{document}"\n') + ANSWERS)
    problem = only(problems_of(data_copy), code)
    assert (problem.line, problem.severity) == (9, Severity.ERROR)


def test_missing_source_document_is_a_warning(data_copy: Path) -> None:
    title = '  title: "Response from the Kent PCC"\n'
    write_kent(data_copy, HEAD.replace(title, title + "  document: sources/kent.md\n") + ANSWERS)
    problem = only(problems_of(data_copy), "missing-document")
    assert (problem.severity, problem.line) == (Severity.WARNING, 9)


# --- cross-references: one registry of organisations and groups ---------------------------------------


def test_organisation_ids_are_unique(data_copy: Path) -> None:
    line = replace_once(data_copy / "organisations.yaml", "  - id: kent\n", "  - id: essex\n")
    problem = only(problems_of(data_copy), "duplicate-id")
    assert (problem.file, problem.line) == ("data/organisations.yaml", line)
    assert problem.message.startswith("id 'essex' is used twice (first as item ")


def test_a_group_cannot_take_an_organisation_s_id(data_copy: Path) -> None:
    """One id namespace: ``kent`` as a group would make every owner ``kent`` mean two things."""
    groups = data_copy / "groups.yaml"
    text = groups.read_text("utf-8")
    groups.write_text(text + '  - id: kent\n    name: "Kent"\n    members: [kent]\n', "utf-8")
    line = text.count("\n") + 1
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line, problem.path) == ("duplicate-id", "data/groups.yaml", line,
                                                                        "groups[2].id")
    assert problem.message == "id 'kent' is also an organisation's id (organisations.yaml)"
    assert problem.hint == "organisations and groups share one set of ids: rename the group"


def test_a_group_is_defined_by_a_rule_or_by_a_list_not_both(data_copy: Path) -> None:
    groups = data_copy / "groups.yaml"
    text = groups.read_text("utf-8")
    line = text.count("\n") + 1
    groups.write_text(text + '  - id: south-east\n    name: "South East"\n    kinds: [territorial-police-force]\n'
                      "    members: [kent, surrey]\n", "utf-8")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line, problem.path) == ("bad-group", "data/groups.yaml", line,
                                                                        "groups[2]")
    assert problem.message == ("group 'south-east' must be defined either by a rule (kinds, countries) or by a list "
                               "(members)")


def test_a_group_with_neither_rule_nor_list(data_copy: Path) -> None:
    groups = data_copy / "groups.yaml"
    text = groups.read_text("utf-8")
    groups.write_text(text + '  - id: south-east\n    name: "South East"\n', "utf-8")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("bad-group", text.count("\n") + 1)


@pytest.mark.parametrize(("old", "new", "code"), [
    ("    countries: [England, Wales]\n", "    countries: [England, Wales]\n    members: [kent]\n", "bad-group"),
    ("    kinds: [territorial-police-force]\n    countries: [England, Wales]\n", "", "bad-group"),
    ("    countries: [England, Wales]\n", "    countries: [England, Wales]\n  - id: forces\n    name: \"Kent\"\n"
                                          "    members: [kent]\n", "duplicate-id"),
])
def test_one_mistake_in_a_used_group_is_one_problem(data_copy: Path, old: str, new: str, code: str) -> None:
    """A wrong definition of ``forces`` is reported once: not again as every owner, scope, verdict and
    answer that names the group (the group still stands for its members), and a second group of the same
    id does not replace the first."""
    replace_once(data_copy / "groups.yaml", old, new)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file) == (code, "data/groups.yaml")


@pytest.mark.parametrize(("old", "new", "field", "means"), [
    ("kinds: [territorial-police-force]", "kinds: []", "kinds", "organisations of every kind"),
    ("countries: [England, Wales]", "countries: []", "countries", "organisations in every country"),
])
def test_an_empty_rule_in_a_group_is_refused_once(data_copy: Path, old: str, new: str, field: str,
                                                 means: str) -> None:
    """``kinds: []`` matched every organisation (the rule said nothing, so nothing was excluded)."""
    line = replace_once(data_copy / "groups.yaml", old, new)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("bad-group", line, f"groups[1].{field}")
    assert problem.message.endswith(f"which would make it stand for {means}")


def test_an_organisation_with_a_group_s_id_is_one_problem(data_copy: Path) -> None:
    organisations = data_copy / "organisations.yaml"
    organisations.write_text(organisations.read_text("utf-8") + "  - {id: forces, name: \"All forces\", "
                             "kind: national-policing-body, country: England, governance: []}\n", "utf-8")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == ("duplicate-id", "data/groups.yaml", 4)


def test_a_group_member_must_be_an_organisation(data_copy: Path) -> None:
    groups = data_copy / "groups.yaml"
    text = groups.read_text("utf-8")
    groups.write_text(text + '  - id: south-east\n    name: "South East"\n    members: [kent, surey]\n', "utf-8")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("unknown-reference", text.count("\n") + 3,
                                                          "groups[2].members[2]")
    assert problem.hint == "did you mean 'surrey'?"


def test_named_forces_and_a_group_by_list_are_owners(tmp_path: Path) -> None:
    """Owners ``[kent, essex]`` and a listed group work: each member owes an answer, no other force does."""
    root = minidata.write_data_dir(tmp_path / "data", REC_DATA)
    minidata.add_group(root, "two", "Kent and Essex", members=["kent", "essex"])
    minidata.add_report(root, "named", [
        {"number": 1, "owners": ["kent", "essex"], "text": "Kent and Essex should act.", "actions": []},
        {"number": 2, "owners": ["two"], "text": "The two should act.", "actions": []}])
    minidata.write_response(root, "kent", [minidata.answer(1), minidata.answer(2)], "named")
    assert load_and_validate(root).problems == []
    minidata.write_response(root, "gwent", [minidata.answer(1), minidata.answer(2)], "named")
    problems = load_and_validate(root).problems
    assert [(p.code, p.path) for p in problems] == [("not-an-owner", "responses[1].recommendation"),
                                                    ("not-an-owner", "responses[2].recommendation")]
    assert problems[0].hint == "recommendation 1 is for: kent, essex"


# --- cross-references: reports and recommendations -----------------------------------------------------


def test_report_ids_are_unique(data_copy: Path) -> None:
    reports = data_copy / "reports.yaml"
    text = reports.read_text("utf-8")
    first = text.index("  - id: hmicfrs-2023-online-csae\n")
    block = text[first: text.index("  - id: creedon-2023-rso-review\n")]
    reports.write_text(text + block, "utf-8")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("duplicate-id", text.count("\n") + 1)


def test_recommendation_numbers_are_unique_within_a_report(data_copy: Path) -> None:
    line = replace_once(data_copy / "recommendations.yaml", "    number: 7\n", "    number: 6\n")
    problems = problems_of(data_copy)
    duplicate = only(problems, "duplicate-id")
    assert (duplicate.file, duplicate.line) == ("data/recommendations.yaml", line)
    assert duplicate.message == f"report '{REPORT}' has two recommendations 6"


def test_two_reports_each_have_a_recommendation_1(data_copy: Path) -> None:
    recs = data_copy / "recommendations.yaml"
    replace_once(recs, "    number: null\n    id: npcc-prioritisation-tool\n", "    number: 1\n")
    replace_once(data_copy / "assessments" / "hmicfrs-2023-online-csae.yaml",
                 "recommendation: npcc-prioritisation-tool", "recommendation: 1")
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    assert {rec.id for rec in checked.dataset.recommendations if rec.local == "1"} == {
        f"{REPORT}/1", "hmicfrs-2023-online-csae/1"}


def test_a_recommendation_needs_a_number_or_an_id(data_copy: Path) -> None:
    recs = data_copy / "recommendations.yaml"
    line = replace_once(recs, "    number: null\n    id: npcc-prioritisation-tool\n", "    number: null\n")
    write(data_copy, "assessments/hmicfrs-2023-online-csae.yaml", "report: hmicfrs-2023-online-csae\n")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("missing-id", line, "recommendations[17].number")
    assert problem.message == "a recommendation without a number needs an id"


def test_a_numbered_recommendation_takes_no_id(data_copy: Path) -> None:
    line = replace_once(data_copy / "recommendations.yaml", "    number: 16\n", "    number: 16\n    id: sixteen\n")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("missing-id", line + 1)
    assert problem.message == "recommendation 16 has a number, so it takes no id"


def test_unknown_owner_suggests_the_organisation(data_copy: Path) -> None:
    line = replace_once(data_copy / "recommendations.yaml", "owners: [home-office]", "owners: [home-ofice]")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == ("unknown-reference", "data/recommendations.yaml", line)
    assert problem.message.startswith("owner 'home-ofice' does not exist (known: ")
    assert problem.hint == "did you mean 'home-office'?"
    # The list is long (every organisation and group): it names whole ids, then says how many it left out.
    listed, _, more = problem.message.removeprefix("owner 'home-ofice' does not exist (known: ").partition(" and ")
    ids = {entry["id"] for name, key in (("organisations", "organisations"), ("groups", "groups"))
           for entry in yaml.safe_load((data_copy / f"{name}.yaml").read_text("utf-8"))[key]}
    assert set(listed.split(", ")) <= ids
    assert more.endswith(" more)") and int(more.split()[0]) + len(listed.split(", ")) == len(ids)


def test_a_recommendation_of_an_unknown_report(data_copy: Path) -> None:
    line = replace_once(data_copy / "recommendations.yaml", "  - report: creedon-2023-rso-review\n",
                        "  - report: creedon-2023-rso-reveiw\n")
    write(data_copy, "assessments/creedon-2023-rso-review.yaml", "report: creedon-2023-rso-review\n")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("unknown-reference", line, "recommendations[18].report")
    assert problem.hint == "did you mean 'creedon-2023-rso-review'?"


@pytest.mark.parametrize(("old", "new", "what", "hint"), [
    ("publishers: [hmicfrs]", "publishers: [hmicfr]", "organisation 'hmicfr'", "did you mean 'hmicfrs'?"),
    ("scope: [forces, college-of-policing, npcc, home-office]",
     "scope: [forces, college-of-policing, npc, home-office]", "organisation or group 'npc'", "did you mean 'npcc'?"),
    (f"      report: {REPORT}\n      quote: \"On 5 April", f"      report: {REPORT}x\n      quote: \"On 5 April",
     f"report '{REPORT}x'", f"did you mean '{REPORT}'?"),
])
def test_a_report_s_references_suggest_the_closest_id(data_copy: Path, old: str, new: str, what: str,
                                                      hint: str) -> None:
    line = replace_first(data_copy / "reports.yaml", old, new)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("unknown-reference", line)
    assert problem.message.startswith(f"{what} does not exist")
    assert problem.hint.startswith(hint[:-1])


def test_a_publisher_is_one_organisation_not_a_group(data_copy: Path) -> None:
    line = replace_once(data_copy / "reports.yaml", "publishers: [hmicfrs]\n    author: null\n    series: \"PEEL",
                        "publishers: [forces]\n    author: null\n    series: \"PEEL")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("not-an-organisation", line)
    assert problem.message == "'forces' is a group; a publisher is one organisation"


def test_unknown_section_case_study_organisation_and_recommendation(data_copy: Path) -> None:
    cases = data_copy / "case_studies.yaml"
    org_line = replace_first(cases, "    organisations: [cheshire]\n", "    organisations: [chesire]\n")
    section_line = replace_once(data_copy / "recommendations.yaml", "section: partnership", "section: partnerships")
    rec_line = replace_first(cases, "    recommendations: [1]\n", "    recommendations: [99, 1]\n")
    problems = problems_of(data_copy)
    assert located(problems) == {("unknown-reference", "data/case_studies.yaml", org_line),
                                 ("unknown-reference", "data/recommendations.yaml", section_line),
                                 ("unknown-reference", "data/case_studies.yaml", rec_line)}
    messages = {p.message.split(" does not exist")[0] for p in problems}
    assert messages == {"organisation 'chesire'", f"section 'partnerships' of report '{REPORT}'",
                        f"recommendation 99 of report '{REPORT}'"}
    hints = {p.line: p.hint for p in problems if p.file == "data/case_studies.yaml"}
    assert hints[org_line].startswith("did you mean 'cheshire'")
    assert hints[rec_line] == "use a number from 1-16"


# --- response documents: who answers, where the file lives, what it answers ----------------------------


def test_response_to_an_unknown_report_or_owner_suggests_the_closest(data_copy: Path) -> None:
    path = "force_responses/hmicfrs-2026-ocsa/durham-police.yaml"
    write(data_copy, path, HEAD.replace("owner: kent", "owner: durham-police")
          .replace(f"report: {REPORT}", "report: hmicfrs-2026-ocsa") + ANSWERS)
    problems = problems_of(data_copy)
    assert located(problems) == {("unknown-reference", f"data/{path}", 2), ("unknown-reference", f"data/{path}", 3)}
    by_line = {p.line: p for p in problems}
    assert by_line[2].message.startswith("organisation 'durham-police' does not exist")
    assert by_line[2].hint == "did you mean 'durham'?"
    assert by_line[3].message.startswith("report 'hmicfrs-2026-ocsa' does not exist")
    assert by_line[3].hint.startswith(f"did you mean '{REPORT}'")


def test_a_response_is_by_one_organisation_not_a_group(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace("owner: kent", "owner: forces") + ANSWERS, "forces.yaml")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("not-an-organisation", 2, "owner")
    assert problem.message == "'forces' is a group; a response is published by one organisation"


@pytest.mark.parametrize(("folder", "owner", "right"), [
    ("national_responses", "kent", "force_responses"),
    ("fire_responses", "kent", "force_responses"),
    ("force_responses", "npcc", "national_responses"),
])
def test_a_response_lives_in_the_folder_for_its_owner_s_kind(data_copy: Path, folder: str, owner: str,
                                                             right: str) -> None:
    text = HEAD.replace("owner: kent", f"owner: {owner}") + (
        ANSWERS if owner == "kent" else '  - {recommendation: 9, action: "x", implementation: not-stated}\n'
        '  - {recommendation: 11, action: "x", implementation: not-stated}\n'
        '  - {recommendation: 13, action: "x", implementation: not-stated}\n'
        '  - {recommendation: 14, action: "x", implementation: not-stated}\n')
    write(data_copy, f"{folder}/{REPORT}/{owner}.yaml", text)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line) == ("misplaced-file", f"data/{folder}/{REPORT}/{owner}.yaml", 2)
    assert f"so its responses belong in {right}/, not {folder}/" in problem.message
    assert problem.hint == f"move the file to {right}/{REPORT}/{owner}.yaml"


def test_a_national_body_answers_in_national_responses(data_copy: Path) -> None:
    """A national body's response is a response like any other: its claims checked, its document kept."""
    write(data_copy, f"national_responses/{REPORT}/npcc.yaml", HEAD.replace("owner: kent", "owner: npcc")
          .replace("Police and Crime Commissioner for Kent", "NPCC")
          + '  - {recommendation: [9, 13], action: "We lead the work.", implementation: in-progress, '
            'evidence: "We lead the work."}\n'
          + '  - {recommendation: 11, action: "x", implementation: not-stated}\n'
          + '  - {recommendation: 14, action: "x", implementation: not-stated}\n')
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    [npcc] = [d for d in checked.dataset.documents if d.owner == "npcc"]
    assert npcc.answered == ("9", "11", "13", "14")
    assert npcc.answer("9").shared_with == ("9", "13")


def test_a_force_answers_only_recommendations_addressed_to_it(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + entry(7))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("not-an-owner", NEXT_LINE)
    assert problem.message == "recommendation 7 is not addressed to Kent Police, so its response cannot answer it"
    assert problem.hint == "recommendation 7 is for: home-office"


def test_a_shared_answer_is_checked_for_each_recommendation(data_copy: Path) -> None:
    text = HEAD + without(16).replace("recommendation: 15,", "recommendation: [15, 16, 3],")
    write_kent(data_copy, text)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("not-an-owner", 18, "responses[8].recommendation[3]")
    assert problem.column == column_of(text, 18, "3]")


def test_duplicate_response_entry(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + '  - {recommendation: 5, action: "More.", implementation: not-stated}\n')
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("duplicate-response", NEXT_LINE)
    assert problem.message == "recommendation 5 is answered twice (first as item 4)"


def test_a_shared_answer_and_a_single_one_to_the_same_recommendation(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace("recommendation: 15,", "recommendation: [15, 16],"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("duplicate-response", 19, "responses[9].recommendation")
    assert problem.message == "recommendation 16 is answered twice (first as item 8)"


def test_two_first_comments_by_one_owner_on_one_report(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS)
    write_kent(data_copy, HEAD + ANSWERS, "kent--second.yaml")
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line, problem.path) == (
        "duplicate-document", f"data/{FOLDER}/kent--second.yaml", 4, "kind")  # not kent.yaml: that is the first
    assert problem.message == f"kent already has first comments on this report ({KENT})"
    assert problem.hint == "a later document is an `update` or an `action-plan`: change `kind`"


def test_an_update_beside_the_first_comments_is_its_own_document(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS)
    write_kent(data_copy, HEAD.replace("first-comments", "update").replace("2026-07-01", "2027-01-14")
               + '  - {recommendation: 2, action: "Staffing grew.", implementation: implemented, '
                 'evidence: "Staffing grew."}\n', "kent--update-2027-01.yaml")
    checked = load_and_validate(data_copy)
    assert checked.problems == []  # an update need not answer everything: no unanswered notice
    kent = [d for d in checked.dataset.documents if d.owner == "kent"]
    assert [(d.name, d.kind, d.published) for d in kent] == [
        ("kent", "first-comments", date(2026, 7, 1)), ("kent--update-2027-01", "update", date(2027, 1, 14))]


def test_the_same_owner_answers_two_reports(tmp_path: Path) -> None:
    root = minidata.write_data_dir(tmp_path / "data", REC_DATA)
    minidata.add_report(root, "second", [{"number": 1, "owners": ["forces"], "text": "Forces should.",
                                          "actions": []}], published="2026-09")
    minidata.write_response(root, "kent", [minidata.answer(1), minidata.answer(2)])
    minidata.write_response(root, "kent", [minidata.answer(1)], "second", published="2026-10-01")
    checked = load_and_validate(root)
    assert checked.problems == []
    assert sorted((d.report, d.kind) for d in checked.dataset.documents) == [("second", "first-comments"),
                                                                           ("test-report", "first-comments")]


def test_a_report_without_recommendations_has_none_to_answer_or_assess(tmp_path: Path) -> None:
    """A report whose recommendations are not entered yet (as ``new-report`` leaves it) has none to answer."""
    root = minidata.write_data_dir(tmp_path / "data", REC_DATA)
    minidata.add_report(root, "empty", [], scope=["forces"], published="2026-05")
    response = minidata.write_response(root, "kent", [minidata.answer(5)], "empty")
    assessments = minidata.write_assessments(root, "empty", verdicts=[minidata.verdict(3, "kent")],
                                             deadline_revisions=[minidata.revision(2, "2027-01-01")])
    recs = root / "recommendations.yaml"
    recs.write_text(recs.read_text("utf-8").replace("  summary_variant: null\n", "  summary_variant: null\n"
                                                    "  related: [empty/1]\n", 1), "utf-8")
    problems = load_and_validate(root).problems
    assert [(p.code, Path(p.file).name, p.path) for p in problems] == [
        ("unknown-reference", "empty.yaml", "verdicts[1].recommendation"),
        ("unknown-reference", "empty.yaml", "deadline_revisions[1].recommendation"),
        ("unknown-reference", "kent.yaml", "responses[1].recommendation"),
        ("unknown-reference", "recommendations.yaml", "recommendations[1].related[1]")]
    assert all(p.message.endswith("does not exist (known: none)") for p in problems), [p.message for p in problems]
    assert {Path(p.file).resolve() for p in problems} >= {response.resolve(), assessments.resolve()}


def test_a_response_dated_before_its_report_is_a_warning(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('"2026-07-01"', '"2026-03-31"') + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path, problem.severity) == (
        "before-report", 6, "published", Severity.WARNING)
    assert problem.message == "published 2026-03-31, before the report itself (2026-04)"
    assert validate("--data", "data").exit_code == 0
    assert validate("--data", "data", "--strict").exit_code == 1


def test_a_response_in_the_report_s_month_is_not_before_it(data_copy: Path) -> None:
    """The report gives only "April 2026": a response of 1 April may follow it, so nothing is said."""
    write_kent(data_copy, HEAD.replace('"2026-07-01"', '"2026-04-01"') + ANSWERS)
    assert problems_of(data_copy) == []


DRAFT = HEAD + "".join(f'  - {{recommendation: {n}, action: "", implementation: not-stated}}\n'
                       for n in (1, 2, 4, 5, 6, 8, 10, 15, 16))


@pytest.mark.parametrize("text", [DRAFT, HEAD.replace("responses:\n", "responses: []\n")])
def test_a_draft_is_a_notice_and_publishes_nothing(data_copy: Path, text: str) -> None:
    write_kent(data_copy, text)
    checked = load_and_validate(data_copy)
    problem = alone(checked.problems)
    assert (problem.code, problem.line, problem.severity) == ("draft", 10, Severity.NOTICE)
    assert problem.message == "no answer is filled in yet: this is a draft, and nothing is published from it"
    assert checked.ok
    assert [d.owner for d in checked.dataset.documents] == ["devon-and-cornwall"]
    result = validate("--data", "data", "--strict")
    assert result.exit_code == 0
    assert f"{KENT}:10:1: notice[draft]" in result.stdout


def test_an_unfilled_entry_is_a_notice_and_not_an_answer(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('action: "Demand is forecast each year."', 'action: "  "'))
    checked = load_and_validate(data_copy)
    assert located(checked.problems) == {("unfilled", KENT, 16), ("unanswered", KENT, 10)}
    assert {p.severity for p in checked.problems} == {Severity.NOTICE}
    assert only(checked.problems, "unfilled").message == ("recommendation 8 has no answer yet, so it is shown as "
                                                          "not answered")
    [kent] = [d for d in checked.dataset.documents if d.owner == "kent"]
    assert kent.answer("8") is None and kent.answer("6") is not None
    assert validate("--data", "data", "--strict").exit_code == 0


def test_an_unfilled_title_of_a_published_document_is_a_warning(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('title: "Response from the Kent PCC"', 'title: ""') + ANSWERS)
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.severity) == ("unfilled", 8, Severity.WARNING)
    assert validate("--data", "data", "--strict").exit_code == 1


def test_a_partial_first_comments_is_a_notice_with_the_s55_hint(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + without(8, 15))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.file, problem.line, problem.severity) == ("unanswered", KENT, 10, Severity.NOTICE)
    assert problem.message == "no answer to recommendation(s) 8, 15"
    assert "Police Act 1996 s55(5B)" in problem.hint
    result = validate("--data", "data")
    assert result.exit_code == 0
    assert f"{KENT}:10:1: notice[unanswered]" in result.stdout
    assert validate("--data", "data", "--strict").exit_code == 0


def test_a_partial_answer_by_a_national_body_has_no_s55_hint(data_copy: Path) -> None:
    write(data_copy, f"national_responses/{REPORT}/npcc.yaml", HEAD.replace("owner: kent", "owner: npcc")
          + '  - {recommendation: 11, action: "x", implementation: not-stated}\n')
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.message) == ("unanswered", "no answer to recommendation(s) 9, 13-14")
    assert problem.hint == "the site shows which recommendations it leaves unanswered"


@pytest.mark.parametrize(("kind", "regime", "statutory"), [
    ("territorial-police-force", "s55", True),
    ("territorial-police-force", "no-statutory-clock", False),
    ("territorial-police-force", "none", False),
    ("other-police-force", "s55", False),
    ("fire-and-rescue-service", "no-statutory-clock", False),
])
def test_the_s55_hint_only_for_a_territorial_force_on_an_s55_report(tmp_path: Path, kind: str, regime: str,
                                                                    statutory: bool) -> None:
    root = minidata.write_data_dir(tmp_path / "data", REC_DATA)
    minidata.add_organisation(root, minidata.organisation("answerer", "The answerer", kind))
    minidata.add_report(root, "second", [
        {"number": n, "owners": ["answerer"], "text": f"The answerer should do {n}.", "actions": []}
        for n in (1, 2, 3)], regime=regime, published="2026-05")
    minidata.write_response(root, "answerer", [minidata.answer(2)], "second")
    [problem] = load_and_validate(root).problems
    assert (problem.code, problem.message) == ("unanswered", "no answer to recommendation(s) 1, 3")
    assert ("s55(5B)" in problem.hint) is statutory


def test_a_partial_update_is_not_unanswered(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace("first-comments", "update") + without(8, 15), "kent--update-1.yaml")
    assert problems_of(data_copy) == []


# --- the claim and its evidence ------------------------------------------------------------------------


def test_evidence_must_occur_in_the_action(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('evidence: "Staffing is under review."',
                                                 'evidence: "Staffing has been increased."'))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("evidence-not-in-action", 12, "responses[2].evidence")


def test_evidence_ignores_line_breaks_and_curly_quotes(data_copy: Path) -> None:
    entry_16 = (
        "  - recommendation: 16\n    action: |\n      We meet the force's probation\n      leads monthly.\n"
        "    implementation: implemented\n    evidence: \"We meet the force\u2019s probation leads monthly.\"\n")
    write_kent(data_copy, HEAD + without(16) + entry_16)
    assert problems_of(data_copy) == []
    write_kent(data_copy, HEAD + without(16) + entry_16.replace("leads monthly.\"", "leads weekly.\""))
    assert located(problems_of(data_copy)) == {("evidence-not-in-action", KENT, 24)}


def test_a_claim_needs_evidence_and_evidence_needs_a_claim(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS
               .replace('"Arrest plans are recorded.", implementation: not-stated',
                        '"Arrest plans are recorded.", implementation: implemented')
               .replace('"Screening is offered.", implementation: not-stated',
                        '"Screening is offered.", implementation: not-stated, evidence: "Screening is offered."'))
    problems = problems_of(data_copy)
    assert located(problems) == {("missing-evidence", KENT, 13), ("evidence-without-claim", KENT, 18)}
    assert only(problems, "evidence-without-claim").severity is Severity.WARNING


# --- the inspectorate's assessments: verdicts and revised deadlines ------------------------------------


def test_a_verdict_on_a_force_that_published_nothing_is_valid(data_copy: Path) -> None:
    write_assessments(data_copy, ASSESS.replace("owner: kent", "owner: essex"))
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    [verdict] = [v for v in checked.dataset.verdicts if v.owner == "essex" and v.recommendation.startswith(REPORT)]
    assert (verdict.recommendation, verdict.verdict) == (f"{REPORT}/16", "closed-implemented")


def test_a_verdict_on_a_group_is_one_verdict_per_member(data_copy: Path) -> None:
    write_assessments(data_copy, ASSESS.replace("owner: kent", "owner: forces"))
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    verdicts = [v for v in checked.dataset.verdicts if v.recommendation == f"{REPORT}/16"]
    assert len(verdicts) == 43 and {v.given_for for v in verdicts} == {"forces"}


@pytest.mark.parametrize(("old", "new", "line", "path"), [
    ("recommendation: 16", "recommendation: 17", 3, "verdicts[1].recommendation"),
    ("recommendation: 1\n", "recommendation: 99\n", 16, "deadline_revisions[1].recommendation"),
])
def test_an_assessment_of_an_unknown_recommendation(data_copy: Path, old: str, new: str, line: int,
                                                    path: str) -> None:
    write_assessments(data_copy, ASSESS.replace(old, new))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("unknown-reference", line, path)
    assert problem.hint == "use a number from 1-16"


@pytest.mark.parametrize(("old", "new", "line", "path"), [
    ("owner: kent", "owner: npcc", 4, "verdicts[1].owner"),
    ("owner: null", "owner: college-of-policing", 17, "deadline_revisions[1].owner"),
])
def test_an_assessment_of_an_owner_the_recommendation_is_not_addressed_to(data_copy: Path, old: str, new: str,
                                                                          line: int, path: str) -> None:
    write_assessments(data_copy, ASSESS.replace(old, new))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("not-an-owner", line, path)
    assert problem.hint.endswith("is for: forces")


def test_an_assessment_of_an_unknown_owner_or_report(data_copy: Path) -> None:
    write(data_copy, "assessments/hmicfrs-2026-ocsa.yaml",
          ASSESS.replace(f"report: {REPORT}", "report: hmicfrs-2026-ocsa"))
    write_assessments(data_copy, ASSESS.replace("owner: kent", "owner: kentt"))
    problems = problems_of(data_copy)
    assert located(problems) == {("unknown-reference", "data/assessments/hmicfrs-2026-ocsa.yaml", 1),
                                 ("unknown-reference", ASSESSMENTS, 4)}
    hints = {p.file: p.hint for p in problems}
    assert hints[ASSESSMENTS] == "did you mean 'kent' or 'gwent'?"
    assert hints["data/assessments/hmicfrs-2026-ocsa.yaml"].startswith(f"did you mean '{REPORT}'")


@pytest.mark.parametrize(("verdict", "superseded_by", "message"), [
    ("superseded", "null", "a superseded verdict must name the recommendation that replaces it"),
    ("closed-implemented", f"{REPORT}/1", "only a superseded verdict names a replacement (this one is "
                                          "'closed-implemented')"),
    ("open", f"{REPORT}/1", "only a superseded verdict names a replacement (this one is 'open')"),
    ("superseded", f"{REPORT}/16", "a recommendation cannot be superseded by itself"),
])
def test_superseded_by_goes_with_a_superseded_verdict_only(data_copy: Path, verdict: str, superseded_by: str,
                                                           message: str) -> None:
    write_assessments(data_copy, ASSESS.replace("verdict: closed-implemented", f"verdict: {verdict}")
                      .replace("superseded_by: null", f"superseded_by: {superseded_by}"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path, problem.message) == (
        "superseded-by", 8, "verdicts[1].superseded_by", message)


def test_a_superseded_verdict_names_a_recommendation_that_exists(data_copy: Path) -> None:
    write_assessments(data_copy, ASSESS.replace("verdict: closed-implemented", "verdict: superseded")
                      .replace("superseded_by: null", f"superseded_by: {REPORT}/1"))
    assert problems_of(data_copy) == []
    write_assessments(data_copy, ASSESS.replace("verdict: closed-implemented", "verdict: superseded")
                      .replace("superseded_by: null", "superseded_by: hmicfrs-2026-ocsa/1"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line) == ("unknown-reference", 8)
    assert problem.hint.startswith(f"did you mean '{REPORT}'")


@pytest.mark.parametrize(("removed", "field"), [('    date: "2026-11-20"\n', "date"),
                                                ("    evidence:\n      title: \"Kent Police: revisit letter\"\n"
                                                 "      url: \"https://example.org/kent-revisit\"\n"
                                                 "      report: null\n      quote: null\n", "evidence"),
                                                ("    by: hmicfrs\n", "by")])
def test_a_verdict_says_when_by_whom_and_on_what_evidence(data_copy: Path, removed: str, field: str) -> None:
    write_assessments(data_copy, ASSESS.replace(removed, ""))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.path) == ("missing-field", f"verdicts[1].{field}")


@pytest.mark.parametrize(("date_", "warned"), [('"2025-11-20"', True), ('"2026-03"', True), ('"2026-04"', False),
                                               ('"2026-04-01"', False), ('"2026"', False)])
def test_a_verdict_dated_before_its_report_is_a_warning(data_copy: Path, date_: str, warned: bool) -> None:
    """As for a response; a partial date is before the report only if all of it is (2026 may be after April)."""
    write_assessments(data_copy, ASSESS.replace('date: "2026-11-20"', f"date: {date_}"))
    problems = problems_of(data_copy)
    assert located(problems) == ({("before-report", ASSESSMENTS, 5)} if warned else set())
    if warned:
        assert problems[0].severity is Severity.WARNING
        assert problems[0].message.endswith("before the report itself (2026-04)")


def test_a_verdict_is_given_by_an_organisation(data_copy: Path) -> None:
    write_assessments(data_copy, ASSESS.replace("by: hmicfrs", "by: hmicfr"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.hint) == ("unknown-reference", 7, "did you mean 'hmicfrs'?")


def test_a_verdict_is_given_by_one_organisation_not_a_group(data_copy: Path) -> None:
    write_assessments(data_copy, ASSESS.replace("by: hmicfrs", "by: forces"))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.path) == ("not-an-organisation", 7, "verdicts[1].by")
    assert problem.message == "'forces' is a group; a verdict's author is one organisation"


def test_a_deadline_revised_to_before_its_decision_is_a_warning(data_copy: Path) -> None:
    write_assessments(data_copy, ASSESS.replace('deadline: "2027-01-31"', 'deadline: "2026-08-31"'))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.line, problem.severity) == ("out-of-range", 19, Severity.WARNING)


# --- severities, the report of problems, the command line ----------------------------------------------


@pytest.mark.parametrize(("text", "relaxed", "strict"), [
    (HEAD + without(8), 0, 0),  # a notice (unanswered): never fails
    (HEAD.replace('"2026-07-01"', '"2026-01-05"') + ANSWERS, 0, 1),  # a warning (before-report): fails --strict
    (HEAD + ANSWERS + entry(17), 1, 1),  # an error: always fails
])
def test_notices_never_fail_warnings_fail_strict_errors_always_fail(data_copy: Path, text: str, relaxed: int,
                                                                     strict: int) -> None:
    write_kent(data_copy, text)
    for fmt in ("text", "json", "github"):
        assert validate("--data", "data", "--format", fmt).exit_code == relaxed, fmt
        assert validate("--data", "data", "--format", fmt, "--strict").exit_code == strict, fmt
    for args, code in ((("--data", "data"), relaxed), (("--data", "data", "--strict"), strict)):
        report = json.loads(validate(*args, "--format", "json").stdout)
        assert report["ok"] is (code == 0)


def test_a_notice_is_a_github_notice_annotation(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + without(8))
    result = validate("--data", "data", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"::notice file={KENT},line=10,col=1,title=rectrack unanswered::")


def test_json_format_for_machines(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('"Staffing is under review."}', '"Staffing grew."}'))
    line = replace_once(data_copy / "organisations.yaml", "    kind: inspectorate\n",
                        "    kind: inspectorate\n    notes: x\n")
    result = validate("--data", "data", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["ok"], report["errors"], report["warnings"], report["truncated"]) == (False, 2, 0, False)
    assert [(p["code"], p["file"], p["line"]) for p in report["problems"]] == [
        ("evidence-not-in-action", KENT, 12), ("unknown-field", "data/organisations.yaml", line + 1)]
    for problem in report["problems"]:
        assert set(problem) == {"file", "line", "column", "code", "message", "hint", "path", "severity"}
        assert problem["severity"] == "error" and problem["hint"] and problem["column"] >= 1


def test_json_format_strict_marks_warnings_as_failure(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('"2026-07-01"', '"2026-01-05"') + ANSWERS)
    relaxed = json.loads(validate("--data", "data", "--format", "json").stdout)
    assert (relaxed["ok"], relaxed["errors"], relaxed["warnings"]) == (True, 0, 1)
    strict = validate("--data", "data", "--format", "json", "--strict")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["ok"] is False


def test_json_format_strict_passes_notices(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + without(15))
    strict = validate("--data", "data", "--format", "json", "--strict")
    assert strict.exit_code == 0
    report = json.loads(strict.stdout)
    assert (report["ok"], report["errors"], report["warnings"], report["notices"]) == (True, 0, 0, 1)
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("unanswered", "notice")]


def test_truncated_report_still_fails_on_errors(data_copy: Path) -> None:
    for index in range(MAX_PROBLEMS + 20):  # more warnings than the report keeps, then an error after them
        (data_copy / f"stray-{index}.yml").write_text("a: 1\n", "utf-8")
    write_kent(data_copy, HEAD + ANSWERS + entry(17))
    checked = load_and_validate(data_copy)
    assert checked.report.truncated
    assert not checked.ok
    assert ("unknown-reference", KENT, NEXT_LINE) in located(checked.problems)
    result = validate("--data", "data")
    assert result.exit_code == 1
    assert "more problems were found" in result.stdout


def test_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([str(RECTRACK), "validate", "--data", str(tmp_path / "nowhere")], capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_given_as_data_directory_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text("a: 1\n", "utf-8")
    result = validate("--data", str(tmp_path / "data.yaml"))
    assert result.exit_code == 2
    assert "is not a directory" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    assert validate("--format", "xml").exit_code == 2


def test_a_group_verdict_names_the_members_a_recommendation_is_not_addressed_to(tmp_path: Path) -> None:
    """A verdict for a group whose members do not all own the recommendation applies to those that do; the
    others are named in a notice (not an error: 'every force' is a fair way to write it), never dropped unsaid."""
    root = minidata.write_data_dir(tmp_path / "data", [
        {"number": 1, "owners": ["kent"], "text": "By 31 October 2026, Kent should act.", "actions": []}])
    minidata.add_group(root, "two-forces", "Kent and Essex", members=["kent", "essex"])
    minidata.write_assessments(root, verdicts=[minidata.verdict(1, "two-forces")])
    checked = load_and_validate(root)
    problem = alone(checked.problems)
    assert (problem.code, problem.severity, problem.path) == ("part-of-group", Severity.NOTICE, "verdicts[1].owner")
    assert problem.message == ("recommendation 1 is addressed to 1 of the 2 members of 'two-forces'; this entry "
                               "does not apply to essex")


@pytest.mark.parametrize(("field", "words"), [
    ("force", "rename 'force:' to 'owner:'"),
    ("inspectorate", "in assessments/REPORT.yaml: move this verdict there"),
])
def test_a_field_of_the_old_data_model_says_where_it_went(tmp_path: Path, field: str, words: str) -> None:
    """An office's file written before the tracker became national gets told what replaced the field, not a
    lookalike ('force' was once hinted as 'source')."""
    root = minidata.write_data_dir(tmp_path / "data", REC_DATA, responses_dir=True)
    old_answer = minidata.answer(1, inspectorate={"verdict": "open"})
    path = minidata.write_response(root, "kent", [old_answer if field == "inspectorate" else minidata.answer(1)])
    if field == "force":
        path.write_text(path.read_text("utf-8").replace("owner: kent", "force: kent"), "utf-8")
    unknown = [p for p in load_and_validate(root).problems if p.code == "unknown-field"]
    assert [p.path.rsplit(".", 1)[-1] for p in unknown] == [field]
    assert words in unknown[0].hint


def test_a_deadline_revised_before_its_report_is_warned_of(data_copy: Path) -> None:
    """As a verdict dated before its report is: the report set the deadline, so it cannot be revised earlier."""
    write_assessments(data_copy, ASSESS.replace('decided: "2026-09-01"', 'decided: "2026-01-15"'))
    problem = alone(problems_of(data_copy))
    assert (problem.code, problem.severity, problem.path) == ("before-report", Severity.WARNING,
                                                              "deadline_revisions[1].decided")
    assert problem.message == "decided on 2026-01-15, before the report itself (2026-04)"
