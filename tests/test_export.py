"""The export contract: files, columns and the acceptance facts, read back from what the CLI wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import rectrack
from constants import DATA


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    result = rectrack("export", str(out), "--data", str(DATA))
    assert result.exit_code == 0, result.stderr
    return out


def load(out: Path, name: str) -> list[dict]:
    return json.loads((out / f"{name}.json").read_text("utf-8"))


def test_recommendations_contract(exported: Path) -> None:
    rows = load(exported, "recommendations")
    assert [r["id"] for r in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        assert {"id", "deadline", "owners", "text", "actions", "case_studies"} <= set(row)
        assert isinstance(row["id"], int) and isinstance(row["actions"], list)
    by_id = {r["id"]: r for r in rows}
    assert by_id[6]["deadline"] == "2026-10-30"
    assert by_id[3]["deadline"] == by_id[14]["deadline"] == "2026-12-31"
    assert by_id[3]["owners"] == ["college-of-policing"]
    assert by_id[9]["owners"] == ["home-office", "college-of-policing", "npcc"]
    assert by_id[2]["actions"] == [] and by_id[2]["owners"] == ["forces"]


def test_case_studies_and_forces_contract(exported: Path) -> None:
    cases = load(exported, "case-studies")
    forces = load(exported, "forces")
    force_ids = {f["id"] for f in forces}
    assert len(forces) == 43 and len(force_ids) == 43
    assert {f["country"] for f in forces} == {"England", "Wales"}
    assert len(cases) == 25
    for case in cases:
        assert {"id", "title", "force", "section", "recommendations", "text"} <= set(case)
        assert case["force"] in force_ids
    durham = [c for c in cases if c["force"] == "durham"]
    assert durham, "the report's 'Durham Police' case study is attributed to the durham force id"
    polygraph = {c["force"] for c in cases if "polygraph" in c["text"].lower()}
    assert {"south-yorkshire", "cumbria"} <= polygraph


def test_responses_contract(exported: Path) -> None:
    rows = load(exported, "responses")
    devon = [r for r in rows if r["owner"] == "devon-and-cornwall"]
    assert [r["recommendation"] for r in devon] == [1, 2, 4, 5, 6, 8, 10, 15, 16]
    for row in devon:
        assert {"owner", "recommendation", "action", "implementation", "evidence", "published"} <= set(row)
        assert row["published"] is None
        if row["implementation"] != "not-stated":
            assert row["evidence"] in row["action"]


@pytest.mark.parametrize("name", ["recommendations", "case-studies", "responses", "forces"])
def test_csv_has_the_same_rows_and_columns(exported: Path, name: str) -> None:
    rows = load(exported, name)
    with (exported / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(rows)
    assert list(table[0]) == list(rows[0])
    assert table[0]["id" if "id" in rows[0] else "owner"] == str(rows[0]["id" if "id" in rows[0] else "owner"])


def test_csv_cells_cannot_run_as_formulas() -> None:
    from rectrack.export import to_csv

    text = to_csv([{"a": "=HYPERLINK(\"http://x\")", "b": "-1+2", "c": "plain"}]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-1+2" in text and ",plain" in text
