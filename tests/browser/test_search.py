"""Search (Pagefind) in the browser: what a reader sees after typing into the search page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SEARCH_PAGE = "/search/"
#: The search box on the search page: Pagefind UI's input, or any search input in the content area.
BOX = ".pagefind-ui__search-input, .md-content input[type='search']"
RESULT_LINKS = ".pagefind-ui__result-link, .pagefind-ui__result a[href]"
#: How many results a reader sees without asking for more (Pagefind UI's first page is 5).
FIRST_PAGE = 5


def run_search(visit, query: str):
    """Type ``query`` into the search page; return (visit, [result URL paths in order shown])."""
    v = visit(SEARCH_PAGE)
    page = v.page
    box = page.locator(BOX).first
    box.wait_for(state="visible", timeout=10_000)
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        """([sel]) => {
            const msg = document.querySelector('.pagefind-ui__message');
            return document.querySelectorAll(sel).length > 0 || (msg && /result/i.test(msg.textContent));
        }""", arg=[RESULT_LINKS], timeout=15_000)
    page.wait_for_timeout(400)  # Pagefind renders results in batches; let the first batch settle
    links = page.locator(RESULT_LINKS)
    paths: list[str] = []  # one entry per page, in the order shown (sub-results link to the same page)
    for i in range(links.count()):
        link = links.nth(i)
        path = urlsplit(link.get_attribute("href") or "").path
        if link.is_visible() and path not in paths:
            paths.append(path)
    return v, paths


def test_search_page_has_a_labelled_search_box(visit) -> None:
    v = visit(SEARCH_PAGE)
    box = v.page.locator(BOX).first
    box.wait_for(state="visible", timeout=10_000)
    name = box.evaluate("""el => el.getAttribute('aria-label') || (el.labels && el.labels[0] &&
                          el.labels[0].textContent) || el.getAttribute('title') || ''""")
    assert name.strip(), "the search box has no accessible name"
    assert not v.log.problems(), v.log.problems()


def test_polygraph_finds_the_south_yorkshire_and_cumbria_case_studies(visit, data) -> None:
    expected = {f"/case-studies/{c['id']}/" for c in data.case_studies
                if c["force"] in ("south-yorkshire", "cumbria") and "polygraph" in c["text"].lower()}
    assert len(expected) >= 2, "the data should have polygraph case studies from South Yorkshire and Cumbria"
    v, paths = run_search(visit, "polygraph")
    shown = set(paths[:FIRST_PAGE])
    assert expected <= shown, f"'polygraph' should show {sorted(expected)} among the first results; shown: {paths}"
    titles = v.page.locator(".pagefind-ui__result").all_inner_texts()
    for case in data.case_studies:
        if f"/case-studies/{case['id']}/" in expected:
            assert any(case["title"][:40] in " ".join(t.split()) for t in titles), \
                f"the result for {case['id']} does not show its title"
    assert not v.log.problems(), v.log.problems()


@pytest.mark.parametrize("number", [1, 6, 14])
def test_recommendation_number_finds_its_page(visit, number: int) -> None:
    _, paths = run_search(visit, f"recommendation {number}")
    assert f"/recommendations/{number}/" in paths[:3], (
        f"searching 'recommendation {number}' should list /recommendations/{number}/ in the first 3 results; "
        f"got {paths}")


@pytest.mark.parametrize("number", [1, 6, 14])
def test_bare_recommendation_number_finds_its_page(visit, number: int) -> None:
    _, paths = run_search(visit, str(number))
    assert f"/recommendations/{number}/" in paths[:FIRST_PAGE], (
        f"searching '{number}' should list /recommendations/{number}/ among the first results; got {paths}")


@pytest.mark.parametrize("force_id", ["devon-and-cornwall", "lancashire", "dyfed-powys"])
def test_force_name_finds_its_page(visit, data, force_id: str) -> None:
    name = data.force(force_id)["name"]
    _, paths = run_search(visit, name)
    assert f"/forces/{force_id}/" in paths[:3], f"searching {name!r} should list /forces/{force_id}/ first; got {paths}"


def test_search_with_no_match_says_so(visit) -> None:
    v, paths = run_search(visit, "zqxjvbnonsense")
    assert paths == []
    message = v.page.locator(".pagefind-ui__message").inner_text()
    assert "No results" in message or "0 results" in message, message
