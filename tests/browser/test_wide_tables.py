"""Tables wider than the screen: they say so, the matrix keeps its force column and header row in
view, and on a phone the forces and status tables show what matters first.

Run over one page of every page type (``one_page_per_type``), so new table pages are covered.
"""

from __future__ import annotations

import pytest

from .sitebuild import REPORT_URL, one_page_per_type, page_file

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

REGIONS = """() => [...document.querySelectorAll('[data-rt-scroll]')].map(region => {
    const hint = region.previousElementSibling;
    const hintShown = !!hint && hint.classList.contains('rt-scroll__hint') &&
                      hint.checkVisibility({visibilityProperty: true}) && hint.innerText.trim().length > 0;
    return {label: region.getAttribute('aria-label'), overflows: region.scrollWidth > region.clientWidth + 1,
            overflow: region.dataset.rtOverflow || '', hintShown,
            shadow: getComputedStyle(region).boxShadow};
})"""


def table_pages(site) -> dict[str, str]:
    return {kind: path for kind, path in one_page_per_type(site).items()
            if "data-rt-scroll" in page_file(site, path).read_text("utf-8")}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_table_that_scrolls_says_so_and_one_that_fits_does_not(tab, site, viewport) -> None:
    t = tab(viewport=viewport)
    problems, overflowing = [], 0
    for kind, path in table_pages(site).items():
        problems += t.go(path)
        for region in t.page.evaluate(REGIONS):
            where = f"[{kind}] {path} {region['label']!r}"
            if region["overflows"]:
                overflowing += 1
                if not region["hintShown"]:
                    problems.append(f"{where}: scrolls sideways but shows no hint saying so")
                if region["overflow"] != "end" or region["shadow"] == "none":
                    problems.append(f"{where}: at the start, the far edge should be marked (data-rt-overflow="
                                    f"{region['overflow']!r}, box-shadow {region['shadow']!r})")
            elif region["hintShown"] or region["overflow"]:
                problems.append(f"{where}: fits, yet says it scrolls")
    if viewport is PHONE:
        assert overflowing >= 3, f"only {overflowing} tables overflow at 375px: the test data is too narrow"
    assert not problems, "\n".join(problems)


def test_the_scroll_cue_follows_the_scroll_position(visit) -> None:
    v = visit(f"{REPORT_URL}/", viewport=PHONE)
    region = v.page.locator("[data-rt-scroll]:has(#organisations-table)")
    marks = []
    for fraction in (0, 0.5, 1):
        region.evaluate("(r, f) => r.scrollTo({left: (r.scrollWidth - r.clientWidth) * f})", fraction)
        v.page.wait_for_timeout(100)  # scroll events arrive with the next frame
        marks.append(region.get_attribute("data-rt-overflow"))
    assert marks == ["end", "start end", "start"], marks


FROZEN = """(table) => {
    const t = document.querySelector(table), region = t.closest('[data-rt-scroll]');
    region.scrollIntoView();
    region.scrollTo({left: region.scrollWidth, top: region.scrollHeight / 2});
    const box = region.getBoundingClientRect();
    const rows = [...t.tBodies[0].rows].filter(r => { const b = r.getBoundingClientRect();
                                                       return b.top > box.top + 40 && b.bottom < box.bottom; });
    const row = rows[0], head = row.cells[0].getBoundingClientRect();
    const col = t.tHead.rows[0].cells[t.tHead.rows[0].cells.length - 1].getBoundingClientRect();
    return {scrolledLeft: region.scrollLeft > 0, scrolledDown: region.scrollTop > 0,
            rowHeaderAtLeft: Math.abs(head.left - box.left - region.clientLeft) < 2,
            rowHeaderShown: document.elementFromPoint(head.left + 5, head.top + head.height / 2)?.closest('th') ===
                            row.cells[0],
            headerRowAtTop: Math.abs(col.top - box.top - region.clientTop) < 2,
            headerShown: document.elementFromPoint(col.left + col.width / 2, col.top + 5)?.closest('th') ===
                         t.tHead.rows[0].cells[t.tHead.rows[0].cells.length - 1]};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_matrix_keeps_its_force_column_and_header_row_in_view(visit, viewport) -> None:
    v = visit(f"{REPORT_URL}/matrix/", viewport=viewport)
    state = v.page.evaluate(FROZEN, "#matrix-table")
    if viewport is PHONE:
        assert state["scrolledLeft"], f"the matrix should be wider than a phone: {state}"
    if state["scrolledLeft"]:
        assert state["rowHeaderAtLeft"] and state["rowHeaderShown"], f"the force column scrolled away: {state}"
    assert state["scrolledDown"], f"the matrix should scroll down inside its region: {state}"
    assert state["headerRowAtTop"] and state["headerShown"], f"the header row scrolled away from its cells: {state}"


#: What matters first, per table: the row's name, its response, what is overdue.
FIRST = {
    "report": ("#organisations-table", [r"^Organisation", r"^Response", r"^Overdue"]),
    "organisations-index": ("#organisations-territorial-police-force", [r"^Organisation", r"^Reports it has answered",
                                                                       r"^Overdue"]),
    "recommendation": ("table[id^='owners-']", [r"^Who must act", r"^Status", r"^Response"]),
    "owner-report": ("table[id^='duties-']", [r"^Recommendation", r"^Status", r"^Implementation"]),
}
COLUMNS = """([table, patterns]) => {
    const t = document.querySelector(table), region = t.closest('[data-rt-scroll]');
    region.scrollTo({left: 0});
    const box = region.getBoundingClientRect();
    return patterns.map(p => {
        const th = [...t.tHead.rows[0].cells].find(c => new RegExp(p).test(c.innerText.trim()));
        if (!th) return {pattern: p, found: false};
        const r = th.getBoundingClientRect();
        return {pattern: p, found: true, text: th.innerText.trim(), left: r.left, right: r.right,
                inside: r.left >= box.left - 1 && r.right <= box.left + region.clientWidth + 1};
    });
}"""


def test_on_a_phone_the_forces_and_status_tables_show_what_matters_first(tab, site) -> None:
    pages = one_page_per_type(site)
    t = tab(viewport=PHONE)
    problems = []
    for kind, (table, patterns) in FIRST.items():
        problems += t.go(pages[kind])
        for column in t.page.evaluate(COLUMNS, [table, patterns]):
            if not column["found"]:
                problems.append(f"{pages[kind]} {table}: no column matching {column['pattern']!r}")
            elif not column["inside"]:
                name = " ".join(column["text"].split())
                problems.append(f"{pages[kind]} {table}: {name!r} is cut off "
                                f"at 375px (its header spans {column['left']:.0f}-{column['right']:.0f}px)")
    assert not problems, "\n".join(problems)


#: Every piece of text in a frozen row header (its client boxes) that reaches past the header's own box.
SPILLS = """() => [...document.querySelectorAll('table.rt-table tbody th[scope="row"]')].flatMap(th => {
    if (getComputedStyle(th).position !== 'sticky') return [];
    const box = th.getBoundingClientRect();
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    const spilt = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // text for screen readers only sits in a 1 px clipped box and is drawn nowhere
        if (node.parentElement.getBoundingClientRect().width <= 1) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if ([...range.getClientRects()].some(r => r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)))
            spilt.push(th.innerText.trim().slice(0, 60));
    }
    return spilt;
})"""


def test_on_a_phone_no_frozen_row_header_spills_out_of_its_column(tab, site) -> None:
    """A frozen row header is a narrow column on a phone; a word longer than it (Material's links do not
    inherit the cell's ``overflow-wrap``) spilled out under the next column, where a focused link was
    hidden. Every page type's tables, and the longest names: every organisation."""
    pages = {**table_pages(site), "organisations-list": "/lists/organisations/"}
    t = tab(viewport=PHONE)
    problems = []
    for kind, path in pages.items():
        problems += t.go(path)
        problems += [f"[{kind}] {path}: {text!r} spills out of its frozen column" for text in t.page.evaluate(SPILLS)]
    assert not problems, "\n".join(sorted(set(problems))[:30])
