"""The accessibility statement, the feedback route in every page's footer, and the 404 page, in Chromium.

The statement lists known issues from data/site.yaml. Each must be true: ``KNOWN_ISSUES`` holds a
probe per issue that shows the problem on the built site, and the test fails when a probe no longer
finds it (then the issue is fixed: remove it from site.yaml, and its probe from here). A shipped issue
with no probe fails too, so the statement can list nothing that nobody checks.

A second site is built with every setting configured (fictional contact, licence and operator, only
here) and ``site_url`` under a sub-path, served at ``/tracker/``: the routes, the escaping, and the
404 page's links from any depth under that sub-path.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from .sitebuild import REPO, REPORT_URL, Server, build_once, one_page_per_type, require_site
from .test_accessibility import MOBILE, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NO_CONTACT = "No contact has been set up for this copy of the tracker."
NARROW = {"width": 320, "height": 800}
#: The headings of GOV.UK's sample statement, in its order.
MODEL_HEADINGS = ["Accessibility statement", "How accessible this website is", "Feedback and contact information",
                  "Reporting accessibility problems with this website", "Enforcement procedure",
                  "Technical information about this website's accessibility", "Compliance status",
                  "Non-accessible content", "Non-compliance with the accessibility regulations", "Other known limits",
                  "Preparation of this accessibility statement"]
#: The heading of the failures' list, shown only when a known issue names a WCAG criterion it fails.
NON_COMPLIANCE = "Non-compliance with the accessibility regulations"
DEPTHS = ["/no-such-page", "/a/b/c/", f"{REPORT_URL}/recommendations/99/", "/downloads/nothing.csv"]
NAV_TITLES = ["Home", "Reports", "Organisations", "Good practice", "What changed", "Glossary", "About",
              "Downloads", "Search"]


def shipped_issues() -> list[dict]:
    doc = yaml.safe_load((REPO / "data" / "site.yaml").read_text("utf-8"))
    return doc["accessibility"]["known_issues"]


def open_page(browser, server: Server, path: str, *, viewport: dict | None = None, javascript: bool = True,
              scheme: str = "light"):
    """A page at ``path`` whatever its status (the 404 page is the point of some tests), and its response."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, color_scheme=scheme,
                                  java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    response = page.goto(server.url(path))
    if javascript:
        page.wait_for_selector("html[data-rt-ready]", state="attached", timeout=10_000)
    return context, page, response


# --- the known issues, each shown to be true ---------------------------------------------------------

def probe_search_needs_javascript(browser, server) -> str | None:
    context, page, _ = open_page(browser, server, "/search/", javascript=False)
    try:
        form = page.locator("form#search")
        return "the search form is hidden without JavaScript" if form.count() and not form.is_visible() else None
    finally:
        context.close()


KNOWN_ISSUES = {
    "search-needs-javascript": probe_search_needs_javascript,
}


def test_every_known_issue_in_the_statement_has_a_probe() -> None:
    unchecked = [i["id"] for i in shipped_issues() if i["id"] not in KNOWN_ISSUES]
    assert not unchecked, f"data/site.yaml lists known issues nobody checks: {unchecked} (add a probe here)"


@pytest.mark.parametrize("issue", [i["id"] for i in shipped_issues()])
def test_each_known_issue_is_still_true(browser, server, issue: str) -> None:
    probe = KNOWN_ISSUES.get(issue)
    if probe is None:
        pytest.fail(f"no probe for {issue}")
    assert probe(browser, server), (
        f"the statement lists {issue!r} as a known issue, but it is no longer found on the site: if it is "
        "fixed, remove it from data/site.yaml (accessibility.known_issues) and its probe from this file")


# --- the statement ------------------------------------------------------------------------------------

def test_the_statement_is_in_the_model_form_and_every_link_on_it_lands(visit) -> None:
    v = visit("/accessibility/")
    page = v.page
    headings = [h.strip() for h in page.locator("article h1, article h2, article h3").all_inner_texts()]
    fails = any(i.get("criterion") for i in shipped_issues())
    assert headings == [h for h in MODEL_HEADINGS if fails or h != NON_COMPLIANCE]
    assert NO_CONTACT in page.locator("#no-contact").inner_text()
    assert page.locator("article a[href^='mailto:']").count() == 0
    for issue in shipped_issues():
        entry = page.locator(f"li#{issue['id']}")
        assert entry.count() == 1, issue["id"]
        assert " ".join(issue["problem"].split()) in " ".join(entry.inner_text().split())
    for href in page.eval_on_selector_all("article a[href^='#']", "els => els.map(e => e.getAttribute('href'))"):
        assert page.locator(f"[id='{href[1:]}']").count() == 1, f"{href} lands nowhere"
    external = page.eval_on_selector_all("article a[rel=external]", "els => els.map(e => [e.innerText, e.href])")
    names = " ".join(text for text, _ in external)
    assert all(word in names for word in ("EHRC", "EASS", "ECNI", "Regulations 2018"))
    assert all(urlsplit(href).scheme == "https" for _, href in external)
    assert not v.log.problems(), v.log.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [None, NARROW], ids=["1280px", "320px"])
@pytest.mark.parametrize("path", ["/accessibility/", "/downloads/", "/a/b/c/"])
def test_axe_on_the_statement_downloads_and_404_pages(browser, server, path: str, viewport, scheme: str) -> None:
    """The reader's system setting chooses the colour scheme (where the site has a dark one)."""
    context, page, _ = open_page(browser, server, path, viewport=viewport, scheme=scheme)
    try:
        violations = run_axe(page)["violations"]
    finally:
        context.close()
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


# --- the feedback route on every page -----------------------------------------------------------------

def test_every_page_type_says_in_its_footer_that_no_contact_is_set_up(tab, site, server) -> None:
    t = tab()
    pages = [*one_page_per_type(site).values()]
    assert len(pages) > 15
    for path in pages:
        t.go(path)
        footer = t.page.locator("footer .rt-feedback")
        assert NO_CONTACT in footer.inner_text(), path
        link = footer.locator("a")
        assert link.count() == 1 and t.page.locator("footer a[href^='mailto:']").count() == 0, path
        assert urlsplit(urljoin(t.page.url, link.get_attribute("href"))).path == "/accessibility/", path
        assert link.get_attribute("href").endswith("#contact"), path
        assert "No licence has been chosen" in t.page.locator("footer .rt-reuse").inner_text(), path


# --- the 404 page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", DEPTHS)
def test_the_404_page_helps_at_any_depth(browser, server, path: str) -> None:
    context, page, response = open_page(browser, server, path, javascript=False)
    try:
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.title().startswith("Page not found - ")
        sections = page.locator(".rt-not-found__sections a")
        assert sections.all_inner_texts() == NAV_TITLES
        form = page.locator("form[role=search]")
        assert urlsplit(urljoin(page.url, form.get_attribute("action"))).path == "/search/"
        assert not form.is_visible()  # search needs JavaScript: no form that cannot work is shown
        # Every link, stylesheet and script of the page is there, from this depth.
        targets = page.eval_on_selector_all("a[href], link[href], script[src]",
                                            "els => els.map(e => e.href || e.src)")
        local = sorted({t.split("#")[0] for t in targets if t.startswith(server.origin)})
        assert len(local) > 15
        broken = [t for t in local if context.request.get(t).status != 200]
        assert not broken, f"{path}: links that do not resolve from the 404 page: {broken}"
        page.click(".rt-not-found__sections a:text-is('Search')")
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/search/"
        assert page.locator("#search-fallback").is_visible()  # without JavaScript the search page says so
    finally:
        context.close()


def test_searching_from_the_404_page_finds_results(browser, server) -> None:
    context, page, _ = open_page(browser, server, "/a/b/c/")
    try:
        assert page.locator("form[role=search]").is_visible()
        page.fill("#rt-not-found-q", "bail")
        page.press("#rt-not-found-q", "Enter")
        page.wait_for_selector("ol.rt-search__results > li", timeout=15_000)
    finally:
        context.close()


def test_the_404_page_at_375px_keeps_to_the_screen(browser, server) -> None:
    context, page, _ = open_page(browser, server, "/a/b/c/", viewport=MOBILE)
    try:
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        context.close()


# --- a copy with everything configured, under a sub-path ---------------------------------------------

FICTIONAL = {
    "run_by": "The Example Trust <b id=pwned>",
    "contact": {"email": "tracker+a11y@example.org", "url": "https://feedback.example.org/form?a=1&b=2"},
    "accessibility": {"compliance": "fully", "reply_within_days": 10, "known_issues": [],
                      "prepared": "2026-06-01", "reviewed": "2026-11-01", "tested": "2026-11-02",
                      "tested_by": "Fictional Testers Ltd"},
    "licence": {"name": "A fictional licence 1.0", "url": "https://licence.example.org/1.0",
                "attribution": "Credit: The Example Trust."},
}
PREFIX = "/tracker"


def _configure(data: Path) -> dict:
    path = data / "site.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc.update(FICTIONAL)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    config = data.parent / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"\nsite_url: https://tracker.example.org{PREFIX}/\n", "utf-8")
    return {}


@pytest.fixture(scope="module")
def configured(tmp_path_factory):
    site = require_site(build_once(tmp_path_factory, "statement-configured", _configure)[0])
    server = Server(site, prefix=PREFIX)
    yield server
    server.close()


def test_a_configured_contact_is_in_every_footer_and_the_statement(browser, configured) -> None:
    context, page, _ = open_page(browser, configured, f"{PREFIX}/accessibility/")
    try:
        routes = page.eval_on_selector_all("footer .rt-feedback a", "els => els.map(e => e.getAttribute('href'))")
        assert routes == ["mailto:tracker+a11y@example.org", "https://feedback.example.org/form?a=1&b=2"]
        listed = page.eval_on_selector_all(".rt-contact a", "els => els.map(e => e.getAttribute('href'))")
        assert listed == routes
        text = page.locator("article").inner_text()
        assert "This website is run by The Example Trust <b id=pwned>." in text
        assert page.locator("#pwned").count() == 0
        assert "within 10 days" in text and NO_CONTACT not in text
        assert "fully compliant" in text and "Non-accessible content" not in text
        assert "This statement was prepared on 1 June 2026. It was last reviewed on 1 November 2026." in text
        assert "The test was carried out by Fictional Testers Ltd." in text
        reuse = page.locator("footer .rt-reuse").inner_text()
        assert "under A fictional licence 1.0" in reuse and "not covered" in reuse
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/nothing", "/a/b/c/", "/reports/x/y/"])
def test_the_404_page_under_a_sub_path_links_within_it(browser, configured, path: str) -> None:
    context, page, response = open_page(browser, configured, PREFIX + path)
    try:
        assert response.status == 404 and page.locator("h1").inner_text() == "Page not found"
        targets = page.eval_on_selector_all("a[href], link[href], script[src]", "els => els.map(e => e.href || e.src)")
        local = sorted({t.split("#")[0] for t in targets if t.startswith(configured.origin)})
        assert local and all(urlsplit(t).path.startswith(PREFIX + "/") for t in local), local
        broken = [t for t in local if context.request.get(t).status != 200]
        assert not broken, broken
    finally:
        context.close()
