"""The list pages: each count the site shows, written out as a static page of what it counts.

"42 with no published response" on a report's page links to the 42 organisations; "297 of 443 duties"
on the home page to the 297 duties. The lists are plain HTML tables (they work without JavaScript;
with it they sort and filter like every table), one row per member, in a table with the id
:data:`LIST_TABLE` so that a test can hold every count link to the length of its list. Members come
from :mod:`rectrack.render.lists`, which the counting pages use too; a list with no members has no
page and its zero is not a link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from markupsafe import Markup

from rectrack.data.model import CaseStudy, ResponseDocument
from rectrack.derive import Duty, Event, OwnerReport, RecommendationStatus, ReportStatus, deadline_keys
from rectrack.render import change_pages, lists
from rectrack.render.components import Cell, Column, Control, FilterForm, Row, badge, filters, table
from rectrack.render.context import Site
from rectrack.render.facets import theme_label, token
from rectrack.render.organisation_pages import organisation_count
from rectrack.render.report_pages import (
    deadline_control,
    organisations_rows,
    recommendation_columns,
    recommendation_row,
    reports_summary_table,
    response_control,
)
from rectrack.render.urls import (
    CASE_STUDIES,
    CHANGES,
    ORGANISATIONS,
    REPORTS,
    Linker,
    case_studies_list_path,
    changes_path,
    documents_list_path,
    duties_list_path,
    event_organisations_path,
    events_list_path,
    organisation_list_path,
    organisations_list_path,
    owner_report_path,
    recommendations_list_path,
    report_organisations_list_path,
    report_path,
    report_recommendations_list_path,
    report_recommendations_path,
    reports_list_path,
)
from rectrack.text import month_year, partial_date_text, plural
from rectrack.wording import (
    LIST_NOTE,
    LIST_PAGE_NOTE,
    LIST_TITLES,
    NO_COPY,
    count_phrase,
    deadline_phrase,
    document_label,
    event_title,
    kind_name,
    list_label,
    recommendation_title,
    response_label,
    response_published,
)

#: The id of the table that holds a list page's members (one ``[data-rt-item]`` row each).
LIST_TABLE = "rt-list"
#: The id of the links to the other pages of a split list (a test sums the rows of every page).
LIST_PAGES = "rt-list-pages"
#: Rows per page of a list. A duty row is about 0.9 KB of HTML, so a page of 200 stays near 200 KB
#: however many reports the tracker holds (issue 11: no page grows without limit, none over 300 KB).
LIST_PAGE_ROWS = 200
#: Rows per page of a list of recommendations: a row (its owners, status, answers, claims and report)
#: is about 1.7 KB, so 200 of them made pages of 332 KB at 170 reports.
RECOMMENDATION_PAGE_ROWS = 100

T = TypeVar("T")


@dataclass(frozen=True)
class ListPage:
    """One page of a list: where it is, which members it holds, how many the whole list holds, and
    every page of the list (their paths), for the links between them."""

    here: str
    members: Sequence[object]
    total: int
    paths: tuple[str, ...]
    #: The most members one page of this list holds.
    rows: int = LIST_PAGE_ROWS

    def caption(self, noun: str) -> str:
        """The table's name: "The 97 duties listed", or on a split list "Duties 201 to 297 of 297"."""
        if len(self.paths) == 1:
            return f"The {self.total} {noun} listed"
        return f"{noun.capitalize()} {self.span(self.paths.index(self.here))} of {self.total}"

    def span(self, index: int) -> str:
        """"201 to 297": which members page ``index`` (from 0) of the list holds."""
        first = index * self.rows + 1
        return f"{first} to {min(first + self.rows - 1, self.total)}"


def _split(members: Sequence[T], path_of: Callable[[int], str],
           rows: int = LIST_PAGE_ROWS) -> list[tuple[ListPage, Sequence[T]]]:
    """A list cut into pages of ``rows``, in order; the first keeps the list's address."""
    chunks = [members[i:i + rows] for i in range(0, len(members), rows)] or [members]
    paths = tuple(path_of(n) for n in range(1, len(chunks) + 1))
    return [(ListPage(paths[n], chunk, len(members), paths, rows), chunk)
            for n, chunk in enumerate(chunks)]


def list_pages(site: Site) -> dict[str, str]:
    """Every list page of the site: per report, across reports, and per organisation."""
    pages: dict[str, str] = {}
    for status in site.tracker.reports:
        pages.update(_report_recommendation_lists(site, status))
        pages.update(_report_organisation_lists(site, status))
        pages.update(_case_study_list(site, status.report.id))
    pages.update(_duty_lists(site))
    pages.update(_whole_lists(site))
    pages.update(_event_organisation_lists(site))
    pages.update(_case_study_list(site, None))
    pages.update(_organisation_lists(site))
    for org in site.dataset.organisations:
        pages.update(_one_organisation_lists(site, org.id))
    return pages


def status_links(linker: Linker, keys: list[tuple[str, int, str]], current: str | None = None) -> list[Markup]:
    """Count links "7 overdue" to each of ``(key, count, list path)``; the current list unlinked."""
    return [Markup(f'<span aria-current="page">{Markup.escape(count_phrase(k, n))}</span>') if k == current
            else linker.count(path, count_phrase(k, n)) for k, n, path in keys]


def _report_recommendation_lists(site: Site, status: ReportStatus) -> dict[str, str]:
    report = status.report
    keyed = [(k, lists.recommendations_on(status.recommendations, k)) for k in lists.STATUS_KEYS]
    keyed = [(k, members) for k, members in keyed if members]
    siblings = [(k, len(m), report_recommendations_list_path(report.id, k)) for k, m in keyed]
    pages = {}
    for key, members in keyed:
        for part, chunk in _split(members, partial(report_recommendations_list_path, report.id, key),
                                  RECOMMENDATION_PAGE_ROWS):
            linker = site.linker(part.here)
            pages[part.here] = _page(
                site, part, LIST_TITLES["report-recommendations"].format(label=list_label(key), title=report.title),
                intro=Markup(f"{len(members)} of the {len(status.recommendations)} recommendations of ")
                + linker.report(report.id) + Markup(f", on {Markup.escape(site.as_of)}."),
                others=status_links(linker, siblings, key), others_label="Recommendations of this report by status",
                form=filters(LIST_TABLE, "recommendations", [deadline_control()]),
                table=_recommendations_table(chunk, part, linker),
                back=linker.to(report_recommendations_path(report.id), "Every recommendation of the report"))
    return pages


def _recommendations_table(members: Sequence[RecommendationStatus], part: ListPage, linker: Linker,
                           with_report: bool = False) -> Markup:
    """Recommendations as the report's table shows them; across reports, with the report of each."""
    rows = [recommendation_row(r, linker) for r in members]
    columns = recommendation_columns()
    if with_report:
        columns.append(Column("report", "Report", "text"))
        for row, status in zip(rows, members, strict=True):
            row.cells.append(Cell(linker.report(status.recommendation.report)))
            row.extra["data-rt-report"] = status.recommendation.report
    return table(LIST_TABLE, part.caption("recommendations"), columns, rows, sortable=True)


def _report_organisation_lists(site: Site, status: ReportStatus) -> dict[str, str]:
    report = status.report
    keyed = [(k, lists.owners_on(status.owners, k)) for k in lists.RESPONSE_KEYS + lists.S55_KEYS]
    keyed = [(k, members) for k, members in keyed if members]
    siblings = [(k, len(m), report_organisations_list_path(report.id, k)) for k, m in keyed]
    pages = {}
    for key, members in keyed:
        for part, chunk in _split(members, partial(report_organisations_list_path, report.id, key)):
            linker = site.linker(part.here)
            columns, rows = organisations_rows(status, tuple(chunk), linker)
            kinds = sorted({o.owner.kind for o in chunk})
            pages[part.here] = _page(
                site, part, LIST_TITLES["report-organisations"].format(label=list_label(key), title=report.title),
                intro=Markup(f"{len(members)} of the {len(status.owners)} organisations that ")
                + linker.report(report.id) + Markup(f" addresses, on {Markup.escape(site.as_of)}."),
                others=status_links(linker, siblings, key), others_label="Organisations of this report by response",
                form=filters(LIST_TABLE, "organisations", [
                    Control("kind", "Kind", [(k, kind_name(k)) for k in kinds]), response_control()]),
                table=table(LIST_TABLE, part.caption("organisations"), columns, rows, sortable=True),
                back=linker.to(f"{report_path(report.id)}#organisations", "Every organisation the report addresses"))
    return pages


def _duty_lists(site: Site) -> dict[str, str]:
    duties = site.tracker.duties
    keyed = [(k, lists.duties_on(duties, k)) for k in lists.STATUS_KEYS]
    keyed = [(k, members) for k, members in keyed if members]
    siblings = [(k, len(m), duties_list_path(k)) for k, m in keyed]
    pages = {}
    for key, members in [(None, list(duties)), *keyed] if duties else []:
        title = LIST_TITLES["duties-all"] if key is None else LIST_TITLES["duties"].format(label=list_label(key))
        for part, chunk in _split(members, partial(duties_list_path, key)):
            linker = site.linker(part.here)
            pages[part.here] = _page(
                site, part, title,
                intro=Markup(f"{_share(len(members), len(duties), 'duty', 'duties')} (one for each organisation that "
                             f"must act on each recommendation) on {Markup.escape(site.as_of)}."),
                others=status_links(linker, siblings, key or ""), others_label="Duties by status",
                form=_duties_form(site, chunk),
                table=_duties_table(chunk, part, linker),
                back=linker.to(ORGANISATIONS, "Every organisation"))
    return pages


def _duties_form(site: Site, members: Sequence[Duty]) -> FilterForm:
    reports = list(dict.fromkeys(d.recommendation.report for d in members))
    kinds = sorted({d.owner.kind for d in members})
    controls = [Control("kind", "Kind", [(k, kind_name(k)) for k in kinds]), deadline_control()]
    if len(reports) > 1:
        controls.insert(0, Control("report", "Report", [(r, site.dataset.report(r).title) for r in reports]))
    return filters(LIST_TABLE, "duties", controls)


def _duties_table(members: Sequence[Duty], part: ListPage, linker: Linker) -> Markup:
    columns = [Column("organisation", "Organisation", "text"), Column("recommendation", "Recommendation", "text"),
               Column("status", "Status", "text"), Column("deadline", "Deadline"),
               Column("response", "Response", "text"), Column("report", "Report", "text")]
    rows = []
    for duty in members:
        rec = duty.recommendation
        rows.append(Row([
            Cell(linker.owner_report(rec.report, duty.owner.id), header=True, sort=duty.owner.name),
            Cell(linker.recommendation(rec, recommendation_title(rec)), sort=f"{rec.report} {rec.number or 0:06d}"),
            Cell(badge(duty.state) + Markup("<br>") + Markup.escape(deadline_phrase(duty.state, duty.days))),
            Cell(duty.deadline_as_printed or "Not stated"),
            Cell(response_label(duty)),
            Cell(linker.report(rec.report)),
        ], {"data-rt-item": "", "data-rt-report": rec.report, "data-rt-kind": duty.owner.kind,
            "data-rt-deadline": " ".join(deadline_keys(duty.state, duty.days))}))
    return table(LIST_TABLE, part.caption("duties"), columns, rows, sortable=True)


def _whole_lists(site: Site) -> dict[str, str]:
    """The lists of everything of one kind across reports, each behind a total the home, about, reports
    and changes pages show: every report, recommendation, published document and event."""
    tracker = site.tracker
    as_of = Markup.escape(site.as_of)
    reports = sorted(tracker.reports, key=lambda s: s.report.published.earliest, reverse=True)
    recommendations = [r for status in tracker.reports for r in status.recommendations]
    documents = sorted((d for status in tracker.reports for o in status.owners for d in o.documents),
                       key=lambda d: (d.published is not None, d.published), reverse=True)
    several = len(tracker.reports) > 1
    specs: list[tuple[int, Sequence[object], Callable[[int], str], str, Markup, Callable, FilterForm | None,
                      tuple[str, str]]] = [
        (LIST_PAGE_ROWS, reports, reports_list_path, LIST_TITLES["reports-all"],
         Markup(f"{_share(len(reports), len(reports), 'report')} the tracker follows, newest first, on {as_of}."),
         lambda chunk, part, linker: reports_summary_table(LIST_TABLE, part.caption("reports"), chunk, site,
                                                           part.here),
         None, (REPORTS, "The reports, by year")),
        (RECOMMENDATION_PAGE_ROWS, recommendations, recommendations_list_path, LIST_TITLES["recommendations-all"],
         Markup(f"{_share(len(recommendations), len(recommendations), 'recommendation')} of the "
                f"{plural(len(reports), 'report')} the tracker follows, on {as_of}."),
         lambda chunk, part, linker: _recommendations_table(chunk, part, linker, with_report=several),
         filters(LIST_TABLE, "recommendations", ([_report_control(site, recommendations)] if several else [])
                 + [deadline_control()]),
         (REPORTS, "The reports, by year")),
        (LIST_PAGE_ROWS, documents, documents_list_path, LIST_TITLES["documents-all"],
         Markup(f"{_share(len(documents), len(documents), 'document')} published in answer to the reports the "
                f"tracker follows, newest first, on {as_of}."),
         _documents_table, None, (ORGANISATIONS, "Every organisation")),
        (LIST_PAGE_ROWS, tracker.events, events_list_path, LIST_TITLES["events-all"],
         Markup(f"{_share(len(tracker.events), len(tracker.events), 'event')} the tracker records, newest first, "
                f"up to {as_of}."),
         lambda chunk, part, linker: _events_table(site, chunk, part, linker), None,
         (CHANGES, "What changed: the latest months")),
    ]
    pages = {}
    for rows, members, path_of, title, intro, make_table, form, (back, back_text) in specs:
        for part, chunk in _split(members, path_of, rows) if members else []:
            linker = site.linker(part.here)
            pages[part.here] = _page(site, part, title, intro=intro, others=[], others_label="", form=form,
                                     table=make_table(chunk, part, linker), back=linker.to(back, back_text))
    return pages


def _share(n: int, total: int, noun: str, nouns: str | None = None) -> str:
    """How much of a whole a list holds: "297 of the 443 duties", "All 443 duties", "The 1 report"."""
    if n < total:  # so the whole is at least two
        return f"{n} of the {plural(total, noun, nouns)}"
    return f"The {plural(n, noun, nouns)}" if n == 1 else f"All {plural(n, noun, nouns)}"


def _event_organisation_lists(site: Site) -> dict[str, str]:
    """For each event whose line counts its organisations, the list of them: who it concerned on the day."""
    pages = {}
    for event in site.tracker.events:
        if not change_pages.counts_organisations(event):
            continue
        title = event_title(event, [o.name for o in event.owners])
        when = partial_date_text(event.when_as)
        month = change_pages.month_of(event)
        for part, chunk in _split(event.owners, partial(event_organisations_path, month, event.key)):
            linker = site.linker(part.here)
            rows = [Row([Cell(linker.owner_report(event.report.id, o.id), header=True, sort=o.name),
                         Cell(kind_name(o.kind))], {"data-rt-item": ""}) for o in chunk]
            pages[part.here] = _page(
                site, part, LIST_TITLES["event-organisations"].format(date=when, title=title),
                intro=Markup(f"{_share(len(event.owners), len(event.owners), 'organisation')} this event concerned, "
                             f"on {Markup.escape(when)}, in ") + linker.report(event.report.id) + Markup("."),
                others=[], others_label="", form=None,
                table=table(LIST_TABLE, part.caption("organisations"),
                            [Column("organisation", "Organisation", "text"), Column("kind", "Kind", "text")], rows,
                            sortable=True),
                back=linker.to(changes_path(month), f"What changed in {month_year(event.when)}"))
    return pages


def _report_control(site: Site, members: Sequence[RecommendationStatus]) -> Control:
    reports = dict.fromkeys(r.recommendation.report for r in members)
    return Control("report", "Report", [(r, site.dataset.report(r).title) for r in reports])


def _documents_table(members: Sequence[ResponseDocument], part: ListPage, linker: Linker) -> Markup:
    columns = [Column("organisation", "Organisation", "text"), Column("document", "Document", "text"),
               Column("report", "Report", "text"), Column("copy", "Copy kept here")]
    rows = [Row([
        Cell(linker.owner_report(d.report, d.owner), header=True, sort=linker.dataset.organisation(d.owner).name),
        Cell(document_label(d), sort=d.published.isoformat() if d.published else ""),
        Cell(linker.report(d.report)),
        Cell(linker.source(d.source.document, "Read the copy") or Markup(NO_COPY)),
    ], {"data-rt-item": ""}) for d in members]
    return table(LIST_TABLE, part.caption("documents"), columns, rows, sortable=True)


def _events_table(site: Site, members: Sequence[Event], part: ListPage, linker: Linker) -> Markup:
    columns = [Column("date", "Date"), Column("event", "What happened"), Column("report", "Report")]
    rows = [Row([
        Cell(Markup('<time datetime="{}">{}</time>').format(entry["iso"], entry["date"])),
        Cell(Markup(entry["text"]), header=True),
        Cell(Markup(entry["report"] or "")),
    ], {"data-rt-item": ""}) for entry in change_pages.entries(site, list(members), part.here)]
    return table(LIST_TABLE, part.caption("events"), columns, rows)


def _case_study_list(site: Site, report_id: str | None) -> dict[str, str]:
    """Every case study of one report (``report_id``) or of every report, in one list: a report's
    library of more than a hundred is split by section, so a total of them needs a list of its own."""
    shown = {s.report.id for s in site.tracker.reports}
    cases = [c for c in site.dataset.case_studies if c.report in shown and report_id in (None, c.report)]
    pages = {}
    for part, chunk in _split(cases, partial(case_studies_list_path, report_id)) if cases else []:
        linker = site.linker(part.here)
        where = (Markup("of ") + linker.report(report_id)) if report_id else Markup("of every report tracked here")
        pages[part.here] = _page(
            site, part, LIST_TITLES["case-studies-all"] if report_id is None else
            LIST_TITLES["report-case-studies"].format(title=site.dataset.report(report_id).title),
            intro=Markup(_share(len(cases), len(cases), "case study", "case studies") + " of good practice ")
            + where + Markup("."),
            others=[], others_label="", form=None, table=_case_studies_table(chunk, part, linker, report_id is None),
            back=linker.to(CASE_STUDIES, "Good practice, by report"))
    return pages


def _case_studies_table(members: Sequence[CaseStudy], part: ListPage, linker: Linker, with_report: bool) -> Markup:
    columns = [Column("case", "Case study", "text"), Column("organisations", "Organisations", "text"),
               Column("themes", "Themes (editorial)", "text")]
    if with_report:
        columns.append(Column("report", "Report", "text"))
    rows = []
    for case in members:
        # The title is not a row header: on a phone row headers are frozen in a narrow column, where a
        # case study's long title made rows a screen tall and a long word in it spilled out of the
        # column, under the next row's frozen cell when focused (WCAG 2.2 SC 2.4.11).
        cells = [Cell(linker.case_study(case.id, case.title), sort=case.title),
                 Cell(Markup(", ").join(linker.organisation(o) for o in case.organisations)),
                 Cell(", ".join(theme_label(t) for t in case.themes))]
        if with_report:
            cells.append(Cell(linker.report(case.report)))
        rows.append(Row(cells, {"data-rt-item": ""}))
    return table(LIST_TABLE, part.caption("case studies"), columns, rows, sortable=True)


def _organisation_lists(site: Site) -> dict[str, str]:
    tracker = site.tracker
    everyone = lists.organisations_on(tracker, None)
    keyed = [(k, lists.organisations_on(tracker, k)) for k in lists.RESPONSE_KEYS]
    keyed = [(k, members) for k, members in keyed if members]
    siblings = [(k, len(m), organisations_list_path(k)) for k, m in keyed]
    pages = {}
    for key, members in [(None, everyone), *keyed]:
        title = LIST_TITLES["organisations-all"] if key is None else LIST_TITLES["organisations"].format(
            label=list_label(key))
        for part, chunk in _split(members, partial(organisations_list_path, key)):
            linker = site.linker(part.here)
            pages[part.here] = _page(
                site, part, title,
                intro=Markup(f"{_share(len(members), len(everyone), 'organisation')} that must act on at least one "
                             f"recommendation, on {Markup.escape(site.as_of)}."),
                others=status_links(linker, siblings, key or ""), others_label="Organisations by response",
                form=filters(LIST_TABLE, "organisations", [
                    Control("kind", "Kind", [(k, kind_name(k)) for k in
                                             sorted({site.dataset.organisation(o).kind for o in chunk})]),
                    response_control()]),
                table=_organisations_table(site, chunk, part, linker),
                back=linker.to(ORGANISATIONS, "Every organisation, by kind"))
    return pages


def _organisations_table(site: Site, members: Sequence[str], part: ListPage, linker: Linker) -> Markup:
    columns = [Column("organisation", "Organisation", "text"), Column("responded", "Reports it has answered",
                                                                       "number", numeric=True),
               Column("overdue", "Overdue", "number", numeric=True),
               Column("reports", "Reports addressing it", "number", numeric=True), Column("kind", "Kind", "text")]
    rows = []
    for org_id in members:
        org = site.dataset.organisation(org_id)
        owned = site.tracker.owner_reports(org_id)
        answered, overdue = len(lists.reports_answered(owned)), len(lists.duties_overdue(owned))
        responses = {o.response for o in owned}
        tokens = ("yes" if answered else "no") + (" incomplete" if "incomplete" in responses else "")
        rows.append(Row([
            Cell(linker.organisation(org_id), header=True, sort=org.name),
            Cell(organisation_count(linker, org_id, "answered", answered), sort=answered),
            Cell(organisation_count(linker, org_id, "overdue", overdue), sort=overdue),
            Cell(organisation_count(linker, org_id, "reports", len(owned)), sort=len(owned)),
            Cell(kind_name(org.kind)),
        ], {"data-rt-item": "", "data-rt-kind": org.kind, "data-rt-region": token(org.region or ""),
            "data-rt-response": tokens}))
    return table(LIST_TABLE, part.caption("organisations"), columns, rows, sortable=True)


def _one_organisation_lists(site: Site, org_id: str) -> dict[str, str]:
    org = site.dataset.organisation(org_id)
    owned = site.tracker.owner_reports(org_id)
    pages = {}
    overdue = lists.duties_overdue(owned)
    for part, duties in _split(overdue, partial(organisation_list_path, org_id, "overdue")) if overdue else []:
        linker = site.linker(part.here)
        pages[part.here] = _page(
            site, part, LIST_TITLES["organisation-overdue"].format(name=org.name),
            intro=Markup(f"{plural(len(overdue), 'duty', 'duties')} of ") + linker.organisation(org_id)
            + Markup(f" {'is' if len(overdue) == 1 else 'are'} overdue on {Markup.escape(site.as_of)}."),
            others=[], others_label="", form=None, table=_duties_table(duties, part, linker),
            back=linker.organisation(org_id, f"Everything about {org.name}"))
    answered = lists.reports_answered(owned)
    for key, members, intro in (
            ("answered", answered, Markup("Reports that address {org} with a published response from it recorded "
                                          "here: {n} of {total}, on {as_of}.")),
            ("reports", owned, Markup("Reports that address {org} (it must act on at least one recommendation of "
                                      "each): {n}, on {as_of}."))):
        for part, reports in _split(members, partial(organisation_list_path, org_id, key)) if members else []:
            linker = site.linker(part.here)
            pages[part.here] = _page(
                site, part, LIST_TITLES[f"organisation-{key}"].format(name=org.name),
                intro=intro.format(n=len(members), total=len(owned), org=linker.organisation(org_id),
                                   as_of=site.as_of),
                others=[], others_label="", form=None, table=_answered_table(reports, part, linker),
                back=linker.organisation(org_id, f"Everything about {org.name}"))
    return pages


def _answered_table(owned: Sequence[OwnerReport], part: ListPage, linker: Linker) -> Markup:
    columns = [Column("report", "Report", "text"), Column("response", "Response", "text"),
               Column("latest", "Latest document"), Column("answered", "Recommendations answered", "number",
                                                            numeric=True)]
    rows = [Row([
        Cell(linker.to(owner_report_path(o.report.id, o.owner.id), o.report.title), header=True, sort=o.report.title),
        Cell(response_published(o)),
        Cell(document_label(o.latest_document) if o.latest_document else ""),
        Cell(f"{o.answered} of {len(o.duties)}", sort=o.answered),
    ], {"data-rt-item": ""}) for o in owned]
    return table(LIST_TABLE, part.caption("reports"), columns, rows, sortable=True)


def _page(site: Site, part: ListPage, title: str, *, intro: Markup, others: list[Markup], others_label: str,
          form: FilterForm | None, table: Markup, back: Markup) -> str:
    """One page of a list. A split list says which part this is and that sorting and filters act on
    this page's rows, and links every page of it (the current one marked, not linked)."""
    linker = site.linker(part.here)
    labels = [part.span(n) for n in range(len(part.paths))]
    pager = [(label, None if path == part.here else linker.to(path, label))
             for label, path in zip(labels, part.paths, strict=True)] if len(part.paths) > 1 else []
    page_note = LIST_PAGE_NOTE.format(page=part.paths.index(part.here) + 1, pages=len(part.paths),
                                      rows=part.rows) if pager else ""
    return site.render("list.md.j2", part.here, title=title, intro=intro, note=LIST_NOTE, others=others,
                       others_label=others_label, form=form, table=table, back=back, pager=pager,
                       pager_id=LIST_PAGES, page_note=page_note)
