"""Hostile or accidental data files: what the messages say, and what they must never show.

The hostile corpus (tests/corpus/) pins the code, file and line of each problem; these tests pin
the words where the words are the point: a link's target is never shown, an invisible or look-alike
character is written out (``\\u0435``) and named, UTF-16 is called UTF-16, and editors' leftovers warn
without blocking anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.files import editor_leftover
from rectrack.data.problems import Code, Severity
from test_corpus import make_tree

REPORT = "hmicfrs-2026-ocsa-mosovo"
FOLDER = f"force_responses/{REPORT}"


def _problems(case: str, data: Path):
    make_tree(case, data)
    return load_and_validate(data).problems


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_response_linked_to_a_file_outside_the_data_is_refused_unread(data_copy: Path, fmt: str) -> None:
    make_tree("symlink-outside-data", data_copy)
    result = CliRunner().invoke(cli, ["validate", "data", "--format", fmt])
    assert result.exit_code == 1, result.output
    assert "root:" not in result.output and "/bin/" not in result.output and "passwd" not in result.output
    assert f"{FOLDER}/kent.yaml" in result.output and "link-outside" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_report_folder_linked_outside_the_data_is_refused_unread(data_copy: Path, fmt: str) -> None:
    make_tree("symlinked-report-folder", data_copy)  # force_responses/hmicfrs-2025-ocsa-mosovo -> /etc
    result = CliRunner().invoke(cli, ["validate", "data", "--format", fmt])
    assert result.exit_code == 1, result.output
    assert "passwd" not in result.output and "hosts" not in result.output and "root:" not in result.output
    assert "force_responses/hmicfrs-2025-ocsa-mosovo" in result.output and "link-outside" in result.output


def test_an_assessments_file_linked_outside_the_data_is_refused_unread(data_copy: Path) -> None:
    (data_copy / "assessments" / f"{REPORT}.yaml").symlink_to("/etc/passwd")
    result = CliRunner().invoke(cli, ["validate", "data", "--format", "json"])
    assert result.exit_code == 1
    assert "root:" not in result.output
    assert [(p["code"], p["file"]) for p in json.loads(result.output)["problems"]] == [
        ("link-outside", f"data/assessments/{REPORT}.yaml")]


def test_a_data_folder_linked_elsewhere_as_a_whole_is_still_read(tmp_path: Path, data_copy: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule is about links leaving the data folder, not about links: a linked data folder is fine."""
    (tmp_path / "linked").symlink_to(data_copy, target_is_directory=True)
    assert load_and_validate(tmp_path / "linked").ok


def test_a_link_that_stays_inside_the_data_is_read(data_copy: Path) -> None:
    responses = data_copy / FOLDER
    (responses / "devon-and-cornwall.yaml").rename(data_copy / "devon-and-cornwall.keep")
    (responses / "devon-and-cornwall.yaml").symlink_to(data_copy / "devon-and-cornwall.keep")
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems]
    assert [d.owner for d in checked.dataset.documents] == ["devon-and-cornwall"]


def test_a_report_folder_linked_inside_the_data_is_read(data_copy: Path) -> None:
    (data_copy / FOLDER).rename(data_copy / "kept")
    (data_copy / FOLDER).symlink_to(data_copy / "kept", target_is_directory=True)
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems]
    assert [d.owner for d in checked.dataset.documents] == ["devon-and-cornwall"]


def test_a_non_breaking_space_used_as_indentation_is_named_on_its_line(data_copy: Path) -> None:
    [problem] = _problems("nbsp-indentation", data_copy)
    assert (problem.line, problem.column) == (12, 1)
    assert "non-breaking space (U+00A0)" in problem.message
    assert "ordinary space" in problem.hint


def test_a_look_alike_letter_in_an_id_is_written_out_and_named(data_copy: Path) -> None:
    [problem] = _problems("lookalike-letter-in-id", data_copy)
    assert "'k\\u0435nt'" in problem.message
    assert "U+0435 CYRILLIC SMALL LETTER IE" in problem.hint and "looks like" in problem.hint


def test_an_invisible_character_in_an_id_is_written_out_and_named(data_copy: Path) -> None:
    [problem] = _problems("zero-width-in-id", data_copy)
    assert "'ke\\u200bnt'" in problem.message
    assert "U+200B ZERO WIDTH SPACE" in problem.hint and "invisible" in problem.hint


def test_a_look_alike_letter_in_a_file_name_is_written_out_and_named(data_copy: Path) -> None:
    [problem] = _problems("lookalike-file-name", data_copy)
    assert "k\\u0435nt.yaml" in problem.message
    assert "U+0435 CYRILLIC SMALL LETTER IE" in problem.hint


def test_a_look_alike_letter_in_a_report_folder_is_written_out_and_named(data_copy: Path) -> None:
    [problem] = _problems("lookalike-folder-name", data_copy)
    assert "hmicfrs-2026-ocsa-m\\u043esovo" in problem.message
    assert "U+043E CYRILLIC SMALL LETTER O" in problem.hint and "looks like" in problem.hint


def test_a_trailing_line_break_in_an_id_is_refused_and_shown(data_copy: Path) -> None:
    [problem] = _problems("trailing-newline-id", data_copy)
    assert problem.code == Code.BAD_FORMAT and "'avon-and-somerset\\n'" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_such(data_copy: Path, encoding: str) -> None:
    path = data_copy / "glossary.yaml"
    path.write_bytes(path.read_text("utf-8").encode(encoding))
    [problem] = load_and_validate(data_copy).problems
    assert problem.code == Code.NOT_UTF8 and problem.file == "data/glossary.yaml"
    assert "UTF-16 text" in problem.message and "save it as UTF-8" in problem.hint


def test_editors_leftovers_warn_and_block_nothing(data_copy: Path) -> None:
    make_tree("editor-leftovers", data_copy)
    (data_copy / FOLDER / "kent.yaml").unlink()  # the one real error goes with it
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems]
    assert {p.severity for p in checked.problems} == {Severity.WARNING}
    assert len(checked.problems) == 8
    for problem in checked.problems:
        assert "left by an editor" in problem.message, problem.format()


@pytest.mark.parametrize("name", ["~$kent.yaml", ".#kent.yaml", "kent.yaml~", ".kent.yaml.swp", ".kent.yaml.swo",
                                  "~$publish.md", "publish.md~"])
def test_editor_leftover_names(name: str) -> None:
    assert editor_leftover(name)


@pytest.mark.parametrize("name", ["kent.yaml", ".hidden.yaml", "kent~1.yaml", "swp.yaml", "a$b.yaml"])
def test_names_that_are_not_editor_leftovers(name: str) -> None:
    assert not editor_leftover(name)


def test_validate_json_never_carries_a_linked_file_s_content(data_copy: Path) -> None:
    make_tree("symlink-outside-data", data_copy)
    result = CliRunner().invoke(cli, ["validate", "data", "--format", "json"])
    problems = json.loads(result.output)["problems"]
    assert [p["code"] for p in problems] == ["link-outside"]


# --- every schema pattern is anchored so that a trailing line break cannot pass ----------------------

#: How an anchored pattern must end: ``$`` alone also matches before a final line break in Python's
#: ``re`` (which jsonschema uses), so "kent\n" would pass ``^[a-z]+$``. The look-ahead means the same
#: in ECMA-262 regular expressions (editors validating against the downloaded schemas).
ANCHOR_END = "(?!\\n)$"


def _patterns() -> list[tuple[str, str]]:
    from rectrack.data.schema import schema_dir

    found: list[tuple[str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.append((where, value))
                elif key not in ("enum", "const", "examples", "default"):
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    for path in sorted(schema_dir().glob("*.schema.json")):
        walk(json.loads(path.read_text("utf-8")), path.name)
    return found


def test_every_schema_pattern_is_anchored_at_both_ends_or_not_at_all() -> None:
    patterns = _patterns()
    assert len(patterns) >= 8
    for where, pattern in patterns:
        if "$" in pattern or pattern.startswith("^"):
            assert pattern.startswith("^") and pattern.endswith(ANCHOR_END), (where, pattern)
            assert "$" not in pattern[: -len(ANCHOR_END)], (where, pattern)


@pytest.mark.parametrize("where,pattern", [p for p in _patterns() if p[1].endswith(ANCHOR_END)])
def test_no_schema_pattern_accepts_a_value_with_a_trailing_line_break(where: str, pattern: str) -> None:
    """For strings that fully match the pattern's body, the pattern accepts them and refuses them + "\\n"."""
    import re

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    body = pattern[: -len(ANCHOR_END)] + "$"
    compiled = re.compile(pattern)

    @settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(body, fullmatch=True))
    def check(value: str) -> None:
        assert compiled.search(value), value
        assert not compiled.search(value + "\n"), value

    check()
