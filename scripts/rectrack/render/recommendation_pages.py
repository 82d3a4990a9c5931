"""The recommendations list and one page per recommendation."""

from __future__ import annotations

from markupsafe import Markup

from rectrack.data.model import FORCES, Recommendation
from rectrack.derive import STATES, Assignment, RecommendationStatus
from rectrack.render.components import (
    Cell,
    Column,
    Control,
    Row,
    badge,
    filters,
    implementation_badge,
    state_counts,
    table,
    verdict_text,
)
from rectrack.render.context import Site
from rectrack.render.facets import ordered_owners, states_present
from rectrack.render.markdown import md, quote, quote_list
from rectrack.render.urls import RECOMMENDATIONS, Linker, force_path, recommendation_path
from rectrack.wording import (
    FORCES_OWNER,
    STATE_LABELS,
    deadline_phrase,
    implemented_text,
    response_label,
    responses_text,
)


def recommendations_index(site: Site) -> str:
    linker = site.linker(RECOMMENDATIONS)
    statuses = site.tracker.recommendations
    columns = [
        Column("number", "No.", "number", numeric=True),
        Column("title", "Short title (editorial)", "text"),
        Column("owners", "Who must act"),
        Column("deadline", "Deadline", "text"),
        Column("status", "Status", "number"),
        Column("responses", "Responses", "number"),
        Column("implemented", "Implemented (claimed)", "number"),
    ]
    controls = [
        Control("state", "Status", [(s, STATE_LABELS[s]) for s in states_present(r.overall_state for r in statuses)]),
        Control("owner", "Who must act", [
            (o, FORCES_OWNER if o == FORCES else site.dataset.body(o).name) for o in ordered_owners(site.tracker)]),
        Control("q", "Words in the title"),
    ]
    return site.render(
        "recommendations.md.j2", RECOMMENDATIONS,
        form=filters("recommendations-table", "recommendations", controls),
        table=table("recommendations-table", "All recommendations (table scrolls sideways)",
                    columns, [_index_row(status, linker) for status in statuses], sortable=True),
    )


def _index_row(status: RecommendationStatus, linker: Linker) -> Row:
    rec = status.recommendation
    state = status.overall_state
    number = linker.recommendation_number(rec.number)
    return Row(
        [
            Cell(number, sort=rec.number, header=True),
            Cell(linker.recommendation(rec.number, rec.short_title), sort=rec.short_title),
            Cell(linker.owners(rec.owners)),
            Cell(Markup(md(rec.deadline_as_printed)), sort=rec.deadline.isoformat()),
            # Sorts by state first (closed ... upcoming), then by how close the deadline is.
            Cell(badge(state) + Markup("<br>") + md(deadline_phrase(state, status.days)),
                 sort=STATES.index(state) * 100000 + status.days),
            Cell(responses_text(status), sort=status.responded),
            Cell(implemented_text(status), sort=status.implemented),
        ],
        {"data-rt-item": "", "data-rt-state": state, "data-rt-owner": " ".join(rec.owners),
         "data-rt-q": rec.short_title.lower()},
    )


def recommendation(site: Site, status: RecommendationStatus) -> str:
    rec = status.recommendation
    here = recommendation_path(rec.number)
    linker = site.linker(here)
    section = site.section(rec.section)
    source = Markup(f"Quoted from the report, section “{md(section.title)}”")
    summary = None
    if rec.summary_variant:
        summary = quote_list(rec.summary_variant.text, rec.summary_variant.actions,
                             Markup("Quoted from the report’s summary"))
    return site.render(
        "recommendation.md.j2", here,
        status=status,
        rec=rec,
        section=section,
        state_badge=badge(status.overall_state),
        countdown=deadline_phrase(status.overall_state, status.days),
        text=quote_list(rec.text, rec.actions, source),
        summary=summary,
        state_counts=state_counts(status.assignments),
        owner_table=_owner_table(site, status, linker),
        responses=[response_view(site, a, linker, full_text=False) for a in status.assignments
                   if a.response is not None],
        case_studies=[site.dataset.case_study(c) for c in _case_studies_for(site, rec)],
        owner_links=linker.owners(rec.owners),
        responses_text=responses_text(status),
        implemented_text=implemented_text(status),
    )


def _owner_table(site: Site, status: RecommendationStatus, linker: Linker) -> Markup:
    """Every owner's state, response, claim and verdict: for a force-directed one, every force."""
    columns = [
        Column("owner", "Who must act", "text"),
        Column("status", "Status", "number"),
        Column("response", "Response", "text"),
        Column("claim", "Implementation (their claim)", "text"),
        Column("verdict", "Inspectorate verdict", "text"),
    ]
    rows = [Row([
        Cell(owner_link(a, linker), header=True, sort=owner_name(site, a)),
        Cell(badge(a.state), sort=STATES.index(a.state)),
        Cell(response_label(a)),
        Cell(implementation_badge(a.implementation, response_label(a), a.response is not None)),
        Cell(verdict_text(a)),
    ], {"data-rt-item": "", "data-rt-state": a.state}) for a in status.assignments]
    number = status.recommendation.number
    return table(f"owners-{number}", f"Progress of each owner on recommendation {number}", columns, rows,
                 sortable=True)


def owner_name(site: Site, a: Assignment) -> str:
    return site.dataset.force(a.owner).name if a.owner_kind == "force" else site.dataset.body(a.owner).name


def owner_link(a: Assignment, linker: Linker) -> Markup:
    return linker.force(a.owner) if a.owner_kind == "force" else linker.body(a.owner)


def response_view(site: Site, a: Assignment, linker: Linker, *, full_text: bool = True) -> dict[str, object]:
    """One owner's answer to one recommendation, as both the force and recommendation pages show it.

    The full text of the answer lives on the owner's page only (``full_text``); a recommendation
    page links to it. With every force answering, repeating each answer on the recommendation page
    doubled the site's text (and its build time) for no new information.
    """
    response = a.response
    if response is None:
        raise ValueError(f"{a.owner} has no response to recommendation {a.recommendation.number}")
    document = site.dataset.response_of(a.owner)
    author = md(document.author) if document else ""
    evidence = None
    if response.evidence:
        evidence = quote(response.evidence, Markup(f"Evidence quoted from the response by {author}"),
                         css="rt-quote rt-quote--evidence")
    return {
        "owner": owner_link(a, linker),
        "name": owner_name(site, a),
        "claim": implementation_badge(a.implementation, response_label(a), True),
        "evidence": evidence,
        "note": response.note,
        "verdict": verdict_text(a),
        "verdict_note": response.inspectorate.note if response.inspectorate else None,
        "action": (quote(response.action, Markup(f"Quoted from the response by {author}: action planned or taken"))
                   if full_text else None),
        "full_text_link": (Markup('<p class="rt-more">')
                           + linker.to(f"{force_path(a.owner)}#recommendation-{a.recommendation.number}",
                                       f"Read {owner_name(site, a)}’s full answer to recommendation "
                                       f"{a.recommendation.number}")
                           + Markup("</p>")) if a.owner_kind == "force" else None,
    }


def _case_studies_for(site: Site, rec: Recommendation) -> list[str]:
    named = list(rec.case_studies)
    named += [c.id for c in site.dataset.case_studies if rec.number in c.recommendations and c.id not in named]
    return named
