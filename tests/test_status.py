"""`rectrack status`: the inspectors' terminal view, in all three formats, read back as a user would."""

from __future__ import annotations

import csv
import io
import json
import subprocess

from click.testing import Result
from conftest import rectrack
from constants import DATA, RECTRACK, REPO


def run(*args: str) -> Result:
    return rectrack("status", "--as-of", "2026-11-23", "--data", str(DATA), *args)


def test_json_lists_overdue_oldest_first_then_due_soon_then_missing() -> None:
    result = run("--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-11-23"
    rows = report["rows"]
    sections = [r["section"] for r in rows]
    assert sections == sorted(sections, key=["overdue", "due-soon", "missing-response"].index)
    overdue = [r for r in rows if r["section"] == "overdue"]
    assert [r["days"] for r in overdue] == sorted(r["days"] for r in overdue)
    assert overdue[0]["recommendation"] == 6 and overdue[0]["days"] == -24  # due 30 Oct, the oldest
    assert {r["recommendation"] for r in overdue} == {1, 4, 6, 8, 10, 15, 16}
    devon = {r["recommendation"] for r in overdue if r["owner"] == "devon-and-cornwall"}
    assert devon == {8, 15, 16}  # claimed implemented elsewhere, so not overdue there
    soon = [r for r in rows if r["section"] == "due-soon"]
    assert {(r["owner"], r["recommendation"], r["days"]) for r in soon} == {
        ("college-of-policing", 3, 38), ("npcc", 14, 38), ("college-of-policing", 14, 38)}
    missing = {r["owner"] for r in rows if r["section"] == "missing-response"}
    assert "devon-and-cornwall" not in missing and "kent" in missing


def test_csv_and_table_agree_with_json() -> None:
    rows = json.loads(run("--format", "json").stdout)["rows"]
    table = list(csv.DictReader(io.StringIO(run("--format", "csv").stdout)))
    assert len(table) == len(rows)
    text = run().stdout
    assert text.startswith("Status as at 23 November 2026")
    overdue_count = sum(1 for r in rows if r["section"] == "overdue")
    assert f"Overdue, by owner (oldest first): {overdue_count}" in text


def test_bad_date_is_a_usage_error_without_traceback() -> None:
    result = subprocess.run([str(RECTRACK), "status", "--as-of", "2026-13-01"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
