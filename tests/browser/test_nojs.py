"""With JavaScript disabled every page's core content (text, tables, statuses) is there and visible."""

from __future__ import annotations

import pytest

from .sitebuild import REPORT_URL, Data, collapse, html_pages, page_type

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-pages")]

CONTENT = ".md-content"
#: Everything the pages say about statuses must be words a reader can see.
PAGE_FACTS = """() => {
    const content = document.querySelector('.md-content') || document.querySelector('main') || document.body;
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const tables = [...content.querySelectorAll('table')];
    return {
        text: content.innerText,
        h1: (content.querySelector('h1') || {}).innerText || '',
        tables: tables.map(t => ({id: t.id, shown: shown(t), rows: t.querySelectorAll('tbody tr').length,
                                  shownRows: [...t.querySelectorAll('tbody tr')].filter(shown).length})),
        badges: [...content.querySelectorAll('.rt-badge')].map(b => ({shown: shown(b), text: b.innerText.trim()})),
        liveForms: [...content.querySelectorAll('form')].filter(shown).map(f => f.outerHTML.slice(0, 120)),
    };
}"""


def facts(tab, path: str) -> dict:
    """What a reader without JavaScript sees on ``path`` (``tab``: a Tab with JavaScript off)."""
    problems = tab.go(path)
    result = tab.page.evaluate(PAGE_FACTS)
    result["text"] = collapse(result["text"])
    result["problems"] = problems
    return result


@pytest.fixture
def nojs(tab):
    return tab(javascript=False)


def test_every_page_has_visible_content_without_javascript(nojs, site) -> None:
    pages = html_pages(site)
    assert len(pages) > 50
    problems = []
    for path in pages:
        f = facts(nojs, path)
        problems += [f"{path}: {p}" for p in f["problems"]]
        if len(f["text"]) < 80 and path != "/404.html":
            problems.append(f"{path}: almost no visible text ({len(f['text'])} characters)")
        for t in f["tables"]:
            if not t["shown"] or t["rows"] == 0 or t["shownRows"] != t["rows"]:
                problems.append(f"{path}: table #{t['id']} shows {t['shownRows']} of {t['rows']} rows")
        for b in f["badges"]:
            if not b["shown"] or not b["text"]:
                problems.append(f"{path}: a status badge is hidden or has no words")
        if f["liveForms"]:
            problems.append(f"{path}: a form is visible that cannot work without JavaScript: {f['liveForms'][0]}")
    assert not problems, f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("number", [1, 3, 9, 16])
def test_recommendation_page_without_javascript(nojs, data: Data, number: int) -> None:
    rec = data.recommendation(number)
    f = facts(nojs, f"{REPORT_URL}/recommendations/{number}/")
    assert f"Recommendation {number}" in f["h1"]
    for piece in [rec["text"], *rec["actions"], rec["deadline_as_printed"], rec["short_title"]]:
        assert collapse(piece) in f["text"], f"{REPORT_URL}/recommendations/{number}/ lacks {piece[:60]!r}"
    owners = len(data.forces) if "forces" in rec["owners"] else 0
    owners += sum(1 for o in rec["owners"] if o != "forces")
    # Two tables: the owners that have answered, and those that have not.
    owner_tables = [t for t in f["tables"] if t["id"].startswith("owners")]
    assert owner_tables and sum(t["shownRows"] for t in owner_tables) == owners, \
        f"{REPORT_URL}/recommendations/{number}/: the owners table should show {owners} rows: {f['tables']}"
    assert any(b["text"] for b in f["badges"]), "no status in words"


@pytest.mark.parametrize("force_id", ["devon-and-cornwall", "kent", "dyfed-powys"])
def test_force_page_without_javascript(nojs, data: Data, force_id: str) -> None:
    force = data.force(force_id)
    f = facts(nojs, f"{REPORT_URL}/organisations/{force_id}/")
    assert force["name"] in f["h1"]
    summary = [t for t in f["tables"] if t["id"] == f"duties-{force_id}"]
    assert summary and summary[0]["shownRows"] == len(data.force_directed), \
        f"{force_id}: expected a {len(data.force_directed)}-row table of its recommendations: {f['tables']}"
    for rec in data.force_directed:
        assert f"Recommendation {rec['number']}" in f["text"] or rec["short_title"] in f["text"]
    words = {b["text"] for b in f["badges"]}
    assert "Overdue" in words, f"{REPORT_URL}/organisations/{force_id}/ shows no 'Overdue' status: {words}"
    response = data.responses.get(force_id)
    if response:
        for answer in response["responses"]:
            if answer["evidence"]:
                assert collapse(answer["evidence"]) in f["text"], \
                    f"{force_id}: evidence for recommendation {answer['recommendation']} missing"
    else:
        assert "No response published" in f["text"]


def test_matrix_without_javascript(visit, data: Data) -> None:
    v = visit(f"{REPORT_URL}/matrix/", javascript=False)
    grid = v.page.evaluate("""() => [...document.querySelectorAll('#matrix-table tbody tr')]
        .filter(r => r.getClientRects().length)
        .map(r => ({force: r.querySelector('th').innerText.trim(),
                    cells: [...r.querySelectorAll('td')].map(c => c.innerText.trim())}))""")
    owners = [f["name"] for f in data.forces] + [b["name"] for b in data.bodies if b["id"] in data.owning_bodies]
    assert sorted(r["force"] for r in grid) == sorted(owners)
    columns = min(12, len(data.recommendations))  # the first block of the matrix
    for row in grid:
        assert len(row["cells"]) == columns, row
        assert all(row["cells"]), f"{row['force']}: a matrix cell has no words"


def test_case_studies_without_javascript(nojs, data: Data) -> None:
    f = facts(nojs, f"{REPORT_URL}/case-studies/")
    missing = [c["id"] for c in data.case_studies if collapse(c["title"]) not in f["text"]]
    assert not missing, f"the library lacks {missing}"
    for case in data.case_studies[:: max(1, len(data.case_studies) // 5)]:
        page = facts(nojs, f"/case-studies/{case['id']}/")
        for line in case["text"].splitlines():
            piece = collapse(line.strip().removeprefix("- "))
            assert piece[:120] in page["text"], f"/case-studies/{case['id']}/: text missing {piece[:60]!r}"


def test_glossary_and_bodies_without_javascript(nojs, data: Data) -> None:
    f = facts(nojs, "/glossary/")
    missing = [t["id"] for t in data.glossary if collapse(t["term"]) not in f["text"]
               or collapse(t["definition"]) not in f["text"]]
    assert not missing, f"the glossary lacks {missing}"
    for body in data.bodies:
        if body["id"] not in data.owning_bodies:
            continue
        page = facts(nojs, f"{REPORT_URL}/organisations/{body['id']}/")
        assert body["name"] in page["h1"]
        owned = [r for r in data.recommendations if body["id"] in r["owners"]]
        for rec in owned:
            assert rec["short_title"] in page["text"], f"{body['id']} lacks recommendation {rec['number']}"


def test_search_page_explains_itself_without_javascript(nojs) -> None:
    f = facts(nojs, "/search/")
    assert "JavaScript" in f["text"], "without JavaScript the search page should say search needs it"
    assert "Search this site" not in f["text"] and not f["liveForms"], "the search form needs JavaScript: hide it"


def test_page_types_are_all_present(site) -> None:
    types = {page_type(p) for p in html_pages(site)}
    wanted = {"home", "reports-index", "reports-year", "report", "recommendations-index", "recommendation",
              "owner-report", "matrix", "organisations-index", "organisation", "good-practice", "library",
              "case-study", "statistics", "changes", "changes-month", "glossary", "downloads", "search", "list"}
    assert wanted <= types, f"missing page types: {wanted - types}"
