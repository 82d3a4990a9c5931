"""One focused test per validation rule, on a copy of the shipped data with one file written inline.

Most tests add ``force_responses/kent.yaml`` (a small response written below, so every line number in an
assertion is one the test chose) or change one line of a shipped file. Messages users rely on are
asserted exactly; the rest by code, file and line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from constants import RECTRACK
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.problems import MAX_PROBLEMS, Problem, Severity
from rectrack.data.read import load_file

KENT = "data/force_responses/kent.yaml"
HEAD = """\
# yaml-language-server: $schema=../../schemas/force_response.schema.json
force: kent
report: hmicfrs-2026-ocsa-mosovo
author: "Police and Crime Commissioner for Kent"
published: "2026-07-01"
source:
  title: "Response from the Kent PCC"
foreword: null
responses:
"""
#: One answer per force-directed recommendation (1, 2, 4, 5, 6, 8, 10, 15, 16), on lines 10-18.
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
NEXT_LINE = 19  # the first line after HEAD + ANSWERS


def entry(number: object) -> str:
    """One more (flow-style) answer, appended on line NEXT_LINE."""
    return f'  - {{recommendation: {number}, action: "x", implementation: not-stated}}\n'


def write_kent(data: Path, text: str) -> None:
    (data / "force_responses" / "kent.yaml").write_text(text, "utf-8")


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


def validate(*args: str) -> object:
    return CliRunner().invoke(cli, ["validate", *args])


# --- the shipped data and the base response used below -------------------------------------------------


def test_shipped_data_and_the_kent_response_are_valid(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS)
    checked = load_and_validate(data_copy)
    assert checked.problems == []
    assert checked.ok and "kent" in {r.force for r in checked.dataset.responses}
    result = validate("--data", "data")
    assert result.exit_code == 0
    assert "OK: 0 error(s), 0 warning(s) in data" in result.output


# --- message format ------------------------------------------------------------------------------------


def test_unknown_recommendation_message_is_exact(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + '  - recommendation: 17\n    action: "x"\n    implementation: not-stated\n')
    problem = only(problems_of(data_copy), "unknown-reference")
    assert problem.format() == (
        f"{KENT}:{NEXT_LINE}:21: error[unknown-reference] responses[10].recommendation: "
        "recommendation 17 does not exist (known: 1-16) Hint: use a number from 1-16")
    result = validate("--data", "data")
    assert result.exit_code == 1
    assert f"{KENT}:{NEXT_LINE}:21: error[unknown-reference]" in result.stdout
    assert "recommendation 17 does not exist (known: 1-16)" in result.stdout
    assert "FAILED: 1 error(s), 0 warning(s) in data" in result.stderr


def test_every_problem_is_fully_located(data_copy: Path) -> None:
    text = HEAD + ANSWERS.replace("implementation: in-progress", "implementation: ongoing")
    write_kent(data_copy, text)
    problem = only(problems_of(data_copy), "not-allowed-value")
    assert (problem.file, problem.line, problem.column, problem.path) == (
        KENT, 11, column_of(text, 11, "ongoing"), "responses[2].implementation")
    assert problem.message == ("'ongoing' is not allowed here (allowed: not-started, in-progress, implemented, "
                               "not-stated)")
    assert problem.hint
    assert problem.severity is Severity.ERROR


def test_all_problems_of_all_files_in_one_run(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + entry(3))
    rec_line = replace_once(data_copy / "recommendations.yaml", "section: well-being", "section: wellbeing")
    result = validate("--data", "data")
    assert result.exit_code == 1
    assert f"{KENT}:{NEXT_LINE}:" in result.stdout and "[not-for-forces]" in result.stdout
    assert f"data/recommendations.yaml:{rec_line}:" in result.stdout and "[unknown-reference]" in result.stdout
    assert "FAILED: 2 error(s)" in result.stderr


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
    assert problem.line == 12


def test_octal_looking_number_is_rejected_with_a_hint(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + entry("012"))
    problem = only(problems_of(data_copy), "wrong-type")
    assert problem.message == "expected integer, found text '012'"
    assert problem.hint == "write the number without a leading zero and without quotes"
    assert (problem.line, problem.path) == (NEXT_LINE, "responses[10].recommendation")


def test_quoted_number_and_decimal_number_are_wrong_types(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace("recommendation: 1,", 'recommendation: "1",')
               .replace("recommendation: 2,", "recommendation: 2.0,"))
    problems = problems_of(data_copy)
    assert located(problems) == {("wrong-type", KENT, 10), ("wrong-type", KENT, 11)}
    by_line = {p.line: p for p in problems}
    assert by_line[10].hint == "write a whole number without quotes, e.g. 4"
    assert by_line[11].message == "expected integer, found decimal number 2.0"


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ('published: "2026-07-01"', "published: 2026", 5, "expected null or string, found number 2026"),
    ('published: "2026-07-01"', "published: [2026]", 5, "expected null or string, found a list"),
    ("foreword: null", "foreword: []", 8, "expected null or string, found a list"),
    ("foreword: null", "foreword: 5", 8, "expected null or string, found number 5"),
    ('  title: "Response from the Kent PCC"', "  title: [a, b]", 7, "expected string, found a list"),
])
def test_wrong_types_are_named_with_a_hint(data_copy: Path, old: str, new: str, line: int, message: str) -> None:
    write_kent(data_copy, HEAD.replace(old, new) + ANSWERS)
    problem = only(problems_of(data_copy), "wrong-type")
    assert (problem.line, problem.message) == (line, message)
    assert problem.hint


def test_unquoted_valid_date_keeps_its_value(data_copy: Path) -> None:
    replace_once(data_copy / "recommendations.yaml", '  - number: 2\n', "  - number: 2\n    deadline: 2027-04-30\n")
    replace_first(data_copy / "recommendations.yaml", '    deadline: "2027-04-30"\n', "")  # rec 2's quoted one
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.dataset.recommendation(2).deadline == date(2027, 4, 30)


def test_duplicate_key_is_an_error_naming_both_lines(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('author: "Police and Crime Commissioner for Kent"\n',
                                       'author: "Police and Crime Commissioner for Kent"\nauthor: "Kent Police"\n')
               + ANSWERS)
    problem = only(problems_of(data_copy), "duplicate-key")
    assert problem.format() == (f"{KENT}:5:1: error[duplicate-key] author: key 'author' appears twice (first on "
                                "line 4) Hint: delete one of them: YAML would silently keep only the last")


def test_tabs_are_reported_with_a_tab_hint(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace("  - {recommendation: 4,", "\t- {recommendation: 4,"))
    problem = only(problems_of(data_copy), "yaml-syntax")
    assert problem.line == 12
    assert "tab" in problem.hint


def test_alias_is_reported_where_the_alias_is(data_copy: Path) -> None:
    text = (HEAD.replace('author: "Police and Crime Commissioner for Kent"',
                         'author: &who "Police and Crime Commissioner for Kent"')
            + ANSWERS.replace('action: "Screening is offered."', "action: *who"))
    write_kent(data_copy, text)
    problem = only(problems_of(data_copy), "alias")
    assert (problem.line, problem.column, problem.path) == (17, column_of(text, 17, "*who"), "responses[8].action")


@pytest.mark.parametrize("value", ["!!str 12", "!!binary aGVsbG8=", "!!python/object:os.system x", "!custom 1"])
def test_explicit_tags_are_refused(data_copy: Path, value: str) -> None:
    write_kent(data_copy, HEAD.replace('author: "Police and Crime Commissioner for Kent"', f"author: {value}")
               + ANSWERS)
    problem = only(problems_of(data_copy), "unsupported-tag")
    assert (problem.line, problem.column) == (4, 9)


def test_bom_and_windows_line_endings_are_fine(data_copy: Path) -> None:
    text = "\ufeff" + (HEAD + ANSWERS + entry(17))
    (data_copy / "force_responses" / "kent.yaml").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert located(problems_of(data_copy)) == {("unknown-reference", KENT, NEXT_LINE)}


def test_control_character_is_located(data_copy: Path) -> None:
    text = HEAD + ANSWERS.replace("Screening is offered.", "Screening\x0b is offered.")
    write_kent(data_copy, text)
    problem = only(problems_of(data_copy), "yaml-syntax")
    assert (problem.line, problem.column) == (17, column_of(text, 17, "\x0b"))


def test_not_utf8_is_located_at_the_byte(data_copy: Path) -> None:
    text = HEAD + ANSWERS.replace("We meet probation monthly.", "We meet probation monthly (£).")
    (data_copy / "force_responses" / "kent.yaml").write_bytes(text.encode("latin-1"))
    problem = only(problems_of(data_copy), "not-utf8")
    assert (problem.line, problem.column) == (18, column_of(text, 18, "£"))  # one byte per character here
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
    write_kent(data_copy, HEAD + ANSWERS + "  - {recommendation: " + "9" * 5000
               + ', action: "x", implementation: not-stated}\n')
    assert located(problems_of(data_copy)) == {("wrong-type", KENT, NEXT_LINE)}


def test_empty_file_and_comment_only_file(data_copy: Path) -> None:
    write_kent(data_copy, "")
    (data_copy / "force_responses" / "essex.yaml").write_text("# to do\n\n", "utf-8")
    assert located(problems_of(data_copy)) == {("empty-file", KENT, 1),
                                               ("empty-file", "data/force_responses/essex.yaml", 1)}


def test_folders_pipes_and_devices_are_not_read(data_copy: Path) -> None:
    responses = data_copy / "force_responses"
    (responses / "kent.yaml").mkdir()
    os.mkfifo(responses / "essex.yaml")  # reading a pipe without a writer would wait for ever
    (responses / "surrey.yaml").symlink_to("/dev/zero")  # an endless file, and outside the data folder
    problems = problems_of(data_copy)
    assert located(problems) == {("unreadable-file", "data/force_responses/kent.yaml", 1),
                                 ("unreadable-file", "data/force_responses/essex.yaml", 1),
                                 ("link-outside", "data/force_responses/surrey.yaml", 1)}


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
    assert (unknown.line, unknown.message, unknown.hint) == (17, "unknown field 'implementaton'",
                                                             "did you mean 'implementation'?")
    missing = only(problems, "missing-field")
    assert missing.message == "required field 'implementation' is missing"
    assert missing.path == "responses[8].implementation"


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
    ('"2026-2-3"', "bad-format"), ('"1 July 2026"', "bad-format"), ("2026", "wrong-type"),
])
def test_dates_must_be_real_and_well_formed(data_copy: Path, published: str, code: str) -> None:
    write_kent(data_copy, HEAD.replace('published: "2026-07-01"', f"published: {published}") + ANSWERS)
    problem = only(problems_of(data_copy), code)
    assert (problem.line, problem.path) == (5, "published")
    assert problem.hint


def test_leap_day_is_a_real_date(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace('published: "2026-07-01"', 'published: "2028-02-29"') + ANSWERS)
    assert problems_of(data_copy) == []


def test_report_partial_date_must_be_real(data_copy: Path) -> None:
    line = replace_once(data_copy / "report.yaml", 'published: "2026-04"', 'published: "2026-13"')
    assert located(problems_of(data_copy)) == {("impossible-date", "data/report.yaml", line)}


@pytest.mark.parametrize("force_id", ["../../etc/passwd", "Kent", "kent_police", "kent--police", "-kent"])
def test_ids_must_be_slugs(data_copy: Path, force_id: str) -> None:
    write_kent(data_copy, HEAD.replace("force: kent", f"force: {json.dumps(force_id)}") + ANSWERS)
    problem = only(problems_of(data_copy), "bad-format")
    assert (problem.line, problem.path) == (2, "force")


# --- files and file names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["recommendations.yaml", "report.yaml", "forces.yaml", "bodies.yaml"])
def test_missing_required_file(data_copy: Path, name: str) -> None:
    (data_copy / name).unlink()
    problem = only(problems_of(data_copy), "missing-file")
    assert (problem.file, problem.line, problem.message) == (f"data/{name}", 1, f"required file {name} is missing")


@pytest.mark.parametrize("name", ["%2e%2e%2fkent.yaml", "kent.v2.yaml", "Kent.yaml", "kent police.yaml"])
def test_response_file_name_must_be_a_force_id(data_copy: Path, name: str) -> None:
    (data_copy / "force_responses" / name).write_text(HEAD + ANSWERS, "utf-8")
    problem = only(problems_of(data_copy), "bad-file-name")
    assert problem.file == f"data/force_responses/{name}"


@pytest.mark.parametrize("name", ["..%2f.yaml", ".kent.yaml", "kent.yml"])
def test_hidden_or_yml_response_files_are_ignored_with_a_warning(data_copy: Path, name: str) -> None:
    (data_copy / "force_responses" / name).write_text("force: [not read at all\n", "utf-8")
    problem = only(problems_of(data_copy), "ignored-file")
    assert problem.severity is Severity.WARNING
    assert validate("--data", "data").exit_code == 0
    assert validate("--data", "data", "--strict").exit_code == 1


def test_file_name_must_match_the_force(data_copy: Path) -> None:
    write_kent(data_copy, HEAD.replace("force: kent", "force: essex") + ANSWERS)
    problem = only(problems_of(data_copy), "file-name-mismatch")
    assert (problem.line, problem.message) == (2, "the file is named kent.yaml but says force 'essex'")


@pytest.mark.parametrize(("document", "code"), [("sources/../../../etc/passwd.md", "unsafe-path"),
                                                ("sources/..", "bad-format"), ("../outside.md", "bad-format"),
                                                ("/etc/passwd.md", "bad-format")])
def test_document_paths_stay_inside_the_data_directory(data_copy: Path, document: str, code: str) -> None:
    write_kent(data_copy, HEAD.replace('  title: "Response from the Kent PCC"\n',
                                       f'  title: "Response from the Kent PCC"\n  document: "{document}"\n') + ANSWERS)
    problem = only(problems_of(data_copy), code)
    assert (problem.line, problem.severity) == (8, Severity.ERROR)


def test_missing_source_document_is_a_warning(data_copy: Path) -> None:
    title = '  title: "Response from the Kent PCC"\n'
    write_kent(data_copy, HEAD.replace(title, title + "  document: sources/kent.md\n") + ANSWERS)
    problem = only(problems_of(data_copy), "missing-document")
    assert (problem.severity, problem.line) == (Severity.WARNING, 8)


# --- cross-references ----------------------------------------------------------------------------------


def test_ids_are_unique(data_copy: Path) -> None:
    line = replace_once(data_copy / "forces.yaml", "  - id: kent\n", "  - id: essex\n")
    problem = only(problems_of(data_copy), "duplicate-id")
    assert (problem.file, problem.line) == ("data/forces.yaml", line)
    assert problem.message.startswith("id 'essex' is used twice (first as item ")


def test_recommendation_numbers_are_unique(data_copy: Path) -> None:
    line = replace_once(data_copy / "recommendations.yaml", "  - number: 7\n", "  - number: 6\n")
    problems = problems_of(data_copy)
    duplicate = only(problems, "duplicate-id")
    assert (duplicate.file, duplicate.line) == ("data/recommendations.yaml", line)


def test_unknown_owner_suggests_the_body(data_copy: Path) -> None:
    line = replace_once(data_copy / "recommendations.yaml", "owners: [home-office]", "owners: [home-ofice]")
    problem = only(problems_of(data_copy), "unknown-reference")
    assert (problem.file, problem.line) == ("data/recommendations.yaml", line)
    assert problem.message.startswith("owner 'home-ofice' does not exist (known: ")
    assert problem.hint == "did you mean 'home-office'?"


def test_unknown_section_case_study_force_and_recommendation(data_copy: Path) -> None:
    cases = data_copy / "case_studies.yaml"
    force_line = replace_first(cases, "    force: cheshire\n", "    force: chesire\n")
    section_line = replace_once(data_copy / "recommendations.yaml", "section: partnership", "section: partnerships")
    text = cases.read_text("utf-8")
    first_recs = text.index("    recommendations: [")
    rec_line = text[:first_recs].count("\n") + 1
    cases.write_text(text[:first_recs] + text[first_recs:].replace("recommendations: [", "recommendations: [99, ", 1),
                     "utf-8")
    problems = problems_of(data_copy)
    assert located(problems) == {("unknown-reference", "data/case_studies.yaml", force_line),
                                 ("unknown-reference", "data/recommendations.yaml", section_line),
                                 ("unknown-reference", "data/case_studies.yaml", rec_line)}
    messages = {p.message.split(" does not exist")[0] for p in problems}
    assert messages == {"force 'chesire'", "section 'partnerships'", "recommendation 99"}


def test_response_to_an_unknown_report_or_force(data_copy: Path) -> None:
    (data_copy / "force_responses" / "gotham.yaml").write_text(
        HEAD.replace("force: kent", "force: gotham").replace("report: hmicfrs-2026-ocsa-mosovo", "report: other")
        + ANSWERS, "utf-8")
    problems = problems_of(data_copy)
    assert located(problems) == {("unknown-reference", "data/force_responses/gotham.yaml", 2),
                                 ("unknown-reference", "data/force_responses/gotham.yaml", 3)}


def test_a_force_answers_only_recommendations_for_forces(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + entry(7))
    problem = only(problems_of(data_copy), "not-for-forces")
    assert problem.line == NEXT_LINE
    assert problem.message == "recommendation 7 is not addressed to forces, so a force cannot answer it"
    assert problem.hint == "forces answer only 1-2, 4-6, 8, 10, 15-16"


def test_duplicate_response_entry(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS + '  - {recommendation: 5, action: "More.", implementation: not-stated}\n')
    problem = only(problems_of(data_copy), "duplicate-response")
    assert problem.line == NEXT_LINE
    assert problem.message == "recommendation 5 is answered twice (first as item 4)"


def test_unanswered_recommendation_is_a_s55_warning_and_strict_fails(data_copy: Path) -> None:
    kept = "".join(line + "\n" for line in ANSWERS.splitlines() if "recommendation: 8," not in line
                   and "recommendation: 15," not in line)
    write_kent(data_copy, HEAD + kept)
    problem = only(problems_of(data_copy), "unanswered")
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.line) == (KENT, 9)
    assert problem.message == "no entry for recommendation(s) 8, 15"
    assert "Police Act 1996" in problem.hint and "55(5B)" in problem.hint
    result = validate("--data", "data")
    assert result.exit_code == 0
    assert f"{KENT}:9:1: warning[unanswered]" in result.stdout
    assert validate("--data", "data", "--strict").exit_code == 1


# --- the claim, the evidence, the verdict --------------------------------------------------------------


def test_evidence_must_occur_in_the_action(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('evidence: "Staffing is under review."',
                                                 'evidence: "Staffing has been increased."'))
    problem = only(problems_of(data_copy), "evidence-not-in-action")
    assert (problem.line, problem.path) == (11, "responses[2].evidence")


def test_evidence_ignores_line_breaks_and_curly_quotes(data_copy: Path) -> None:
    entry = (
        "  - recommendation: 16\n    action: |\n      We meet the force's probation\n      leads monthly.\n"
        "    implementation: implemented\n    evidence: \"We meet the force\u2019s probation leads monthly.\"\n")
    kept = "".join(line + "\n" for line in ANSWERS.splitlines() if "recommendation: 16," not in line)
    write_kent(data_copy, HEAD + kept + entry)
    assert problems_of(data_copy) == []
    write_kent(data_copy, HEAD + kept + entry.replace("leads monthly.\"", "leads weekly.\""))
    assert located(problems_of(data_copy)) == {("evidence-not-in-action", KENT, 23)}


def test_a_claim_needs_evidence_and_evidence_needs_a_claim(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS
               .replace('"Arrest plans are recorded.", implementation: not-stated',
                        '"Arrest plans are recorded.", implementation: implemented')
               .replace('"Screening is offered.", implementation: not-stated',
                        '"Screening is offered.", implementation: not-stated, evidence: "Screening is offered."'))
    problems = problems_of(data_copy)
    assert located(problems) == {("missing-evidence", KENT, 12), ("evidence-without-claim", KENT, 17)}
    assert only(problems, "evidence-without-claim").severity is Severity.WARNING


VERDICT = '  - recommendation: 16\n    action: "We meet probation monthly."\n    implementation: not-stated\n' \
          "    inspectorate:\n"


@pytest.mark.parametrize(("verdict", "codes"), [
    ("      verdict: closed\n", {"verdict-needs-date", "verdict-needs-note"}),
    ('      verdict: closed\n      date: "2026-11-20"\n', {"verdict-needs-note"}),
    ('      verdict: closed\n      date: "2026-11-20"\n      note: "  "\n', {"verdict-needs-note"}),
    ('      verdict: closed\n      note: "Seen the agreement."\n', {"verdict-needs-date"}),
    ("      verdict: superseded\n", {"verdict-needs-date"}),
    ('      verdict: closed\n      date: "2026-11-20"\n      note: "Seen the agreement."\n', set()),
    ("      verdict: open\n", set()),
])
def test_inspectorate_verdicts(data_copy: Path, verdict: str, codes: set[str]) -> None:
    kept = "".join(line + "\n" for line in ANSWERS.splitlines() if "recommendation: 16," not in line)
    write_kent(data_copy, HEAD + kept + VERDICT + verdict)
    problems = problems_of(data_copy)
    assert {p.code for p in problems} == codes
    assert all((p.line, p.severity) == (22, Severity.ERROR) for p in problems)  # the verdict: line


# --- the report: severities, the cap, the command line -------------------------------------------------


def test_json_format_for_machines(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace('"Staffing is under review."}', '"Staffing grew."}'))
    line = replace_once(data_copy / "bodies.yaml", "    kind: inspectorate\n", "    kind: inspectorate\n    notes: x\n")
    result = validate("--data", "data", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["ok"], report["errors"], report["warnings"], report["truncated"]) == (False, 2, 0, False)
    assert [(p["code"], p["file"], p["line"]) for p in report["problems"]] == [
        ("unknown-field", "data/bodies.yaml", line + 1), ("evidence-not-in-action", KENT, 11)]
    for problem in report["problems"]:
        assert set(problem) == {"file", "line", "column", "code", "message", "hint", "path", "severity"}
        assert problem["severity"] == "error" and problem["hint"] and problem["column"] >= 1


def test_json_format_strict_marks_warnings_as_failure(data_copy: Path) -> None:
    write_kent(data_copy, HEAD + ANSWERS.replace(
        '  - {recommendation: 15, action: "Screening is offered.", implementation: not-stated}\n', ""))
    relaxed = json.loads(validate("--data", "data", "--format", "json").stdout)
    assert (relaxed["ok"], relaxed["errors"], relaxed["warnings"]) == (True, 0, 1)
    strict = validate("--data", "data", "--format", "json", "--strict")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["ok"] is False


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
