"""The reports: the index (by year), each report's overview, its recommendations list and its key figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup

from rectrack.data import quotes
from rectrack.data.model import Statistic
from rectrack.derive import STATES, OwnerReport, RecommendationStatus, ReportStatus, deadline_keys
from rectrack.export import report_calendar
from rectrack.render import charts, lists
from rectrack.render.components import (
    Cell,
    Column,
    Control,
    Row,
    badge,
    filters,
    progress,
    table,
)
from rectrack.render.context import Site
from rectrack.render.facets import states_present, token
from rectrack.render.markdown import inline_quote, md, quote
from rectrack.render.urls import (
    OWNERS_ANSWERED,
    OWNERS_CLAIM_IMPLEMENTED,
    REPORTS,
    Linker,
    download_href,
    library_path,
    matrix_path,
    owner_report_state_path,
    recommendation_owners_path,
    relative,
    report_organisations_list_path,
    report_path,
    report_recommendations_list_path,
    report_recommendations_path,
    reports_list_path,
    reports_table,
    reports_year_list_path,
    reports_year_path,
    statistics_path,
)
from rectrack.text import plural
from rectrack.wording import (
    DEADLINE_FILTER,
    DEADLINE_LISTS,
    REGIMES,
    RESPONSE_LISTS,
    S55_LABELS,
    SOURCE_LINK,
    STATE_LABELS,
    count_phrase,
    deadline_phrase,
    deadline_text,
    implemented_text,
    kind_name,
    response_published,
    responses_text,
    stat_value,
)

#: How many of the newest reports the reports index lists before the links to each year.
LATEST_REPORTS = 10


def reports_pages(site: Site) -> dict[str, str]:
    """The reports index (newest first, then a link per year) and one page per year: no page grows
    with the number of reports beyond one year's worth."""
    by_year: dict[int, list[ReportStatus]] = {}
    for status in site.tracker.reports:
        by_year.setdefault(status.report.published.year, []).append(status)
    newest = sorted(site.tracker.reports, key=lambda s: s.report.published.earliest, reverse=True)
    linker = site.linker(REPORTS)
    pages = {REPORTS: site.render(
        "reports.md.j2", REPORTS,
        latest=reports_summary_table("latest-reports", "The newest reports", newest[:LATEST_REPORTS], site, REPORTS),
        years=[(linker.to(reports_year_path(year), str(year)),
                 linker.count(reports_year_list_path(year), plural(len(items), "report")))
               for year, items in sorted(by_year.items(), reverse=True)],
        total=linker.counted(reports_list_path(), len(site.tracker.reports), "report"),
    )}
    for year, items in by_year.items():
        here = reports_year_path(year)
        ordered = sorted(items, key=lambda s: s.report.published.earliest, reverse=True)
        pages[here] = site.render("reports_year.md.j2", here, year=year,
                                  table=reports_summary_table(reports_table(year), f"Reports published in {year}",
                                                       ordered, site, here))
    return pages


def reports_summary_table(table_id: str, label: str, statuses: Sequence[ReportStatus], site: Site, here: str) -> Markup:
    """Reports, one row each: when and by whom published, and their recommendations by status (each
    count linked to its list)."""
    linker = site.linker(here)
    columns = [Column("report", "Report"), Column("published", "Published"), Column("by", "Published by"),
               Column("recommendations", "Recommendations", numeric=True), Column("state", "Status")]
    rows = []
    for status in statuses:
        report = status.report
        counts = status.by_overall_state()
        summary = Markup("<br>").join(
            badge(s) + Markup(" ") + linker.count(report_recommendations_list_path(report.id, s), str(counts[s]))
            for s in STATES if counts[s])
        total = len(status.recommendations)
        rows.append(Row([
            Cell(linker.report(report.id), header=True),
            Cell(report.published_as_printed),
            Cell(site.publishers(report)),
            Cell(linker.count(f"{report_recommendations_path(report.id)}#recommendations-table", str(total))
                 if total else "0"),
            Cell(summary or Markup("No recommendations recorded")),
        ], {"data-rt-item": ""}))
    return table(table_id, label, columns, rows)


def report_page(site: Site, status: ReportStatus) -> str:
    report = status.report
    here = report_path(report.id)
    linker = site.linker(here)
    counts = status.by_overall_state()
    total = len(status.recommendations)
    owners = status.owners
    responded = len(lists.owners_on(owners, "responded"))
    clocks = Counter(o.clock.state for o in owners if o.clock)

    def count(key: str, n: int, path: str) -> Markup:
        return linker.count(path, count_phrase(key, n))

    deadlines = [count(k, n, report_recommendations_list_path(report.id, k)) for k in ("passed", "due-within")
                 if (n := len(lists.recommendations_on(status.recommendations, k)))]
    responses = [count(k, n, report_organisations_list_path(report.id, k)) for k in ("no-response", "incomplete")
                 if (n := len(lists.owners_on(owners, k)))]
    return site.render(
        "report.md.j2", here,
        report=report,
        status=status,
        publishers=site.publisher_links(report, here),
        published=report.published_as_printed,
        regime=REGIMES[report.regime],
        scope=linker.owners(report.id, report.scope) if report.scope else None,
        known_from=_known_from(site, status, linker),
        summary=_summary(site, status, linker),
        full_text=linker.source(report.source_document, SOURCE_LINK),
        by_state=[(badge(state), progress(counts[state], total, "recommendations",
                                          relative(report_recommendations_list_path(report.id, state), here)))
                  for state in STATES if counts[state]],
        total=total,
        deadlines=deadlines,
        responded=progress(responded, len(owners), "organisations",
                           relative(report_organisations_list_path(report.id, "responded"), here)
                           if responded else None) if owners else None,
        responses=responses,
        clocks=[(badge(s, S55_LABELS[s], family="s55"),
                 linker.count(report_organisations_list_path(report.id, f"s55-{s}"), str(n)))
                for s, n in clocks.items()],
        links=_report_links(site, status, linker),
        organisations=_organisations_table(site, status, linker) if owners else None,
    )


def _known_from(site: Site, status: ReportStatus, linker: Linker) -> Markup | None:
    report = status.report
    cited = quotes.known_from(site.dataset, report)
    if report.known_from is None or cited is None:
        return None
    return quote(report.known_from.quote, Markup("Quoted from ") + linker.report(report.known_from.report),
                 context=linker.passage(cited))


def _summary(site: Site, status: ReportStatus, linker: Linker) -> Markup | None:
    cited = quotes.report_summary(site.dataset, status.report)
    if cited is None or not status.report.summary:
        return None
    return quote(status.report.summary, Markup("Quoted from the report’s summary"), context=linker.passage(cited))


def _report_links(site: Site, status: ReportStatus, linker: Linker) -> list[Markup]:
    report = status.report
    links = [linker.to(report_recommendations_path(report.id), "Every recommendation, with its status")]
    if any(r.duties for r in status.recommendations):
        links.append(linker.to(matrix_path(report.id), "Every organisation against every recommendation (matrix)"))
    if any(c.report == report.id for c in site.dataset.case_studies):
        links.append(linker.to(library_path(report.id), "Its good-practice case studies"))
    if any(s.report == report.id for s in site.dataset.statistics) or any(
            f.report == report.id for f in site.dataset.figures):
        links.append(linker.to(statistics_path(report.id), "Its key figures and charts"))
    # Its own calendar (the downloads page lists only the newest reports'): where it has a deadline to hold.
    if any(d.deadline for d in status.duties) or any(r.recommendation.deadline for r in status.recommendations):
        links.append(Markup('<a href="{}">Its deadlines as a calendar</a> (an .ics file, for a calendar app)').format(
            download_href(report_calendar(report.id).name, linker.here)))
    return links


def _organisations_table(site: Site, status: ReportStatus, linker: Linker) -> dict[str, object]:
    """Every organisation the report addresses: its response, its clock and its duties by state."""
    columns, rows = organisations_rows(status, status.owners, linker)
    kinds = sorted({o.owner.kind for o in status.owners})
    controls = [
        Control("kind", "Kind", [(k, kind_name(k)) for k in kinds]),
        response_control(),
    ]
    table_id = "organisations-table"
    return {"form": filters(table_id, "organisations", controls),
            "table": table(table_id, f"Organisations addressed by the report ({plural(len(rows), 'row')})",
                           columns, rows, sortable=True)}


def response_control() -> Control:
    """The filter by response: published, published but leaving recommendations unanswered, or none."""
    return Control("response", "Response published?", [
        ("yes" if key == "responded" else "no" if key == "no-response" else key, option)
        for key, (option, _, _) in RESPONSE_LISTS.items()])


def response_tokens(owner: OwnerReport) -> str:
    """The values the response filter matches: "yes", "yes incomplete" or "no"."""
    return {"none": "no", "incomplete": "yes incomplete", "complete": "yes"}[owner.response]


def organisations_rows(status: ReportStatus, owners: tuple[OwnerReport, ...],
                       linker: Linker) -> tuple[list[Column], list[Row]]:
    """The columns and rows of a table of ``owners`` of one report (the report's, or one of its lists)."""
    # What a reader looks for first comes first (on a phone it is all that fits beside the name):
    # whether the organisation has responded, then how much is overdue.
    states = sorted(states_present(d.state for o in status.owners for d in o.duties), key=lambda s: s != "overdue")
    has_clock = any(o.clock for o in status.owners)
    columns = [
        Column("organisation", "Organisation", "text"),
        Column("response", "Response", "text"),
    ] + [Column(s, STATE_LABELS[s], "number", numeric=True) for s in states] + (
        [Column("s55", "Section 55 comments", "text")] if has_clock else []) + [
        Column("kind", "Kind", "text")]
    rows = []
    for owner in owners:
        org = owner.owner
        cells = [
            Cell(linker.owner_report(status.report.id, org.id), header=True, sort=org.name),
            Cell(response_published(owner)),
        ] + [Cell(_state_count(linker, owner, s), sort=owner.count(s)) for s in states]
        if has_clock:
            cells.append(Cell(badge(owner.clock.state, S55_LABELS[owner.clock.state], family="s55")
                              if owner.clock else "Not applicable"))
        cells.append(Cell(kind_name(org.kind)))
        rows.append(Row(cells, {
            "data-rt-item": "", "data-rt-kind": org.kind, "data-rt-region": token(org.region or ""),
            "data-rt-response": response_tokens(owner),
        }))
    return columns, rows


def _state_count(linker: Linker, owner: OwnerReport, state: str) -> Markup | str:
    """How many of the organisation's duties on the report are in ``state``, linked to those rows of its
    page for the report (a zero has no list, so it stays text)."""
    count = owner.count(state)
    if not count:
        return str(count)
    return linker.count(owner_report_state_path(owner.report.id, owner.owner.id, state), str(count))


def recommendations_page(site: Site, status: ReportStatus) -> str:
    report = status.report
    here = report_recommendations_path(report.id)
    linker = site.linker(here)
    columns = recommendation_columns()
    statuses = status.recommendations
    owners = list(dict.fromkeys(o for r in statuses for o in r.recommendation.owners))
    controls = [
        Control("state", "Status", [(s, STATE_LABELS[s]) for s in states_present(r.overall_state for r in statuses)]),
        deadline_control(),
        Control("owner", "Who must act", [(o, site.dataset.owner_name(o)) for o in owners]),
        Control("q", "Words in the title"),
    ]
    return site.render(
        "report_recommendations.md.j2", here,
        report=report,
        form=filters("recommendations-table", "recommendations", controls),
        table=table("recommendations-table", "All recommendations (table scrolls sideways)",
                    columns, [recommendation_row(r, linker) for r in statuses], sortable=True),
    )


def recommendation_columns() -> list[Column]:
    return [
        Column("number", "No.", "number", numeric=True),
        Column("title", "Short title (editorial)", "text"),
        Column("owners", "Who must act"),
        Column("deadline", "Deadline", "text"),
        Column("status", "Status", "number"),
        Column("responses", "Responses", "number"),
        Column("implemented", "Implemented (claimed)", "number"),
    ]


def deadline_control() -> Control:
    """The filter by deadline: overdue, due within the "due soon" days, or passed whatever the claim."""
    return Control("deadline", DEADLINE_FILTER, [(key, option) for key, (option, _, _) in DEADLINE_LISTS.items()])


def recommendation_row(status: RecommendationStatus, linker: Linker) -> Row:
    rec = status.recommendation
    state = status.overall_state
    far = status.days if status.days is not None else 10**6
    return Row(
        [
            Cell(linker.recommendation_number(rec), sort=rec.number or 0, header=True,
                 css="" if rec.number is not None else "rt-id"),
            Cell(linker.recommendation(rec, rec.short_title), sort=rec.short_title),
            Cell(linker.owners(rec.report, rec.owners) if rec.owners else Markup(md("Not stated"))),
            Cell(Markup(md(deadline_text(rec.deadline_as_printed))),
                 sort=rec.deadline.isoformat() if rec.deadline else "9999"),
            # Sorts by state first (closed ... no deadline), then by how close the deadline is.
            Cell(badge(state) + Markup("<br>") + md(deadline_phrase(state, status.days)),
                 sort=STATES.index(state) * 10**7 + far),
            # Each count links to the owners it counts, a table on the recommendation's page.
            Cell(linker.count(recommendation_owners_path(rec, OWNERS_ANSWERED), responses_text(status))
                 if status.responded else responses_text(status), sort=status.responded),
            Cell(linker.count(recommendation_owners_path(rec, OWNERS_CLAIM_IMPLEMENTED), implemented_text(status))
                 if status.implemented else implemented_text(status), sort=status.implemented),
        ],
        {"data-rt-item": "", "data-rt-state": state, "data-rt-owner": " ".join(rec.owners),
         "data-rt-deadline": " ".join(deadline_keys(state, status.days)), "data-rt-q": rec.short_title.lower()},
    )


def statistics_page(site: Site, status: ReportStatus) -> str:
    """A report's key figures grouped by section (introduction first), then its redrawn figures."""
    report = status.report
    here = statistics_path(report.id)
    groups: dict[str | None, list[Statistic]] = {}
    for stat in site.dataset.statistics:
        if stat.report == report.id:
            groups.setdefault(stat.section, []).append(stat)
    ordered = [("Introduction", groups[None])] if None in groups else []
    ordered += [(s.title, groups[s.id]) for s in report.sections if s.id in groups]
    linker = site.linker(here)
    tables = [(heading, _statistics_table(f"statistics-{i}", heading, stats, site, linker))
              for i, (heading, stats) in enumerate(ordered, start=1)]
    figures = [
        {"figure": f, "chart": charts.bar_chart(f), "table": charts.figure_table(f),
         "rows": [(row.label, inline_quote(row.quote, linker.passage(quotes.figure_row(site.dataset, f, row))))
                  for row in f.rows]}
        for f in sorted((f for f in site.dataset.figures if f.report == report.id), key=lambda f: f.number)
    ]
    return site.render("statistics.md.j2", here, report=report, groups=tables, figures=figures)


def _statistics_table(table_id: str, heading: str, stats: list[Statistic], site: Site, linker: Linker) -> Markup:
    columns = [Column("label", "Figure (editorial label)"), Column("value", "Value", numeric=True),
               Column("period", "Period"), Column("quote", "Quoted from the report")]
    rows = [Row([Cell(s.label, header=True), Cell(stat_value(s)), Cell(s.period or "Not stated"),
                 Cell(inline_quote(s.quote, linker.passage(quotes.statistic(site.dataset, s))))]) for s in stats]
    return table(table_id, f"Key figures: {heading}", columns, rows)
