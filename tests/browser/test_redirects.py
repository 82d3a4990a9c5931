"""The first report's old addresses still work: each sends the reader to the page that replaced it,
keeping the query (a filtered list) and the fragment (one answer on a force's page)."""

from __future__ import annotations

import pytest

from .sitebuild import REPORT_URL

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CASES = [
    ("/recommendations/4/", f"{REPORT_URL}/recommendations/4/"),
    ("/recommendations/?state=overdue", f"{REPORT_URL}/recommendations/?state=overdue"),
    ("/forces/kent/#recommendation-4", f"{REPORT_URL}/organisations/kent/#recommendation-4"),
    ("/bodies/npcc/", f"{REPORT_URL}/organisations/npcc/"),
    ("/matrix/", f"{REPORT_URL}/matrix/"),
    ("/forces/", "/organisations/"),
    ("/statistics/", f"{REPORT_URL}/statistics/"),
]


@pytest.mark.parametrize(("old", "new"), CASES)
def test_an_old_address_lands_on_its_new_page(visit, server, old: str, new: str) -> None:
    v = visit(old, wait_until="load")
    v.page.wait_for_url(server.url(new), timeout=10_000)
    assert v.page.url == server.url(new)
    assert v.page.locator("h1").count() == 1


def test_an_old_address_works_without_javascript(visit, server) -> None:
    """The refresh in the page's head does it (the query and fragment are lost without the script)."""
    v = visit("/recommendations/4/", javascript=False, wait_until="load")
    v.page.wait_for_url(server.url(f"{REPORT_URL}/recommendations/4/"), timeout=10_000)
    assert "Recommendation 4" in v.page.locator("h1").inner_text()
