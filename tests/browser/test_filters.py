"""Filters on the recommendations table, the matrix and the case-study library.

Each scenario sets a control the way a reader does, then checks what is visible against what the
data says should match, that the state is in the URL (reload and a fresh browser show the same
view) and that "Clear filters" brings every row back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit, urlunsplit

import pytest

from .sitebuild import AS_OF, REPORT_URL, Data

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@dataclass(frozen=True)
class Scenario:
    name: str
    page: str
    target: str  # id of the element whose [data-rt-item] children are filtered
    settings: tuple[tuple[str, str], ...]  # (control key, value) as the reader sets them

    def expected(self, data: Data) -> set[str]:
        return EXPECTED[self.name](data)


def _overall_overdue(data: Data) -> set[str]:
    as_of = date.fromisoformat(AS_OF)
    claims = {(f, r["recommendation"]): r["implementation"] for f, doc in data.responses.items()
              for r in doc["responses"]}
    out = set()
    for rec in data.recommendations:
        owners = [f["id"] for f in data.forces] if "forces" in rec["owners"] else []
        owners += [o for o in rec["owners"] if o != "forces"]
        unclaimed = any(claims.get((o, rec["number"])) != "implemented" for o in owners)
        if date.fromisoformat(str(rec["deadline"])) < as_of and unclaimed:
            out.add(f"{REPORT_URL}/recommendations/{rec['number']}/")
    return out


EXPECTED = {
    "recommendations by owner": lambda d: {f"{REPORT_URL}/recommendations/{r['number']}/" for r in d.recommendations
                                           if "college-of-policing" in r["owners"]},
    "recommendations by words": lambda d: {f"{REPORT_URL}/recommendations/{r['number']}/" for r in d.recommendations
                                           if "visor" in r["short_title"].lower()},
    "recommendations by status": _overall_overdue,
    "matrix by region": lambda d: {f"{REPORT_URL}/organisations/{f['id']}/" for f in d.forces
                                   if f["region"] == "Wales"},
    "matrix by status": lambda d: {f"{REPORT_URL}/organisations/{force}/" for force, doc in d.responses.items()
                                   if any(r["implementation"] == "implemented" for r in doc["responses"])},
    "library by theme": lambda d: {f"/case-studies/{c['id']}/" for c in d.case_studies if "polygraph" in c["themes"]},
    "library by theme and force": lambda d: {f"/case-studies/{c['id']}/" for c in d.case_studies
                                             if "training" in c["themes"] and "warwickshire" in c["organisations"]},
    "library by recommendation": lambda d: {f"/case-studies/{c['id']}/" for c in d.case_studies
                                            if 1 in c["recommendations"]},
}

SCENARIOS = [
    Scenario("recommendations by owner", f"{REPORT_URL}/recommendations/", "recommendations-table",
             (("owner", "college-of-policing"),)),
    Scenario("recommendations by words", f"{REPORT_URL}/recommendations/", "recommendations-table",
             (("q", "ViSOR"),)),
    Scenario("recommendations by status", f"{REPORT_URL}/recommendations/", "recommendations-table",
             (("state", "overdue"),)),
    Scenario("matrix by region", f"{REPORT_URL}/matrix/", "matrix-table", (("region", "wales"),)),
    Scenario("matrix by status", f"{REPORT_URL}/matrix/", "matrix-table", (("state", "implemented"),)),
    Scenario("library by theme", f"{REPORT_URL}/case-studies/", "case-study-library", (("theme", "polygraph"),)),
    Scenario("library by theme and force", f"{REPORT_URL}/case-studies/", "case-study-library",
             (("theme", "training"), ("organisation", "warwickshire"))),
    Scenario("library by recommendation", f"{REPORT_URL}/case-studies/", "case-study-library",
             (("recommendation", "1"),)),
]

VISIBLE_ITEMS = """(target) => {
    const root = document.getElementById(target);
    if (!root) return null;
    return [...root.querySelectorAll('[data-rt-item]')]
        .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map(el => { const a = el.querySelector('a[href]'); return a ? new URL(a.href).pathname : '?'; });
}"""


def visible(page, target: str) -> list[str]:
    items = page.evaluate(VISIBLE_ITEMS, target)
    assert items is not None, f"no element #{target} on {page.url}"
    return items


def control(page, target: str, key: str):
    return page.locator(f"form[data-rt-filter='{target}'] [data-rt-key='{key}']")


def apply(page, scenario: Scenario) -> None:
    for key, value in scenario.settings:
        field = control(page, scenario.target, key)
        assert field.count() == 1, f"{scenario.page}: no filter control '{key}' for #{scenario.target}"
        assert field.is_visible(), f"{scenario.page}: the '{key}' filter is not visible with JavaScript on"
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
            field.press("Tab")
    page.wait_for_timeout(300)  # text filters may debounce


def values(page, scenario: Scenario) -> dict[str, str]:
    return {key: control(page, scenario.target, key).input_value() for key, _ in scenario.settings}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_filter_narrows_survives_reload_and_clears(visit, data: Data, scenario: Scenario) -> None:
    expected = scenario.expected(data)
    v = visit(scenario.page)
    page = v.page
    everything = visible(page, scenario.target)
    assert expected, f"{scenario.name}: the data gives nothing to find (test data problem)"
    assert len(expected) < len(everything), f"{scenario.name}: the filter would not narrow anything"
    start_url = page.url

    apply(page, scenario)
    shown = visible(page, scenario.target)
    assert set(shown) == expected, f"{scenario.name}: showing {sorted(shown)}, expected {sorted(expected)}"
    status = page.locator(f"form[data-rt-filter='{scenario.target}'] [role='status']")
    assert str(len(expected)) in status.inner_text(), \
        f"{scenario.name}: the live status does not say how many match: {status.inner_text()!r}"

    filtered_url = page.url
    assert filtered_url != start_url, f"{scenario.name}: the filter state is not in the URL ({filtered_url})"
    for _, value in scenario.settings:
        assert value in filtered_url or value.lower() in filtered_url.lower(), \
            f"{scenario.name}: {value!r} is not in the URL {filtered_url}"

    page.reload()
    assert set(visible(page, scenario.target)) == expected, f"{scenario.name}: a reload lost the filter"
    assert values(page, scenario) == {k: v for k, v in scenario.settings}, \
        f"{scenario.name}: after a reload the controls do not show the filter"

    parts = urlsplit(filtered_url)
    shared = visit(urlunsplit(("", "", parts.path, parts.query, parts.fragment)), fresh=True)
    assert set(visible(shared.page, scenario.target)) == expected, \
        f"{scenario.name}: the shared URL {filtered_url} does not open the filtered view"

    clear = page.locator(f"form[data-rt-filter='{scenario.target}'] [data-rt-clear]")
    assert clear.is_visible(), f"{scenario.name}: no visible 'Clear filters' button"
    clear.click()
    page.wait_for_timeout(200)
    assert sorted(visible(page, scenario.target)) == sorted(everything), f"{scenario.name}: clearing did not restore"
    assert all(v == "" for v in values(page, scenario).values()), f"{scenario.name}: controls not cleared"
    for _, value in scenario.settings:
        assert value not in urlsplit(page.url).query + urlsplit(page.url).fragment, \
            f"{scenario.name}: the URL still carries the filter after clearing: {page.url}"
    page.reload()
    assert sorted(visible(page, scenario.target)) == sorted(everything), \
        f"{scenario.name}: after clearing and reloading, rows are still filtered"
    assert not v.log.problems() and not shared.log.problems(), v.log.problems() + shared.log.problems()


def test_filter_with_no_match_says_so(visit) -> None:
    v = visit(f"{REPORT_URL}/recommendations/")
    field = control(v.page, "recommendations-table", "q")
    field.fill("zzqqxx-nothing")
    field.press("Tab")
    v.page.wait_for_timeout(300)
    assert visible(v.page, "recommendations-table") == []
    status = v.page.locator("form[data-rt-filter='recommendations-table'] [role='status']").inner_text()
    assert status.strip() and ("0" in status or "no " in status.lower()), \
        f"with nothing matching, the status should say so; it says {status!r}"


def test_matrix_status_filter_marks_the_matching_cells(visit) -> None:
    v = visit(f"{REPORT_URL}/matrix/")
    apply(v.page, Scenario("matrix by status", f"{REPORT_URL}/matrix/", "matrix-table", (("state", "implemented"),)))
    styles = v.page.evaluate("""() => {
        const style = el => { const s = getComputedStyle(el);
            return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.borderTopStyle, s.borderTopWidth,
                    s.fontWeight, s.textDecorationLine].join('|') + '|' + el.className; };
        const rows = [...document.querySelectorAll('#matrix-table tbody tr')].filter(r => r.getClientRects().length);
        const match = [], other = [];
        for (const r of rows) for (const c of r.querySelectorAll('[data-rt-cell-state]'))
            (c.dataset.rtCellState === 'implemented' ? match : other).push(style(c));
        return {match, other};
    }""")
    assert styles["match"], "no implemented cell is visible after filtering by Implemented"
    assert not set(styles["match"]) & set(styles["other"]), \
        "cells matching the status filter look the same as the others (the matrix should mark them)"
