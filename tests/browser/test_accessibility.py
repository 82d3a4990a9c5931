"""axe-core (the copy packaged with axe-playwright-python, never downloaded) on every page type, and
status never conveyed by colour alone.

A summary (pages and rules checked) is printed by the last test and written to
``<pytest basetemp>/axe-summary.txt``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import axe_playwright_python
import pytest

from .sitebuild import REPORT_URL, html_pages, one_page_per_type, page_type, run_base

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-pages")]

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Every page type the issue names, plus the other index and reference pages.
PAGE_TYPES = ["home", "reports-index", "reports-year", "report", "recommendations-index", "recommendation",
              "owner-report", "matrix", "organisations-index", "organisation", "good-practice", "library",
              "case-study", "statistics", "changes", "changes-month", "glossary", "downloads", "search", "about",
              "list", "sources", "other"]
NAMED = set(PAGE_TYPES) - {"other"}
#: Detail pages checked per type; the rest of each type shares their template.
PER_TYPE = 3
#: Always include these (Devon and Cornwall has a response; Dyfed-Powys is Welsh and has none).
MUST = {f"{REPORT_URL}/organisations/devon-and-cornwall/", f"{REPORT_URL}/organisations/dyfed-powys/",
        f"{REPORT_URL}/recommendations/1/", f"{REPORT_URL}/recommendations/9/"}
MOBILE = {"width": 375, "height": 812}

SUMMARY: dict = {"pages": [], "rules": set(), "rules_applicable": set(), "violations": 0, "by": {}}


def pages_of(site, kind: str) -> list[str]:
    """The pages of one type to check: the must-check ones first, then others up to ``PER_TYPE``."""
    pages = [p for p in html_pages(site) if (page_type(p) if page_type(p) in NAMED else "other") == kind]
    must = [p for p in pages if p in MUST]
    return must + [p for p in pages if p not in MUST][: max(0, PER_TYPE - len(must))]


def run_axe(page) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text("utf-8"))
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS)


def describe(path: str, result: dict) -> list[str]:
    lines = []
    for v in result["violations"]:
        targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                            for n in v["nodes"][:4])
        snippet = re.sub(r"\s+", " ", v["nodes"][0]["html"])[:160] if v["nodes"] else ""
        lines.append(f"{path}: [{v['id']}, {v['impact']}] {v['help']} — {len(v['nodes'])} element(s): "
                     f"{targets} e.g. {snippet}")
    return lines


def record(path: str, result: dict, width: int, scheme: str = "light") -> None:
    SUMMARY["pages"].append(f"{path}@{width}:{scheme}")
    SUMMARY["by"][f"{scheme} {width}px"] = SUMMARY["by"].get(f"{scheme} {width}px", 0) + 1
    for key in ("violations", "passes", "incomplete", "inapplicable"):
        SUMMARY["rules"].update(r["id"] for r in result.get(key, []))
    for key in ("violations", "passes", "incomplete"):
        SUMMARY["rules_applicable"].update(r["id"] for r in result.get(key, []))
    SUMMARY["violations"] += len(result["violations"])


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_reports_no_wcag_a_or_aa_violations(tab, site, kind: str) -> None:
    pages = pages_of(site, kind)
    assert pages, f"no page of type {kind!r} in the site"
    problems = []
    t = tab()
    for path in pages:
        t.go(path)
        result = run_axe(t.page)
        record(path, result, 1280)
        problems += describe(path, result)
    assert not problems, "axe (WCAG 2.0/2.1/2.2 A and AA) found:\n" + "\n".join(problems)


#: (scheme, width) pairs checked on one page of every page type; light at 1280 px is the test above.
SCHEMES_AND_WIDTHS = [("dark", 1280), ("light", 320), ("dark", 320)]


@pytest.mark.parametrize(("scheme", "width"), SCHEMES_AND_WIDTHS, ids=[f"{s}-{w}px" for s, w in SCHEMES_AND_WIDTHS])
def test_axe_on_every_page_type_in_both_schemes(browser, server, site, scheme: str, width: int) -> None:
    """The reader's system setting chooses the scheme on a first visit (``color_scheme`` emulation)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                  service_workers="block")
    expected = {"light": "default", "dark": "slate"}[scheme]
    problems = []
    try:
        page = context.new_page()
        for kind, path in one_page_per_type(site).items():
            page.goto(server.url(path))
            page.wait_for_selector("html[data-rt-ready]", state="attached")
            shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert shown == expected, f"{path}: a {scheme} system setting shows the {shown!r} scheme"
            result = run_axe(page)
            record(path, result, width, scheme)
            problems += describe(f"[{kind}] {path} ({scheme}, {width}px)", result)
    finally:
        context.close()
    assert not problems, "axe (WCAG 2.0/2.1/2.2 A and AA) found:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ["/", f"{REPORT_URL}/recommendations/1/",
                                  f"{REPORT_URL}/organisations/devon-and-cornwall/", f"{REPORT_URL}/matrix/",
                                  f"{REPORT_URL}/case-studies/"])
def test_axe_at_375px(visit, path: str) -> None:
    v = visit(path, viewport=MOBILE)
    result = run_axe(v.page)
    record(path, result, 375)
    problems = describe(path + " at 375px", result)
    assert not problems, "axe (WCAG 2.0/2.1/2.2 A and AA) found:\n" + "\n".join(problems)


#: The schemes a reader's system setting can ask for, and the Material scheme each should show.
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_on_every_source_page(browser, server, site, scheme: str, width: int) -> None:
    """The copies of the report and of the response at a desktop and the narrowest width, in the scheme
    the reader's system asks for: the response's copy whole, the report's contents page (it is shown in
    parts) and two of its parts, the longest among them; each copy opened at a quoted passage as a quote's
    link opens it (the passage is marked: its colours are checked too)."""
    copies = [p for p in html_pages(site) if page_type(p) == "sources" and p.count("/") == 3]
    parts = [p for p in html_pages(site) if page_type(p) == "sources" and p.count("/") == 4]
    assert len(copies) >= 2 and len(parts) >= 2, (copies, parts)
    longest = max(parts, key=lambda p: (site / p.strip("/") / "index.html").stat().st_size)
    pages = copies + sorted({parts[0], longest})
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                  service_workers="block")
    problems = []
    try:
        page = context.new_page()
        for path in pages:
            page.goto(server.url(path))
            page.wait_for_selector("html[data-rt-ready]", state="attached")
            shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert shown == SCHEMES[scheme], f"{path}: a {scheme} system setting shows the {shown!r} scheme"
            quoted = page.evaluate("() => document.querySelector('article p[id]')?.id ?? null")
            if quoted is not None:  # a contents page holds none of the text
                page.evaluate("(id) => { location.hash = id; }", quoted)
                page.wait_for_function("(id) => document.querySelector(':target')?.id === id", arg=quoted)
            # The jump scrolls the page, and Material then hides its tabs with a fade: judge the colours once
            # it has settled, not halfway through (a half-faded tab read as low contrast on a slow machine).
            page.wait_for_timeout(300)
            page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
            result = run_axe(page)
            record(f"{path}#{quoted}" if quoted else path, result, width, scheme)
            problems += describe(f"{path} ({scheme}, {width}px)", result)
    finally:
        context.close()
    assert not problems, "axe (WCAG 2.0/2.1/2.2 A and AA) found:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", [None, MOBILE], ids=["1280px", "375px"])
def test_axe_on_search_results(visit, viewport) -> None:
    """The search page as a reader uses it: results, marked excerpts, section links, "Show more"."""
    v = visit("/search/?q=bail", viewport=viewport)
    v.page.wait_for_selector("ol.rt-search__results > li", timeout=15_000)
    v.page.wait_for_function("() => /results for/.test(document.querySelector('.rt-search [role=status]').textContent)")
    result = run_axe(v.page)
    width = (viewport or {"width": 1280})["width"]
    record("/search/?q=bail", result, width)
    problems = describe(f"/search/?q=bail at {width}px", result)
    assert not problems, "axe (WCAG 2.0/2.1/2.2 A and AA) found:\n" + "\n".join(problems)
    assert not v.log.problems(), v.log.problems()


OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const scrolls = el => {
        for (let e = el; e && e !== document.documentElement; e = e.parentElement)
            if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(e).overflowX)) return true;
        return false;
    };
    const tooWide = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 0.5; };
    const wide = [...document.querySelectorAll('body *')]
        .filter(el => tooWide(el) && !scrolls(el))
        .filter(el => !el.closest('.md-sidebar, .md-search'))
        .slice(0, 3).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ends at ` +
                              `${Math.round(el.getBoundingClientRect().right)}px`);
    return {width, scrollWidth: document.documentElement.scrollWidth, wide};
}"""


@pytest.mark.parametrize("width", [320])
def test_pages_reflow_without_sideways_scrolling(tab, site, width: int) -> None:
    """WCAG 1.4.10 Reflow (axe cannot check it): at 320 and 375 CSS px nothing but a table's own
    scrolling region may be wider than the screen."""
    problems = []
    t = tab(viewport={"width": width, "height": 800})
    for kind in sorted(NAMED):
        for path in pages_of(site, kind)[:2]:
            t.go(path)
            result = t.page.evaluate(OVERFLOW)
            if result["scrollWidth"] > result["width"] or result["wide"]:
                problems.append(f"{path} at {width}px: page is {result['scrollWidth']}px wide; {result['wide']}")
    assert not problems, "content wider than the screen (readers must scroll sideways):\n" + "\n".join(problems)


STATUS_WORDS = """() => {
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const out = [];
    const sel = '[class*="rt-badge"], [class*="rt-cell--"], [class*="--overdue"], [class*="--implemented"], ' +
                '[class*="--due-soon"], [class*="--upcoming"]';
    for (const el of document.querySelectorAll(sel)) {
        const cls = [...el.classList].find(c => /^rt-[a-z0-9]+--[a-z0-9-]+$/.test(c));
        if (!cls || !shown(el)) continue;
        const hidden = el.closest('[aria-hidden="true"]');
        out.push({cls, text: el.innerText.replace(/\\s+/g, ' ').trim(), hidden: !!hidden,
                  html: el.outerHTML.slice(0, 140)});
    }
    return out;
}"""


@pytest.mark.parametrize("path", ["/", f"{REPORT_URL}/recommendations/", f"{REPORT_URL}/recommendations/1/",
                                  f"{REPORT_URL}/recommendations/3/",
                                  f"{REPORT_URL}/organisations/devon-and-cornwall/", f"{REPORT_URL}/matrix/",
                                  f"{REPORT_URL}/", f"{REPORT_URL}/organisations/college-of-policing/"])
def test_status_is_never_conveyed_by_colour_alone(visit, path: str) -> None:
    v = visit(path)
    marks = v.page.evaluate(STATUS_WORDS)
    assert marks, f"{path}: no status marks found (expected rt-badge / rt-cell--STATE elements)"
    wordless = [m["html"] for m in marks if not m["text"] or m["hidden"]]
    assert not wordless, f"{path}: status shown by colour without words: {wordless[:5]}"
    texts_by_class: dict[str, set[str]] = defaultdict(set)
    for m in marks:
        texts_by_class[m["cls"]].add(m["text"])
    classes_by_text: dict[str, set[str]] = defaultdict(set)
    for cls, texts in texts_by_class.items():
        family = cls.split("--")[0]
        for text in texts:
            classes_by_text[f"{family}:{text}"].add(cls)
    shared = {t: c for t, c in classes_by_text.items() if len(c) > 1}
    assert not shared, f"{path}: different statuses share the same words (only colour tells them apart): {shared}"


def test_matrix_has_a_legend_for_every_status_word(visit) -> None:
    v = visit(f"{REPORT_URL}/matrix/")
    cell_words = set(v.page.locator("#matrix-table tbody .rt-badge").all_inner_texts())
    legend = v.page.locator(".rt-legend").inner_text()
    missing = [w for w in cell_words if w.strip() not in legend]
    assert cell_words and not missing, f"matrix cell words without a legend entry: {missing}"


def test_zz_accessibility_summary(tmp_path_factory, request) -> None:
    ran_axe = [i for i in request.session.items
               if i.name.startswith(("test_axe_reports", "test_axe_at", "test_axe_on_every"))]
    if not ran_axe:
        pytest.skip("no axe test was selected in this run")
    pages = SUMMARY["pages"]
    version = AXE_JS.read_text("utf-8")[:40].split("v")[-1].split()[0]
    text = (f"axe-core {version} (packaged, tags {', '.join(TAGS)}): {len(pages)} page checks "
            f"({len({p.split('@')[0] for p in pages})} distinct pages), {len(SUMMARY['rules'])} rules run, "
            f"{len(SUMMARY['rules_applicable'])} applicable to some page, "
            f"{SUMMARY['violations']} violation(s) (rule x page); checks by scheme and width: "
            + ", ".join(f"{k}: {v}" for k, v in sorted(SUMMARY["by"].items())))
    (run_base(tmp_path_factory) / "axe-summary.txt").write_text(
        text + "\n" + "\n".join(pages) + "\nrules: " + ", ".join(sorted(SUMMARY["rules"])) + "\n", "utf-8")
    print("\n" + text)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and not hasattr(request.config, "workerinput"):
        reporter.write_line(text)
    assert pages, f"{len(ran_axe)} axe tests were selected but no page was checked (they must run before this one)"
