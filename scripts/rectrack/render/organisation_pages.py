"""The organisations: the index (by kind), each one across reports, and each one on each report.

The page for one organisation on one report is where its answers live in full: every dated document
it published (first comments, updates, action plans), for each recommendation the history of its
answers and of the inspectorate's verdicts, and the report's statutory clock where one applies.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from rectrack.data import quotes
from rectrack.data.kinds import response_folder
from rectrack.data.model import Answer, CaseStudy, Evidence, Organisation, Report, ResponseDocument
from rectrack.derive import STATES, Duty, OwnerReport
from rectrack.render import lists
from rectrack.render.components import (
    Cell,
    Column,
    Control,
    Group,
    Row,
    badge,
    deadline_cell,
    filters,
    implementation_badge,
    table,
    verdict_text,
)
from rectrack.render.context import Site
from rectrack.render.facets import regions, token
from rectrack.render.markdown import md, quote
from rectrack.render.response_search import owner_facets, owner_report_title
from rectrack.render.urls import (
    ORGANISATIONS,
    Linker,
    external_link,
    organisation_list_path,
    organisation_path,
    organisation_reports_table,
    owner_report_path,
    owner_report_state_path,
    response_form_link,
    state_group,
    word_template_link,
)
from rectrack.text import partial_date_text, plural
from rectrack.wording import (
    DOCUMENT_KINDS,
    IMPLEMENTATION_LABELS,
    NO_RESPONSE,
    ORGANISATION_KINDS,
    S55_LABELS,
    SOURCE_LINK,
    STATE_LABELS,
    TEMPLATE_LINK,
    VERDICT_LABELS,
    answerer_text,
    completeness_text,
    deadline_phrase,
    document_date,
    document_label,
    kind_name,
    recommendation_title,
    recommendations_named,
    response_label,
    response_published,
    s55_reason,
)

#: Most reports one organisation page lists; beyond it, the page lists years and each year has a page.
REPORTS_PER_PAGE = 20


def organisations_index(site: Site) -> str:
    """Every organisation the tracker names, by kind, with its duties across reports."""
    linker = site.linker(ORGANISATIONS)
    tracker = site.tracker
    sections = []
    for kind in ORGANISATION_KINDS:
        orgs = [o for o in site.dataset.organisations if o.kind == kind]
        if not orgs:
            continue
        # What a reader looks for first comes first (on a phone it is all that fits beside the name).
        columns = [Column("organisation", "Organisation", "text"),
                   Column("responded", "Reports it has answered", "number", numeric=True),
                   Column("overdue", STATE_LABELS["overdue"], "number", numeric=True),
                   Column("reports", "Reports addressing it", "number", numeric=True)]
        if any(o.region for o in orgs):
            columns.append(Column("region", "Region", "text"))
        rows = []
        for org in orgs:
            owned = tracker.owner_reports(org.id)
            answered, overdue = len(lists.reports_answered(owned)), len(lists.duties_overdue(owned))
            cells = [Cell(linker.organisation(org.id), header=True, sort=org.name),
                     Cell(organisation_count(linker, org.id, "answered", answered), sort=answered),
                     Cell(organisation_count(linker, org.id, "overdue", overdue), sort=overdue),
                     Cell(organisation_count(linker, org.id, "reports", len(owned)), sort=len(owned))]
            if any(o.region for o in orgs):
                cells.append(Cell(org.region or "Not recorded"))
            rows.append(Row(cells, {"data-rt-item": "", "data-rt-region": token(org.region or ""),
                                    "data-rt-answered": "yes" if answered else "no"}))
        table_id = f"organisations-{kind}"
        form = None
        if kind == "territorial-police-force":
            form = filters(table_id, "forces", [
                Control("region", "Region", regions(orgs)),
                Control("answered", "Has answered a report?", [("yes", "Yes"), ("no", "No")]),
            ])
        count = linker.count(f"{ORGANISATIONS}#{table_id}", plural(len(orgs), "organisation"))
        sections.append({"kind": kind, "heading": kind_name(kind, many=True), "count": count, "form": form,
                         "table": table(table_id, kind_name(kind, many=True), columns, rows, sortable=True)})
    return site.render("organisations.md.j2", ORGANISATIONS, sections=sections)


def organisation_count(linker: Linker, org_id: str, key: str, count: int) -> Markup:
    """An organisation's count of reports answered, duties overdue or reports addressing it, linked to its
    list when not zero."""
    return linker.count(organisation_list_path(org_id, key), str(count)) if count else Markup(str(count))


def organisation_pages(site: Site, org: Organisation) -> dict[str, str]:
    """One organisation across reports, newest report first, with the good practice it is the source of;
    split by year beyond ``REPORTS_PER_PAGE`` reports or reports with good practice from it.

    Split, the page keeps the newest ``REPORTS_PER_PAGE`` of each and links a page per year that holds
    all of that year's: neither the reports an organisation is addressed by nor the ones that describe its
    good practice (which need not address it) make one page grow with the tracker.
    """
    owned = site.tracker.owner_reports(org.id)
    cases = _good_practice(site, org)
    here = organisation_path(org.id)
    if len(owned) <= REPORTS_PER_PAGE and len(cases) <= REPORTS_PER_PAGE:
        return {here: _organisation(site, org, owned, cases, here)}
    years = sorted({o.report.published.year for o in owned} | {r.published.year for r, _ in cases}, reverse=True)
    linker = site.linker(here)
    pages = {here: _organisation(site, org, owned[:REPORTS_PER_PAGE], cases[:REPORTS_PER_PAGE], here,
                                 years=[(linker.to(organisation_path(org.id, y), str(y)),
                                         _year_count(sum(1 for o in owned if o.report.published.year == y)))
                                        for y in years],
                                 more_cases=len(cases) > REPORTS_PER_PAGE)}
    for year in years:
        page = organisation_path(org.id, year)
        pages[page] = _organisation(site, org, tuple(o for o in owned if o.report.published.year == year),
                                    [(r, c) for r, c in cases if r.published.year == year], page, year=year)
    return pages


def _year_count(reports: int) -> str:
    """What a year's link says it holds: the number of reports addressing the organisation, or that the
    year has only reports describing good practice from it."""
    return str(reports) if reports else "good practice only"


def _good_practice(site: Site, org: Organisation) -> list[tuple[Report, list[CaseStudy]]]:
    """The case studies that name ``org``, by report, newest report first (as the reports are listed):
    under its report's name, two reports' case studies of the same title are told apart."""
    by_report: dict[str, list[CaseStudy]] = {}
    for case in site.dataset.case_studies:
        if org.id in case.organisations and site.tracker.shown(case.report):
            by_report.setdefault(case.report, []).append(case)
    reports = sorted((site.dataset.report(r) for r in by_report), key=lambda r: r.published.earliest, reverse=True)
    return [(report, by_report[report.id]) for report in reports]


def _organisation(site: Site, org: Organisation, owned: tuple[OwnerReport, ...],
                  cases: list[tuple[Report, list[CaseStudy]]], here: str, *,
                  years: list | None = None, year: int | None = None, more_cases: bool = False) -> str:
    linker = site.linker(here)
    columns = [Column("report", "Report"), Column("published", "Report published"), Column("response", "Response"),
               Column("clock", "Statutory clock"), Column("states", "Its recommendations"),
               Column("latest", "Latest document")]
    rows = [Row([
        Cell(linker.to(owner_report_path(o.report.id, org.id), o.report.title), header=True),
        Cell(partial_date_text(o.report.published)),
        Cell(response_published(o)),
        Cell(badge(o.clock.state, S55_LABELS[o.clock.state], family="s55") if o.clock else "None applies"),
        # Each state's count links to those duties, a group of rows on the page for the report.
        Cell(Markup("<br>").join(badge(s) + Markup(" ") + linker.count(
            owner_report_state_path(o.report.id, org.id, s), str(o.count(s))) for s in STATES if o.count(s))
             or Markup("None")),
        Cell(document_label(o.latest_document) if o.latest_document else NO_RESPONSE),
    ], {"data-rt-item": ""}) for o in owned]
    answerer = org.answerer(site.tracker.as_of)
    return site.render(
        "organisation.md.j2", here,
        glance=None if year else _glance(site, org, linker),
        org=org,
        kind=kind_name(org.kind),
        answerer=f"{answerer.title}" if answerer else None,
        governance=org.governance,
        year=year,
        years=years,
        table=table(organisation_reports_table(org.id), f"Reports addressing {org.name}", columns, rows)
        if rows else None,
        cases=[{"report": linker.report(report.id, report.title),
                 "published": partial_date_text(report.published), "cases": found} for report, found in cases],
        more_cases=more_cases,
    )


def _glance(site: Site, org: Organisation, linker: Linker) -> Markup | None:
    """The organisation's totals across every report, each linked to its list: what a reader who asks
    "is my force doing what it was asked?" wants before the table of reports (which may be split by year,
    so that it cannot be counted by eye)."""
    owned = site.tracker.owner_reports(org.id)
    if not owned:
        return None
    answered, overdue = len(lists.reports_answered(owned)), len(lists.duties_overdue(owned))
    duties = plural(sum(len(o.duties) for o in owned), "recommendation")
    reports = linker.counted(organisation_list_path(org.id, "reports"), len(owned), "report")
    name = Markup(md(org.name))
    said = (Markup("a response from it is recorded for ") + organisation_count(linker, org.id, "answered", answered)
            + Markup(" of them" if len(owned) > 1 else "") if answered else Markup("no response from it is recorded"))
    late = (organisation_count(linker, org.id, "overdue", overdue)
            + Markup(f" of the {duties} it must act on {'is' if overdue == 1 else 'are'} overdue") if overdue
            else Markup(f"none of the {duties} it must act on is overdue"))
    verb = "addresses" if len(owned) == 1 else "address"
    return (Markup(f"<strong>On {Markup.escape(site.as_of)}:</strong> ") + reports
            + Markup(f" {verb} {name}; ") + said + Markup(", and ") + late + Markup("."))


def owner_report_page(site: Site, owner: OwnerReport) -> str:
    """One organisation on one report: documents, the clock, and each recommendation's history."""
    report, org = owner.report, owner.owner
    here = owner_report_path(report.id, org.id)
    linker = site.linker(here)
    documents = [{
        "doc": doc,
        "label": document_label(doc),
        "kind": DOCUMENT_KINDS[doc.kind],
        "date": document_date(doc),
        "source": external_link(doc.source.title, doc.source.url) if doc.source.url else None,
        "full_text": linker.source(doc.source.document, SOURCE_LINK),
        "foreword": _foreword(site, doc, linker),
        "answers": len(doc.answers),
    } for doc in owner.documents]
    items = [_duty_view(site, duty, linker) for duty in owner.duties]
    return site.render(
        "owner_report.md.j2", here,
        title=owner_report_title(owner),
        facets=owner_facets(owner),
        report=report,
        org=org,
        owner=owner,
        answerer=answerer_text(owner),
        published="; ".join(filter(None, (response_published(owner), completeness_text(owner)))),
        s55=badge(owner.clock.state, S55_LABELS[owner.clock.state], family="s55") if owner.clock else None,
        s55_reason=s55_reason(owner.clock) if owner.clock else None,
        documents=documents,
        summary_table=_summary_table(owner, linker),
        items=items,
        unanswered=owner.unanswered,
        unanswered_names=recommendations_named([d.recommendation for d in owner.unanswered]),
        answered=owner.answered,
        folder_hint=_folder_hint(owner),
        word_template=word_template_link(report.id, org.id, here, TEMPLATE_LINK),
        form_href=escape(response_form_link(report.id, org.id, here)),
    )


def _foreword(site: Site, doc: ResponseDocument, linker: Linker) -> Markup | None:
    cited = quotes.foreword(site.dataset, doc)
    if cited is None or not doc.foreword:
        return None
    return quote(doc.foreword, Markup(f"Quoted from the {md(DOCUMENT_KINDS[doc.kind].lower())} by {md(doc.author)}"),
                 context=linker.passage(cited))


def _answer_evidence(site: Site, doc: ResponseDocument, answer: Answer, linker: Linker) -> Markup | None:
    """The quote a claimed status cites. The main search indexes it, and not the answer's full text
    below it (the search of responses has that, render/response_search.py): the claim and its evidence
    are what the tracker says of the organisation, found without fetching every answer's words."""
    cited = quotes.answer_evidence(site.dataset, doc, answer)
    if cited is None or not answer.evidence:
        return None
    return quote(answer.evidence, Markup(f"Evidence quoted from the {md(DOCUMENT_KINDS[doc.kind].lower())}"),
                 css="rt-quote rt-quote--evidence", context=linker.passage(cited))


def _folder_hint(owner: OwnerReport) -> str:
    """Where a response by this organisation to this report goes in the data (the page says how to add one)."""
    return f"{response_folder(owner.owner.kind).path}/{owner.report.id}/{owner.owner.id}.yaml"


def _summary_table(owner: OwnerReport, linker: Linker) -> Markup:
    """The organisation's recommendations on the report, grouped by state (overdue together, ...): each
    group a body of rows of its own, the list that the organisation page's count of that state links to
    (a link into this page rather than a page per state, so the number of pages does not grow)."""
    # The organisation's own answer before the deadline: on a phone what matters fits beside the name.
    columns = [Column("number", "Recommendation"), Column("status", "Status"),
               Column("claim", "Implementation (their claim)"), Column("countdown", "Deadline"),
               Column("verdict", "Inspectorate verdict")]
    groups = [Group(state_group(state), [Row([
        Cell(Markup(f'<a href="#recommendation-{md(d.recommendation.local)}">')
             + Markup(md(recommendation_title(d.recommendation))) + Markup("</a>"), header=True),
        Cell(badge(d.state)),
        Cell(implementation_badge(d)),
        Cell(deadline_cell(d)),
        Cell(verdict_text(d)),
    ], {"data-rt-item": "", "data-rt-state": d.state}) for d in owner.duties if d.state == state]) for state in STATES]
    return table(f"duties-{owner.owner.id}", f"Recommendations for {owner.owner.name}", columns, [], groups=groups)


def _duty_view(site: Site, duty: Duty, linker: Linker) -> dict[str, object]:
    """Everything about one duty, oldest first: answers (each with its document), verdicts, deadline revisions."""
    rec = duty.recommendation
    history = []
    for position, item in enumerate(duty.history):
        answer, doc = item.answer, item.document
        history.append({
            "current": position == len(duty.history) - 1,
            "label": document_label(doc),
            "claim": badge(answer.implementation, IMPLEMENTATION_LABELS[answer.implementation], family="claim"),
            "evidence": _answer_evidence(site, doc, answer, linker),
            "note": answer.note,
            "as_printed": answer.as_printed,
            "shared": answer.shared_with,
            "action": quote(answer.action, Markup(f"Quoted from the {md(DOCUMENT_KINDS[doc.kind].lower())} by "
                                                  f"{md(doc.author)}"),
                            context=linker.passage(quotes.action(site.dataset, doc, answer))),
        })
    verdicts = [{
        "label": badge(v.verdict, VERDICT_LABELS[v.verdict], family="verdict"),
        "date": partial_date_text(v.date),
        "by": site.dataset.organisation(v.by).name,
        "evidence": _evidence(v.evidence, linker, quotes.evidence(site.dataset, v.evidence, rec.id, "a verdict")),
        "note": v.note,
        "superseded_by": v.superseded_by,
    } for v in duty.verdicts]
    revisions = [{
        "decided": r.decided,
        "deadline": r.deadline_as_printed,
        "reason": r.reason,
        "source": _evidence(r.source, linker, quotes.evidence(site.dataset, r.source, rec.id, "a deadline revision")),
    } for r in duty.revisions]
    return {
        "duty": duty,
        "rec": rec,
        "title": recommendation_title(rec),
        "state": badge(duty.state),
        "countdown": deadline_phrase(duty.state, duty.days),
        "deadline": duty.deadline_as_printed,
        "response_label": response_label(duty),
        "history": history,
        "verdicts": verdicts,
        "revisions": revisions,
        "link": linker.recommendation(rec, f"{recommendation_title(rec)}: its full wording and every owner's progress"),
    }


def _evidence(evidence: Evidence, linker: Linker, cited: quotes.Quote | None) -> Markup:
    """Where a verdict or revision comes from: the source (linked where it has an address), and its words."""
    source = (external_link(evidence.title, evidence.url) if evidence.url else
              linker.report(evidence.report, evidence.title) if evidence.report else Markup(md(evidence.title)))
    if evidence.quote and cited:
        return quote(evidence.quote, Markup("Quoted from ") + source, context=linker.passage(cited))
    return Markup("<p>Source: ") + source + Markup("</p>")

