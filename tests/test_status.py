"""`rectrack status`: the inspectors' terminal view, in all three formats, read back as a user would."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

from click.testing import Result
from conftest import rectrack
from constants import DATA, RECTRACK, REPO

REPORT = "hmicfrs-2026-ocsa-mosovo"


def run(*args: str) -> Result:
    return rectrack("status", "--as-of", "2026-11-23", "--data", str(DATA), *args)


def test_json_has_every_duty_and_the_acceptance_facts() -> None:
    result = run("--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-11-23"
    rows = [r for r in report["status"] if r["report"] == REPORT]
    assert all(r["recommendation"] == f"{REPORT}/{r['number']}" for r in rows)  # scoped ids
    overdue = [r for r in rows if r["state"] == "overdue"]
    assert {r["number"] for r in overdue} == {1, 4, 6, 8, 10, 15, 16}
    assert min(r["days"] for r in overdue) == -24 and {r["number"] for r in overdue if r["days"] == -24} == {6}
    assert len(overdue) == 7 * 43 - 4  # Devon and Cornwall claims 1, 4, 6 and 10 of these
    devon = {r["number"]: r for r in rows if r["owner"] == "devon-and-cornwall"}
    assert {n for n, r in devon.items() if r["state"] == "overdue"} == {8, 15, 16}
    assert {n for n, r in devon.items() if r["state"] == "implemented"} == {1, 4, 5, 6, 10}
    assert {r["response"] for r in devon.values()} == {"answered"}
    assert {r["response"] for r in rows if r["owner"] == "kent"} == {"no-response"}
    soon = {(r["owner"], r["number"], r["days"]) for r in rows if r["state"] == "due-soon"}
    assert soon == {("college-of-policing", 3, 38), ("npcc", 14, 38), ("college-of-policing", 14, 38)}
    clocks = {c["owner"]: c for c in report["clocks"] if c["report"] == REPORT}
    assert len(clocks) == 43 and "npcc" not in clocks  # only police forces answer under s55
    assert clocks["kent"]["s55"] == "missing" and clocks["kent"]["responded"] is False
    assert clocks["devon-and-cornwall"]["s55"] == "not-computable" and clocks["devon-and-cornwall"]["responded"]
    assert (clocks["kent"]["last_day_earliest"], clocks["kent"]["last_day_latest"]) == ("2026-05-26", "2026-06-24")


def test_table_lists_overdue_oldest_first_then_due_soon_then_missing() -> None:
    text = run().stdout
    assert text.startswith("Status as at 23 November 2026\n")
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert [re.sub(r": \d+$", "", h) for h in headings[1:]] == [
        "Overdue, by owner (oldest first)", "Due in the next 60 days", "Section 55 comments not recorded"]
    kent = next(line for line in text.splitlines() if line.startswith("  Kent Police: "))
    assert kent.startswith(f"  Kent Police: Recommendation 6 of {REPORT} (24d; no response published), ")
    devon = next(line for line in text.splitlines() if line.startswith("  Devon and Cornwall Police: "))
    assert re.findall(r"Recommendation (\d+)", devon) == ["15", "16", "8"]
    assert "  College of Policing: Recommendation 3 of hmicfrs-2026-ocsa-mosovo due in 38 days" in text
    missing = text.split("Section 55 comments not recorded: ")[1]
    assert missing.startswith("42\n") and "Kent Police on" in missing and "Devon and Cornwall" not in missing


def test_csv_and_table_agree_with_json() -> None:
    rows = json.loads(run("--format", "json").stdout)["status"]
    table = list(csv.DictReader(io.StringIO(run("--format", "csv").stdout)))
    assert len(table) == len(rows)
    assert list(table[0]) == list(rows[0])
    assert [(r["recommendation"], r["owner"], r["state"]) for r in table] == [
        (r["recommendation"], r["owner"], r["state"]) for r in rows]
    text = run().stdout
    overdue_count = sum(1 for r in rows if r["state"] == "overdue")
    assert f"Overdue, by owner (oldest first): {overdue_count}\n" in text


def test_bad_date_is_a_usage_error_without_traceback() -> None:
    result = subprocess.run([str(RECTRACK), "status", "--as-of", "2026-13-01"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
