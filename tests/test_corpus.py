"""The hostile corpus: every broken data tree in tests/corpus/ is rejected precisely and calmly.

Each case directory holds only what differs from the shipped data (see tests/corpus/README.md), laid
out as the national tracker lays out its data: response documents in force_responses/REPORT/OWNER.yaml
(and national_responses/, fire_responses/), the inspectorate's verdicts in assessments/REPORT.yaml. For
every case: the API reports exactly the problems listed in its expect.txt (code, file, line), every
problem is fully located and has a hint, a build leaves an existing site untouched, and for a sample
the real ``rectrack`` executable exits 1 without a traceback.
"""

from __future__ import annotations

import hashlib
import os
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_data
from constants import RECTRACK, REPO
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.problems import Code, Severity

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
#: Run through the real executable (a subprocess each, so a sample): one per way of failing to load.
CLI_SAMPLE = ["alias-bomb", "binary-file", "deep-nesting", "duplicate-key", "huge-file", "missing-required-file",
              "not-utf8", "tabs", "unknown-recommendation", "closed-verdict-without-note", "pipe-instead-of-file",
              "response-outside-report-folder", "verdict-not-an-owner", "symlinked-report-folder"]
BUILD_SAMPLE = ["unknown-recommendation", "alias-bomb", "huge-file"]
_CONTROL = {"expect.txt", "recipe.py"}
_DELETE = ".DELETE"

Expected = set[tuple[str, str, int]]


def expected(case: str) -> Expected:
    """``code file line`` lines of expect.txt; the file is relative to the data directory."""
    out = set()
    for raw in (CORPUS / case / "expect.txt").read_text("utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            code, file, number = line.split()
            out.add((code, f"data/{file}", int(number)))
    return out


def make_tree(case: str, data: Path) -> None:
    """Overlay the case on a copy of the shipped data: deletions first, then files, then the recipe."""
    case_dir = CORPUS / case
    files = [p for p in sorted(case_dir.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    for path in files:
        if path.name.endswith(_DELETE):
            victim = data / path.relative_to(case_dir).with_name(path.name[: -len(_DELETE)])
            if victim.is_dir():
                shutil.rmtree(victim)
            else:
                victim.unlink()
    for path in files:
        relative = path.relative_to(case_dir)
        if path.name.endswith(_DELETE) or str(relative) in _CONTROL:
            continue
        target = data / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    recipe = case_dir / "recipe.py"
    if recipe.exists():
        runpy.run_path(str(recipe))["make"](data)  # run_path writes no __pycache__ into the tree


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with a hash of its bytes: equal digests, equal trees."""
    digest = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        digest[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def fake_site(root: Path) -> Path:
    site = root / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>previous build</title>\n", "utf-8")
    (site / "assets" / "site.css").write_text("body { color: #0b0c0c; }\n", "utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / "recommendations.json").write_bytes(b'[{"number": 1}]\n')
    return site


def test_corpus_covers_at_least_thirty_failure_classes() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert expected(case), f"{case}/expect.txt lists no problems"
        assert {code for code, _, _ in expected(case)} <= set(Code), case
        overlay = [p for p in (CORPUS / case).rglob("*") if p.is_file() and p.name != "expect.txt"]
        assert overlay, f"{case} changes nothing"


def test_the_overlay_base_is_valid(data_copy: Path) -> None:
    """The control: with no case applied the copied data is valid, so each case's problems are its own."""
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.problems == []


@pytest.mark.parametrize("case", CASES)
def test_case_reports_exactly_the_expected_problems(case: str, data_copy: Path) -> None:
    make_tree(case, data_copy)
    checked = load_and_validate(data_copy)
    assert not checked.ok
    assert checked.dataset is None
    assert checked.report.errors
    found = {(p.code, p.file, p.line) for p in checked.problems}
    assert found == expected(case), "\n".join(p.format() for p in checked.problems)
    for problem in checked.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip() and problem.hint.strip(), problem
        assert problem.format().startswith(f"{problem.file}:{problem.line}:{problem.column}: "
                                           f"{problem.severity.value}[{problem.code}]")
    assert any(p.severity is Severity.ERROR for p in checked.problems)


@pytest.mark.parametrize("case", CASES)
def test_build_over_case_leaves_the_site_unchanged(case: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = copy_data(tmp_path / "data")
    make_tree(case, data)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")  # so a wrongly passing build stays in tmp_path
    site = fake_site(tmp_path)
    before = tree_digest(site)
    result = CliRunner().invoke(cli, ["build", "--as-of", "2026-11-23", "--data", str(data),
                                      "--config", str(tmp_path / "mkdocs.yml"), "--site-dir", str(site)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash click turned into 1
    assert "existing site was left unchanged" in result.output
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "mkdocs.yml", "site"]  # no temp or work dirs


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RECTRACK_DEBUG"}
    return subprocess.run([str(RECTRACK), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("case", CLI_SAMPLE)
def test_real_cli_exits_1_and_names_file_and_line(case: str, tmp_path: Path) -> None:
    make_tree(case, copy_data(tmp_path / "data"))
    result = _run(["validate", "--data", "data"], tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output
    lines = result.stdout.splitlines()
    for code, file, line in expected(case):
        assert any(text.startswith(f"{file}:{line}:") and f"[{code}]" in text for text in lines), (code, output)
    assert "FAILED: " in result.stderr


@pytest.mark.parametrize("case", BUILD_SAMPLE)
def test_real_cli_build_fails_before_touching_the_site(case: str, tmp_path: Path) -> None:
    make_tree(case, copy_data(tmp_path / "data"))
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    site = fake_site(tmp_path)
    before = tree_digest(site)
    result = _run(["build", "--as-of", "2026-11-23", "--data", "data", "--config", "mkdocs.yml",
                   "--site-dir", "site"], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_digest(site) == before
