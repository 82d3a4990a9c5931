"""The built site as files: pages per thing, links, downloads, status.json, acceptance facts, failed
builds, strict MkDocs and byte-for-byte reproducibility.

The site is built once per test run (shared with the browser tests, see tests/browser/sitebuild.py).
Every expected count comes from the data files, not from constants here.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from browser.sitebuild import AS_OF, REPO, Data, collapse, load_data, make_root, run_build, shared_site
from rectrack import export
from rectrack.render.markdown import RAW_END, RAW_START
from rectrack.render.urls import SEARCH_BUNDLE, responses_bundle

pytestmark = pytest.mark.xdist_group("sitebuild")

STATES = {"closed", "implemented", "overdue", "due-today", "due-soon", "upcoming", "no-deadline"}
DOWNLOADS = ({d.name for d in export.DOWNLOADS} | {export.ARCHIVE, export.DATAPACKAGE}
             | {f"deadlines-{r['id']}.ics" for r in yaml.safe_load((REPO / "data" / "reports.yaml").read_text("utf-8"))[
                 "reports"]})
PAST_DEADLINE = [1, 4, 6, 8, 10, 15, 16]
DUE_IN_38_DAYS = [3, 14]
AS_OF_DATE = date.fromisoformat(AS_OF)
#: The two search bundles (render/response_search.py): the main search and the search of responses.
#: The shipped data's bundles: the main search's, and the search of the responses to 2026's reports.
BUNDLES = (SEARCH_BUNDLE, responses_bundle(2026))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    outcome = shared_site(tmp_path_factory)
    assert outcome.ok, f"rectrack build --as-of {AS_OF} failed:\n{outcome.output[-3000:]}"
    return outcome


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built.site


@pytest.fixture(scope="module")
def data() -> Data:
    return load_data()


# --- reading HTML ------------------------------------------------------------------------------------

class Page(HTMLParser):
    """Text, links, ids, titles and resource references of one HTML file."""

    SKIP_TEXT = {"script", "style", "template"}
    #: Tags that separate words; inline tags (a, abbr, em, span...) do not, as in a browser.
    BLOCKS = {"p", "div", "li", "td", "th", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figure",
              "figcaption", "blockquote", "section", "article", "main", "table", "ul", "ol", "dl", "details",
              "summary", "hr", "header", "footer", "nav", "form", "label", "option", "caption", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag.attr, value)
        self.ids: set[str] = set()
        self.title = ""
        self.h1 = ""
        self._text: list[str] = []
        self._main: list[str] = []
        self._stack: list[str] = []
        self._in_main = 0

    def _gap(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._text.append(" ")
            if self._in_main:
                self._main.append(" ")

    def handle_starttag(self, tag, attrs):
        self._gap(tag)
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        for attr in ("href", "src"):
            if values.get(attr) is not None:
                self.links.append((f"{tag}.{attr}", values[attr]))
        if tag in ("img", "source") and values.get("srcset"):
            for part in values["srcset"].split(","):
                self.links.append((f"{tag}.srcset", part.strip().split(" ")[0]))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"):
            self._stack.append(tag)
            if tag == "main" or (tag == "article" and not self._in_main):
                self._in_main += 1

    def handle_endtag(self, tag):
        self._gap(tag)
        if tag in self._stack:
            while self._stack:
                top = self._stack.pop()
                if top in ("main", "article") and self._in_main:
                    self._in_main -= 1
                if top == tag:
                    break

    def handle_data(self, data):
        if self._stack and self._stack[-1] in self.SKIP_TEXT:
            return
        if "title" in self._stack:
            self.title += data
        if "h1" in self._stack:
            self.h1 += data
        self._text.append(data)
        if self._in_main:
            self._main.append(data)

    @property
    def text(self) -> str:
        return collapse("".join(self._text))

    @property
    def main_text(self) -> str:
        return collapse("".join(self._main))


_PARSED: dict[Path, Page] = {}


def parse(path: Path) -> Page:
    if path not in _PARSED:
        page = Page()
        page.feed(path.read_text("utf-8"))
        page.close()
        _PARSED[path] = page
    return _PARSED[path]


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("pagefind/"))


def page_file(site: Path, url_path: str) -> Path:
    return site / url_path.strip("/") / "index.html"


# --- a page per thing --------------------------------------------------------------------------------

R = "reports/hmicfrs-2026-ocsa-mosovo"


def test_a_page_per_report_recommendation_organisation_and_case_study(site: Path, data: Data) -> None:
    owners = {o for r in data.recommendations for o in r["owners"] if o != "forces"}
    expected = (
        [(f"reports/{r['id']}", r["title"]) for r in data.reports]
        + [(f"{R}/recommendations/{r['number']}", f"Recommendation {r['number']}") for r in data.recommendations]
        + [(f"{R}/organisations/{f['id']}", f["name"]) for f in data.forces]
        + [(f"{R}/organisations/{b['id']}", b["name"]) for b in data.bodies if b["id"] in owners]
        + [(f"organisations/{o['id']}", o["name"]) for o in data.forces + data.bodies]
        + [(f"case-studies/{c['id']}", c["title"]) for c in data.case_studies]
    )
    missing, unnamed = [], []
    for path, name in expected:
        file = page_file(site, path)
        if not file.is_file():
            missing.append(path)
        elif collapse(name) not in collapse(parse(file).h1 + " " + parse(file).title):
            unnamed.append(f"{path}: h1={parse(file).h1!r}")
    assert not missing, f"{len(missing)} of {len(expected)} pages missing: {missing}"
    assert not unnamed, f"pages whose <h1>/<title> does not name their subject: {unnamed}"
    for index in ("reports", "organisations", "case-studies", "changes", f"{R}/recommendations", f"{R}/case-studies"):
        assert page_file(site, index).is_file(), f"no index page /{index}/"


def test_index_pages_link_to_every_item(site: Path, data: Data) -> None:
    for index, prefix, targets in (
        (f"{R}/recommendations", f"/{R}/recommendations", [str(r["number"]) for r in data.recommendations]),
        (R, f"/{R}/organisations", [f["id"] for f in data.forces]),
        ("organisations", "/organisations", [f["id"] for f in data.forces + data.bodies]),
        (f"{R}/case-studies", "/case-studies", [c["id"] for c in data.case_studies]),
        ("reports", "/reports", [r["id"] for r in data.reports]),
    ):
        hrefs = {urljoin(f"/{index}/", h).rstrip("/") for _, h in parse(page_file(site, index)).links}
        missing = [t for t in targets if f"{prefix}/{t}" not in hrefs]
        assert not missing, f"/{index}/ does not link to {missing}"


# --- links -------------------------------------------------------------------------------------------

def _url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _target(site: Path, path: str) -> Path | None:
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_resolves_and_nothing_loads_from_other_hosts(site: Path) -> None:
    broken, bad_anchor, foreign, scripted = [], [], [], []
    files = html_files(site)
    assert len(files) > 50, f"only {len(files)} HTML files in the site"
    checked = 0
    for file in files:
        here = _url_of(site, file)
        for kind, href in parse(file).links:
            value = href.strip()
            if not value:
                continue
            parts = urlsplit(value)
            scheme = parts.scheme.lower()
            if scheme == "javascript":
                scripted.append(f"{here}: {kind}={value}")
                continue
            if scheme in ("mailto", "tel", "data"):
                continue
            if scheme in ("http", "https") or value.startswith("//"):
                if kind != "a.href":
                    foreign.append(f"{here}: <{kind}> {value}")
                continue
            if scheme:
                broken.append(f"{here}: {kind}={value} (unknown scheme)")
                continue
            absolute = urlsplit(urljoin("http://site" + here, value))
            target = _target(site, absolute.path)
            checked += 1
            if target is None:
                broken.append(f"{here}: {kind}={value}")
                continue
            if absolute.fragment and target.suffix == ".html":
                if unquote(absolute.fragment) not in parse(target).ids:
                    bad_anchor.append(f"{here}: {kind}={value}")
    assert not scripted, f"javascript: URLs in the site: {scripted[:20]}"
    assert not foreign, f"resources loaded from other hosts: {foreign[:20]}"
    assert not broken, f"{len(broken)} of {checked} internal links do not resolve: {broken[:30]}"
    assert not bad_anchor, f"{len(bad_anchor)} links point at a missing #anchor: {bad_anchor[:30]}"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value is not None]


def test_no_page_repeats_an_id(site: Path) -> None:
    """A repeated id breaks anchors, label/aria references and scripts that look elements up by id
    (e.g. a heading ``#search`` captured Pagefind's ``#search`` container)."""
    problems = []
    for file in html_files(site):
        parser = _Ids()
        parser.feed(file.read_text("utf-8"))
        repeated = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        if repeated:
            problems.append(f"{_url_of(site, file)}: {repeated[:10]}")
    assert not problems, f"ids used more than once on a page: {problems[:20]}"


def test_every_block_of_finished_html_was_passed_through(site: Path) -> None:
    """The renderer marks its finished HTML for the engine to pass through (site/raw_blocks.py): a mark
    left in a page means a block went through the HTML parser after all, the build's largest cost."""
    left = [_url_of(site, file) for file in html_files(site)
            if RAW_START in (text := file.read_text("utf-8")) or RAW_END in text]
    assert not left, f"pages with marks left in them: {left[:20]}"


def test_css_does_not_load_from_other_hosts(site: Path) -> None:
    offenders = []
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^)'\"]+)", css.read_text("utf-8", errors="replace")):
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{css.relative_to(site)}: {url}")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", css.read_text("utf-8", errors="replace")):
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{css.relative_to(site)}: @import {url}")
    assert not offenders, offenders


# --- downloads ---------------------------------------------------------------------------------------

def _downloads(site: Path) -> Path:
    return site / "downloads"


@pytest.mark.parametrize("name", BUNDLES)
def test_search_ships_pagefind_index_without_its_unused_interfaces(site: Path, name: str) -> None:
    """Each search page needs pagefind.js, its wasm and the index; Pagefind's own UIs and worker are removed."""
    bundle = site / name
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list(bundle.glob("wasm.*.pagefind")) and list((bundle / "index").iterdir())
    left = sorted(p.name for p in bundle.iterdir() if p.name.startswith(("pagefind-ui", "pagefind-component",
                                                                          "pagefind-modular", "pagefind-highlight",
                                                                          "pagefind-worker")))
    assert left == [], f"unused Pagefind files still shipped: {left}"


def _bundle_files(bundle: Path) -> tuple[int, list[str]]:
    """A Pagefind bundle's page count and the names of its index chunks and fragments (named by their hash)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    names = sorted(p.relative_to(bundle).as_posix() for folder in ("index", "fragment")
                   for p in (bundle / folder).iterdir())
    return sum(language["page_count"] for language in entry["languages"].values()), names


def test_the_main_search_reads_only_the_pages_with_a_search_body_and_indexes_the_same(site: Path,
                                                                                      tmp_path: Path) -> None:
    """Pagefind is handed links to the pages it indexes, not the whole site; the index is the one the whole
    site gives (every index chunk and fragment the same, each named by the hash of its content)."""
    from rectrack.site import pagefind
    pages = pagefind.searched_pages(site, tmp_path / "work")
    assert pages == tmp_path / "work" / pagefind.SEARCHED_PAGES
    every = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    marked = {name for name in every if pagefind.BODY_MARK in (site / name).read_bytes()}
    handed = {p.relative_to(pages).as_posix() for p in pages.rglob("*") if not p.is_dir()}
    assert handed == marked and len(every) > len(marked) > 100, (len(every), len(marked))
    assert all(os.path.samefile(pages / name, site / name) for name in handed)  # links, not copies
    pagefind._index(site, tmp_path / "whole")
    pagefind._index(pages, tmp_path / "linked")
    whole, linked = _bundle_files(tmp_path / "whole"), _bundle_files(tmp_path / "linked")
    assert whole == linked and whole[0] == len(marked)


def test_the_main_search_reads_the_site_itself_where_no_link_can_be_made(site: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from rectrack.site import pagefind

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(pagefind.os, "link", no_links)
    assert pagefind.searched_pages(site, tmp_path) == site
    assert not (tmp_path / pagefind.SEARCHED_PAGES).exists()


def _fragments(bundle: Path) -> dict[str, str]:
    """A Pagefind bundle's fragments: each page's URL and the text indexed for it (gzip, after a signature)."""
    out = {}
    for file in (bundle / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[fragment["url"]] = fragment["content"]
    return out


def test_each_years_responses_are_indexed_into_a_bundle_of_their_own(tmp_path: Path) -> None:
    """Each bundle of responses gets an index of its pages only, at their site addresses, and nothing of
    another year's: what keeps a reader's first search to one year's answers."""
    from rectrack.site import pagefind
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Home</h1><p>Welcome.</p></main></body></html>', "utf-8")

    def page(words: str) -> str:
        return f'<html lang="en"><body><main data-pagefind-body><h1>Answer</h1><p>{words}</p></main></body></html>'
    responses = {
        responses_bundle(2027): {"reports/b/organisations/kent/index.html": page("Kent reviewed marmalade rotas."),
                                 "reports/b/organisations/essex/index.html": page("Essex trained wombat handlers.")},
        responses_bundle(2026): {"reports/a/organisations/kent/index.html": page("Kent appointed a lighthouse lead.")},
        responses_bundle(2025): {},
    }
    assert pagefind.bundles(responses) == (SEARCH_BUNDLE, responses_bundle(2027), responses_bundle(2026))
    pagefind.index(tmp_path / "site", responses, tmp_path / "work")
    site = tmp_path / "site"
    assert not (site / responses_bundle(2025)).exists(), "a year with no pages gets no bundle"
    newer, older = _fragments(site / responses_bundle(2027)), _fragments(site / responses_bundle(2026))
    assert sorted(newer) == ["/reports/b/organisations/essex/", "/reports/b/organisations/kent/"]
    assert sorted(older) == ["/reports/a/organisations/kent/"]
    assert _bundle_files(site / responses_bundle(2027))[0] == 2 and _bundle_files(site / responses_bundle(2026))[0] == 1
    newer_text, older_text = " ".join(newer.values()), " ".join(older.values())
    assert "marmalade" in newer_text and "wombat" in newer_text and "lighthouse" not in newer_text
    assert "lighthouse" in older_text and "marmalade" not in older_text
    assert list(_fragments(site / SEARCH_BUNDLE)) == ["/"], "the main search holds none of the responses"
    assert not (site / "reports").exists(), "the pages of the responses' full text are never published"


def test_the_main_search_reads_every_page_when_none_has_a_search_body(tmp_path: Path) -> None:
    """Another theme, without Rectrack's override: Pagefind then indexes every page whole, from the site."""
    from rectrack.site import pagefind
    for name in ("index.html", "a/index.html"):
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text("<html><body><h1>A page</h1><p>Words.</p></body></html>", "utf-8")
    assert pagefind.searched_pages(tmp_path / "site", tmp_path / "work") == tmp_path / "site"
    pagefind.index(tmp_path / "site", work=tmp_path / "work")
    assert _bundle_files(tmp_path / "site" / SEARCH_BUNDLE)[0] == 2


def test_downloads_page_lists_exactly_the_files_there(site: Path) -> None:
    """The page is written from the table the files are built from: no promise without a file, no file unlisted."""
    present = {p.relative_to(_downloads(site)).as_posix() for p in _downloads(site).rglob("*") if p.is_file()}
    present.discard("index.html")  # the downloads page itself lives at downloads/
    schemas = {f"schemas/{p.name}" for p in (REPO / "schemas").glob("*.schema.json")}
    assert schemas and schemas <= present, f"downloads/ lacks {sorted(schemas - present)}"
    page = (site / "downloads" / "index.html").read_text("utf-8")
    listed = {html.unescape(href) for href in re.findall(r'href="\.\./downloads/([^"]+)"', page)}
    templates = {name for name in present if name.startswith(f"{export.TEMPLATES_FOLDER}/")}
    assert listed == present - templates == DOWNLOADS
    assert f"There are {len(templates)}, one per organisation and report" in page


def test_every_organisation_s_page_for_a_report_links_to_its_word_template(site: Path) -> None:
    """The link is there on each (report, organisation) page and on the Word templates page, and what it
    downloads is that organisation's template for that report."""
    from rectrack.authoring.read_docx import read_docx
    from rectrack.authoring.read_template import template_mark

    pages = sorted((site / "reports").glob("*/organisations/*/index.html"))
    assert len(pages) > 40
    index = (site / "word-templates" / "index.html").read_text("utf-8")
    for page in pages:
        report, org = page.parent.parent.parent.name, page.parent.name
        hrefs = re.findall(r'href="([^"]+\.docx)"', page.read_text("utf-8"))
        assert hrefs == [f"../../../../downloads/{export.TEMPLATES_FOLDER}/{report}/{org}.docx"], page
        assert f'href="../downloads/{export.TEMPLATES_FOLDER}/{report}/{org}.docx"' in index
        if org in ("kent", "college-of-policing"):
            mark = template_mark(read_docx(_downloads(site) / export.TEMPLATES_FOLDER / report / f"{org}.docx"))
            assert mark is not None and (mark.report, mark.owner) == (report, org)


def test_the_archive_holds_every_other_download_and_nothing_else(site: Path) -> None:
    """The page once said the archive held the source YAML; it holds the downloads, and says so."""
    with zipfile.ZipFile(_downloads(site) / export.ARCHIVE) as archive:
        names = set(archive.namelist())
        assert names == DOWNLOADS - {export.ARCHIVE}
        for name in names:
            assert archive.read(name) == (_downloads(site) / name).read_bytes(), name
    page = (site / "downloads" / "index.html").read_text("utf-8")
    assert "source YAML" not in page


def test_recommendations_download_is_described_by_what_it_holds(site: Path) -> None:
    """It has no status field, so the page must not promise one (it did)."""
    rows = json.loads((_downloads(site) / "recommendations.json").read_text("utf-8"))
    page = (site / "downloads" / "index.html").read_text("utf-8")
    line = next(li for li in page.split("<li>") if "recommendations.json</a>" in li)
    assert "status" not in {key for row in rows for key in row} and "status" not in line


@pytest.mark.parametrize("name", sorted(d.name for d in export.TABLES if d.name.endswith(".json")))
def test_json_download_parses_and_matches_its_csv(site: Path, name: str) -> None:
    declared = next(d.columns for d in export.TABLES if d.name == name)
    rows = json.loads((_downloads(site) / name).read_text("utf-8"))
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows), name
    assert all(tuple(r) == declared for r in rows), f"{name}: records' fields differ from the declared columns"
    text = (_downloads(site) / name.replace(".json", ".csv")).read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    table = list(reader)
    assert tuple(reader.fieldnames or ()) == declared, f"{name}: the CSV header is not the declared columns"
    assert len(table) == len(rows), f"{name}: {len(rows)} JSON rows but {len(table)} CSV rows"


def test_json_row_counts_follow_the_data(site: Path, data: Data) -> None:
    def rows(name):
        return json.loads((_downloads(site) / name).read_text("utf-8"))

    recs = rows("recommendations.json")
    assert [r["id"] for r in recs] == [f"{r['report']}/{r['number'] if r['number'] is not None else r['id']}"
                                       for r in data.all_recommendations]
    assert all(isinstance(r["number"], int) or r["number"] is None for r in recs)
    assert [r["id"] for r in rows("case-studies.json")] == [c["id"] for c in data.case_studies]
    assert {r["id"] for r in rows("organisations.json")} == {o["id"] for o in data.forces + data.bodies}
    answered = sum(len(r["recommendation"]) if isinstance(r["recommendation"], list) else 1
                   for doc in data.responses.values() for r in doc["responses"] if r["action"].strip())
    assert len(rows("responses.json")) == answered
    assert all("report" in row for name in ("status.json", "responses.json", "verdicts.json", "documents.json")
               for row in rows(name))


def test_schemas_parse(site: Path) -> None:
    files = sorted((_downloads(site) / "schemas").glob("*.schema.json"))
    assert files
    for file in files:
        schema = json.loads(file.read_text("utf-8"))
        assert "$schema" in schema and "2020-12" in schema["$schema"], file.name
        assert file.read_bytes() == (REPO / "schemas" / file.name).read_bytes(), f"{file.name} differs from schemas/"


def _unfold_ics(text: str) -> list[str]:
    assert "\r\n" in text, "iCalendar lines must end with CRLF"
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


@pytest.mark.parametrize("calendar", ["deadlines.ics", "deadlines-hmicfrs-2026-ocsa-mosovo.ics"])
def test_deadlines_ics_has_one_event_per_recommendation_with_a_deadline(site: Path, data: Data,
                                                                        calendar: str) -> None:
    raw = (_downloads(site) / calendar).read_bytes()
    lines = _unfold_ics(raw.decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert all(len(line.encode()) <= 75 for line in raw.decode("utf-8").split("\r\n")), "unfolded long line"
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            key, _, value = line.partition(":")
            current[key.split(";")[0]] = value
    dated = [r for r in data.recommendations if r["deadline"]]  # the earlier reports' give none
    assert len(events) == len(dated)
    assert len({e["UID"] for e in events}) == len(events), "UIDs must be unique"
    starts = sorted(e["DTSTART"] for e in events)
    assert starts == sorted(str(r["deadline"]).replace("-", "") for r in dated)


def test_zip_holds_every_download(site: Path) -> None:
    archive = zipfile.ZipFile(_downloads(site) / "rectrack-data.zip")
    assert archive.testzip() is None
    names = set(archive.namelist())
    files = {p.relative_to(_downloads(site)).as_posix() for p in _downloads(site).rglob("*")
             if p.is_file() and p.name not in ("rectrack-data.zip", "index.html")}  # index.html: the page
    # The Word templates are for responses, one per organisation and report: not part of the data's archive.
    files = {name for name in files if not name.startswith(f"{export.TEMPLATES_FOLDER}/")}
    assert files <= names, f"the zip lacks {sorted(files - names)}"
    for name in files:
        assert archive.read(name) == (_downloads(site) / name).read_bytes(), f"{name} in the zip differs"


# --- status.json -------------------------------------------------------------------------------------

def test_status_json_one_row_per_owner_and_recommendation(site: Path, data: Data) -> None:
    rows = [r for r in json.loads((_downloads(site) / "status.json").read_text("utf-8"))
            if r["report"] == "hmicfrs-2026-ocsa-mosovo"]
    expected = {(f["id"], r["number"]) for r in data.force_directed for f in data.forces}
    expected |= {(o, r["number"]) for r in data.recommendations for o in r["owners"] if o != "forces"}
    keys = [(row["owner"], row["number"]) for row in rows]
    assert len(keys) == len(set(keys)), "an owner and recommendation appear twice"
    assert set(keys) == expected
    required = {"report", "recommendation", "number", "owner", "owner_name", "deadline", "as_of", "days",
                "response", "implementation", "verdict", "state"}
    deadlines = {r["number"]: date.fromisoformat(str(r["deadline"])) for r in data.recommendations}
    for row in rows:
        assert required <= set(row), f"status.json row lacks {required - set(row)}"
        assert row["as_of"] == AS_OF and row["recommendation"] == f"{row['report']}/{row['number']}"
        assert row["deadline"] == deadlines[row["number"]].isoformat()
        assert row["days"] == (deadlines[row["number"]] - AS_OF_DATE).days and isinstance(row["days"], int)
        assert row["response"] in ("answered", "not-answered", "no-response")
        assert row["implementation"] in ("implemented", "in-progress", "not-started", "not-stated", None)
        assert row["state"] in STATES
        claimed = data.responses.get(row["owner"], {}).get("responses", [])
        answered = {r["recommendation"] for r in claimed}
        assert (row["response"] == "answered") == (row["number"] in answered), row
        assert (row["implementation"] is None) == (row["response"] != "answered"), row


# --- acceptance --------------------------------------------------------------------------------------

def _claims(data: Data) -> dict[tuple[str, int], str]:
    return {(force, r["recommendation"]): r["implementation"]
            for force, doc in data.responses.items() for r in doc["responses"]}


def test_past_deadlines_overdue_for_every_force_without_an_implemented_claim(site: Path, data: Data) -> None:
    rows = {(r["owner"], r["number"]): r for r in
            json.loads((_downloads(site) / "status.json").read_text("utf-8")) if r["report"] == R.split("/")[1]}
    claims = _claims(data)
    for number in PAST_DEADLINE:
        assert "forces" in data.recommendation(number)["owners"]
        for force in data.forces:
            row = rows[(force["id"], number)]
            want = "implemented" if claims.get((force["id"], number)) == "implemented" else "overdue"
            assert row["state"] == want, f"{force['id']} rec {number}: {row['state']} (expected {want})"


def test_recommendation_pages_show_the_time_state(site: Path, data: Data) -> None:
    problems = []
    for r in data.recommendations:
        number = r["number"]
        text = parse(page_file(site, f"{R}/recommendations/{number}")).main_text
        deadline = date.fromisoformat(str(r["deadline"]))
        days = (deadline - AS_OF_DATE).days
        if number in PAST_DEADLINE:
            want = [f"overdue by {-days} days", "Overdue"]
        elif number in DUE_IN_38_DAYS:
            want = ["due in 38 days"]
        else:
            want = ["30 April 2027"]
            assert deadline == date(2027, 4, 30), f"recommendation {number}: deadline {deadline}"
        problems += [f"/recommendations/{number}/ lacks {w!r}" for w in want if w not in text]
    assert not problems, problems


def test_devon_and_cornwall_page_shows_its_answers_with_evidence(site: Path, data: Data) -> None:
    doc = data.responses["devon-and-cornwall"]
    answers = doc["responses"]
    assert len(answers) == 9, "the data records 9 answered recommendations for Devon and Cornwall"
    text = parse(page_file(site, f"{R}/organisations/devon-and-cornwall")).main_text
    problems = []
    for answer in answers:
        if f"Recommendation {answer['recommendation']}" not in text:
            problems.append(f"recommendation {answer['recommendation']} is not named")
        if answer["evidence"] and collapse(answer["evidence"]) not in text:
            problems.append(f"evidence for recommendation {answer['recommendation']} is not shown")
        if collapse(answer["action"]).split(". ")[0] not in text:
            problems.append(f"action text for recommendation {answer['recommendation']} is not shown")
    assert not problems, problems
    for label in ("Implemented (claimed)", "In progress (claimed)", "Not stated"):
        assert label in text, f"the Devon and Cornwall page does not say {label!r}"


def test_a_force_without_a_response_says_so(site: Path, data: Data) -> None:
    silent = next(f for f in data.forces if f["id"] not in data.responses)
    text = parse(page_file(site, f"{R}/organisations/{silent['id']}")).main_text
    assert "No response published" in text, f"{silent['id']}'s page does not say no response was published"
    assert "Overdue" in text


# --- failed builds, strict MkDocs, reproducibility -----------------------------------------------------

def _snapshot(tree: Path) -> dict[str, str]:
    return {p.relative_to(tree).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(tree.rglob("*"))}


def _break_data(data_dir: Path) -> None:
    path = data_dir / "recommendations.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["recommendations"][0]["deadline"] = "31st of October"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.mark.parametrize("failure", ["data error", "MkDocs error"])
def test_a_failed_build_leaves_the_previous_site_untouched(site: Path, tmp_path: Path, failure: str) -> None:
    existing = tmp_path / "out" / "site"
    shutil.copytree(site, existing)
    before = _snapshot(existing)
    root = make_root(tmp_path / "root")
    if failure == "data error":
        _break_data(root / "data")
    else:  # valid data, but a hand-written page with a broken link: strict MkDocs fails late in the build
        (root / "content" / "zz-broken.md").write_text("# Broken\n\n[missing](no-such-page.md)\n", "utf-8")
    outcome = run_build(root, existing)
    assert not outcome.ok, f"the build should have failed ({failure}) but succeeded"
    assert "Traceback" not in outcome.output, outcome.output[-2000:]
    assert _snapshot(existing) == before, "a failed build changed the existing site/"
    leftovers = sorted(p.name for p in existing.parent.iterdir() if p.name != "site")
    assert not leftovers, f"a failed build left temporary directories beside site/: {leftovers}"


def test_mkdocs_build_strict_is_clean(tmp_path: Path) -> None:
    """The engine config a build writes (into its own working folder) builds clean with plain MkDocs."""
    from rectrack.site.build import prepare
    from rectrack.site.project import load_project

    root = make_root(tmp_path / "root")
    config = prepare(load_project(root / "mkdocs.yml", root / "data"), AS_OF_DATE, tmp_path / "work").config
    assert config.is_file(), f"the build wrote no engine config at {config}"
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-f", str(config),
                             "-d", str(tmp_path / "strict")], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    log = re.sub(r"\x1b\[[0-9;]*m", "", result.stderr)
    warnings = [line for line in log.splitlines() if re.match(r"^\s*(WARNING|ERROR)\b", line)]
    assert not warnings, warnings


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Two builds of the same inputs from two directories, at the same time: one as if on another day
    (SOURCE_DATE_EPOCH is what MkDocs reads as "now"), with another hash seed and time zone.

    Both start from one snapshot of the inputs, so edits to the working tree during the run cannot
    make them differ; the shared site is not used for the same reason.
    """
    snapshot = make_root(tmp_path / "snapshot")
    roots = [shutil.copytree(snapshot, tmp_path / name) for name in ("root-a", "root-b")]
    envs = [{}, {"SOURCE_DATE_EPOCH": "1790000000", "PYTHONHASHSEED": "12345", "TZ": "America/Los_Angeles"}]
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda i: run_build(Path(roots[i]), tmp_path / f"site-{i}", env=envs[i]), (0, 1)))
    for outcome in outcomes:
        assert outcome.ok, outcome.output[-3000:]
    sites = [o.site for o in outcomes]
    first, second = _snapshot(sites[0]), _snapshot(sites[1])
    # Pagefind writes its filter index (and the metadata naming it) in no fixed order: the same values in
    # another order, so other hashes and file names (upstream: Pagefind/pagefind#638). Every page, every
    # index chunk and every fragment must still be byte-identical; those files must hold the same bytes.
    unstable = [_pagefind_order_only(s) for s in sites]
    assert unstable[0] == unstable[1], "Pagefind's filter index differs in content, not only in order"
    first = {k: v for k, v in first.items() if not _order_only_file(k)}
    second = {k: v for k, v in second.items() if not _order_only_file(k)}
    assert sorted(first) == sorted(second), (
        f"file lists differ: only first {sorted(set(first) - set(second))[:20]}, "
        f"only second {sorted(set(second) - set(first))[:20]}")
    differing = [name for name in first if first[name] != second[name]]
    details = []
    for name in differing[:5]:
        a, b = (sites[0] / name).read_bytes(), (sites[1] / name).read_bytes()
        at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        details.append(f"{name} @{at}: {a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}")
    assert not differing, f"{len(differing)} files differ between two builds: {differing[:20]}\n" + "\n".join(details)


def _order_only_file(name: str) -> bool:
    bundle = next((b for b in BUNDLES if name.startswith(b + "/")), None)
    rest = name[len(bundle) + 1:] if bundle else ""
    meta = rest.startswith("pagefind.") and rest.endswith(".pf_meta")
    return bundle is not None and (rest.startswith("filter/") or meta or rest == "pagefind-entry.json")


def _pagefind_order_only(site: Path) -> list[bytes]:
    """The filter and metadata files' bytes, each sorted: equal when only the order of their records differs."""
    import gzip

    out = [bytes(sorted(gzip.decompress(file.read_bytes()))) for bundle in BUNDLES
           for file in site.glob(f"{bundle}/filter/*.pf_filter")]
    # the metadata names the filter files by their hashes, so only its size is comparable
    out += [len(gzip.decompress(file.read_bytes())).to_bytes(8, "big") for bundle in BUNDLES
            for file in site.glob(f"{bundle}/*.pf_meta")]
    return sorted(out)
