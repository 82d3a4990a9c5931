"""Search (Pagefind) in the browser: what a reader sees after typing into the search page.

The search page is our own form (``search.md.j2``) driving Pagefind's JS API from ``components/search.js``:
no Pagefind UI files and no web worker are loaded.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import yaml
from constants import DATA
from fixtures import FICTIONAL, SECOND_REPORT

from .sitebuild import MAIN_REPORT, REPORT_URL, Server, one_page_per_type, two_reports_site

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SEARCH_PAGE = "/search/"
#: The search of the responses' full text (render/response_search.py), linked from the search page.
RESPONSES_PAGE = "/search/responses/"
#: The link on either search page to the other one, which carries the words and filters searched for.
OTHER_SEARCH = ".rt-search__scope a[data-rt-search-carry]"
#: The search box on the search page: the labelled input of its search form.
BOX = "form[role='search'] input[type='search'][name='q']"
#: One link per result: the page title (section links under a result are SUB_LINKS).
RESULT_LINKS = "ol.rt-search__results > li.rt-search__result > .rt-search__title a[href]"
RESULTS = "ol.rt-search__results > li.rt-search__result"
SUB_LINKS = "ol.rt-search__results .rt-search__subs a[href]"
#: The live region that says how many results there are ("12 results for “bail”", "No results for “x”").
STATUS = ".rt-search [role='status']"
MORE = "button.rt-search__more"
#: How many results a reader sees without asking for more.
FIRST_PAGE = 5

#: Resolves once the status line reports the outcome of searching for ``query``.
ANSWERED = """([status, query]) => {
    const msg = document.querySelector(status);
    return !!msg && /result/i.test(msg.textContent) && msg.textContent.includes('\u201c' + query + '\u201d');
}"""


def wait_for_answer(page, query: str) -> None:
    page.wait_for_function(ANSWERED, arg=[STATUS, query], timeout=15_000)


def shown_paths(page) -> list[str]:
    """The result pages shown, in order (one per result)."""
    links = page.locator(RESULT_LINKS)
    paths: list[str] = []
    for i in range(links.count()):
        link = links.nth(i)
        path = urlsplit(link.get_attribute("href") or "").path
        if link.is_visible() and path not in paths:
            paths.append(path)
    return paths


def run_search(visit, query: str, page: str = SEARCH_PAGE, **kwargs):
    """Type ``query`` into a search page; return (visit, [result URL paths in order shown])."""
    v = visit(page, **kwargs)
    page = v.page
    box = page.locator(BOX).first
    box.wait_for(state="visible", timeout=10_000)
    box.click()
    box.press_sequentially(query, delay=20)
    wait_for_answer(page, query)
    return v, shown_paths(page)


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
                if {"south-yorkshire", "cumbria"} & set(c["organisations"]) and "polygraph" in c["text"].lower()}
    assert len(expected) >= 2, "the data should have polygraph case studies from South Yorkshire and Cumbria"
    v, paths = run_search(visit, "polygraph")
    shown = set(paths[:FIRST_PAGE])
    assert expected <= shown, f"'polygraph' should show {sorted(expected)} among the first results; shown: {paths}"
    titles = v.page.locator(RESULTS).all_inner_texts()
    for case in data.case_studies:
        if f"/case-studies/{case['id']}/" in expected:
            assert any(case["title"][:40] in " ".join(t.split()) for t in titles), \
                f"the result for {case['id']} does not show its title"
    assert not v.log.problems(), v.log.problems()


@pytest.mark.parametrize("number", [1, 6, 14])
def test_recommendation_number_finds_its_page(visit, number: int) -> None:
    _, paths = run_search(visit, f"recommendation {number}")
    assert f"{REPORT_URL}/recommendations/{number}/" in paths[:3], (
        f"searching 'recommendation {number}' should list /recommendations/{number}/ in the first 3 results; "
        f"got {paths}")


@pytest.mark.parametrize("number", [1, 6, 14])
def test_bare_recommendation_number_finds_its_page(visit, number: int) -> None:
    _, paths = run_search(visit, str(number))
    assert f"{REPORT_URL}/recommendations/{number}/" in paths[:FIRST_PAGE], (
        f"searching '{number}' should list /recommendations/{number}/ among the first results; got {paths}")


@pytest.mark.parametrize("force_id", ["devon-and-cornwall", "lancashire", "dyfed-powys"])
def test_force_name_finds_its_page(visit, data, force_id: str) -> None:
    name = data.force(force_id)["name"]
    _, paths = run_search(visit, name)
    pages = (f"/organisations/{force_id}/", f"{REPORT_URL}/organisations/{force_id}/")
    assert any(p in paths[:3] for p in pages), f"searching {name!r} should list {force_id}'s page first; got {paths}"


def test_search_with_no_match_says_so(visit) -> None:
    v, paths = run_search(visit, "zqxjvbnonsense")
    assert paths == []
    message = v.page.locator(STATUS).inner_text()
    assert message == "No results for \u201czqxjvbnonsense\u201d", message
    assert v.page.locator(RESULTS).count() == 0
    assert not v.log.problems(), v.log.problems()


def test_search_page_is_a_labelled_search_form_with_a_live_status(visit) -> None:
    v = visit(SEARCH_PAGE)
    page = v.page
    page.locator(BOX).wait_for(state="visible", timeout=10_000)
    facts = page.evaluate("""() => {
        const form = document.querySelector("form[role='search']");
        const input = form.querySelector("input[name='q']");
        const status = document.querySelector(".rt-search [role='status']");
        return {label: input.labels.length ? input.labels[0].textContent.trim() : '',
                labelShown: input.labels.length > 0 && input.labels[0].getClientRects().length > 0,
                submit: !!form.querySelector("button[type='submit'], input[type='submit']"),
                live: status && status.getAttribute('aria-live'),
                fallbackShown: document.getElementById('search-fallback').getClientRects().length > 0};
    }""")
    assert facts["label"] == "Search this site" and facts["labelShown"], facts
    assert facts["submit"], "the search form has no submit button"
    assert facts["live"] == "polite", facts
    assert not facts["fallbackShown"], "with JavaScript the no-JavaScript note should be hidden"
    assert not v.log.problems(), v.log.problems()


def test_first_search_loads_only_pagefind_core_files(visit, site) -> None:
    """One query in a fresh profile: pagefind.js, its wasm, entry/meta, index chunks and the first
    results' fragments; no Pagefind UI files and no web worker, all from this site, under 300 KB."""
    requests: list[str] = []
    v = visit(SEARCH_PAGE, fresh=True)
    v.page.on("request", lambda r: requests.append(r.url))
    box = v.page.locator(BOX)
    box.fill("bail")
    box.press("Enter")
    wait_for_answer(v.page, "bail")
    assert v.page.locator(RESULTS).count() == FIRST_PAGE
    v.page.wait_for_load_state("networkidle")
    pagefind = sorted({urlsplit(u).path for u in requests if "/pagefind/" in urlsplit(u).path})
    names = [p.rsplit("/", 1)[-1] for p in pagefind]
    assert not [n for n in names if n.startswith("pagefind-ui")], f"Pagefind UI files were loaded: {names}"
    assert "pagefind-worker.js" not in names, "Pagefind started its web worker (noWorker was not applied)"
    unexpected = [n for n in names if n.startswith("pagefind-") and n != "pagefind-entry.json"]
    assert not unexpected, f"other Pagefind scripts were loaded: {unexpected}"
    assert "pagefind.js" in names and any(n.startswith("wasm.") for n in names), names
    fragments = [p for p in pagefind if "/fragment/" in p]
    assert len(fragments) == FIRST_PAGE, f"expected the first {FIRST_PAGE} fragments only: {fragments}"
    total = sum((site / p.removeprefix("/")).stat().st_size for p in pagefind)
    assert total < 300_000, f"the first search downloaded {total:,} bytes of Pagefind files: {names}"
    assert not v.log.problems(), v.log.problems()


def test_results_show_titles_marked_excerpts_and_section_links(visit) -> None:
    v, paths = run_search(visit, "bail")
    assert len(paths) == FIRST_PAGE, paths
    results = v.page.evaluate("""(sel) => [...document.querySelectorAll(sel)].map(li => ({
        page: li.querySelector('.rt-search__title a').getAttribute('href'),
        title: li.querySelector('.rt-search__title a').textContent,
        marks: [...li.querySelector(':scope > .rt-search__excerpt').querySelectorAll('mark')].map(m => m.textContent),
        subs: [...li.querySelectorAll('.rt-search__subs a')].map(a => a.getAttribute('href')),
        tags: [...new Set([...li.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))]}))""", RESULTS)
    for r in results:
        assert r["title"].strip(), r
        assert r["marks"] and all("bail" in m.lower() for m in r["marks"]), r
        assert len(r["subs"]) <= 3, r
        assert all(urlsplit(s).path == urlsplit(r["page"]).path and urlsplit(s).fragment for s in r["subs"]), r
        assert set(r["tags"]) <= {"h2", "a", "p", "mark", "ul", "li"}, r
    assert any(r["subs"] for r in results), "no result lists the sections that matched"
    assert not v.log.problems(), v.log.problems()


def test_show_more_results_adds_five_and_keeps_keyboard_focus_in_the_list(visit) -> None:
    v, paths = run_search(visit, "bail")
    page = v.page
    total = int(page.locator(STATUS).inner_text().split()[0])
    assert total > 2 * FIRST_PAGE, f"'bail' should have more than {2 * FIRST_PAGE} results to page through"
    more = page.locator(MORE)
    assert more.is_visible()
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n",
                           arg=[RESULTS, 2 * FIRST_PAGE], timeout=10_000)
    focused = page.evaluate("""(sel) => { const items = [...document.querySelectorAll(sel)];
        return items.indexOf(document.activeElement.closest('li.rt-search__result')); }""", RESULTS)
    assert focused == FIRST_PAGE, "after 'Show more results' focus should move to the first new result"
    assert shown_paths(page)[:FIRST_PAGE] == paths
    assert not v.log.problems(), v.log.problems()


def test_results_are_reached_with_tab_from_the_search_box(visit) -> None:
    v, paths = run_search(visit, "polygraph")
    page = v.page
    page.locator(BOX).focus()
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href and urlsplit(href).path == paths[0], f"Tab after the search button should reach result 1: {href}"
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")


def test_query_in_the_url_runs_on_load_and_follows_the_box(visit) -> None:
    v = visit(SEARCH_PAGE + "?q=polygraph")
    page = v.page
    wait_for_answer(page, "polygraph")
    assert page.locator(BOX).input_value() == "polygraph"
    assert page.locator(RESULTS).count() > 0
    box = page.locator(BOX)
    box.fill("")
    box.press_sequentially("bail", delay=20)
    wait_for_answer(page, "bail")
    assert parse_qs(urlsplit(page.url).query).get("q") == ["bail"], page.url
    page.reload()
    wait_for_answer(page, "bail")
    assert page.locator(BOX).input_value() == "bail"
    assert not v.log.problems(), v.log.problems()


def test_search_shows_the_fallback_and_no_form_without_javascript(visit) -> None:
    v = visit(SEARCH_PAGE, javascript=False)
    assert not v.page.locator("form[role='search']").is_visible()
    fallback = v.page.locator("#search-fallback")
    assert fallback.is_visible() and "JavaScript" in fallback.inner_text()
    assert fallback.locator("a[href]").count() >= 4


def test_search_code_loads_only_on_a_page_with_a_search_form(tab, site) -> None:
    """One page of every type: the search module (and Pagefind) is fetched only where there is a search
    form, and there it is, before the reader types anything."""
    t = tab()
    requested: list[str] = []
    t.page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    chosen = one_page_per_type(site)
    problems = []
    for kind, path in sorted(chosen.items()):
        requested.clear()
        problems += t.go(path)  # waits for <html data-rt-ready>: every module, lazy ones too, is in
        has_form = t.page.locator("[data-rt-pagefind] form[role='search']").count() > 0
        loaded = any(p.endswith("/components/search.js") for p in requested)
        if has_form != loaded:
            problems.append(f"{path} ({kind}): search form {'present' if has_form else 'absent'}, "
                            f"search module {'loaded' if loaded else 'not loaded'}")
        if not has_form and any("/pagefind/" in p for p in requested):
            problems.append(f"{path} ({kind}): Pagefind files fetched on a page without a search form")
    assert "search" in chosen, "no search page in the site"
    assert not problems, "\n".join(problems)


REPORT_COPY = "/sources/hmicfrs-spotlight-ocsa-mosovo-2026/"
REPORT_TITLE = ("The policing response to the investigation of online child sexual abuse and the management of "
                "registered sex offenders")


def test_the_copies_of_the_sources_are_found_but_rank_below_the_page_that_quotes_them(visit) -> None:
    """Words a recommendation quotes find its page first, and the copies of the report and of the response
    after it: the copies' text is weighted down (render/source_pages.py), or the report's copy, which
    holds every recommendation twice, would come first."""
    _, paths = run_search(visit, "Kent internet risk assessment tool")
    copies = [p for p in paths if p.startswith("/sources/")]
    assert paths[0] == f"{REPORT_URL}/recommendations/1/", paths
    report_parts = [p for p in copies if p.startswith(REPORT_COPY)]
    assert report_parts and all(p.count("/") == 4 for p in report_parts), \
        f"the report's copy is found by the parts that hold the words: {paths}"
    v, paths = run_search(visit, "harrowing sexual offences")
    assert f"{REPORT_COPY}foreword/" in paths and all(p.startswith(REPORT_COPY) for p in paths), \
        f"words only the report's copy has find the parts that hold them: {paths}"
    titles = [" ".join(t.split()) for t in v.page.locator(RESULT_LINKS).all_inner_texts()]
    assert f"{REPORT_TITLE}: Foreword" in titles, f"a part's result names its document and section: {titles}"


def test_what_an_organisation_said_is_found_once_on_its_own_page(visit) -> None:
    """Words of an answer's evidence find the organisation's page for the report and the copy of the
    response, not every page that repeats them: the recommendation's history quotes the same evidence,
    and the answer's page quotes it twice (the evidence, then the full text), but the main search indexes
    each once (the evidence there; recommendation.md.j2 leaves the history out, and the full text is the
    search of responses', render/response_search.py). Indexed everywhere it is shown, a national
    tracker's index would hold each answer three times."""
    _, paths = run_search(visit, "wellbeing project University of Exeter")
    owner = f"{REPORT_URL}/organisations/devon-and-cornwall/"
    assert paths and paths[0] == owner, f"the answer's own page comes first: {paths}"
    assert [p for p in paths if not p.startswith("/sources/")] == [owner], \
        f"only the organisation's page and the copy of its response hold the answer: {paths}"


def _unquoted_word(data) -> tuple[int, str]:
    """(recommendation, word) from Devon and Cornwall's full text of an answer that nothing else its page
    on the report shows holds, even as a part of a longer word (its evidence, its notes, its foreword,
    the recommendations' words): a word only the full text has."""
    doc = data.responses["devon-and-cornwall"]
    shown = [doc.get("foreword", "")] + [str(a.get(k, "")) for a in doc["responses"] for k in ("evidence", "note")]
    shown += [str(r.get(k, "")) for r in data.all_recommendations for k in ("short_title", "text", "actions")]
    shown = " ".join(shown).lower()
    for answer in doc["responses"]:
        for word in answer["action"].split():
            if len(word) >= 8 and word.isalpha() and word.lower()[:-2] not in shown:
                return answer["recommendation"], word.lower()
    raise AssertionError("every word of the answers is shown elsewhere on the page: no word to search for")


def test_the_search_of_responses_finds_an_answers_full_text_and_opens_the_page_at_it(visit, data) -> None:
    """A word that only an answer's full text holds: the main search does not find the organisation's page
    by it (it indexes the claims and their evidence, not every answer's words), the search of responses
    does, with a link to the recommendation's place on the page; the link between the two search pages
    takes the words along."""
    number, words = _unquoted_word(data)
    owner = f"{REPORT_URL}/organisations/devon-and-cornwall/"
    name = data.force("devon-and-cornwall")["name"]
    v = visit(SEARCH_PAGE + "?" + urlencode({"q": words, "organisation": name}))
    v.page.wait_for_function(ANSWERED, arg=[STATUS, words], timeout=15_000)
    assert v.page.locator(STATUS).inner_text().startswith("No results"), \
        f"the main search indexed the full text: {shown_paths(v.page)}"
    other = v.page.locator(OTHER_SEARCH)
    carried = parse_qs(urlsplit(other.get_attribute("href") or "").query)
    assert carried.get("q") == [words] and carried.get("organisation") == [name], carried
    other.click()
    v.page.wait_for_url(f"**{RESPONSES_PAGE}?*")
    wait_for_answer(v.page, words)
    assert v.page.locator(BOX).input_value() == words
    paths = shown_paths(v.page)
    assert paths == [owner], f"the search of responses finds the organisation's page on the report: {paths}"
    subs = [urlsplit(h).fragment for h in v.page.locator(SUB_LINKS).evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert f"recommendation-{number}" in subs, f"a result opens the page at the answer: {subs}"
    assert not v.log.problems(), v.log.problems()
    # the anchor is the page's own: following it lands on the recommendation's heading
    v.page.locator(SUB_LINKS).filter(has_text=f"Recommendation {number}:").first.click()
    v.page.wait_for_url(f"**{owner}#recommendation-{number}")
    assert v.page.locator(f"#recommendation-{number}").is_visible()


# --- the search of responses, a page per year of reports ------------------------------------------------

#: The year links of a search of responses (pages.py): one per year of reports with answers.
YEAR_LINKS = "nav.rt-pager a[data-rt-search-carry]"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Server:
    """The shipped report (2026) and the fictional one (2027, tests/fixtures) built with search, served on
    their own port."""
    outcome = two_reports_site(tmp_path_factory)
    assert outcome.ok, outcome.output[-3000:]
    server = Server(outcome.site)
    yield server
    server.close()


def _answer_words(folder) -> set[str]:
    """Every word of at least six letters in the answers ("action") of the response files under ``folder``."""
    found: set[str] = set()
    for path in folder.rglob("*.yaml"):
        for answer in yaml.safe_load(path.read_text("utf-8")).get("responses") or []:
            found |= {w.lower() for w in re.findall(r"[A-Za-z]{6,}", answer.get("action") or "")}
    return found


def test_the_year_links_of_the_search_of_responses_take_the_words_to_that_years_answers(visit, two_years) -> None:
    """With answers to reports of 2026 and 2027, each year has its own search of responses. A reader who
    has searched one year and follows the link to the other finds the same words searched there, over
    that year's answers only, and can come back the same way."""
    shared = _answer_words(SECOND_REPORT / "force_responses") & _answer_words(DATA / "force_responses")
    assert shared, "no word is in both years' answers: nothing to search both years for"
    word = max(sorted(shared), key=len)
    v = visit("/search/responses/?" + urlencode({"q": word}), base=two_years)
    wait_for_answer(v.page, word)
    newer = shown_paths(v.page)
    assert newer and all(p.startswith(f"/reports/{FICTIONAL}/") for p in newer), \
        f"the newest year's search shows 2027's answers only: {newer}"

    older = v.page.locator(YEAR_LINKS).filter(has_text="2026")
    assert parse_qs(urlsplit(older.get_attribute("href") or "").query).get("q") == [word], \
        "the link to 2026 carries the words"
    older.click()
    v.page.wait_for_url("**/search/responses/2026/?*")
    wait_for_answer(v.page, word)
    assert v.page.locator(BOX).input_value() == word
    assert shown_paths(v.page) == [f"/reports/{MAIN_REPORT}/organisations/devon-and-cornwall/"], \
        "2026's search shows 2026's one answering organisation"
    assert v.page.locator("nav.rt-pager [aria-current=page]").inner_text() == "2026"

    v.page.locator(YEAR_LINKS).filter(has_text="2027").click()
    v.page.wait_for_url("**/search/responses/?*")
    wait_for_answer(v.page, word)
    assert shown_paths(v.page) == newer, "back in 2027, the same answers as before"
    assert not v.log.problems(), v.log.problems()
