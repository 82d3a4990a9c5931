"""The export contract: files, columns and the acceptance facts, read back from what the CLI wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import rectrack
from constants import AS_OF_ISO, DATA

REPORT = "hmicfrs-2026-ocsa-mosovo"
TABLES = ("recommendations", "status", "clocks", "documents", "responses", "verdicts", "deadline-revisions",
          "organisations", "case-studies")


def export(out: Path, data: Path = DATA, as_of: str = AS_OF_ISO) -> Path:
    result = rectrack("export", str(out), "--as-of", as_of, "--data", str(data))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    return export(tmp_path_factory.mktemp("export"))


def load(out: Path, name: str) -> list[dict]:
    return json.loads((out / f"{name}.json").read_text("utf-8"))


def test_every_table_is_written_as_json_and_csv(exported: Path) -> None:
    assert sorted(p.name for p in exported.iterdir()) == sorted(
        [f"{t}.{x}" for t in TABLES for x in ("json", "csv")] + ["datapackage.json"])


def test_recommendations_contract(exported: Path) -> None:
    rows = load(exported, "recommendations")
    shipped = [r for r in rows if r["report"] == REPORT]
    assert [r["number"] for r in shipped] == list(range(1, 17))
    for row in rows:
        assert {"report", "number", "id", "deadline", "owners", "text", "actions", "case_studies"} <= set(row)
        assert isinstance(row["actions"], list) and isinstance(row["owners"], list)
    for row in shipped:
        assert isinstance(row["number"], int) and row["id"] == f"{REPORT}/{row['number']}"
    by_number = {r["number"]: r for r in shipped}
    assert by_number[6]["deadline"] == "2026-10-30"
    assert by_number[3]["deadline"] == by_number[14]["deadline"] == "2026-12-31"
    assert by_number[3]["owners"] == ["college-of-policing"]
    assert by_number[9]["owners"] == ["home-office", "college-of-policing", "npcc"]
    assert by_number[2]["actions"] == [] and by_number[2]["owners"] == ["forces"]
    assert by_number[1]["case_studies"][:3] == [
        "cheshire-electronic-planner", "gwent-intelligence-flags", "warwickshire-case-management-tool"]
    # The earlier reports' recommendations: no number or deadline stated, scoped by their slug.
    earlier = {r["id"]: r for r in rows if r["report"] != REPORT}
    assert set(earlier) == {"hmicfrs-2023-online-csae/npcc-prioritisation-tool", "creedon-2023-rso-review/review-shpos"}
    assert {(r["number"], r["deadline"]) for r in earlier.values()} == {(None, None)}


def test_case_studies_and_organisations_contract(exported: Path) -> None:
    cases = load(exported, "case-studies")
    organisations = load(exported, "organisations")
    org_ids = {o["id"] for o in organisations}
    assert len(org_ids) == len(organisations)
    forces = [o for o in organisations if o["kind"] == "territorial-police-force"]
    assert len(forces) == 43
    assert {f["country"] for f in forces} == {"England", "Wales"}
    assert all(f["answered_for_by"] for f in forces)
    assert len(cases) == 25
    for case in cases:
        assert {"id", "report", "title", "organisations", "section", "recommendations", "text"} <= set(case)
        assert case["organisations"] and set(case["organisations"]) <= org_ids
        assert all(r.startswith(f"{case['report']}/") for r in case["recommendations"])
    durham = [c for c in cases if "durham" in c["organisations"]]
    assert durham, "the report's 'Durham Police' case study is attributed to the durham organisation id"
    polygraph = {o for c in cases if "polygraph" in c["text"].lower() for o in c["organisations"]}
    assert {"south-yorkshire", "cumbria"} <= polygraph


def test_responses_contract(exported: Path) -> None:
    rows = load(exported, "responses")
    devon = [r for r in rows if r["owner"] == "devon-and-cornwall"]
    assert [r["number"] for r in devon] == [1, 2, 4, 5, 6, 8, 10, 15, 16]
    for row in devon:
        assert {"report", "recommendation", "owner", "document", "action", "implementation", "evidence",
                "published", "current"} <= set(row)
        assert row["recommendation"] == f"{REPORT}/{row['number']}"
        assert row["published"] is None and row["current"] is True and row["kind"] == "first-comments"
        if row["implementation"] != "not-stated":
            assert row["evidence"] in row["action"]
    documents = load(exported, "documents")
    assert [(d["owner"], d["kind"], d["answers"]) for d in documents] == [("devon-and-cornwall", "first-comments", 9)]


def test_verdicts_carry_their_report_and_scoped_recommendation(exported: Path) -> None:
    rows = load(exported, "verdicts")
    by_recommendation: dict[str, set[str]] = {}
    for row in rows:
        assert row["recommendation"].startswith(f"{row['report']}/")
        by_recommendation.setdefault(row["recommendation"], set()).add(row["owner"])
    assert by_recommendation["hmicfrs-2023-online-csae/npcc-prioritisation-tool"] == {"npcc"}
    assert len(by_recommendation["creedon-2023-rso-review/review-shpos"]) == 43  # given for every force
    assert {r["verdict"] for r in rows} == {"not-stated"}


def test_status_and_clocks_keep_the_acceptance_facts(exported: Path) -> None:
    status = [r for r in load(exported, "status") if r["report"] == REPORT]
    overdue = {(r["owner"], r["number"]) for r in status if r["state"] == "overdue"}
    assert {n for _, n in overdue} == {1, 4, 6, 8, 10, 15, 16}
    assert {n for o, n in overdue if o == "devon-and-cornwall"} == {8, 15, 16}
    clocks = load(exported, "clocks")
    assert len(clocks) == 43 and {c["report"] for c in clocks} == {REPORT}


def test_a_revised_deadline_is_the_one_exported_from_the_day_decided(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "assessments" / f"{REPORT}.yaml").write_text(
        f"report: {REPORT}\n"
        "deadline_revisions:\n"
        "  - recommendation: 3\n"
        "    owner: null\n"
        "    decided: 2026-11-02\n"
        "    deadline: 2027-03-31\n"
        "    deadline_as_printed: 31 March 2027\n"
        "    reason: A fictional reason, for this test only.\n"
        "    source:\n"
        "      title: A fictional letter\n", encoding="utf-8")
    before = export(tmp_path / "before", data_copy, "2026-11-01")
    after = export(tmp_path / "after", data_copy, "2026-11-02")

    def deadline(out: Path) -> str:
        return next(r["deadline"] for r in load(out, "recommendations") if r["id"] == f"{REPORT}/3")

    assert deadline(before) == "2026-12-31" and load(before, "deadline-revisions") == []
    assert deadline(after) == "2027-03-31"
    assert [(r["recommendation"], r["owner"], r["deadline"]) for r in load(after, "deadline-revisions")] == [
        (f"{REPORT}/3", "college-of-policing", "2027-03-31")]
    status = next(r for r in load(after, "status") if r["recommendation"] == f"{REPORT}/3")
    assert (status["deadline"], status["state"]) == ("2027-03-31", "upcoming")


@pytest.mark.parametrize("name", TABLES)
def test_csv_has_the_same_rows_and_the_declared_columns(exported: Path, name: str) -> None:
    from rectrack.export import TABLES as DECLARED

    columns = list(next(d for d in DECLARED if d.name == f"{name}.csv").columns)
    rows = load(exported, name)
    with (exported / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        table = list(reader)
        assert reader.fieldnames == columns  # an empty table too says what it holds
    assert len(table) == len(rows)
    assert all(list(row) == columns for row in rows)
    if rows:
        first = "id" if "id" in rows[0] else "report"
        assert table[0][first] == str(rows[0][first])


def test_csv_cells_cannot_run_as_formulas() -> None:
    from rectrack.export import to_csv

    text = to_csv([{"a": "=HYPERLINK(\"http://x\")", "b": "-1+2", "c": "plain"}]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-1+2" in text and ",plain" in text


def test_numbers_are_never_guarded_and_formula_text_always_is() -> None:
    from rectrack.export import to_csv

    row = {"days": -31, "n": 4, "x": 1.5, "ok": True, "no": False, "none": None,
           "list": ["-a", "b"], "tab": "\tx", "cr": "\rx", "at": "@SUM(A1)", "plus": "+1"}
    text = to_csv([row]).decode("utf-8-sig")
    header, line = text.split("\r\n")[:2]
    cells = dict(zip(header.split(","), next(csv.reader([line])), strict=True))
    assert (cells["days"], cells["n"], cells["x"], cells["ok"], cells["no"], cells["none"]) == (
        "-31", "4", "1.5", "true", "false", "")
    assert cells["list"] == "'-a; b"
    assert all(cells[k].startswith("'") for k in ("tab", "cr", "at", "plus"))


def read_csv(out: Path, name: str) -> list[dict]:
    with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def conforms(column, value: str) -> bool:
    """Does one CSV cell hold what its declared column says: the type, the closed list, the pattern?"""
    import re
    from datetime import date

    if value == "":
        return True  # empty: none, or not stated
    if column.type == "integer":
        ok = re.fullmatch(r"-?[0-9]+", value) is not None and str(int(value)) == value
    elif column.type == "boolean":
        ok = value in ("true", "false")
    elif column.type == "date":
        ok = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None and bool(date.fromisoformat(value))
    else:
        ok = column.type == "string" and (not value.startswith(("=", "+", "-", "@", "\t", "\r")))
    if column.values:
        ok = ok and value in column.values
    if column.pattern:
        ok = ok and re.fullmatch(column.pattern.strip("^$"), value) is not None
    return ok


@pytest.mark.parametrize("name", TABLES)
def test_every_csv_value_conforms_to_its_declared_column(exported: Path, name: str) -> None:
    from rectrack.export import TABLES as DECLARED

    declared = next(d for d in DECLARED if d.name == f"{name}.csv")
    rows = read_csv(exported, name)
    records = load(exported, name)
    wrong = [(i + 2, c.name, row[c.name]) for i, row in enumerate(rows) for c in declared.fields
             if not conforms(c, row[c.name])]
    assert not wrong, f"{name}.csv: cells that are not what their column declares (line, column, value): {wrong[:10]}"
    json_types = {"integer": int, "boolean": bool, "date": str, "string": str}
    for record in records:
        for c in declared.fields:
            value = record[c.name]
            expected = list if c.joined else json_types[c.type]
            assert value is None or isinstance(value, expected), (name, c.name, value)


def test_days_are_numbers_in_status_csv(exported: Path) -> None:
    """The guard once made 301 of 399 ``days`` text ("'-31"): every one is a number now, most negative."""
    days = [row["days"] for row in read_csv(exported, "status") if row["days"]]
    assert days and all(int(d) == int(d.lstrip("'")) and not d.startswith("'") for d in days)
    assert sum(int(d) < 0 for d in days) > 250


def test_no_response_is_its_own_value(exported: Path) -> None:
    status = read_csv(exported, "status")
    by_owner: dict[str, set] = {}
    for row in (r for r in status if r["report"] == REPORT):
        by_owner.setdefault(row["owner"], set()).add((row["response"], row["implementation"]))
    assert by_owner["avon-and-somerset"] == {("no-response", "")}
    devon = by_owner["devon-and-cornwall"]
    assert {r for r, _ in devon} == {"answered"} and ("answered", "not-stated") in devon  # a claim of nothing
    assert {r["response"] for r in status} <= {"answered", "not-answered", "no-response"}


def test_a_document_that_skips_a_recommendation_is_not_answered(data_copy: Path, tmp_path: Path) -> None:
    import yaml

    path = data_copy / "force_responses" / REPORT / "devon-and-cornwall.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["responses"] = [r for r in doc["responses"] if r["recommendation"] != 2]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    out = export(tmp_path / "out", data_copy)
    row = next(r for r in read_csv(out, "status") if r["owner"] == "devon-and-cornwall" and r["number"] == "2")
    assert (row["response"], row["implementation"]) == ("not-answered", "")


def test_every_owner_id_has_its_name_beside_it(exported: Path) -> None:
    names = {o["id"]: o["name"] for o in load(exported, "organisations")}
    checked = 0
    for name in TABLES:
        for row in load(exported, name):
            if "owner" in row:
                assert row["owner_name"] == names[row["owner"]], (name, row["owner"])
                checked += 1
    recs = load(exported, "recommendations")
    for rec in recs:
        assert len(rec["owner_names"]) == len(rec["owners"]) and all(rec["owner_names"])
    assert checked > 400


def test_each_recommendation_carries_its_state_on_the_as_at_date(exported: Path) -> None:
    status = load(exported, "status")
    for rec in load(exported, "recommendations"):
        duties = [s for s in status if s["recommendation"] == rec["id"]]
        assert rec["as_of"] == AS_OF_ISO and rec["duties"] == len(duties)
        assert rec["overdue"] == sum(s["state"] == "overdue" for s in duties)
        assert rec["answered"] == sum(s["response"] == "answered" for s in duties)
        assert rec["claimed_implemented"] == sum(s["implementation"] == "implemented" for s in duties)
    by_number = {r["number"]: r for r in load(exported, "recommendations") if r["report"] == REPORT}
    assert (by_number[6]["state"], by_number[6]["days"]) == ("overdue", -24)


def test_the_s55_state_of_every_force_is_in_clocks(exported: Path) -> None:
    clocks = read_csv(exported, "clocks")
    assert len(clocks) == 43 and {c["as_of"] for c in clocks} == {AS_OF_ISO}
    devon = next(c for c in clocks if c["owner"] == "devon-and-cornwall")
    assert devon["responded"] == "true" and devon["s55_basis"] == "undated-response"
    assert {c["s55"] for c in clocks if c["owner"] != "devon-and-cornwall"} == {"missing"}


def test_the_data_package_describes_every_csv_and_validates_with_frictionless(exported: Path) -> None:
    from frictionless import validate
    from rectrack.export import TABLES as DECLARED

    package = json.loads((exported / "datapackage.json").read_text("utf-8"))
    assert package["profile"] == "tabular-data-package" and "licenses" not in package  # none is configured
    resources = {r["path"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(f"{t}.csv" for t in TABLES)
    for path, resource in resources.items():
        declared = next(d for d in DECLARED if d.name == path)
        assert [f["name"] for f in resource["schema"]["fields"]] == list(declared.columns)
        assert all(f["type"] and f["description"] for f in resource["schema"]["fields"])
        assert (resource["format"], resource["mediatype"]) == ("csv", "text/csv")
        assert resource["bytes"] == (exported / path).stat().st_size
    report = validate(str(exported / "datapackage.json"))
    problems = [(task.name, e.type, e.note) for task in report.tasks for e in task.errors] + [
        (e.type, e.note) for e in report.errors]
    assert report.valid, problems[:10]


def test_frictionless_finds_a_cell_that_breaks_its_column(exported: Path, tmp_path: Path) -> None:
    """The validation above can fail: a days value that is not a number, and an unknown response."""
    import shutil

    from frictionless import validate

    copy = Path(shutil.copytree(exported, tmp_path / "copy"))
    text = (copy / "status.csv").read_text("utf-8-sig").replace(",-23,no-response,", ",soon,no reply,", 1)
    (copy / "status.csv").write_text("\ufeff" + text, "utf-8")
    report = validate(str(copy / "datapackage.json"))
    types = {e.type for task in report.tasks for e in task.errors}
    assert not report.valid and {"type-error", "constraint-error"} <= types
