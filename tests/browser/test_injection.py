"""Hostile text in the data renders as inert, visible text in the built site, checked in the browser.

A copy of data/ gets <script>, event-handler attributes, javascript: links, raw HTML, Markdown link
and block tricks, template syntax, snippet includes and entity tricks in several text fields, and in
the copies of the source documents those fields are quoted from (a quote must be in its copy, and the
copy's page shows it too); that site is built and every page showing those fields is loaded in
Chromium. A dialog, an injected element or attribute, a request to another host or a redirect fails
the test; the literal text must be what the reader sees (on a copy's page, the copy's words as its
small Markdown reading gives them: ``**bold**`` is bold there, all else literal).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from rectrack.data.sources import quote_text, slug

from .sitebuild import REPO, REPORT_URL, Server, build_once, collapse, make_root

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: Block payloads: each becomes its own paragraph of a multi-paragraph text field.
BLOCK_PAYLOADS = [
    "<script>window.__pwned = 1; document.title = 'PWNED'; alert('pwned-script')</script>",
    "<img src=x onerror=\"window.__pwned = 1; alert('pwned-img')\" id=\"pwned\">",
    "<a href=\"javascript:alert('pwned-a')\" id=\"pwned-a\">click me</a>",
    "[md link](javascript:alert('pwned-md')) and <javascript:alert('pwned-auto')> and [ref link][r1]",
    "[r1]: javascript:alert('pwned-ref')",
    "<svg/onload=alert('pwned-svg')>",
    "{: #pwned-attr onclick=\"alert('pwned-attr')\" }",
    "<div markdown=\"1\" onmouseover=\"alert('pwned-div')\" id=\"pwned-div\">**raw html**</div>",
    "![img](x\"onerror=\"alert('pwned-mdimg'))",
    "&lt;b&gt;entity&lt;/b&gt; &amp;amp; &#60;i&#62; {{ 7*7 }} ${7*7} {% raw %} __dunder__",
    "--8<-- \"mkdocs.yml\"",
    "*[HTML]: <img src=x onerror=alert('pwned-abbr')>",
    "<iframe src=\"javascript:alert('pwned-iframe')\"></iframe>",
    "</blockquote></figure></article><script>alert('pwned-close')</script>",
    "<style>body { display: none !important }</style>",
    "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\"> <base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">",
    "<form action=\"https://evil.example/\"><input name=\"pwned-input\" id=\"pwned-input\"></form>",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert('pwned-table')> | x |",
    "<!-- an unclosed comment that would swallow the rest",
    "AFTER-COMMENT-SENTINEL: still visible",
]
#: Short fields (titles, names, definitions) get one-line payloads.
SHORT_TITLE = "<img src=x onerror=alert('t') id=pwned>[t](javascript:alert(2))"
FORCE_NAME = "Kent <script>alert('force')</script> [x](javascript:alert(3)) <b id=pwned-b>bold</b>"
CASE_TITLE = "Case <svg onload=alert('case')> [y](javascript:alert(4)) **not bold**"
TERM = "\" onmouseover=\"alert('abbr')\" x=\"<i id=pwned-i>"
DEFINITION = ("<img src=x onerror=alert('gloss') id=pwned-g> [z](javascript:alert(5)) "
              "{: onclick=\"alert(6)\" } <!-- hidden? --> `code` *em*")
EVIDENCE = BLOCK_PAYLOADS[1]
NOTE = "<script>alert('note')</script>[n](javascript:alert(7))"
#: The ids the payloads would give elements if their markup went live. (A block of a source page has an
#: anchor made from its own words, e.g. "pwned-attr-onclick-alert-pwned-attr": our escaped text, not theirs.)
PAYLOAD_IDS = sorted(set(re.findall(r'(?:\bid=\\?"?|#)(pwned[a-z-]*)', "\n".join(
    [*BLOCK_PAYLOADS, SHORT_TITLE, FORCE_NAME, TERM, DEFINITION]))))
#: The copies of the source documents (data/sources/) the poisoned quotes are quoted from.
REPORT_COPY = "hmicfrs-spotlight-ocsa-mosovo-2026.md"
RESPONSE_COPY = "devon-and-cornwall-pcc-response.md"
#: A heading added to each copy, above the quoted payloads.
HEADING = "<script>alert('pwned-heading')</script> Quoted here"

def _rewrite(path, change) -> None:
    text = path.read_text("utf-8")
    first = text.splitlines()[0]
    header = first + "\n" if first.startswith("#") else ""
    doc = yaml.safe_load(text)
    change(doc)
    path.write_text(header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")


def poison(data_dir) -> dict:
    """Put the payloads into the copy of the data; returns where each one went."""
    block = "\n\n".join(BLOCK_PAYLOADS)
    where: dict = {}

    def recs(doc):
        doc["recommendations"][0]["short_title"] = SHORT_TITLE
        where["recommendation"] = doc["recommendations"][0]["number"]

    def forces(doc):
        force = next(f for f in doc["organisations"] if f["id"] == "kent")
        force["name"] = FORCE_NAME

    def cases(doc):
        case = doc["case_studies"][0]
        case["text"] = block + "\n"
        case["title"] = CASE_TITLE
        where["case"] = case["id"]

    def glossary(doc):
        term = next(t for t in doc["terms"] if t.get("abbreviation") == "MOSOVO")
        assert term["definition_source"] == "report", "the poisoned definition is a quote, checked against the copy"
        term["term"] = TERM
        term["definition"] = DEFINITION
        where["term"] = term["id"]

    def response(doc):
        answer = next(r for r in doc["responses"] if r["evidence"])
        answer["action"] = block + "\n"
        answer["evidence"] = EVIDENCE
        answer["note"] = NOTE
        where["response"] = (doc["owner"], answer["recommendation"])

    _rewrite(data_dir / "recommendations.yaml", recs)
    _rewrite(data_dir / "organisations.yaml", forces)
    _rewrite(data_dir / "case_studies.yaml", cases)
    _rewrite(data_dir / "glossary.yaml", glossary)
    _rewrite(data_dir / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "devon-and-cornwall.yaml", response)
    # The quoted words are in the copies they are quoted from, as validation requires.
    for copy, extra in ((REPORT_COPY, [block, DEFINITION]), (RESPONSE_COPY, [block])):
        with (data_dir / "sources" / copy).open("a", encoding="utf-8") as stream:
            stream.write(f"\n\n# {HEADING}\n\n" + "\n\n".join(extra) + "\n")
    return where


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    outcome, where = build_once(tmp_path_factory, "hostile", poison)  # once per run, even if re-requested
    where["response"] = tuple(where["response"])
    if not outcome.ok:
        pytest.fail("the site with hostile (but schema-valid) text failed to build; it must build and show the text "
                    f"literally:\n{outcome.output[-3000:]}", pytrace=False)
    server = Server(outcome.site)
    yield server, where, outcome.site
    server.close()


INSPECT = """() => {
    for (const d of document.querySelectorAll('details')) d.open = true;  // a reader can open them
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
            if (name.startsWith('on')) bad.push(`<${el.tagName.toLowerCase()} ${name}=...>`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) &&
                value.replace(/[\\s\\x00-\\x1f]/g, '').startsWith('javascript:'))
                bad.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 40)}">`);
        }
        if (el.id && PAYLOAD_IDS.includes(el.id)) bad.push(`#${el.id}`);
    }
    for (const s of document.querySelectorAll('script'))
        if (/pwned|alert\\(/.test(s.textContent)) bad.push('<script> with the payload');
    for (const s of document.querySelectorAll('style'))
        if (/display:\\s*none\\s*!important/.test(s.textContent)) bad.push('<style> from the payload');
    for (const tag of ['iframe', 'base', 'form[action^="https://evil"]', 'meta[http-equiv]', 'link[href*="evil"]'])
        for (const el of document.querySelectorAll(tag)) bad.push(el.outerHTML.slice(0, 80));
    return {bad, pwned: window.__pwned === 1, title: document.title,
            bodyShown: getComputedStyle(document.body).display !== 'none',
            text: (document.querySelector('.md-content') || document.body).innerText};
}""".replace("PAYLOAD_IDS", json.dumps(PAYLOAD_IDS))


def pages_to_check(where: dict) -> dict[str, list[str]]:
    """Each page and the literal texts it must show."""
    block = [collapse(p) for p in BLOCK_PAYLOADS]
    copied = [quote_text(p) for p in BLOCK_PAYLOADS]
    force, number = where["response"]
    return {
        f"{REPORT_URL}/recommendations/{where['recommendation']}/": [SHORT_TITLE],
        f"{REPORT_URL}/recommendations/": [SHORT_TITLE],
        f"{REPORT_URL}/organisations/kent/": [FORCE_NAME],
        "/organisations/": [FORCE_NAME],
        "/organisations/kent/": [FORCE_NAME],
        f"{REPORT_URL}/matrix/": [FORCE_NAME],
        f"/case-studies/{where['case']}/": [CASE_TITLE, *block],
        f"{REPORT_URL}/case-studies/": [CASE_TITLE],
        f"{REPORT_URL}/organisations/{force}/": [*block, NOTE],
        f"{REPORT_URL}/recommendations/{number}/": [NOTE],
        "/glossary/": [DEFINITION, TERM],
        # The report's copy is long, shown in parts: the added heading begins a part of its own.
        f"/sources/{REPORT_COPY.removesuffix('.md')}/{slug(HEADING)}/": [*copied, quote_text(DEFINITION), HEADING],
        f"/sources/{REPORT_COPY.removesuffix('.md')}/": [HEADING],
        f"/sources/{RESPONSE_COPY.removesuffix('.md')}/": [*copied, HEADING],
        "/": [],
    }


def test_hostile_text_is_inert_and_shown_literally(browser, hostile, visit) -> None:
    server, where, _ = hostile
    problems = []
    for path, literals in pages_to_check(where).items():
        v = visit(path, base=server)
        v.page.wait_for_timeout(300)  # a meta refresh or timer would fire by now
        facts = v.page.evaluate(INSPECT)
        text = collapse(facts["text"])
        if v.log.dialogs:
            problems.append(f"{path}: a dialog opened: {v.log.dialogs}")
        if facts["pwned"] or facts["title"] == "PWNED":
            problems.append(f"{path}: injected script ran")
        if facts["bad"]:
            problems.append(f"{path}: injected markup is live: {sorted(set(facts['bad']))[:10]}")
        if not facts["bodyShown"]:
            problems.append(f"{path}: injected CSS hid the page")
        if v.log.external_requests:
            problems.append(f"{path}: requests to other hosts: {v.log.external_requests}")
        if not v.page.url.startswith(server.url(path)):
            problems.append(f"{path}: the page navigated away to {v.page.url}")
        for literal in literals:
            if collapse(literal) not in text:
                problems.append(f"{path}: does not show the literal text {literal[:70]!r}")
        if "site_name:" in text:
            problems.append(f"{path}: a snippet include pulled mkdocs.yml into the page")
        problems += [f"{path}: {p}" for p in v.log.page_errors]
    assert not problems, "\n".join(problems)


SEARCH_RESULTS = """() => {
    const list = document.querySelector('ol.rt-search__results');
    return {tags: [...new Set([...list.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))],
            attrs: [...new Set([...list.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)))],
            hrefs: [...list.querySelectorAll('a')].map(a => a.getAttribute('href')),
            marks: [...list.querySelectorAll('mark')].map(m => m.textContent),
            text: list.innerText};
}"""


@pytest.mark.parametrize("query", ["onerror", "pwned", "javascript"])
def test_hostile_text_is_inert_in_search_results(hostile, visit, query: str) -> None:
    """Titles and excerpts from the index are data: shown as text, with only our own <mark> markup."""
    server, _, _ = hostile
    v = visit("/search/", base=server)
    box = v.page.locator("form[role='search'] input[name='q']")
    box.fill(query)
    v.page.wait_for_selector("ol.rt-search__results > li", timeout=15_000)
    v.page.wait_for_function("(q) => document.querySelector('.rt-search [role=status]').textContent"
                             ".includes('results for \u201c' + q)", arg=query, timeout=15_000)
    more = v.page.locator("button.rt-search__more")
    if more.is_visible():
        more.click()
    v.page.wait_for_timeout(500)
    facts = v.page.evaluate(INSPECT)
    assert not v.log.dialogs, v.log.dialogs
    assert not facts["pwned"] and not facts["bad"], facts["bad"]
    assert not v.log.external_requests, v.log.external_requests
    results = v.page.evaluate(SEARCH_RESULTS)
    assert set(results["tags"]) <= {"li", "h2", "a", "p", "mark", "ul"}, results["tags"]
    assert set(results["attrs"]) <= {"class", "href"}, results["attrs"]
    assert all(h.startswith("/") and not h.startswith("//") for h in results["hrefs"]), results["hrefs"]
    assert results["marks"] and all(query in m.lower() for m in results["marks"]), results["marks"]
    assert query in results["text"].lower(), "the matched hostile text should be shown literally"
    if query == "onerror":
        assert "<img src=x onerror=" in results["text"], "the payload should read as text in the excerpt"


def test_hostile_text_is_inert_in_downloads(hostile) -> None:
    _, where, site = hostile
    cases = json.loads((site / "downloads" / "case-studies.json").read_text("utf-8"))
    case = next(c for c in cases if c["id"] == where["case"])
    assert BLOCK_PAYLOADS[0] in case["text"], "the JSON download should carry the text exactly as in the data"
    csv_text = (site / "downloads" / "organisations.csv").read_text("utf-8-sig")
    assert FORCE_NAME in csv_text


def test_the_inspector_catches_live_payloads(visit) -> None:
    """Guard for this test itself: on a page where the payloads ARE live, the checks fire."""
    v = visit("/")
    v.page.set_content("<div class='md-content'>" + "".join(BLOCK_PAYLOADS[:3]) + "</div>")
    v.page.wait_for_timeout(300)
    facts = v.page.evaluate(INSPECT)
    assert v.log.dialogs, "a live onerror/alert payload should have opened a dialog"
    assert {"#pwned", "#pwned-a"} <= set(facts["bad"]) and facts["pwned"], facts["bad"]
    assert any("onerror" in b for b in facts["bad"]) and any("javascript:" in b for b in facts["bad"]), facts["bad"]


def test_the_payload_ids_are_the_ones_the_payloads_set() -> None:
    assert {"pwned", "pwned-a", "pwned-div", "pwned-attr", "pwned-input", "pwned-b", "pwned-i", "pwned-g"} == set(
        PAYLOAD_IDS)


def test_the_payloads_reach_the_data_as_written(tmp_path) -> None:
    """Guard for this test itself: the poisoned copy really holds the payloads (and the real data does not)."""
    root = make_root(tmp_path / "root")
    poison(root / "data")
    text = (root / "data" / "case_studies.yaml").read_text("utf-8")
    assert "onerror=" in text and "<script>" in text
    assert "onerror=" not in (REPO / "data" / "case_studies.yaml").read_text("utf-8")
