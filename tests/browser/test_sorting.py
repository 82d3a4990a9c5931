"""Sortable tables, on one page of every page type that has one (``page_type``), so a new page type
with a sortable table is covered when it appears.

For every sortable column: the header is a button, pressing it sorts the rows ascending by the
cells' ``data-sort`` (or their text), pressing again sorts descending, ``aria-sort`` says which, the
order is in the query string, and a reload (or the link opened in a fresh browser) shows the same order.
"""

from __future__ import annotations

from functools import cmp_to_key
from urllib.parse import parse_qs, urlsplit

import pytest

from .sitebuild import one_page_per_type, page_file, page_type

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: The rows of a table as the test sees them: a stable id given before any sorting, the body (group of
#: rows) it is in, and each cell's sort value (data-sort, else its text).
ROWS = """(id) => {
    const table = document.getElementById(id);
    return [...table.tBodies].flatMap((body, group) => [...body.rows].map(row => {
        if (row.__rtTestId === undefined) row.__rtTestId = row.rowIndex;
        return {id: row.__rtTestId, group,
                values: [...row.cells].map(c => c.hasAttribute('data-sort') ? c.getAttribute('data-sort')
                                                                             : c.textContent)};
    }));
}"""
HEADERS = """(id) => [...document.getElementById(id).querySelectorAll('thead th[data-rt-sort]')].map(th => ({
    key: th.dataset.rtKey, type: th.dataset.rtSort, index: th.cellIndex,
    sort: th.getAttribute('aria-sort'), button: !!th.querySelector('button'),
    label: th.innerText.trim()}))"""


def sortable_pages(site) -> list[str]:
    """The page of each page type (``one_page_per_type``) that has a sortable table."""
    return [path for path in one_page_per_type(site).values()
            if "data-rt-sortable" in page_file(site, path).read_text("utf-8")]


def sort_value(raw: str, kind: str):
    if kind == "number":
        try:
            return float(raw.strip().split()[0])
        except (ValueError, IndexError):
            return 0.0
    return raw.strip().lower()


def expected_order(rows: list[dict], index: int, kind: str, descending: bool) -> list[int]:
    """Within each body of the table (its groups of rows stay in place): ascending by value, ties in the
    order they were in; descending is exactly its reverse."""
    def compare(a: dict, b: dict) -> int:
        x, y = sort_value(a["values"][index], kind), sort_value(b["values"][index], kind)
        return -1 if x < y else 1 if x > y else 0
    ordered = []
    for group in sorted({r["group"] for r in rows}):
        within = [r["id"] for r in sorted((r for r in rows if r["group"] == group), key=cmp_to_key(compare))]
        ordered += within[::-1] if descending else within
    return ordered


def test_there_are_sortable_tables(site) -> None:
    kinds = {page_type(p) for p in sortable_pages(site)}
    assert {"recommendations-index", "report", "organisations-index"} <= kinds, kinds


def test_every_sortable_column_sorts_both_ways_and_keeps_its_order_in_the_url(visit, site) -> None:
    for path in sortable_pages(site):
        v = visit(path)
        page = v.page
        for table_id in page.eval_on_selector_all("table[data-rt-sortable]", "ts => ts.map(t => t.id)"):
            headers = page.evaluate(HEADERS, table_id)
            assert headers and all(h["button"] for h in headers), f"{path}#{table_id}: headers are not buttons"
            assert all(h["sort"] is None for h in headers), f"{path}#{table_id}: sorted before anyone asked"
            initial = page.evaluate(ROWS, table_id)
            for header in headers:
                button = page.locator(f"#{table_id} thead th[data-rt-key='{header['key']}'] button")
                for order, descending in (("ascending", False), ("descending", True)):
                    before = page.evaluate(ROWS, table_id)
                    button.click()
                    after = page.evaluate(ROWS, table_id)
                    want = expected_order(before, header["index"], header["type"], descending)
                    label = f"{path}#{table_id} by {header['label']!r} {order}"
                    assert [r["id"] for r in after] == want, f"{label}: rows are not in order"
                    states = {h["key"]: h["sort"] for h in page.evaluate(HEADERS, table_id)}
                    assert states[header["key"]] == order, f"{label}: aria-sort is {states[header['key']]!r}"
                    assert not [k for k, s in states.items() if s and k != header["key"]], \
                        f"{label}: another column still claims to be sorted: {states}"
                    query = parse_qs(urlsplit(page.url).query)
                    assert query.get(f"{table_id}-sort") == [header["key"]] and \
                        query.get(f"{table_id}-order") == ["desc" if descending else "asc"], \
                        f"{label}: the order is not in the URL ({page.url})"
            # The last order survives a reload and opens the same way from a shared link: sorted from
            # the rendered order (ties as rendered, whatever order earlier presses left them in).
            last = headers[-1]
            by_id = {r["id"]: r["values"] for r in initial}
            want = [by_id[i] for i in expected_order(initial, last["index"], last["type"], True)]
            url = page.url
            page.reload()
            assert [r["values"] for r in page.evaluate(ROWS, table_id)] == want, \
                f"{path}#{table_id}: reload lost the order"
            shared = visit(urlsplit(url).path + "?" + urlsplit(url).query, fresh=True)
            assert [r["values"] for r in shared.page.evaluate(ROWS, table_id)] == want, \
                f"{path}#{table_id}: the shared link {url} does not open sorted"
            restored = {h["key"]: h["sort"] for h in shared.page.evaluate(HEADERS, table_id)}
            assert restored[last["key"]] == "descending", f"{path}#{table_id}: aria-sort not restored: {restored}"
            assert not v.log.problems() and not shared.log.problems(), v.log.problems() + shared.log.problems()


def test_sort_arrows_are_hidden_from_assistive_technology(visit) -> None:
    v = visit("/organisations/")
    icons = v.page.eval_on_selector_all("#organisations-territorial-police-force .rt-sort__icon",
                                        "els => els.map(e => e.getAttribute('aria-hidden'))")
    assert icons and set(icons) == {"true"}, icons


#: A table of two bodies (two groups of rows a count could link to), sorted by the site's own sorter.
GROUPED = """async () => {
    const { mount } = await import(new URL("/assets/components/sortable.js", location.href).href);
    const table = document.createElement("table");
    table.id = "grouped-test";
    table.innerHTML = '<thead><tr><th scope="col" data-rt-sort="text" data-rt-key="name">Name</th></tr></thead>'
        + '<tbody id="group-a"><tr><td>Essex</td></tr><tr><td>Avon</td></tr><tr><td>Kent</td></tr></tbody>'
        + '<tbody id="group-b"><tr><td>Dorset</td></tr><tr><td>Cumbria</td></tr></tbody>';
    document.querySelector("article").append(table);
    mount(table);
    const groups = () => [...table.tBodies].map(b => [b.id, [...b.rows].map(r => r.cells[0].textContent)]);
    table.querySelector("thead button").click();
    const ascending = groups();
    table.querySelector("thead button").click();
    return {ascending, descending: groups()};
}"""


def test_a_table_of_several_bodies_sorts_within_each(visit) -> None:
    """Rows grouped in bodies (a recommendation's owners that claim it is implemented, an organisation's
    duties in one state) stay in their group when sorted, so a count's link still lands on what it counts."""
    v = visit("/")
    result = v.page.evaluate(GROUPED)
    assert result["ascending"] == [["group-a", ["Avon", "Essex", "Kent"]], ["group-b", ["Cumbria", "Dorset"]]]
    assert result["descending"] == [["group-a", ["Kent", "Essex", "Avon"]], ["group-b", ["Dorset", "Cumbria"]]]
