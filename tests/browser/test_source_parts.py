"""A long source copy shown in parts (render/source_parts.py): old links to the one page still land.

Before the split, a passage of the report's copy was at ``/sources/NAME/#ANCHOR``; links like that are
in readers' bookmarks and other sites. With scripts, the contents page now at that address sends such
a link on to the part holding the passage (components/source-parts.js); without, its list of parts,
which names each part by its heading, takes the reader there; the parts lead to each other.
"""

from __future__ import annotations

import pytest

from .sitebuild import collapse

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COPY = "/sources/hmicfrs-spotlight-ocsa-mosovo-2026/"
#: A paragraph of the report's chapter on registered sex offenders, a heading in its summary, and the
#: first words of its foreword, each by the anchor it had on the one page.
OLD_LINKS = {
    "during-our-2023-25-peel-inspection-cycle-we": "management-of-registered-sex-offenders/",
    "most-forces-have-good-governance-and-operating-models-for": "summary/",
    "the-investigation-of-online-child-sexual-abuse-and": "foreword/",
}


@pytest.mark.parametrize(("anchor", "part"), OLD_LINKS.items())
def test_an_old_link_to_a_passage_is_sent_on_to_the_part_that_holds_it(visit, site, anchor: str, part: str) -> None:
    assert f'id="{anchor}"' in (site / COPY.strip("/") / part / "index.html").read_text("utf-8")
    v = visit(f"{COPY}#{anchor}")
    v.page.wait_for_url(f"**{COPY}{part}#{anchor}", timeout=10_000)
    v.page.wait_for_selector("html[data-rt-ready]", state="attached")
    assert v.page.evaluate("() => document.querySelector(':target')?.id") == anchor
    top = v.page.evaluate(f"() => document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 400, f"the passage is scrolled into view ({top}px from the top)"
    assert not v.log.problems(), v.log.problems()


def test_the_contents_page_stays_put_without_a_known_anchor(visit) -> None:
    v = visit(f"{COPY}#no-such-passage")
    v.page.wait_for_timeout(300)
    assert v.page.url.endswith(f"{COPY}#no-such-passage")
    v = visit(COPY)
    assert v.page.url.endswith(COPY)
    items = v.page.locator("ol.rt-parts > li > a")
    assert items.count() == 9 and items.first.inner_text() == "Contents"
    # The title page is on the contents page itself: a link to its words stays here, at them.
    v = visit(f"{COPY}#peel-spotlight-report")
    v.page.wait_for_timeout(300)
    assert v.page.url.endswith(f"{COPY}#peel-spotlight-report")
    assert v.page.locator("#peel-spotlight-report").inner_text() == "PEEL spotlight report"


def test_without_scripts_the_list_of_parts_leads_to_the_passage(visit, site) -> None:
    anchor, part = next(iter(OLD_LINKS.items()))
    v = visit(f"{COPY}#{anchor}", javascript=False)
    assert v.page.url.endswith(f"{COPY}#{anchor}"), "nothing runs: the reader is on the contents page"
    text = collapse(v.page.locator(".md-content").inner_text())
    assert "It is long, so it is shown in 9 parts" in text
    heading = v.page.locator("ol.rt-parts").get_by_role("link", name="Management of registered sex offenders",
                                                         exact=True)
    heading.click()
    v.page.wait_for_url(f"**{COPY}{part}")
    assert v.page.locator(f"#{anchor}").count() == 1
    assert v.page.locator("h1").inner_text().strip() == "Management of registered sex offenders"


def test_a_part_leads_to_the_parts_before_and_after_it_and_to_the_contents(visit) -> None:
    v = visit(f"{COPY}summary/")
    nav = v.page.get_by_role("navigation", name="Parts of this copy")
    links = {collapse(a.inner_text()): a.get_attribute("href") for a in nav.get_by_role("link").all()}
    assert links == {"Foreword": "../foreword/", "All 9 parts": "../", "Introduction": "../introduction/"}
    v.page.keyboard.press("Tab")
    for _ in range(60):  # the skip link, the header, the tabs: then the parts' links, by keyboard
        if v.page.evaluate("() => document.activeElement?.textContent") == "Introduction":
            break
        v.page.keyboard.press("Tab")
    else:
        pytest.fail("the next part's link is not reached by Tab")
    v.page.keyboard.press("Enter")
    v.page.wait_for_url(f"**{COPY}introduction/")
    assert not v.log.problems(), v.log.problems()
