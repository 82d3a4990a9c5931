"""The benchmark's machinery: its synthetic national tracker is valid Rectrack data of the promised
shape, and the script reports every figure and ends with its ratio.

No timing assertions here: times depend on the machine and on whatever else it is running.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from constants import AS_OF, REPO
from rectrack.data.check import load_and_validate
from rectrack.derive import derive

sys.path.insert(0, str(REPO / "bench"))

import run  # noqa: E402
import synthetic  # noqa: E402

#: The shipped report and one synthetic report of each shape.
SMALL = 4


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    data = synthetic.generate(tmp_path_factory.mktemp("synthetic"), SMALL)
    checked = load_and_validate(data)
    return data, checked


def test_synthetic_data_passes_strict_validation(small) -> None:
    _, checked = small
    assert checked.ok, [p.format() for p in checked.problems[:5]]
    assert checked.report.errors == [] and checked.report.warnings == []  # what --strict fails on


def test_synthetic_tracker_has_many_reports_each_numbering_its_recommendations_from_1(small) -> None:
    _, checked = small
    ds = checked.dataset
    planned = synthetic.plan(SMALL, 2026)
    assert [p.shape for p in planned] == ["shipped", "every-force", "named-forces", "national"]
    answered = [p.id for p in planned]
    assert set(answered) <= {r.id for r in ds.reports}
    assert {r.id for r in ds.reports} - set(answered) == {"hmicfrs-2023-online-csae", "creedon-2023-rso-review"}
    for report in answered:
        numbers = [r.number for r in ds.recommendations if r.report == report]
        assert numbers == list(range(1, len(numbers) + 1)), report
    # Two reports' recommendation 1, side by side.
    assert {f"{report}/1" for report in answered} <= {r.id for r in ds.recommendations}
    assert len({ds.report(report).published.year for report in answered}) >= 3
    assert {ds.report(p.id).regime for p in planned} == {"s55", "no-statutory-clock"}
    # Owners: the group of every force, named forces, national bodies.
    owners = {o for r in ds.recommendations if r.report in answered for o in r.owners}
    kinds = {ds.organisation(o).kind for o in owners if ds.group(o) is None}
    assert "forces" in owners
    assert {"territorial-police-force", "professional-body"} <= kinds
    named = next(p for p in planned if p.shape == "named-forces")
    assert set(named.named) == {o for r in ds.recommendations if r.report == named.id for o in r.owners
                                if ds.group(o) is None and ds.organisation(o).kind == "territorial-police-force"}
    # Every report has case studies of its own, attributed to organisations in its scope.
    for report in answered:
        assert any(c.report == report for c in ds.case_studies), report


def test_every_force_answers_each_force_directed_recommendation_in_its_first_comments(small) -> None:
    _, checked = small
    ds = checked.dataset
    first = {(d.report, d.owner): d for d in ds.documents if d.kind == "first-comments"}
    owed = 0
    for rec in ds.recommendations:
        if rec.quoted_from:  # an earlier report known only from the shipped one's words: nobody answers it
            continue
        for owner in {m for o in rec.owners for m in ds.members(o)}:
            if ds.organisation(owner).kind != "territorial-police-force":
                continue
            owed += 1
            assert rec.local in first[(rec.report, owner)].answered, (rec.id, owner)
    assert owed > 43 * 10
    answers = [a for d in ds.documents for a in d.answers]
    assert {a.implementation for a in answers} == {"implemented", "in-progress", "not-started", "not-stated"}
    for answer in answers:
        assert (answer.evidence is None) == (answer.implementation == "not-stated")
        if answer.evidence:
            assert answer.evidence in answer.action
    # The shipped report keeps Devon and Cornwall's real response; the others are remixed from it.
    real = first[(synthetic.SHIPPED_REPORT, "devon-and-cornwall")]
    assert real.source.document == "sources/devon-and-cornwall-pcc-response.md"
    remixed = first[(synthetic.SHIPPED_REPORT, "kent")]
    assert any("Kent" in a.action for a in remixed.answers)
    assert any(len(a.action.split("\n\n")) >= 2 for a in remixed.answers)


def test_some_owners_publish_later_documents_and_the_inspectorate_assesses(small) -> None:
    _, checked = small
    ds = checked.dataset
    kinds = Counter(d.kind for d in ds.documents)
    assert kinds["update"] > 0 and kinds["action-plan"] > 0
    national = {d.owner for d in ds.documents if ds.organisation(d.owner).kind != "territorial-police-force"}
    assert national, "no national body answers"
    verdicts = {v.verdict for v in ds.verdicts}
    assert {"closed-implemented", "closed-not-implemented", "open", "superseded"} <= verdicts
    assert any(v.given_for == "forces" for v in ds.verdicts)  # one verdict for every force at once
    answered = {(d.report, d.owner) for d in ds.documents}
    report = ds.report
    assert any((v.recommendation.split("/")[0], v.owner) not in answered and report(
        v.recommendation.split("/")[0]).known_from is None for v in ds.verdicts), "no verdict on a silent owner"
    assert ds.revisions
    assert any(r.owner is None for r in ds.revisions)
    # Some of it happens after the benchmark's as-at date, and the build must not show it.
    tracker = derive(ds, AS_OF)
    hidden = [d for d in ds.documents if d.published and d.published > AS_OF]
    assert hidden
    shown = {(doc.report, doc.name) for s in tracker.reports for o in s.owners for doc in o.documents}
    assert not {(d.report, d.name) for d in hidden} & shown


def test_synthetic_data_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = synthetic.generate(tmp_path / "a", 2)
    second = synthetic.generate(tmp_path / "b", 2)
    other = synthetic.generate(tmp_path / "c", 2, seed=7)
    names = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "recommendations.yaml").read_bytes() != (other / "recommendations.yaml").read_bytes()


def test_the_default_tracker_is_a_national_one() -> None:
    """The benchmark's default: at least 40 reports over five years, most of them for every force."""
    planned = synthetic.plan(synthetic.DEFAULT_REPORTS, 2026)
    assert len(planned) == synthetic.DEFAULT_REPORTS >= 40
    assert len({p.published.year for p in planned}) == 5
    shapes = Counter(p.shape for p in planned)
    assert shapes["every-force"] > shapes["named-forces"] > shapes["national"] > 0
    assert len({p.id for p in planned}) == len(planned)


def test_a_tracker_too_big_for_one_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="case_studies.yaml would be"):
        synthetic.generate(tmp_path, 2, case_studies=2500)


def test_the_report_prints_every_figure_and_target(capsys) -> None:
    """The tables and the targets, from made-up measurements (the real runs are the next test's)."""
    def result(pages: int, wall: float, counts: dict[str, int]) -> run.Result:
        stages = {"build search": wall / 5, "search_cpu": wall / 6, "search_cpu pagefind": wall / 10,
                  "search_cpu pagefind-responses": wall / 15, "peak_self_kb": 90_000,
                  "peak_children_kb": 120_000, "cli": wall - 0.5}
        r = run.Result("set", counts, pages, run.Variant("rectrack build"), run.Variant("plain mkdocs build"),
                       run.Variant("mkdocs build + Material search"), largest=[("a/index.html", 150_000)],
                       html_pages=pages, html_bytes=pages * 30_000)
        r.rectrack.samples.append(run.Sample(wall, wall * 0.9, 120_000, stages))
        r.plain.samples.append(run.Sample(wall * 0.7, wall * 0.6, 80_000))
        r.stock.samples.append(run.Sample(wall, wall * 0.95, 80_000))
        r.material.samples.append(run.Sample(wall * 0.8, wall * 0.7, 90_000))
        r.pagefind = {"bail": {"query": "bail", "year": None, "results": 3, "bytes": 200_000, "gzip": 150_000,
                               "files": {"/pagefind/pagefind.js": 40_000, "/pagefind/index/x.pf_index": 160_000}}}
        r.responses_search = {
            "2026: bail": {"query": "bail", "year": "2026", "results": 2, "bytes": 250_000, "gzip": 210_000, "files": {
                "/pagefind-responses/2026/pagefind.js": 40_000, "/pagefind-responses/2026/index/y.pf_index": 210_000}},
            "2025: bail": {"query": "bail", "year": "2025", "results": 4, "bytes": 310_000, "gzip": 260_000, "files": {
                "/pagefind-responses/2025/pagefind.js": 40_000, "/pagefind-responses/2025/index/z.pf_index": 270_000}}}
        return r

    shipped = result(213, 6.0, {"reports": 3, "answered by someone": 1})
    middle = result(2_400, 60.0, {"reports": 42, "answered by someone": 40})
    scaled = result(8_100, 200.0, {"reports": 162, "answered by someone": 160})
    middle.material.samples.clear()  # the middle set has no Material run
    run.print_result(middle)
    run.print_result(scaled)
    run.print_targets(shipped, scaled, middle)
    out = capsys.readouterr().out
    targets = out.split("== targets ==")[1].strip().splitlines()
    assert [re.match(r"\s*\[(met    |NOT MET|n/a    )\] (\w+)", t).group(2) for t in targets] == [
        "shipped", "shipped", "shipped", "scale", "scale", "scale", "time", "time", "time", "time", "time", "time",
        "time", "time", "time", "time", "scale", "scale", "scale", "scale", "scale"]
    assert "time per page flat between generated sizes (<= 1.25x), rectrack without Pagefind" in out
    # 60 s x 0.9 of CPU over 2,400 pages, then 200 s x 0.9 over 8,100
    assert ("[met    ] time per page flat between generated sizes (<= 1.25x), rectrack build (whole): CPU 22.5 -> "
            "22.2 ms/page (2,400 -> 8,100 pages)") in out
    # each search's own CPU: a tenth and a fifteenth of the wall time, over each set's pages
    assert ("time per page, Pagefind's main search (pagefind/): CPU 2.8 -> 2.5 -> 2.5 ms/page "
            "(213 -> 2,400 -> 8,100 pages)") in out
    assert "Pagefind's searches of responses, every year (pagefind-responses/): CPU 1.9 -> 1.7 -> 1.6 ms/page" in out
    # 6 s x 0.9 - 1 s of Pagefind CPU over 213 pages of 30 KB, then 200 s x 0.9 - 33.3 s over 8,100 pages
    assert ("time per MB of HTML written, rectrack without Pagefind: CPU 689 -> 604 ms/MB (pages of 30.0 -> 30.0 KB "
            "on average)") in out
    assert "8,100 pages, 160 reports answered by their owners" in out
    # 200 s less 40 s of Pagefind, against 140 s of plain MkDocs and 200 s of stock MkDocs
    assert "[met    ] scale: rectrack build within 1.3x of plain mkdocs: 1.14" in out
    assert "[met    ] scale: rectrack build within 1.3x of stock mkdocs (without Rectrack's extension): 0.80" in out
    assert "largest HTML page under 300 KB: a/index.html 150 KB" in out
    assert "[met    ] scale: a reader's first search downloads under 300 KB: 200 KB on disk, 150 KB" in out
    assert "search of responses (Pagefind) first query 'bail' over 2026's reports (2 results, 5 loaded): 250 KB" in out
    assert "search of responses (Pagefind) first query 'bail' over 2025's reports (4 results, 5 loaded): 310 KB" in out
    # the largest of every year's first searches is the one the target judges
    assert ("[NOT MET] scale: a reader's first search of the responses (a page for each year's reports) under 300 KB: "
            "310 KB on disk, 260 KB with HTTP gzip ('bail' over 2025's reports; largest of 4 queries on each of "
            "2 years)") in out
    assert "peak memory rectrack build 117 MB (Python 88 MB, largest child 117 MB); plain mkdocs 78 MB" in out


@pytest.mark.xdist_group("build")
def test_quick_benchmark_ends_with_the_ratio_line() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--skip-scale"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"ratio rectrack/mkdocs: \d+\.\d\d", lines[-1]), lines[-5:]
    assert any(line.startswith("rectrack build (whole command") for line in lines)
    assert any(line.startswith("plain mkdocs build") for line in lines)
    assert any("shipped: rectrack build within 1.3x of plain mkdocs" in line for line in lines)
