"""Rectrack's build benchmark: what our stages cost on top of MkDocs, now and as the tracker grows.

Run it with ``make bench`` (or ``.venv/bin/python bench/run.py``). It prints one table per data set
and, as its last line, ``ratio rectrack/mkdocs: X.XX`` for the shipped data.

Method (everything is written under one temporary directory, removed at the end):

* The project files a build reads (``mkdocs.yml``, ``content/``, ``overrides/``) are copied into the
  temporary directory, so ``build/`` and ``site/`` of the working tree are never touched.
* ``prepare()`` writes the docs tree and the engine config once (into ``build/bench``, for plain
  MkDocs). After one unmeasured warm-up build (shipped data only), interleaved, ``--runs`` times
  (``--scale-runs`` for the larger set), each in its own process:
  - the whole ``rectrack build --as-of ... --data D --site-dir S --config C``. Wall time includes
    interpreter start-up and imports. A small wrapper runs the real CLI entry point and records the
    stage timings ``build()`` measures, the CLI's own load+validate, and Pagefind's wall and CPU time.
    The stages are the ones ``build()`` times (render tree, engine, downloads, search, swap); MkDocs
    runs in a child the CLI forks when it starts (``rectrack.site.engine.Standby``), which shares the
    pages out to a child of its own per further core (``rectrack.site.engine_split``), the organisations'
    pages, the lists and the downloads in children forked during render, the Word templates in one
    forked while MkDocs runs (``rectrack.background``), Pagefind in a child process. Wall time is what
    a user waits for; CPU time counts every child;
  - ``mkdocs build -f build/mkdocs.yml -d TMP``: plain MkDocs on the very same pages and config;
  - stock MkDocs: the same, without Rectrack's own Markdown extension (``rectrack.site.raw_blocks``,
    which the config names: it passes Rectrack's finished HTML through unparsed, and halves MkDocs' time
    on these pages), which is what MkDocs alone would take over these pages;
  - MkDocs with Material's own ``search`` plugin switched on (a config variant), for its index (only
    once on the larger set).
  Times are medians; CPU is user+system time of the process and the children it waited for; peak
  memory is ``ru_maxrss`` from ``wait4`` (the largest of the process and those children: Pagefind, and the
  build's forked children, whose shared pages count in full in each).
* The headline ratio compares the whole ``rectrack build`` minus its Pagefind step (exactly what
  ``--no-search`` skips) against plain MkDocs, so neither side builds a search index, and ours includes
  start-up, load, validate, derive, render, MkDocs and the downloads. It is wall time, what a user waits
  for. Both sides turn the very same pages into the very same HTML with MkDocs' own functions: ours shares
  the pages out over the machine's cores (``rectrack.site.engine_split``), plain MkDocs uses one. The
  ratio of CPU time, printed beside it, is what our own stages cost on top of MkDocs' work. The same
  ratios against stock MkDocs are printed, and judged, beside them. The ratios including Pagefind are
  printed too.
* Search payload: exactly what the search page fetches for a reader's first query. The page has no
  Pagefind UI (our own form in ``rectrack.js`` drives Pagefind's JS API with ``noWorker: true``, so
  neither ``pagefind-ui.js``/``.css`` nor ``pagefind-worker.js`` is loaded). Pagefind's own
  ``pagefind.js`` runs in Node with ``fetch`` replaced by a file reader that logs every file; a fresh
  instance, given the page's options, runs one query and loads the first 5 results' fragments, as the
  page does. The payload is ``pagefind.js`` (the module the page imports, named by its
  ``data-rt-pagefind`` attribute) plus the files logged: the wasm, ``pagefind-entry.json`` and the
  ``.pf_meta``, the index chunks for the query and the 5 fragments. Any other Pagefind file the search
  page linked itself would be counted too (it links none). Sizes are bytes on disk, and as sent by a
  server that gzips (Pagefind's index files are gzipped already; its scripts are not). The same
  queries are run on each search of responses (a page and bundle for each year of reports,
  ``pagefind-responses/YEAR/``), reported beside it, with a target of its own: the largest first search
  over any year's page. Material's
  equivalent is ``search/search_index.json`` (fetched whole by the first search) plus its search worker.
* The larger set is a national tracker made by ``bench/synthetic.py``: ``--reports`` reports (default
  ``synthetic.DEFAULT_REPORTS``, over 8,000 pages) published from 2022 to the as-at date, every force
  answering each force-directed recommendation, with updates, verdicts and deadline revisions. It also
  gets one cold ``zensical build --clean`` of the same config, as a reference point.
* A middle generated set (``--mid-reports``, default 40 reports) gets one run of each build (no
  Material, no Zensical): time per page between two generated sizes compares the same mix of pages,
  where from the shipped data to the larger set the pages also get heavier (every generated
  (report, force) page holds a full response; few shipped pages do).
* Targets (issue 11), printed last: on each set the whole build (without Pagefind) within 1.3 times plain
  MkDocs (and, beside it, of stock MkDocs); time per page flat from the shipped size to the largest
  (CPU time per page at most 1.25 times the shipped one); the largest HTML page, a reader's first
  search and a reader's first search of the responses each under 300 KB; and peak memory (reported,
  no target). Beside time per page, time per MB of HTML written (reported, no target): the larger
  set's pages weigh more, so per MB compares like with like where per page cannot. And each Pagefind
  run's own CPU time per page (the main search, and the searches of responses together; reported, no
  target): those index every answer's full text, which the shipped data hardly has and the generated
  sets have for every force on every report, so it shows how much of the growth with Pagefind is that.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402  (bench/ is not a package)
from rectrack.derive import Tracker  # noqa: E402
from rectrack.errors import BuildError  # noqa: E402
from rectrack.render.urls import RESPONSES_BUNDLE, SEARCH_BUNDLE  # noqa: E402
from rectrack.site.build import prepare  # noqa: E402
from rectrack.site.engine import RAW_BLOCKS  # noqa: E402
from rectrack.site.project import load_project  # noqa: E402

BIN = Path(sys.executable).parent
AS_OF = "2026-11-23"
#: What a build reads besides the data directory (the folders mkdocs.yml names, see rectrack.site.project).
PROJECT_FILES = ("mkdocs.yml", "content", "overrides")
QUERIES = ("bail", "polygraph", "offender managers", "risk management")
TARGET_RATIO = 1.3
TARGET_BYTES = 300_000
#: The size the larger set must reach (issue 11: "at least 40 reports ... at least 8,000 pages").
TARGET_PAGES = 8_000
TARGET_REPORTS = 40
#: A smaller generated set (one run, no Material or Zensical): time per page with the same mix of pages.
MID_REPORTS = 40
#: Per-page time counts as flat if the larger set costs at most this much more per page.
FLAT = 1.25

# Runs the real CLI entry point, recording the stage timings ``build()`` measures (the CLI prints only
# the total), the CLI's own load+validate (done before ``build()`` is called) and Pagefind's share.
_CHILD = r"""
import time
begun = time.perf_counter()
import json, resource, sys
import rectrack.site.build, rectrack.site.pagefind, rectrack.cli
out, args = sys.argv[1], sys.argv[2:]
seen = {"imports": time.perf_counter() - begun}
real_check, real_build, real_index, real_bundle = (rectrack.cli.load_and_validate, rectrack.site.build.build,
                                                   rectrack.site.pagefind.index, rectrack.site.pagefind._index)
def check(*a, **k):
    started = time.perf_counter()
    result = real_check(*a, **k)
    seen["load+validate"] = time.perf_counter() - started
    return result
def build(*a, **k):
    result = real_build(*a, **k)
    seen.update({f"build {k}": v for k, v in result.timings.items()}, pages=result.pages)
    return result
def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
def cpu_of(real, key):
    # real, adding the CPU time of the children it runs (Pagefind) to seen[key(args)]
    def run(*a, **k):
        cpu_started = cpu()
        try:
            return real(*a, **k)
        finally:
            name = key(*a)
            seen[name] = seen.get(name, 0.0) + cpu() - cpu_started
    return run
def bundle_key(pages, out, *rest):
    # every year's search of responses (pagefind-responses/YEAR) counts under that search's one name
    from rectrack.render.urls import RESPONSES_BUNDLE
    return "search_cpu " + (out.parent.name if out.parent.name == RESPONSES_BUNDLE else out.name)
rectrack.cli.load_and_validate, rectrack.site.build.build = check, build
rectrack.site.pagefind.index = cpu_of(real_index, lambda *a: "search_cpu")
rectrack.site.pagefind._index = cpu_of(real_bundle, bundle_key)
sys.argv = ["rectrack", *args]
started = time.perf_counter()
try:
    rectrack.cli.main()
finally:
    seen["cli"] = time.perf_counter() - started
    seen["peak_self_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seen["peak_children_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(out, "w") as f:
        json.dump(seen, f)
"""

_PROBE = r"""
import { readFile } from "node:fs/promises";
const [site, bundle, query] = process.argv.slice(2);
const base = "http://site.invalid";
const files = [];
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url, base + "/");
  const body = await readFile(site + decodeURIComponent(url.pathname));
  files.push([url.pathname, body.length]);
  return new Response(body, { status: 200 });
};
const pagefind = await import("file://" + site + "/" + bundle + "/pagefind.js");
// The search page's options (scripts/rectrack/assets/components/search.js), plus where the bundle is.
await pagefind.options({ basePath: base + "/" + bundle + "/", noWorker: true, ranking: { termFrequency: 0.0 } });
await pagefind.init();
const search = await pagefind.search(query);
await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
console.log(JSON.stringify({ results: search.results.length, files }));
"""


class BenchError(Exception):
    pass


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_kb: int
    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class Variant:
    label: str
    samples: list[Sample] = field(default_factory=list)

    def median(self, value: Callable[[Sample], float]) -> float:
        return statistics.median(value(s) for s in self.samples)

    @property
    def wall(self) -> float:
        return self.median(lambda s: s.wall)

    @property
    def cpu(self) -> float:
        return self.median(lambda s: s.cpu)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_kb for s in self.samples) / 1024


# -- running and measuring -------------------------------------------------------------------------

def measure(cmd: list[str], cwd: Path, log: Path) -> tuple[Sample, int]:
    """One child process: its wall time, CPU time and peak memory, and its exit code; output to ``log``."""
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss), proc.returncode


def run(variant: Variant, cmd: list[str], cwd: Path, log: Path, timings: Path | None = None) -> None:
    sample, code = measure(cmd, cwd, log)
    if code != 0:
        tail = log.read_text("utf-8", "replace").strip().splitlines()[-5:]
        raise BenchError(f"{variant.label} failed (exit {code}): " + " | ".join(tail))
    if timings is not None:
        sample.stages = json.loads(timings.read_text("utf-8"))
    variant.samples.append(sample)


def tree_bytes(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts]


def without_raw_blocks(config: Path) -> list[object]:
    """The generated config's Markdown extensions without Rectrack's own (``rectrack.site.raw_blocks``)."""
    extensions = yaml.safe_load(config.read_text("utf-8"))["markdown_extensions"]
    kept = [e for e in extensions if e != RAW_BLOCKS and not (isinstance(e, dict) and RAW_BLOCKS in e)]
    if len(kept) == len(extensions):
        raise BenchError(f"{config} has no {RAW_BLOCKS}: the stock variant would be the same config")
    return kept


def config_variant(config: Path, out: Path, **changes: object) -> Path:
    """A copy of the generated engine config with some keys replaced (e.g. Material's search on)."""
    data = yaml.safe_load(config.read_text("utf-8"))
    data.update(changes)
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return out


# -- one data set ------------------------------------------------------------------------------------

@dataclass
class Result:
    title: str
    counts: dict[str, int]
    pages: int
    rectrack: Variant
    plain: Variant
    material: Variant
    #: MkDocs on the same pages and config less Rectrack's own Markdown extension (``plain`` has it).
    stock: Variant = field(default_factory=lambda: Variant("stock mkdocs build"))
    site_bytes: int = 0
    site_files: int = 0
    html_pages: int = 0
    html_bytes: int = 0  # all the HTML pages together: how much the build wrote, whatever the page count
    largest: list[tuple[str, int]] = field(default_factory=list)
    pagefind: dict[str, dict] = field(default_factory=dict)
    #: The same queries on each year's search of responses (its own page and bundle,
    #: render/response_search.py), by "YEAR: query", each with its ``query`` and ``year``.
    responses_search: dict[str, dict] = field(default_factory=dict)
    pagefind_note: str = ""
    material_index: int = 0
    material_index_gz: int = 0
    material_worker: int = 0
    zensical: dict | None = None
    load: tuple[float, float] = (0.0, 0.0)

    @property
    def without_search(self) -> float:
        """Median wall time of the whole command minus its Pagefind step (what --no-search runs)."""
        return self.rectrack.median(lambda s: s.wall - s.stages.get("build search", 0.0))

    @property
    def without_search_cpu(self) -> float:
        return self.rectrack.median(lambda s: s.cpu - s.stages.get("search_cpu", 0.0))

    @property
    def ratio(self) -> float:
        return self.without_search / self.plain.wall

    @property
    def verdict_ratio(self) -> tuple[float, str]:
        return self.verdict(self.plain)

    def verdict(self, against: Variant) -> tuple[float, str]:
        """The ratio against ``against``: the median of 3 runs or more; of fewer, each side's least disturbed
        run (steadier than a median of two)."""
        median = self.without_search / against.wall
        if len(self.rectrack.samples) >= 3:
            return median, f"median of {len(self.rectrack.samples)} runs"
        without = min(s.wall - s.stages.get("build search", 0.0) for s in self.rectrack.samples)
        return without / min(s.wall for s in against.samples), (
            f"fastest of {len(self.rectrack.samples)} runs; median {median:.2f}, CPU time "
            f"{self.without_search_cpu / against.cpu:.2f}")

    def per_page_ms(self, seconds: float) -> float:
        return 1000 * seconds / self.pages

    def per_mb_ms(self, seconds: float) -> float:
        """Time per MB of HTML pages written: per page, but with heavier pages weighing more."""
        return 1000 * seconds / (self.html_bytes / 1_000_000)

    @property
    def first_search_bytes(self) -> int | None:
        sizes = [q["bytes"] for q in self.pagefind.values() if "bytes" in q]
        return max(sizes) if sizes else None


def counts_of(tracker: Tracker) -> dict[str, int]:
    ds = tracker.dataset
    forces = {o.id for o in ds.organisations if o.kind == "territorial-police-force"}
    return {
        "reports": len(ds.reports),
        "answered by someone": len({d.report for d in ds.documents}),
        "shown as at the date": len(tracker.reports),
        "years": len({r.published.year for r in ds.reports}),
        "recommendations": len(ds.recommendations),
        "force-directed": sum(1 for r in ds.recommendations if any(set(ds.members(o)) & forces for o in r.owners)),
        "organisations": len(ds.organisations),
        "duties": len(tracker.duties),
        "response documents": len(ds.documents),
        "updates and action plans": sum(1 for d in ds.documents if d.kind != "first-comments"),
        "answers": sum(len(d.answers) for d in ds.documents),
        "verdicts": len(ds.verdicts),
        "deadline revisions": len(ds.revisions),
        "case studies": len(ds.case_studies),
        "glossary terms": len(ds.glossary),
        "events": len(tracker.events),
    }


def bench_data(title: str, slug: str, data: Path, work: Path, runs: int, say: Callable[[str], None], *,
               warm_up: bool, material_runs: int, zensical: bool) -> Result:
    load_before = os.getloadavg()[0]
    root = work / slug
    root.mkdir(parents=True)
    for item in PROJECT_FILES:
        src = REPO / item
        if src.is_dir():
            shutil.copytree(src, root / item)
        elif src.is_file():
            shutil.copy2(src, root / item)
    logs = root / "logs"
    logs.mkdir()
    config = root / "mkdocs.yml"
    say(f"[{slug}] preparing the docs tree")
    try:
        prepared = prepare(load_project(config, data, site=root / "site", work=root / "build"),
                           date.fromisoformat(AS_OF), root / "build" / "bench")
    except BuildError as exc:
        first = exc.problems[0].format() if exc.problems else exc.message
        raise BenchError(f"{data} does not build: {first}") from None
    tracker, engine_config = prepared.tracker, prepared.config
    pages = sum(1 for _ in (root / "build" / "bench" / "docs").rglob("*.md"))
    search_config = config_variant(engine_config, root / "build" / "bench" / "mkdocs-search.yml", plugins=["search"])
    stock_config = config_variant(engine_config, root / "build" / "bench" / "mkdocs-stock.yml",
                                  markdown_extensions=without_raw_blocks(engine_config))

    timings = root / "timings.json"
    site = root / "site"
    result = Result(title, counts_of(tracker), pages, Variant("rectrack build"), Variant("plain mkdocs build"),
                    Variant("mkdocs build + Material search"))
    rectrack_cmd = [sys.executable, "-c", _CHILD, str(timings), "build", "--as-of", AS_OF, "--data", str(data),
                    "--config", str(config), "--site-dir", str(site)]

    def mkdocs_cmd(cfg: Path, out: str) -> list[str]:
        return [str(BIN / "mkdocs"), "build", "-q", "-f", str(cfg), "-d", str(root / out)]

    if warm_up:
        say(f"[{slug}] warm-up build")
        run(Variant("warm-up rectrack build"), rectrack_cmd, root, logs / "warm-up.log", timings)
    for i in range(runs):
        say(f"[{slug}] run {i + 1}/{runs}")
        run(result.rectrack, rectrack_cmd, root, logs / "rectrack.log", timings)
        run(result.plain, mkdocs_cmd(engine_config, "out-plain"), root, logs / "plain.log")
        run(result.stock, mkdocs_cmd(stock_config, "out-stock"), root, logs / "stock.log")
        if i < material_runs:
            run(result.material, mkdocs_cmd(search_config, "out-material"), root, logs / "material.log")

    result.load = (load_before, os.getloadavg()[0])
    result.site_bytes, result.site_files = tree_bytes(site)
    pages_html = html_pages(site)
    result.html_pages = len(pages_html)
    result.html_bytes = sum(p.stat().st_size for p in pages_html)
    by_size = sorted(((p.stat().st_size, p) for p in pages_html), reverse=True)[:3]
    result.largest = [(path.relative_to(site).as_posix(), size) for size, path in by_size]
    index = root / "out-material" / "search" / "search_index.json"
    if index.is_file():
        raw = index.read_bytes()
        result.material_index, result.material_index_gz = len(raw), len(gzip.compress(raw))
    workers = (root / "out-material" / "assets" / "javascripts" / "workers").glob("search*.js")
    result.material_worker = sum(p.stat().st_size for p in workers)
    say(f"[{slug}] search payload")
    search_payload(result, site, root)
    if zensical:
        say(f"[{slug}] Zensical")
        result.zensical = run_zensical(engine_config, root, result.html_pages)
    return result


#: The search pages: the main search (the target is its first search) and the searches of the responses'
#: full text, one page per year of reports, each over its own bundle (render/response_search.py), which a
#: reader opens to search them. Each page's bundle is the one its ``data-rt-pagefind`` names.
SEARCHES = (("pagefind", "search/index.html"), ("responses_search", "search/responses/**/index.html"))


def search_payload(result: Result, site: Path, root: Path) -> None:
    node = shutil.which("node")
    if node is None:
        result.pagefind_note = "not measured: Node.js (needed to run pagefind.js) was not found"
        return
    if not (site / "pagefind" / "pagefind.js").is_file():
        result.pagefind_note = "not measured: the build wrote no pagefind/ bundle"
        return
    probe = root / "probe.mjs"
    probe.write_text(_PROBE, "utf-8")
    for attribute, pattern in SEARCHES:
        measured = getattr(result, attribute)
        for page in sorted(site.glob(pattern)):
            always = page_assets(site, page)
            module = next((path for path in always if path.endswith("/pagefind.js")), None)
            if module is None:  # a search page with nothing to search (no bundle)
                continue
            bundle = module.strip("/").rpartition("/")[0]
            year = bundle.rpartition("/")[2] if attribute == "responses_search" else None
            for query in QUERIES:
                found = probe_query(node, probe, site, bundle, query, always)
                measured[f"{year}: {query}" if year else query] = {"query": query, "year": year, **found}


def probe_query(node: str, probe: Path, site: Path, bundle: str, query: str, always: list[str]) -> dict:
    """One first search of ``bundle`` for ``query``, as the search page runs it: what it fetched (with the
    files the page itself loads, ``always``), on disk and with HTTP gzip, or the probe's error."""
    proc = subprocess.run([node, str(probe), str(site), bundle, query], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        return {"error": " ".join((proc.stderr or proc.stdout).strip().splitlines()[-1:])}
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    files = dict(found["files"])
    for path in always:
        files.setdefault(path, (site / path.lstrip("/")).stat().st_size)
    wire = sum(size if (site / path.lstrip("/")).read_bytes()[:2] == b"\x1f\x8b"
               else len(gzip.compress((site / path.lstrip("/")).read_bytes())) for path, size in files.items())
    return {"results": found["results"], "bytes": sum(files.values()), "gzip": wire, "files": files}


def page_assets(site: Path, page: Path) -> list[str]:
    """Pagefind files a search page itself loads, as site paths: the module its script imports
    (``data-rt-pagefind``) and any Pagefind file it links with ``src``/``href`` (none since the
    Pagefind UI was replaced). Everything else is fetched by ``pagefind.js`` and logged by the probe."""
    if not page.is_file():
        return []
    found = set()
    for ref in re.findall(r"""(?:src|href|data-rt-pagefind)=["']([^"']*pagefind[^"'/]*/[^"'?#]+)""",
                          page.read_text("utf-8")):
        target = site / ref.lstrip("/") if ref.startswith("/") else (page.parent / ref)
        if target.resolve().is_file():
            found.add("/" + target.resolve().relative_to(site.resolve()).as_posix())
    return sorted(found)


def run_zensical(engine_config: Path, root: Path, expected: int) -> dict:
    exe = BIN / "zensical"
    if not exe.exists():
        return {"error": "zensical is not installed (pip install -e '.[bench]')"}
    # Zensical 0.0.73 panics ("invariant: Id(Format(Path(RootDir)))") on the absolute docs_dir that
    # build.py writes, and refuses a site_dir outside the config file's folder: give it relative ones.
    docs = yaml.safe_load(engine_config.read_text("utf-8"))["docs_dir"]
    out = engine_config.parent / "zensical-site"
    config = config_variant(engine_config, engine_config.parent / "zensical.yml",
                            docs_dir=os.path.relpath(docs, engine_config.parent), site_dir=out.name)
    log = root / "logs" / "zensical.log"
    try:
        sample, code = measure([str(exe), "build", "--clean", "-f", str(config)], root / "build", log)
    except OSError as exc:
        return {"error": f"could not run zensical: {exc}"}
    pages = len(html_pages(out)) if out.is_dir() else 0
    info = {"wall": sample.wall, "cpu": sample.cpu, "peak_mb": sample.peak_kb / 1024, "pages": pages,
            "expected": expected}
    if code != 0 or pages == 0:
        lines = [ln.strip() for ln in log.read_text("utf-8", "replace").splitlines() if ln.strip()]
        info["error"] = (f"exit {code}, {pages} pages written: " + " | ".join(lines[-3:]))[:400]
    return info


# -- the table ----------------------------------------------------------------------------------------

def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB" if n < 1_000_000 else f"{n / 1_000_000:,.1f} MB"


def print_result(r: Result) -> None:
    runs = len(r.rectrack.samples)
    print(f"\n== {r.title} ==")
    print("data: " + ", ".join(f"{n:,} {k}" for k, n in r.counts.items()))
    print(f"pages: {r.pages:,} Markdown pages in the docs tree -> {r.html_pages:,} HTML pages; "
          f"load average {r.load[0]:.1f} before the builds, {r.load[1]:.1f} after")
    print(f"\n{'inside rectrack build (median of ' + str(runs) + ')':<58}{'wall s':>8}{'ms/page':>9}")
    def stage(s: Sample, name: str) -> float:
        return s.stages.get(name, 0.0)

    def inside(s: Sample) -> float:
        return sum(stage(s, f"build {k}") for k in ("load+validate", "render tree", "engine", "downloads", "search",
                                                    "swap"))

    rows = [
        ("Python start-up, imports, exit", lambda s: s.wall - stage(s, "cli")),
        ("load+validate (CLI: parse YAML, schemas, cross-checks)", lambda s: stage(s, "load+validate")),
        ("render tree (derive, render, write build/docs)", lambda s: stage(s, "build render tree")),
        ("engine (MkDocs, waited for: it runs in a forked child)", lambda s: stage(s, "build engine")),
        ("downloads (writing them: they are made during render)", lambda s: stage(s, "build downloads")),
        ("search (Pagefind, separate process)", lambda s: stage(s, "build search")),
        ("swap into site/ (incl. deleting the old site)", lambda s: stage(s, "build swap")),
        ("other (CLI, checks, temporary directory)", lambda s: stage(s, "cli") - stage(s, "load+validate")
         - inside(s)),
    ]
    for label, value in rows:
        seconds = r.rectrack.median(value)
        print(f"  {label:<56}{seconds:>8.2f}{r.per_page_ms(seconds):>9.2f}")
    print(f"\n{'whole process (median; min = least disturbed run)':<58}{'wall s':>8}{'min s':>8}{'ms/page':>9}"
          f"{'CPU s':>8}{'peak MB':>9}")
    fastest = {key: min(s.wall for s in v.samples) for key, v in (("rectrack", r.rectrack), ("plain", r.plain),
                                                                  ("stock", r.stock),
                                                                  ("material", r.material)) if v.samples}
    fastest["without"] = min(s.wall - s.stages.get("build search", 0.0) for s in r.rectrack.samples)
    lines = [
        (f"rectrack build (whole command, with Pagefind) x{runs}", r.rectrack.wall, fastest["rectrack"],
         r.rectrack.cpu, r.rectrack.peak_mb),
        (f"rectrack build without Pagefind (= --no-search) x{runs}", r.without_search, fastest["without"],
         r.without_search_cpu, None),
        (f"plain mkdocs build (same pages and config) x{len(r.plain.samples)}", r.plain.wall,
         fastest["plain"], r.plain.cpu, r.plain.peak_mb),
    ]
    if r.stock.samples:
        lines.append((f"stock mkdocs (same, less Rectrack's extension) x{len(r.stock.samples)}",
                      r.stock.wall, fastest["stock"], r.stock.cpu, r.stock.peak_mb))
    if r.material.samples:
        lines.append((f"mkdocs build + Material search plugin x{len(r.material.samples)}", r.material.wall,
                      fastest["material"], r.material.cpu, r.material.peak_mb))
    for label, wall, least, cpu, peak in lines:
        peak_text = f"{peak:>9.0f}" if peak is not None else f"{'':>9}"
        print(f"{label:<58}{wall:>8.2f}{least:>8.2f}{r.per_page_ms(wall):>9.2f}{cpu:>8.2f}{peak_text}")
    print(f"  (peak memory: {memory_text(r)})")
    if r.zensical is not None:
        z = r.zensical
        if "error" in z:
            print(f"zensical build: FAILED or empty: {z['error']}")
        else:
            label = "zensical build --clean (same config, relative dirs) x1"
            print(f"{label:<58}{z['wall']:>8.2f}{z['wall']:>8.2f}{r.per_page_ms(z['wall']):>9.2f}{z['cpu']:>8.2f}"
                  f"{z['peak_mb']:>9.0f}"
                  f"   ({z['pages']:,} HTML pages; MkDocs wrote {z['expected']:,})")
    print(f"\nratio, like with like (no search index either side): rectrack without Pagefind / plain mkdocs = "
          f"{r.ratio:.2f} (fastest runs: {fastest['without'] / fastest['plain']:.2f}; CPU time: "
          f"{r.without_search_cpu / r.plain.cpu:.2f}); ours adds {r.without_search - r.plain.wall:+.2f} s")
    if r.stock.samples:
        print(f"ratio against stock MkDocs (without Rectrack's extension, which the config names): "
              f"{r.without_search / r.stock.wall:.2f} (fastest runs: {fastest['without'] / fastest['stock']:.2f}; "
              f"CPU time: {r.without_search_cpu / r.stock.cpu:.2f})")
    print(f"ratio with search: rectrack build / plain mkdocs = {r.rectrack.wall / r.plain.wall:.2f}"
          + (f"; rectrack build / mkdocs + Material search = {r.rectrack.wall / r.material.wall:.2f}"
             if r.material.samples else ""))
    print(f"\noutput: {kb(r.site_bytes)} in {r.site_files:,} files; largest HTML pages: "
          + ", ".join(f"{path} {kb(size)}" for path, size in r.largest))
    if r.pagefind_note:
        print(f"search (Pagefind): {r.pagefind_note}")
    for name, measured in (("search (Pagefind)", r.pagefind), ("search of responses (Pagefind)", r.responses_search)):
        for q in measured.values():
            query = f"'{q['query']}'" + (f" over {q['year']}'s reports" if q.get("year") else "")
            if "error" in q:
                print(f"{name} {query}: probe failed: {q['error']}")
                continue
            parts = {"pagefind.js+wasm": 0, "entry+meta": 0, "index chunks": 0, "fragments": 0, "other": 0}
            for path, size in q["files"].items():
                key = ("index chunks" if "/index/" in path else "fragments" if "/fragment/" in path
                       else "entry+meta" if path.endswith((".json", ".pf_meta"))
                       else "pagefind.js+wasm" if path.endswith(("/pagefind.js", ".pagefind")) else "other")
                parts[key] += size
            detail = ", ".join(f"{k} {kb(n)}" for k, n in parts.items() if n or k != "other")
            print(f"{name} first query {query} ({q['results']} results, 5 loaded): "
                  f"{kb(q['bytes'])} = {detail}; {kb(q['gzip'])} with HTTP gzip")
    if r.material_index:
        print(f"search (Material plugin, for comparison): search_index.json {kb(r.material_index)} "
              f"({kb(r.material_index_gz)} gzipped) + worker {kb(r.material_worker)}, all fetched by the first search")


def print_targets(shipped: Result, scaled: Result | None, middle: Result | None = None) -> None:
    def line(ok: bool | None, text: str) -> None:
        mark = "met    " if ok else "NOT MET" if ok is not None else "n/a    "
        print(f"  [{mark}] {text}")

    print("\n== targets ==")
    ratio, how = shipped.verdict_ratio
    line(ratio <= TARGET_RATIO, f"shipped: rectrack build within {TARGET_RATIO}x of plain mkdocs: {ratio:.2f} ({how})")
    stock_line(line, "shipped", shipped)
    line(None, f"shipped: peak memory {memory_text(shipped)}")
    if scaled is None:
        print("  (synthetic scale skipped)")
        return
    reports = scaled.counts["answered by someone"]
    line(scaled.pages >= TARGET_PAGES and reports >= TARGET_REPORTS,
         f"scale: at least {TARGET_PAGES:,} pages from at least {TARGET_REPORTS} reports: {scaled.pages:,} pages, "
         f"{reports} reports answered by their owners")
    ratio, how = scaled.verdict_ratio
    line(ratio <= TARGET_RATIO, f"scale: rectrack build within {TARGET_RATIO}x of plain mkdocs: {ratio:.2f} ({how})")
    stock_line(line, "scale", scaled)
    # CPU time decides "flat": wall time also depends on what else the machine runs (see load averages).
    for label, small, large in (
        ("rectrack build (whole)", (shipped.rectrack.wall, shipped.rectrack.cpu),
         (scaled.rectrack.wall, scaled.rectrack.cpu)),
        ("rectrack without Pagefind", (shipped.without_search, shipped.without_search_cpu),
         (scaled.without_search, scaled.without_search_cpu)),
        ("plain mkdocs (reference)", (shipped.plain.wall, shipped.plain.cpu), (scaled.plain.wall, scaled.plain.cpu)),
    ):
        (wall_a, cpu_a), (wall_b, cpu_b) = ([shipped.per_page_ms(x) for x in small],
                                            [scaled.per_page_ms(x) for x in large])
        line(cpu_b <= cpu_a * FLAT if label.startswith("rectrack") else None,
             f"time per page flat (<= {FLAT}x), {label}: CPU {cpu_a:.1f} -> {cpu_b:.1f} ms/page, "
             f"wall {wall_a:.1f} -> {wall_b:.1f} ms/page ({shipped.pages:,} -> {scaled.pages:,} pages)")
    # Why per page is not flat from the shipped data: the larger set's pages hold more (every force's answers,
    # lists of 200 rows where the shipped lists hold a few). Per MB of HTML written, like is compared with like.
    for label, small_cpu, large_cpu in (
        ("rectrack without Pagefind", shipped.without_search_cpu, scaled.without_search_cpu),
        ("plain mkdocs (reference)", shipped.plain.cpu, scaled.plain.cpu),
    ):
        weight_a, weight_b = (r.html_bytes / r.html_pages / 1000 for r in (shipped, scaled))
        line(None, f"time per MB of HTML written, {label}: CPU {shipped.per_mb_ms(small_cpu):,.0f} -> "
                   f"{scaled.per_mb_ms(large_cpu):,.0f} ms/MB (pages of {weight_a:.1f} -> {weight_b:.1f} KB "
                   "on average)")
    if middle is not None:
        # The same mix of pages at two sizes: what grows here is the cost of size itself, not of heavier pages
        # (every generated (report, force) page holds a full response; few shipped pages do).
        for label, small_cpu, large_cpu in (
            ("rectrack build (whole)", middle.rectrack.cpu, scaled.rectrack.cpu),
            ("rectrack without Pagefind", middle.without_search_cpu, scaled.without_search_cpu),
            ("plain mkdocs (reference)", middle.plain.cpu, scaled.plain.cpu),
        ):
            cpu_a, cpu_b = middle.per_page_ms(small_cpu), scaled.per_page_ms(large_cpu)
            line(cpu_b <= cpu_a * FLAT if label.startswith("rectrack") else None,
                 f"time per page flat between generated sizes (<= {FLAT}x), {label}: CPU {cpu_a:.1f} -> "
                 f"{cpu_b:.1f} ms/page ({middle.pages:,} -> {scaled.pages:,} pages)")
    # Where Pagefind's share per page grows: each search's own CPU time. The search of responses indexes
    # every answer's full text, which the shipped data hardly has (one organisation answers) and the larger
    # set has for every force on every report.
    sets = [r for r in (shipped, middle, scaled) if r is not None]
    for label, bundle in (("main search", SEARCH_BUNDLE), ("searches of responses, every year", RESPONSES_BUNDLE)):
        per_page = [r.per_page_ms(r.rectrack.median(lambda s, key=f"search_cpu {bundle}": s.stages.get(key, 0.0)))
                    for r in sets]
        line(None, f"time per page, Pagefind's {label} ({bundle}/): CPU "
                   + " -> ".join(f"{ms:.1f}" for ms in per_page) + " ms/page ("
                   + " -> ".join(f"{r.pages:,}" for r in sets) + " pages)")
    path, size = scaled.largest[0]
    line(size < TARGET_BYTES, f"scale: largest HTML page under {kb(TARGET_BYTES)}: {path} {kb(size)}")
    first = scaled.first_search_bytes
    wire = max((q["gzip"] for q in scaled.pagefind.values() if "gzip" in q), default=None)
    line(None if first is None else first < TARGET_BYTES,
         f"scale: a reader's first search downloads under {kb(TARGET_BYTES)}: "
         + (f"{kb(first)} on disk, {kb(wire)} with HTTP gzip (largest of {len(QUERIES)} queries)"
            if first is not None else "not measured"))
    probed = [q for q in scaled.responses_search.values() if "bytes" in q]
    largest = max(probed, key=lambda q: q["bytes"], default=None)
    line(None if largest is None else largest["bytes"] < TARGET_BYTES,
         f"scale: a reader's first search of the responses (a page for each year's reports) under "
         f"{kb(TARGET_BYTES)}: "
         + (f"{kb(largest['bytes'])} on disk, {kb(largest['gzip'])} with HTTP gzip ('{largest['query']}' over "
            f"{largest['year']}'s reports; largest of {len(QUERIES)} queries on each of "
            f"{len({q['year'] for q in probed})} years)" if largest else "not measured"))
    line(None, f"scale: peak memory {memory_text(scaled)}")
    whole, plain = min(s.wall for s in scaled.rectrack.samples), min(s.wall for s in scaled.plain.samples)
    line(None, f"scale: whole rectrack build (with Pagefind) {whole:.1f} s wall on its fastest run, "
               f"{scaled.rectrack.cpu:.1f} s CPU (median); plain mkdocs {plain:.1f} s")


def stock_line(line: Callable[[bool | None, str], None], where: str, r: Result) -> None:
    """The ratio target again, against stock MkDocs (without Rectrack's own extension)."""
    if r.stock.samples:
        ratio, how = r.verdict(r.stock)
        line(ratio <= TARGET_RATIO, f"{where}: rectrack build within {TARGET_RATIO}x of stock mkdocs (without "
                                    f"Rectrack's extension): {ratio:.2f} ({how})")


def memory_text(r: Result) -> str:
    """Peak resident memory of the whole build, of its Python process and of its largest child (Pagefind, or
    a forked part of the build: MkDocs, the organisations' pages, the downloads), beside plain MkDocs'."""
    python_peak = max(s.stages.get("peak_self_kb", 0) for s in r.rectrack.samples) / 1024
    child_peak = max(s.stages.get("peak_children_kb", 0) for s in r.rectrack.samples) / 1024
    return (f"rectrack build {r.rectrack.peak_mb:,.0f} MB (Python {python_peak:,.0f} MB, largest child "
            f"{child_peak:,.0f} MB); plain mkdocs {r.plain.peak_mb:,.0f} MB")


# -- main -----------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark rectrack build against plain mkdocs build.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs on the shipped data (median; default 5)")
    parser.add_argument("--scale-runs", type=int, default=2,
                        help="measured runs on the larger set (default 2: each pair of builds takes minutes)")
    parser.add_argument("--quick", action="store_true", help="one run of everything, no warm-up (for tests)")
    parser.add_argument("--skip-scale", action="store_true", help="only the shipped data")
    parser.add_argument("--reports", type=int, default=synthetic.DEFAULT_REPORTS,
                        help=f"reports in the larger set (default {synthetic.DEFAULT_REPORTS}: over 8,000 pages)")
    parser.add_argument("--seed", type=int, default=2026, help="the larger set's random seed (default 2026)")
    parser.add_argument("--mid-reports", type=int, default=MID_REPORTS,
                        help=f"also one run on a generated set of this many reports, to show time per page "
                             f"between two generated sizes (default {MID_REPORTS}; 0 to skip)")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the shipped data directory")
    parser.add_argument("--keep", type=Path, default=None,
                        help="copy the temporary tree (sites, logs, synthetic data) here for inspection")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    scale_runs = 1 if args.quick else max(1, args.scale_runs)

    def say(text: str) -> None:
        print(f"  ... {text}", file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="rectrack-bench-"))
    started = time.perf_counter()
    try:
        print(f"Rectrack benchmark: as at {AS_OF}; {os.cpu_count()} CPUs; load average at start "
              f"{os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")
        shipped = bench_data("shipped data (data/)", "shipped", args.data.resolve(), work, runs, say,
                             warm_up=not args.quick, material_runs=runs, zensical=False)
        print_result(shipped)
        scaled = middle = None
        if not args.skip_scale and 0 < args.mid_reports < args.reports:
            say(f"generating the middle synthetic data set ({args.mid_reports} reports, seed {args.seed})")
            data = synthetic.generate(work / "generated-middle", args.mid_reports, args.seed)
            middle = bench_data(f"synthetic national tracker, {args.mid_reports} reports (bench/synthetic.py)",
                                "synthetic-middle", data, work, 1, say, warm_up=False, material_runs=0,
                                zensical=False)
            print_result(middle)
        if not args.skip_scale:
            say(f"generating the synthetic data set ({args.reports} reports, seed {args.seed})")
            data = synthetic.generate(work / "generated", args.reports, args.seed)
            # No warm-up here: the shipped runs warmed imports and prepare() the file cache, and one
            # build of this size costs minutes.
            scaled = bench_data(f"synthetic national tracker, {args.reports} reports (bench/synthetic.py)", "synthetic",
                                data, work, scale_runs, say, warm_up=False, material_runs=1, zensical=True)
            shapes = Counter(p.shape for p in synthetic.plan(args.reports, args.seed))
            print(f"\nThe larger set: the shipped report and {args.reports - 1} remixed from it, published "
                  f"{synthetic.FIRST_PUBLISHED:%B %Y} to {synthetic.LAST_PUBLISHED:%B %Y} "
                  f"({shapes['every-force']} for every force, {shapes['named-forces']} for three named forces, "
                  f"{shapes['national']} for national bodies only); every force answers each force-directed "
                  f"recommendation.")
            print_result(scaled)
        print_targets(shipped, scaled, middle)
        print(f"\nbenchmark took {time.perf_counter() - started:.0f} s; load average at end "
              f"{os.getloadavg()[0]:.2f} (other work on this machine inflates wall times; CPU times less so)")
        print(f"ratio rectrack/mkdocs: {shipped.ratio:.2f}")
        return 0
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
