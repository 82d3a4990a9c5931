"""Pages that would grow with the tracker are split: a report's matrix by blocks of columns, its library
by section, an organisation's reports by year, what changed by month, and the list pages by rows.

The benchmark's generator makes a small national tracker here (the shipped report and five remixed
from it, 2022 to 2026, each of the remixed ones with more case studies than one library page holds).
The shipped report's 16 recommendations already need two matrix pages; an organisation needs more
than ``REPORTS_PER_PAGE`` reports for its page to split, so that threshold is lowered for this module
(the split itself is what is tested, not the number).
"""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from constants import AS_OF, REPO
from rectrack.data.check import load_and_validate
from rectrack.derive import derive
from rectrack.export import downloads_for
from rectrack.render import case_study_pages, organisation_pages
from rectrack.render import pages as page_module
from rectrack.render.case_study_pages import LIBRARY_PAGE_SIZE
from rectrack.render.change_pages import LATEST_MONTHS
from rectrack.render.list_pages import LIST_PAGE_ROWS
from rectrack.render.lists import STATUS_KEYS, duties_on
from rectrack.render.markdown import md
from rectrack.render.matrix_pages import MATRIX_COLUMNS
from rectrack.render.pages import render_pages
from rectrack.render.urls import (
    CASE_STUDIES,
    DOWNLOADS,
    changes_path,
    duties_list_path,
    libraries_year_path,
    library_path,
    matrix_path,
    organisation_path,
    owner_report_path,
    recommendation_path,
    report_path,
)

sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402
from rectrack.wording import DOCUMENT_KINDS  # noqa: E402

#: Reports on one organisation page for this module: most forces are in more than this many.
REPORTS_PER_PAGE = 2
#: Reports whose own calendar the downloads page lists, for this module (the generated set has more).
CALENDARS_LISTED = 2
#: Reports whose libraries the good-practice index lists, for this module.
LATEST_LIBRARIES = 2
#: Reports the About page names one by one, for this module.
ABOUT_REPORTS_LISTED = 1


@pytest.fixture(scope="module")
def bigger(tmp_path_factory):
    data = synthetic.generate(tmp_path_factory.mktemp("bigger"), reports=6, case_studies=LIBRARY_PAGE_SIZE + 20)
    checked = load_and_validate(data)
    assert checked.ok, [p.format() for p in checked.problems[:5]]
    tracker = derive(checked.dataset, AS_OF)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(organisation_pages, "REPORTS_PER_PAGE", REPORTS_PER_PAGE)
        patch.setattr(page_module, "CALENDARS_LISTED", CALENDARS_LISTED)
        patch.setattr(case_study_pages, "LATEST_LIBRARIES", LATEST_LIBRARIES)
        patch.setattr(page_module, "ABOUT_REPORTS_LISTED", ABOUT_REPORTS_LISTED)
        pages = render_pages(tracker)
    return tracker, pages


def _column_numbers(page: str) -> list[str]:
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return re.findall(r'Recommendation </span>([a-z0-9-]+)</a>', head)


def _report_links(page: str) -> list[str]:
    """The reports an organisation page lists in its table, by the id in each row's link."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return re.findall(r'<th scope="row"><a href="[./]*reports/([a-z0-9-]+)/organisations/', body)


def test_every_report_matrix_is_split_into_blocks_that_together_hold_its_recommendations(bigger) -> None:
    tracker, pages = bigger
    split = 0
    for status in tracker.reports:
        wanted = [r.recommendation.local for r in status.recommendations if r.duties]
        if not wanted:
            assert matrix_path(status.report.id) not in pages
            continue
        blocks = -(-len(wanted) // MATRIX_COLUMNS)
        names = [matrix_path(status.report.id, n) for n in range(1, blocks + 1)]
        assert [p for p in pages if p.startswith(f"reports/{status.report.id}/matrix")] == names
        split += blocks > 1
        seen: list[str] = []
        for name in names:
            page = pages[name]
            columns = _column_numbers(page)
            assert 0 < len(columns) <= MATRIX_COLUMNS, name
            seen += columns
            if blocks > 1:
                # Every page links to every other page of the matrix, and says which one it is.
                assert page.count('aria-current="page"') == 1, name
                for other in names:
                    if other != name:
                        assert f'href="../{other.rsplit("/", 1)[1][:-3]}/"' in page, (name, other)
            # Every organisation with a duty in the block is a row.
            in_block = {o.owner.id for o in status.owners
                        if any(d.recommendation.local in columns for d in o.duties)}
            assert page.split("<tfoot")[0].count("data-rt-item") == len(in_block), name
        assert seen == wanted, status.report.id
    assert split >= 1  # the shipped report's 16 recommendations need two pages


def test_a_big_library_is_split_by_report_section_and_lists_every_case_study_once(bigger) -> None:
    tracker, pages = bigger
    dataset = tracker.dataset
    big = [s.report for s in tracker.reports
           if sum(1 for c in dataset.case_studies if c.report == s.report.id) > LIBRARY_PAGE_SIZE]
    assert big
    for report in big:
        index = pages[library_path(report.id)]
        folder = library_path(report.id).removesuffix("index.md")
        section_pages = {p: text for p, text in pages.items() if p.startswith(folder) and p != library_path(report.id)}
        assert section_pages and "<article" not in index  # the index lists sections, not every case study
        for path in section_pages:
            assert f'href="{path.removeprefix(folder)[:-3]}/"' in index, path
        listed = [case for text in section_pages.values()
                  for case in re.findall(r'<h3><a href="(?:\.\./)+case-studies/([a-z0-9-]+)/">', text)]
        assert sorted(listed) == sorted(c.id for c in dataset.case_studies if c.report == report.id)
        for path, text in section_pages.items():
            assert 0 < text.count("<article") <= LIBRARY_PAGE_SIZE, path
        # A case study's page links back to the library page that lists it.
        case = next(c for c in reversed(dataset.case_studies) if c.report == report.id)
        home = next(p for p, text in section_pages.items() if f"/case-studies/{case.id}/\"" in text)
        back = f'href="../../reports/{report.id}/case-studies/{home.rsplit("/", 1)[1][:-3]}/">All its case studies'
        assert back in pages[f"case-studies/{case.id}.md"]
    # A small library stays one page.
    small = next(s.report for s in tracker.reports if s.report not in big
                 and any(c.report == s.report.id for c in dataset.case_studies))
    assert "<article" in pages[library_path(small.id)]


def test_an_organisation_in_many_reports_is_split_by_year(bigger) -> None:
    tracker, pages = bigger
    split = 0
    for org in tracker.dataset.organisations:
        owned = tracker.owner_reports(org.id)
        page = pages[organisation_path(org.id)]
        # A year whose reports only describe good practice from it has a page too (for that good practice).
        years = sorted({o.report.published.year for o in owned}
                       | {tracker.dataset.report(c.report).published.year for c in tracker.dataset.case_studies
                          if org.id in c.organisations}, reverse=True)
        year_pages = sorted(p for p in pages if p.startswith(f"organisations/{org.id}/")
                            and p != organisation_path(org.id) and p.rsplit("/", 1)[1][:4].isdigit())
        described = {c.report for c in tracker.dataset.case_studies if org.id in c.organisations}
        if len(owned) <= REPORTS_PER_PAGE and len(described) <= REPORTS_PER_PAGE:
            assert year_pages == [], org.id
            assert sorted(_report_links(page)) == sorted(o.report.id for o in owned), org.id
            continue
        split += 1
        # The organisation's page lists its newest reports and links every year's page.
        assert _report_links(page) == [o.report.id for o in owned[:REPORTS_PER_PAGE]], org.id
        assert year_pages == sorted(organisation_path(org.id, y) for y in years), org.id
        for year in years:
            assert f'href="{year}/"' in page, (org.id, year)
        listed: list[str] = []
        for year in years:
            here = _report_links(pages[organisation_path(org.id, year)])
            assert sorted(here) == sorted(o.report.id for o in owned if o.report.published.year == year)
            listed += here
        assert Counter(listed) == Counter(o.report.id for o in owned), org.id
    assert split >= 40  # every force is in the shipped report and at least two others


def _good_practice(page: str) -> list[tuple[str, list[str]]]:
    """An organisation page's good practice: (report id of each group's heading, the case studies under it)."""
    section = page.split("{#case-studies}", 1)[1] if "{#case-studies}" in page else ""
    groups = []
    for part in re.split(r"^### ", section, flags=re.MULTILINE)[1:]:
        report = re.match(r'<a href="[./]*reports/([a-z0-9-]+)/"', part)
        assert report, part[:200]
        cases = re.findall(r'^- <a href="[./]*case-studies/([a-z0-9-]+)/"', part, re.MULTILINE)
        groups.append((report.group(1), cases))
    return groups


def test_an_organisation_s_good_practice_is_grouped_by_report_and_split_by_year_with_its_reports(bigger) -> None:
    # Under each report's name (two reports may describe good practice of the same title), newest report
    # first; a page holds at most REPORTS_PER_PAGE reports' worth, and each year's page all of that year's.
    tracker, pages = bigger
    dataset = tracker.dataset
    split = 0
    for org in dataset.organisations:
        cases = [c for c in dataset.case_studies if org.id in c.organisations]
        reports = sorted({c.report for c in cases}, key=lambda r: dataset.report(r).published.earliest, reverse=True)
        expected = [(r, [c.id for c in cases if c.report == r]) for r in reports]
        shown = _good_practice(pages[organisation_path(org.id)])
        if len(reports) <= REPORTS_PER_PAGE and len(tracker.owner_reports(org.id)) <= REPORTS_PER_PAGE:
            assert shown == expected, org.id
            continue
        assert shown == expected[:REPORTS_PER_PAGE], org.id
        split += len(reports) > REPORTS_PER_PAGE
        by_year: list[tuple[str, list[str]]] = []
        for year in sorted({dataset.report(r).published.year for r in reports}, reverse=True):
            here = _good_practice(pages[organisation_path(org.id, year)])
            assert all(dataset.report(r).published.year == year for r, _ in here), (org.id, year)
            by_year += here
        assert by_year == expected, org.id
    assert split >= 1


def test_the_good_practice_index_lists_the_newest_libraries_and_a_page_per_year_lists_every_library_once(
        bigger) -> None:
    tracker, pages = bigger
    dataset = tracker.dataset
    described = {c.report for c in dataset.case_studies}
    newest = sorted((s.report for s in tracker.reports if s.report.id in described),
                    key=lambda r: r.published.earliest, reverse=True)
    assert len(newest) > LATEST_LIBRARIES

    def libraries(page: str) -> list[str]:
        return re.findall(r'^- <a href="[./]*reports/([a-z0-9-]+)/case-studies/">', page, re.MULTILINE)

    index = pages[CASE_STUDIES]
    assert libraries(index) == [r.id for r in newest[:LATEST_LIBRARIES]]
    years = sorted({r.published.year for r in newest}, reverse=True)
    assert sorted(p for p in pages if p.startswith("case-studies/by-year/")) == sorted(
        libraries_year_path(y) for y in years)
    listed: list[str] = []
    for year in years:
        assert f'href="by-year/{year}/"' in index, year
        here = libraries(pages[libraries_year_path(year)])
        assert here == [r.id for r in newest if r.published.year == year], year
        listed += here
    assert listed == [r.id for r in newest]


def test_the_about_page_counts_many_reports_instead_of_naming_each(bigger) -> None:
    tracker, pages = bigger
    about = pages["about.md"]
    sources = about.split("{: #sources }", 1)[1].split("{: #editorial }", 1)[0]
    assert len(tracker.reports) > ABOUT_REPORTS_LISTED
    assert not re.findall(r'href="[./]*reports/[a-z0-9-]+/"', sources)  # no report named one by one
    assert f"{len(tracker.reports)} reports" in re.sub(r"<[^>]+>", "", sources)
    targets = re.findall(r"\]\(([^)#]+\.md)\)", sources)
    assert targets and all(t in pages for t in targets), targets
    month_only = [s.report for s in tracker.reports if s.report.published.day is None]
    assert len(month_only) > ABOUT_REPORTS_LISTED
    assert f"{len(month_only)} of the reports give only the month or year of publication" in about


def test_the_downloads_page_lists_the_newest_reports_calendars_and_each_report_page_links_its_own(bigger) -> None:
    tracker, pages = bigger
    files = {d.name for d in downloads_for(tracker)}
    listed = re.findall(r'<li><a href="\.\./downloads/([^"]+\.ics)">', pages[DOWNLOADS])
    newest = sorted(tracker.reports, key=lambda s: s.report.published.earliest, reverse=True)
    assert len(newest) > CALENDARS_LISTED
    assert listed == ["deadlines.ics"] + [f"deadlines-{s.report.id}.ics" for s in newest[:CALENDARS_LISTED]]
    sentence = f"The calendars of the {len(newest) - CALENDARS_LISTED} earlier reports are on each report's own page"
    assert sentence in pages[DOWNLOADS]
    # Where it sends the reader is a page of the site (the downloads page is at the top of it).
    said = pages[DOWNLOADS].split(sentence, 1)[1].split("\n", 1)[0]
    targets = re.findall(r"\]\(([^)#]+\.md)\)", said)
    assert targets and all(t in pages for t in targets), targets
    for status in tracker.reports:
        own = re.findall(r'<a href="\.\./\.\./downloads/([^"]+)">Its deadlines as a calendar</a>',
                         pages[report_path(status.report.id)])
        if any(d.deadline for d in status.duties):
            assert own == [f"deadlines-{status.report.id}.ics"] and own[0] in files, status.report.id


def test_what_changed_is_split_by_month_and_lists_every_event_once(bigger) -> None:
    tracker, pages = bigger
    months = Counter(f"{e.when:%Y-%m}" for e in tracker.events)
    assert len(months) > LATEST_MONTHS
    index = pages[changes_path()]
    # Beside each month's page, the lists of the organisations its events count ("42 organisations").
    month_pages = sorted(p for p in pages if p.startswith("changes/") and p != changes_path() and "/who-" not in p)
    assert month_pages == sorted(changes_path(m) for m in months)
    for month, count in months.items():
        page = pages[changes_path(month)]
        stamps = re.findall(r'<time datetime="([0-9-]+)">', page)
        assert len(stamps) == count, month
        assert all(stamp.startswith(month.split("-")[0]) for stamp in stamps), month
        assert f'href="{month}/"' in index, month
    # The changes page itself shows the latest months only, newest first.
    latest = sorted(months, reverse=True)[:LATEST_MONTHS]
    shown = re.findall(r'<time datetime="([0-9]{4}-[0-9]{2})', index)
    assert sorted(set(shown), reverse=True) == latest
    assert len(shown) == sum(months[m] for m in latest)


def test_recommendation_pages_link_to_each_answer_instead_of_repeating_it(bigger) -> None:
    tracker, pages = bigger
    status = next(r for s in tracker.reports if s.report.id != synthetic.SHIPPED_REPORT
                  for r in s.recommendations if any(d.responded for d in r.duties))
    rec = status.recommendation
    page = pages[recommendation_path(rec)]
    for duty in status.duties:
        if not duty.responded:
            continue
        answer_page = pages[owner_report_path(rec.report, duty.owner.id)]
        assert f'href="../../organisations/{duty.owner.id}/#recommendation-{rec.local}"' in page
        assert f"{{#recommendation-{rec.local}}}" in answer_page
        # The full answer is quoted on the organisation's page for the report, not on the recommendation's.
        document = duty.answered_in
        caption = md(f"Quoted from the {DOCUMENT_KINDS[document.kind].lower()} by {document.author}")
        # (The caption goes on to say where the words are in the copy, or that no copy is kept.)
        assert f"<figcaption data-pagefind-ignore>{caption}" in answer_page
        assert f"<figcaption data-pagefind-ignore>{caption}" not in page


def _duty_rows(page: str) -> list[tuple[str, str]]:
    """(organisation link, recommendation link) of each row of a duty list page."""
    body = page.split('id="rt-list"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr data-rt-item[^>]*>\s*<th [^>]*><a href="([^"]+)">.*?</th>\s*<td[^>]*><a href="([^"]+)"',
                      body, flags=re.S)


def test_a_long_list_is_split_into_pages_that_together_hold_each_member_once(bigger) -> None:
    tracker, pages = bigger
    split = 0
    for key in STATUS_KEYS:
        members = duties_on(tracker.duties, key)
        if not members:
            continue
        parts = [duties_list_path(key, n) for n in range(1, -(-len(members) // LIST_PAGE_ROWS) + 1)]
        assert sorted(p for p in pages if p.startswith(f"lists/duties/{key}")) == sorted(parts), key
        rows: list[tuple[str, str]] = []
        for number, path in enumerate(parts, start=1):
            here = _duty_rows(pages[path])
            assert 0 < len(here) <= LIST_PAGE_ROWS, (path, len(here))
            rows += here
            if len(parts) > 1:
                # Each page links every other page of the list and marks itself.
                pager = pages[path].split('id="rt-list-pages"', 1)[1].split("</nav>", 1)[0]
                assert pager.count("<a href=") == len(parts) - 1, path
                assert pager.count('aria-current="page"') == 1, path
                assert f"page {number} of {len(parts)}" in pages[path], path
        assert len(rows) == len(members) and len(set(rows)) == len(rows), key
        split += len(parts) > 1
    assert split >= 2  # the overdue list and the passed list at least


def test_a_list_of_recommendations_has_its_own_smaller_pages(tracker, monkeypatch) -> None:
    """A recommendation row is about twice a duty row, so its lists have pages of their own size (at 170
    reports, 200 of them made pages of 332 KB): cut to 5 here, the 18 shipped recommendations take 4 pages,
    each of at most 5 rows, that together hold every recommendation once; the duties keep their size."""
    from rectrack.render import list_pages
    from rectrack.render.context import Site

    monkeypatch.setattr(list_pages, "RECOMMENDATION_PAGE_ROWS", 5)
    pages = list_pages.list_pages(Site(tracker))
    parts = sorted(p for p in pages if p.startswith("lists/recommendations/"))
    total = len(tracker.recommendations)
    assert len(parts) == -(-total // 5), parts
    rows = [re.findall(r'<tr data-rt-item[^>]*>\s*<th [^>]*><a href="([^"]+)"', pages[p]) for p in parts]
    assert all(0 < len(r) <= 5 for r in rows), [len(r) for r in rows]
    assert sum(len(r) for r in rows) == total and "split into pages of 5 rows" in pages[parts[0]]
    duties = [p for p in pages if p.startswith("lists/duties/all") or p == "lists/duties/index.md"]
    assert len(duties) == -(-len(tracker.duties) // LIST_PAGE_ROWS)
