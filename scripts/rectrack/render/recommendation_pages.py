"""One page per recommendation: its words, its deadline, and each owner's history.

Each owner's latest claim, evidence and verdict are shown here with the dated history of answers,
verdicts and deadline revisions; the full text of every answer lives once, on the organisation's
page for the report, and is linked.
"""

from __future__ import annotations

from markupsafe import Markup

from rectrack.data import quotes
from rectrack.data.model import DeadlineRevision, Recommendation, Verdict
from rectrack.derive import STATES, Duty, RecommendationStatus
from rectrack.render.components import (
    Cell,
    Column,
    Group,
    Row,
    badge,
    deadline_cell,
    implementation_badge,
    table,
    verdict_text,
)
from rectrack.render.context import Site
from rectrack.render.markdown import md, quote, quote_list
from rectrack.render.urls import (
    OWNERS_ANSWERED,
    OWNERS_CLAIM_IMPLEMENTED,
    OWNERS_CLAIM_OTHER,
    OWNERS_UNANSWERED,
    Linker,
    owner_report_path,
    owners_in_state,
    recommendation_owners_path,
    recommendation_path,
)
from rectrack.text import number, partial_date_text, plural
from rectrack.wording import (
    DOCUMENT_KINDS,
    EVERY_OWNER,
    IMPLEMENTATION_LABELS,
    OWNER_GROUPS,
    STATE_LABELS,
    VERDICT_LABELS,
    deadline_phrase,
    deadline_text,
    document_label,
    implemented_text,
    recommendation_title,
    response_label,
    responses_text,
    silent_text,
)


def recommendation(site: Site, status: RecommendationStatus) -> str:
    rec = status.recommendation
    report = site.dataset.report(rec.report)
    here = recommendation_path(rec)
    linker = site.linker(here)
    section = report.section(rec.section)
    source_report = site.dataset.report(rec.quoted_from) if rec.quoted_from else report
    where = f", section “{md(section.title)}”" if section else ""
    source = Markup("Quoted from ") + linker.report(source_report.id) + Markup(where)
    summary = None
    variant = quotes.summary_variant(site.dataset, rec)
    if rec.summary_variant and variant:
        summary = quote_list(rec.summary_variant.text, rec.summary_variant.actions,
                             Markup("Quoted from the report’s summary"), context=linker.passage(variant))
    related = [site.dataset.recommendation(r) for r in rec.related]
    related += site.dataset.related_to(rec.id)
    silent = len(status.duties) - status.responded
    return site.render(
        "recommendation.md.j2", here,
        status=status,
        rec=rec,
        report=report,
        title=recommendation_title(rec),
        section=section,
        quoted_from=source_report if rec.quoted_from else None,
        state_badge=badge(status.overall_state),
        state_label=STATE_LABELS[status.overall_state],
        countdown=deadline_phrase(status.overall_state, status.days),
        deadline=_deadline_fact(status),
        text=quote_list(rec.text, rec.actions, source,
                        context=linker.passage(quotes.recommendation(site.dataset, rec))),
        summary=summary,
        state_counts=_state_counts(status, linker),
        owner_tables=_owner_tables(status, linker),
        shared=_shared(site, status, linker),
        histories=[h for h in (_history(site, d, linker) for d in status.duties) if h is not None],
        silent=_count(linker, rec, OWNERS_UNANSWERED, silent_text(silent), silent) if silent else None,
        case_studies=[site.dataset.case_study(c) for c in rec.case_studies],
        owner_links=linker.owners(rec.report, rec.owners) if rec.owners else None,
        responses_text=_count(linker, rec, OWNERS_ANSWERED, responses_text(status), status.responded),
        implemented_text=_count(linker, rec, OWNERS_CLAIM_IMPLEMENTED, implemented_text(status), status.implemented),
        related=[r for r in related if site.tracker.shown(r.report)],
        recommendation_title=recommendation_title,
    )


def _deadline_fact(status: RecommendationStatus) -> str:
    """The deadline in force, and the printed one when a revision replaced it for some or every owner.

    Showing only the printed deadline would contradict the countdown beside it once the inspectorate
    has moved the deadline; showing only the revision would hide what the report said.
    """
    rec = status.recommendation
    printed = deadline_text(rec.deadline_as_printed)
    revised = [d for d in status.duties if d.revisions]
    if len(revised) == len(status.duties) and len({d.deadline for d in revised}) == 1:
        was = f"the report printed {printed}" if rec.deadline_as_printed else "the report stated none"
        return f"{deadline_text(revised[0].deadline_as_printed)} (revised; {was})"
    if rec.deadline_as_printed:
        printed += " (as printed)"
    if not revised:
        return printed
    return (f"{printed}; revised for {number(len(revised))} of {plural(len(status.duties), 'owner')}: "
            "each owner's deadline in force is in the table below")


def _state_counts(status: RecommendationStatus, linker: Linker) -> list[dict[str, object]]:
    """Each status of the owners, its count linked to the list of those owners (in a collapsed section
    on this page, which the browser opens when the link is followed)."""
    rec = status.recommendation
    out: list[dict[str, object]] = []
    for state in STATES:
        owners = [d.owner for d in status.duties if d.state == state]
        if owners:
            out.append({"badge": badge(state), "id": owners_in_state(state), "label": STATE_LABELS[state],
                        "count": _count(linker, rec, owners_in_state(state), str(len(owners)), len(owners)),
                        "owners": [linker.owner_report(rec.report, o.id) for o in owners]})
    return out


def _count(linker: Linker, rec: Recommendation, group: str, text: str, count: int) -> Markup | str:
    """A count of this recommendation's owners, linked to the table (or body of rows) on this page that
    lists them; a zero has no list, so it stays text."""
    return linker.count(recommendation_owners_path(rec, group), text) if count else text


def _owner_tables(status: RecommendationStatus, linker: Linker) -> list[dict[str, object]]:
    """Every owner's state, response, claim and verdict (for a group owner, each member), in two tables:
    those that have answered (the claims of "implemented" first, in a body of their own) and those that
    have not. Each is a list the page's counts link to; an empty one is left out."""
    rec = status.recommendation
    title = recommendation_title(rec)
    answered = [d for d in status.duties if d.responded]
    silent = [d for d in status.duties if not d.responded]
    tables: list[dict[str, object]] = []
    if answered:
        heading, label = OWNER_GROUPS["answered"]
        groups = [Group(OWNERS_CLAIM_IMPLEMENTED, [_owner_row(d, linker) for d in answered
                                                   if d.implementation == "implemented"]),
                  Group(OWNERS_CLAIM_OTHER, [_owner_row(d, linker) for d in answered
                                             if d.implementation != "implemented"])]
        tables.append({"heading": heading, "table": table(OWNERS_ANSWERED, f"{label} {title}", OWNER_COLUMNS, [],
                                                          groups=groups, sortable=True)})
    if silent:
        heading, label = OWNER_GROUPS["unanswered"]
        tables.append({"heading": heading, "table": table(OWNERS_UNANSWERED, f"{label} {title}", OWNER_COLUMNS,
                                                          [_owner_row(d, linker) for d in silent], sortable=True)})
    return tables


# The owner's answer before the deadline: on a phone what matters fits beside the name.
OWNER_COLUMNS = [
    Column("owner", "Who must act", "text"),
    Column("status", "Status", "number"),
    Column("response", "Response", "text"),
    Column("claim", "Implementation (their claim)", "text"),
    Column("deadline", "Deadline", "text"),
    Column("verdict", "Inspectorate verdict", "text"),
]


def _owner_row(d: Duty, linker: Linker) -> Row:
    return Row([
        Cell(linker.owner_report(d.recommendation.report, d.owner.id), header=True, sort=d.owner.name),
        Cell(badge(d.state), sort=STATES.index(d.state)),
        Cell(response_label(d)),
        Cell(implementation_badge(d)),
        Cell(deadline_cell(d)),
        Cell(verdict_text(d)),
    ], {"data-rt-item": "", "data-rt-state": d.state})


def _verdict_event(v: Verdict, linker: Linker) -> tuple[object, int, Markup]:
    text = (Markup(md(f"{partial_date_text(v.date)}: the inspectorate's verdict: "))
            + badge(v.verdict, VERDICT_LABELS[v.verdict], family="verdict"))
    cited = quotes.evidence(linker.dataset, v.evidence, v.recommendation, "a verdict")
    if v.evidence.quote and cited:
        text += quote(v.evidence.quote, Markup("Quoted from ") + Markup(md(v.evidence.title)),
                      context=linker.passage(cited))
    if v.note:
        text += Markup(f'<p class="rt-note"><strong>Editorial note:</strong> {md(v.note)}</p>')
    return (v.date.earliest, 1, text)


def _revision_event(r: DeadlineRevision) -> tuple[object, int, Markup]:
    text = Markup(md(f"{partial_date_text(r.decided)}: deadline revised to {r.deadline_as_printed}. "
                     f"Reason, as the source gives it: {r.reason}"))
    return (r.decided, 2, text)


def _shared(site: Site, status: RecommendationStatus, linker: Linker) -> list[dict[str, object]]:
    """Verdicts given for a group and deadlines revised for every owner: said once, not once per member."""
    by_whom: dict[str, dict[tuple, tuple[object, int, Markup]]] = {}
    for duty in status.duties:
        for v in duty.verdicts:
            if site.dataset.group(v.given_for):
                by_whom.setdefault(site.dataset.owner_name(v.given_for), {}).setdefault(
                    (v.date, v.verdict, v.evidence), _verdict_event(v, linker))
        for r in duty.revisions:
            if r.owner is None:
                by_whom.setdefault(EVERY_OWNER, {}).setdefault((r.decided, r.deadline), _revision_event(r))
    return [{"name": name, "events": [e[2] for e in sorted(events.values(), key=lambda e: (e[0], e[1]))]}
            for name, events in by_whom.items()]


def _history(site: Site, duty: Duty, linker: Linker) -> dict[str, object] | None:
    """One owner's own dated events on this recommendation, oldest first, and a link to its full answers
    (None when it has none: verdicts on its group and revisions for everyone are in :func:`_shared`)."""
    rec = duty.recommendation
    events: list[tuple[object, int, Markup]] = []
    for position, item in enumerate(duty.history):
        doc, answer = item.document, item.answer
        claim = badge(answer.implementation, IMPLEMENTATION_LABELS[answer.implementation], family="claim")
        latest = Markup(" (the latest answer)") if position == len(duty.history) - 1 else Markup("")
        text = Markup(md(f"{document_label(doc)}: ")) + claim + latest
        cited = quotes.answer_evidence(site.dataset, doc, answer)
        if answer.evidence and cited:
            text += quote(answer.evidence, Markup(f"Evidence quoted from the {md(DOCUMENT_KINDS[doc.kind].lower())}"),
                          css="rt-quote rt-quote--evidence", context=linker.passage(cited))
        if answer.note:
            text += Markup(f'<p class="rt-note"><strong>Editorial note:</strong> {md(answer.note)}</p>')
        events.append((doc.published or site.dataset.report(rec.report).published.earliest, 0, text))
    events += [_verdict_event(v, linker) for v in duty.verdicts if not site.dataset.group(v.given_for)]
    events += [_revision_event(r) for r in duty.revisions if r.owner is not None]
    if not events:
        return None
    events.sort(key=lambda e: (e[0], e[1]))
    return {
        "owner": duty.owner,
        "events": [e[2] for e in events],
        "link": linker.to(f"{owner_report_path(rec.report, duty.owner.id)}#recommendation-{rec.local}",
                          f"{duty.owner.name}’s full answer to {recommendation_title(rec)}")
        if duty.history else None,
    }
