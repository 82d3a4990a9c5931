"""Build the site once per test run, serve it on 127.0.0.1, and read the data the pages must show.

Shared by ``tests/test_site_build.py`` and the browser tests. Every build runs from its own copy of
the repository's site inputs (``mkdocs.yml``, ``content/``, ``overrides/``, ``data/``) so that parallel
builds (the shared site, the hostile-data site, the determinism rebuild) never share ``build/docs``
and never touch the repository's own ``site/`` or ``build/``.

Under pytest-xdist both workers may ask for the shared site: the first one builds it while holding an
``fcntl`` lock in the run's common temporary directory; the other waits and reuses it.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from constants import AS_OF_ISO as AS_OF
from constants import RECTRACK, REPO

#: What a build reads besides the package itself (schemas/ is read from the repository by the package).
SITE_INPUTS = ("mkdocs.yml", "content", "overrides", "data")
BUILD_TIMEOUT = 300


@dataclass
class BuildOutcome:
    ok: bool
    site: Path
    seconds: float
    output: str


def make_root(dest: Path, data: Path | None = None) -> Path:
    """A private copy of the site inputs at ``dest`` (``data`` replaces the repository's data/)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_INPUTS:
        source = data if (name == "data" and data is not None) else REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def run_build(root: Path, site: Path, as_of: str = AS_OF, env: dict[str, str] | None = None) -> BuildOutcome:
    """``rectrack build --as-of AS_OF --site-dir SITE`` from the private root ``root``."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(RECTRACK), "build", "--as-of", as_of, "--site-dir", str(site),
         "--config", str(root / "mkdocs.yml"), "--data", str(root / "data")],
        cwd=root, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
        env={**os.environ, "RECTRACK_DEBUG": "1", **(env or {})},
    )
    return BuildOutcome(result.returncode == 0, site, time.perf_counter() - started,
                        (result.stdout + result.stderr).strip())


def run_base(tmp_path_factory) -> Path:
    """The temporary directory common to every xdist worker of this run (or the basetemp without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(tmp_path_factory, name: str, change_data=None, as_of: str = AS_OF) -> tuple[BuildOutcome, dict]:
    """Build a site called ``name`` once per test run, whichever worker (or test) asks first.

    ``change_data(data_dir) -> dict`` may alter the private copy of data/ before the build; what it
    returns is stored with the outcome and handed to every later caller. ``as_of`` is the build's
    as-at date (ISO).
    """
    base = run_base(tmp_path_factory)
    status = base / f"rectrack-{name}-site.json"
    with open(base / f"rectrack-{name}-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not status.exists():
                root = make_root(base / f"rectrack-{name}-root")
                extra = change_data(root / "data") if change_data else {}
                outcome = run_build(root, base / f"rectrack-{name}-site", as_of)
                status.write_text(json.dumps({"ok": outcome.ok, "site": str(outcome.site), "extra": extra,
                                              "seconds": outcome.seconds, "output": outcome.output}))
            info = json.loads(status.read_text())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return BuildOutcome(info["ok"], Path(info["site"]), info["seconds"], info["output"]), info["extra"]


def shared_site(tmp_path_factory) -> BuildOutcome:
    """The site built from the repository's data, once per run."""
    return build_once(tmp_path_factory, "shared")[0]


#: The settings of a tracker that has set everything up (data/site.yaml ships with none of them).
CONFIGURED = {
    "contact": {"email": "maintainers@tracker.example", "url": "https://tracker.example/feedback"},
    "repository": {"url": "https://github.com/example-tracker/data", "branch": "main"},
}


def configure(data: Path) -> dict:
    """Set :data:`CONFIGURED` in the site.yaml of the data directory ``data``."""
    path = data / "site.yaml"
    settings = yaml.safe_load(path.read_text("utf-8"))
    settings.update(CONFIGURED)
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    return CONFIGURED


def configured_site(tmp_path_factory) -> BuildOutcome:
    """The site built from the repository's data with the maintainers' contact and the repository set up."""
    return build_once(tmp_path_factory, "configured", configure)[0]


def two_reports_site(tmp_path_factory) -> BuildOutcome:
    """The shipped data with the fictional 2027 report laid over it, built with search as of the day after
    its last event (``fixtures.AFTER_ALL``): answers to reports of two years, so the search of responses has
    a page for each year."""
    from fixtures import AFTER_ALL, add_second_report

    def lay_over(data: Path) -> dict:
        add_second_report(data)
        return {}
    return build_once(tmp_path_factory, "two-reports", lay_over, AFTER_ALL.isoformat())[0]


def require_site(outcome: BuildOutcome) -> Path:
    """The built site, or a test failure quoting why ``rectrack build`` failed."""
    if not outcome.ok:
        import pytest

        pytest.fail(f"`rectrack build --as-of {AS_OF}` failed, so the site cannot be tested:\n"
                    f"{outcome.output[-3000:]}", pytrace=False)
    return outcome.site


# --- serving -----------------------------------------------------------------------------------------

class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".ics": "text/calendar",
        ".csv": "text/csv",
    }

    def __init__(self, *args, prefix: str = "", **kwargs) -> None:
        self.prefix = prefix  # set before the base class handles the request (it does so in __init__)
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        """The site served under ``prefix`` (``/tracker``), as a host serves one under a sub-path."""
        if self.prefix:
            head = path.split("?", 1)[0].split("#", 1)[0]
            if head != self.prefix and not head.startswith(self.prefix + "/"):
                return str(Path(self.directory) / "no such page")
            path = path[len(self.prefix):] or "/"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the site's own 404 page, with status 404, as static hosts serve it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that navigates on cancels downloads in flight: a broken pipe here is not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class Server:
    """A static file server for one directory on 127.0.0.1 and a free port, in a daemon thread.

    Like a static host, it answers a missing address with the site's 404.html (status 404); with
    ``prefix`` ("/tracker"), the site is served under that sub-path only.
    """

    def __init__(self, directory: Path, prefix: str = "") -> None:
        handler = functools.partial(_Handler, directory=str(directory), prefix=prefix.rstrip("/"))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return self.origin + (path if path.startswith("/") else "/" + path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- the site's pages --------------------------------------------------------------------------------

def html_pages(site: Path, redirects: bool = False) -> list[str]:
    """URL paths of every HTML page MkDocs wrote ("/", "/organisations/kent/", "/404.html").

    Without ``redirects``, the small pages that send an old address on (render/redirects.py) are left
    out: they have no content of their own.
    """
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        if rel == "index.html":
            path = "/"
        elif rel.endswith("/index.html"):
            path = "/" + rel[: -len("index.html")]
        else:
            path = "/" + rel
        if redirects or (page_type(path) != "redirect" and not _moved(file)):
            paths.append(path)
    return paths


def _moved(file: Path) -> bool:
    """Whether ``file`` is a redirect page (render/redirects.py): also the ones no path rule names, such as
    a copy's title page that used to be a part of its own."""
    with file.open("rb") as f:
        return b"<title>This page has moved</title>" in f.read(400)


def page_file(site: Path, path: str) -> Path:
    """The HTML file of a URL path from :func:`html_pages`."""
    rel = path.lstrip("/")
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


#: The addresses the site kept from before it held many reports: small redirect pages.
REDIRECTS = ("recommendations", "forces", "bodies", "matrix", "statistics")


def page_type(path: str) -> str:
    """The kind of page a URL path is, for per-type checks and summaries."""
    parts = [p for p in path.strip("/").split("/") if p]
    if not parts:
        return "home"
    head = parts[0]
    if head in REDIRECTS or (head == "case-studies" and len(parts) > 1 and parts[1] == "sections"):
        return "redirect"
    if head == "lists" or (head == "reports" and len(parts) > 2 and parts[2] == "lists") or (
            head == "organisations" and len(parts) > 2 and not parts[2].isdigit()):
        return "list"  # a count written out in full (render/list_pages.py)
    if head == "reports":
        if len(parts) == 1:
            return "reports-index"
        if parts[1].isdigit():
            return "reports-year"
        if len(parts) == 2:
            return "report"
        section = parts[2]
        if section == "recommendations":
            return "recommendation" if len(parts) > 3 else "recommendations-index"
        if section == "organisations":
            return "owner-report"
        if section.startswith("matrix"):
            return "matrix"
        if section == "case-studies":
            return "library-section" if len(parts) > 3 else "library"
        return section
    if head == "organisations":
        if len(parts) == 1:
            return "organisations-index"
        return "organisation-year" if len(parts) > 2 else "organisation"
    if head == "case-studies":
        return "case-study" if len(parts) > 1 else "good-practice"
    if head == "changes":
        return "changes-month" if len(parts) > 1 else "changes"
    return head.removesuffix(".html")


#: The page shown for its type where a type has many: the one with the most on it (Devon and Cornwall
#: has the only published response; recommendation 1 is answered by it).
MAIN_REPORT = "hmicfrs-2026-ocsa-mosovo"
#: The URL of the main report's pages.
REPORT_URL = f"/reports/{MAIN_REPORT}"
REPRESENTATIVE = (f"/reports/{MAIN_REPORT}/organisations/devon-and-cornwall/",
                  f"/reports/{MAIN_REPORT}/recommendations/1/", f"/reports/{MAIN_REPORT}/",
                  f"/reports/{MAIN_REPORT}/matrix/",
                  "/organisations/devon-and-cornwall/")


def one_page_per_type(site: Path) -> dict[str, str]:
    """``{page type: URL path}``: one page of every type the site has, so a check run over these
    covers a new page type as soon as the renderer makes one."""
    chosen: dict[str, str] = {}
    for path in [*REPRESENTATIVE, *html_pages(site)]:
        if path in REPRESENTATIVE and not page_file(site, path).is_file():
            continue
        chosen.setdefault(page_type(path), path)
    return dict(sorted(chosen.items()))


# --- the data (read independently of the package, so counts come from the data files) ----------------

@dataclass
class Data:
    """The main report's data, read from the files (not through the package), so counts come from the data."""

    recommendations: list[dict]
    forces: list[dict]
    bodies: list[dict]
    case_studies: list[dict]
    glossary: list[dict]
    #: The main report's response documents (first comments), by owner.
    responses: dict[str, dict]
    reports: list[dict]
    #: Every recommendation of every report.
    all_recommendations: list[dict]

    @property
    def force_directed(self) -> list[dict]:
        return [r for r in self.recommendations if "forces" in r["owners"]]

    @property
    def owning_bodies(self) -> list[str]:
        """Body ids that own at least one recommendation, in order of first mention."""
        seen: list[str] = []
        for r in self.recommendations:
            for owner in r["owners"]:
                if owner != "forces" and owner not in seen:
                    seen.append(owner)
        return seen

    def force(self, force_id: str) -> dict:
        return next(f for f in self.forces if f["id"] == force_id)

    def recommendation(self, number: int) -> dict:
        return next(r for r in self.recommendations if r["number"] == number)


def load_data(data: Path = REPO / "data", report: str = MAIN_REPORT) -> Data:
    def read(name: str) -> dict:
        return yaml.safe_load((data / name).read_text("utf-8"))

    responses = {}
    for folder in ("force_responses", "national_responses", "fire_responses"):
        for file in sorted((data / folder / report).glob("*.yaml")):
            doc = yaml.safe_load(file.read_text("utf-8"))
            if doc["kind"] == "first-comments":
                responses[doc["owner"]] = doc
    orgs = read("organisations.yaml")["organisations"]
    recs = read("recommendations.yaml")["recommendations"]
    return Data(
        recommendations=[r for r in recs if r["report"] == report],
        forces=[o for o in orgs if o["kind"] == "territorial-police-force"],
        bodies=[o for o in orgs if o["kind"] != "territorial-police-force"],
        case_studies=read("case_studies.yaml")["case_studies"],
        glossary=read("glossary.yaml")["terms"],
        responses=responses,
        reports=read("reports.yaml")["reports"],
        all_recommendations=recs,
    )


def collapse(text: str) -> str:
    """Whitespace runs to one space: how a browser's innerText compares with YAML text."""
    return " ".join(str(text).split())
