"""The lists behind the counts, in a browser: reached without JavaScript and from the keyboard, narrowed
by the response and deadline filters with it, and free of axe violations in both colour schemes at
1280 and 320 px.
"""

from __future__ import annotations

import re

import pytest
from rectrack.render.list_pages import LIST_PAGE_ROWS

from .sitebuild import REPORT_URL
from .test_accessibility import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NARROW = {"width": 320, "height": 720}
WIDE = {"width": 1280, "height": 900}
NO_RESPONSE = f"{REPORT_URL}/lists/organisations/no-response/"


def number(text: str) -> int:
    return int(re.search(r"\d+", text).group())


def visible_rows(page) -> int:
    return page.locator("#rt-list tbody tr[data-rt-item]:visible").count()


def test_a_count_link_lands_on_its_list_without_javascript(visit) -> None:
    v = visit(f"{REPORT_URL}/", javascript=False)
    link = v.page.locator("a.rt-count", has_text="with no published response").first
    count = number(link.inner_text())
    link.click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith("/lists/organisations/no-response/"), v.page.url
    assert visible_rows(v.page) == count
    responses = v.page.locator("#rt-list tbody tr td:nth-child(2)").all_inner_texts()
    assert responses and set(responses) == {"No response published"}, set(responses)
    assert not v.page.locator("form.rt-filters:visible").count(), "the filter form needs JavaScript: hidden"
    assert not v.log.problems(), v.log.problems()


def test_home_page_counts_reach_their_lists_from_the_keyboard(visit) -> None:
    v = visit("/")
    target = v.page.locator('a.rt-count[href="lists/duties/overdue/"]')
    count = number(target.inner_text())
    href = target.get_attribute("href")
    for _ in range(80):
        v.page.keyboard.press("Tab")
        if v.page.evaluate("() => document.activeElement.getAttribute('href')") == href:
            break
    else:
        pytest.fail(f"Tab never reached the count link {href}")
    v.page.keyboard.press("Enter")
    v.page.wait_for_url(re.compile(r"/lists/duties/"))
    v.page.wait_for_selector("html[data-rt-ready]", state="attached")
    # A list longer than a page is split: this page shows the first rows, its pager reaches the rest.
    shown = visible_rows(v.page)
    assert shown == min(count, LIST_PAGE_ROWS)
    for href in v.page.locator("#rt-list-pages a").evaluate_all("links => links.map(a => a.href)"):
        v.page.goto(href)
        v.page.wait_for_selector("html[data-rt-ready]", state="attached")
        shown += visible_rows(v.page)
    assert shown == count


def test_deadline_filter_on_the_recommendations_table(visit) -> None:
    v = visit(f"{REPORT_URL}/recommendations/")
    passed = number(visit(f"{REPORT_URL}/").page.locator("a.rt-count", has_text="deadline passed").inner_text())
    rows = v.page.locator("#recommendations-table tbody tr[data-rt-item]")
    total = rows.count()
    v.page.select_option("#recommendations-table-deadline", "passed")
    assert v.page.locator("#recommendations-table tbody tr[data-rt-item]:visible").count() == passed < total
    assert "deadline=passed" in v.page.url
    v.page.reload()
    v.page.wait_for_selector("html[data-rt-ready]", state="attached")
    assert v.page.locator("#recommendations-table tbody tr[data-rt-item]:visible").count() == passed


def test_response_filter_offers_incomplete_and_narrows(visit) -> None:
    v = visit(f"{REPORT_URL}/")
    options = v.page.locator("#organisations-table-response option").all_inner_texts()
    assert options == ["All", "Published", "Published, some recommendations not answered", "Not published"]
    v.page.select_option("#organisations-table-response", "no")
    shown = v.page.locator("#organisations-table tbody tr[data-rt-item]:visible").count()
    link = v.page.locator("a.rt-count", has_text="with no published response").first
    assert shown == number(link.inner_text())


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280px", "320px"])
def test_axe_on_a_list_page(browser, server, scheme: str, viewport: dict) -> None:
    """Dark: the reader's setting (prefers-color-scheme), which the theme's palette follows where it
    offers a dark scheme. (Keyboard reach and focus visibility of the list page type are checked with
    every other page type by test_keyboard.py.)"""
    context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
    try:
        page = context.new_page()
        page.goto(server.url(NO_RESPONSE))
        page.wait_for_selector("html[data-rt-ready]", state="attached")
        if scheme == "dark":
            if not page.locator('[data-md-component="palette"]').count():
                pytest.skip("the theme has no dark palette on this branch (mkdocs.yml palette: one scheme)")
            assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
        result = run_axe(page)
        problems = describe(f"{NO_RESPONSE} ({scheme}, {viewport['width']}px)", result)
        assert not problems, "axe found:\n" + "\n".join(problems)
        assert visible_rows(page) == number(page.locator("main h1 + p").inner_text())
    finally:
        context.close()
