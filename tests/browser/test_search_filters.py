"""The search page's filters (report, organisation, status) over Pagefind's data-pagefind-filter values."""

from __future__ import annotations

import re

import pytest

from .sitebuild import html_pages, page_file
from .test_search import STATUS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def carrying(site, value: str) -> int:
    """How many pages of the built site carry ``data-pagefind-filter="value"`` (and are indexed)."""
    marker = f'data-pagefind-filter="{value}"'
    return sum(1 for path in html_pages(site) if marker in (text := page_file(site, path).read_text("utf-8"))
               and "data-pagefind-body" in text)


def answered(page) -> str:
    page.wait_for_function("(s) => /result/i.test(document.querySelector(s)?.textContent || '')", arg=STATUS,
                           timeout=15_000)
    return page.locator(STATUS).inner_text()


def test_a_status_filter_alone_lists_every_page_with_that_status(visit, site) -> None:
    v = visit("/search/")
    options = v.page.locator("#rt-search-state option").all_inner_texts()
    assert options[0] == "All" and "Overdue" in options
    v.page.select_option("#rt-search-state", "Overdue")
    status = answered(v.page)
    found = re.fullmatch(r"(\d+) results? for every page \(status: Overdue\)", status)
    assert found and int(found.group(1)) == carrying(site, "state:Overdue"), (status, carrying(site, "state:Overdue"))
    assert "state=Overdue" in v.page.url


def test_filters_narrow_a_search_and_survive_a_reload(visit) -> None:
    v = visit("/search/?q=force")
    everything = int(re.match(r"(\d+)", answered(v.page)).group(1))
    report = v.page.locator("#rt-search-report option").nth(1)
    v.page.select_option("#rt-search-report", report.get_attribute("value"))
    v.page.wait_for_function("(s) => /\\(report: /.test(document.querySelector(s)?.textContent || '')", arg=STATUS,
                             timeout=15_000)
    narrowed = answered(v.page)
    fewer = int(re.match(r"(\d+)|No", narrowed).group(1) or 0)
    assert fewer < everything, (narrowed, everything)
    v.page.reload()
    v.page.wait_for_selector("html[data-rt-ready]", state="attached")
    assert answered(v.page) == narrowed
    assert v.page.locator("#rt-search-report").input_value() == report.get_attribute("value")
