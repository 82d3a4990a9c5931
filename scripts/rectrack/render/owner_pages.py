"""Pages about the owners of recommendations: the forces, the matrix, and the national bodies."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from rectrack.data.model import Recommendation
from rectrack.derive import DUE_SOON_DAYS, S55_PERIOD_DAYS, STATES, Assignment, OwnerStatus, RecommendationStatus
from rectrack.render.components import (
    Cell,
    Column,
    Control,
    Row,
    badge,
    deadline_cell,
    filters,
    implementation_badge,
    table,
    verdict_text,
)
from rectrack.render.context import Site
from rectrack.render.facets import countries, regions, states_present, token
from rectrack.render.markdown import md, quote
from rectrack.render.recommendation_pages import response_view
from rectrack.render.urls import BODIES, FORCES_INDEX, Linker, body_path, external_link, force_path, matrix_path
from rectrack.wording import (
    BODY_KINDS,
    CLAIM_SHORT,
    POLICING_BODY_KINDS,
    S55_LABELS,
    STATE_HELP,
    STATE_LABELS,
    STATE_SHORT,
    deadline_phrase,
    response_label,
    response_published,
    s55_reason,
)


def _s55_badge(owner: OwnerStatus) -> Markup | None:
    return badge(owner.clock.state, S55_LABELS[owner.clock.state], family="s55") if owner.clock else None


# -- forces -----------------------------------------------------------------------------------------

def forces_index(site: Site) -> str:
    linker = site.linker(FORCES_INDEX)
    tracker = site.tracker
    # What a reader looks for first comes first (on a phone it is all that fits beside the name):
    # whether the force has responded, then how much is overdue.
    present = states_present(a.state for f in tracker.forces for a in f.assignments)
    states = sorted(present, key=lambda s: s != "overdue")
    columns = [
        Column("force", "Force", "text"),
        Column("response", "Response published?", "text"),
    ] + [Column(s, STATE_LABELS[s], "number", numeric=True) for s in states] + [
        Column("s55", "Section 55 comments", "text"),
        Column("region", "Region", "text"),
        Column("body", "Local policing body", "text"),
    ]
    rows = []
    for owner in tracker.forces:
        force = site.dataset.force(owner.owner)
        rows.append(Row([
            Cell(linker.force(force.id), header=True, sort=force.name),
            Cell(response_published(owner)),
        ] + [Cell(str(owner.count(s)), sort=owner.count(s)) for s in states] + [
            Cell(_s55_badge(owner) or ""),
            Cell(force.region),
            Cell(force.policing_body.title),
        ], {
            "data-rt-item": "", "data-rt-region": token(force.region),
            "data-rt-response": "yes" if owner.response else "no",
            "data-rt-s55": owner.clock.state if owner.clock else "",
        }))
    s55_states = states_present((f.clock.state for f in tracker.forces if f.clock), order=tuple(S55_LABELS))
    controls = [
        Control("region", "Region", regions(site.dataset.forces)),
        Control("response", "Response published?", [("yes", "Published"), ("no", "Not published")]),
        Control("s55", "Section 55 comments", [(s, S55_LABELS[s]) for s in s55_states]),
    ]
    return site.render(
        "forces.md.j2", FORCES_INDEX,
        forces_total=len(tracker.forces),
        countries=countries(site.dataset.forces),
        responded=tracker.forces_responded,
        form=filters("forces-table", "forces", controls),
        table=table("forces-table", "All police forces (table scrolls sideways)", columns, rows, sortable=True),
        force_recs=[r for r in tracker.recommendations if r.recommendation.for_forces],
    )


def force(site: Site, owner: OwnerStatus) -> str:
    force = site.dataset.force(owner.owner)
    here = force_path(force.id)
    linker = site.linker(here)
    document = owner.response
    items = [{
        "a": a,
        "rec": a.recommendation,
        "state": badge(a.state),
        "countdown": deadline_phrase(a.state, a.days),
        "claim": (implementation_badge(a.implementation, response_label(a), True) if a.response
                  else badge("none", response_label(a), family="claim")),
        "view": response_view(site, a, linker) if a.response else None,
    } for a in owner.assignments]
    return site.render(
        "force.md.j2", here,
        force=force,
        owner=owner,
        s55_days=S55_PERIOD_DAYS,
        body_kind=POLICING_BODY_KINDS.get(force.policing_body.kind, force.policing_body.kind),
        document=document,
        published=response_published(owner),
        source_link=(external_link(document.source.title, document.source.url)
                     if document and document.source.url else None),
        s55=_s55_badge(owner),
        s55_reason=s55_reason(owner.clock) if owner.clock else None,
        foreword=(quote(document.foreword, Markup(f"Quoted from the response by {md(document.author)}"))
                  if document and document.foreword else None),
        summary_table=_force_summary_table(site, owner),
        items=items,
        answered=sum(1 for a in owner.assignments if a.response is not None),
        case_studies=[c for c in site.dataset.case_studies if c.force == force.id],
    )


def _force_summary_table(site: Site, owner: OwnerStatus) -> Markup:
    columns = [
        Column("number", "Recommendation"),
        Column("status", "Status"),
        Column("claim", "Implementation (their claim)"),  # the force's own answer, before the date
        Column("countdown", "Deadline"),
        Column("verdict", "Inspectorate verdict"),
    ]
    rows = [Row([
        Cell(_anchor_link(a.recommendation), header=True),
        Cell(badge(a.state)),
        Cell(implementation_badge(a.implementation, response_label(a), a.response is not None)),
        Cell(deadline_cell(a.recommendation, a.state, a.days)),
        Cell(verdict_text(a)),
    ]) for a in owner.assignments]
    force = site.dataset.force(owner.owner)
    return table(f"force-{force.id}", f"Recommendations for {force.name}", columns, rows)


def _anchor_link(rec: Recommendation) -> Markup:
    """A link to the recommendation's own section further down the same page."""
    return Markup(f'<a href="#recommendation-{int(rec.number)}">{rec.number}: {md(rec.short_title)}</a>')


# -- matrix -----------------------------------------------------------------------------------------

#: Recommendations per matrix page (about what fits a 1280 px screen without scrolling). A tracker
#: with more force-directed recommendations gets one page per block of columns, so no page grows
#: with the number of recommendations.
MATRIX_COLUMNS = 12


def matrix_pages(site: Site) -> dict[str, str]:
    """Forces (rows) by force-directed recommendations (columns), ``MATRIX_COLUMNS`` columns a page."""
    recs = [r for r in site.tracker.recommendations if r.recommendation.for_forces]
    blocks = [recs[i:i + MATRIX_COLUMNS] for i in range(0, len(recs), MATRIX_COLUMNS)] or [[]]
    return {matrix_path(number): _matrix(site, blocks, number) for number in range(1, len(blocks) + 1)}


def _matrix(site: Site, blocks: list[list[RecommendationStatus]], number: int) -> str:
    here = matrix_path(number)
    linker = site.linker(here)
    tracker = site.tracker
    recs = blocks[number - 1]
    states = states_present(a.state for r in recs for a in r.assignments if a.owner_kind == "force")
    columns = [Column("force", "Force")] + [
        Column(f"r{r.recommendation.number}", linker.recommendation_number(r.recommendation.number)) for r in recs
    ]
    rows = [_matrix_row(site, owner, recs, linker) for owner in tracker.forces]
    foot = [Row([Cell(Markup(f"Total: {md(STATE_LABELS[s])}"), header=True)] + [
        Cell(str(r.count(s)), extra={"data-rt-total": s, "data-rt-col": col})
        for col, r in enumerate(recs, start=1)]) for s in states]
    foot.append(Row([Cell("Total: response published", header=True)] + [
        Cell(str(sum(1 for a in r.assignments if a.owner_kind == "force" and a.response)),
             extra={"data-rt-total": "responded", "data-rt-col": col})
        for col, r in enumerate(recs, start=1)]))
    controls = [
        Control("region", "Region", regions(site.dataset.forces)),
        Control("state", "Status", [(s, STATE_LABELS[s]) for s in states]),
    ]
    legend = [(badge(s, STATE_SHORT[s]), STATE_LABELS[s], STATE_HELP[s].format(due_soon=DUE_SOON_DAYS))
              for s in states]
    pager = _pager(blocks, number, linker) if len(blocks) > 1 else None
    return site.render(
        "matrix.md.j2", here,
        recs=recs,
        all_recs=sum(len(b) for b in blocks),
        block_label=_block_label(recs),
        columns_per_page=MATRIX_COLUMNS,
        page_count=len(blocks),
        pager=pager,
        legend=legend,
        form=filters("matrix-table", "forces", controls, mark="state"),
        table=table("matrix-table", "Forces by recommendation (table scrolls sideways)", columns, rows, foot=foot),
    )


def _pager(blocks: list[list[RecommendationStatus]], current: int, linker: Linker) -> Markup:
    """Links to every page of the matrix; the current one is marked for assistive technology too."""
    items = []
    for number, block in enumerate(blocks, start=1):
        label = _block_label(block)
        if number == current:
            items.append(f'<li><span aria-current="page">{md(label)}</span></li>')
        else:
            items.append(f"<li>{linker.to(matrix_path(number), label)}</li>")
    return Markup(f'<nav class="rt-pager" aria-label="Pages of the matrix"><ul>{"".join(items)}</ul></nav>')


def _block_label(block: list[RecommendationStatus]) -> str:
    if not block:
        return "No recommendations"
    first, last = block[0].recommendation.number, block[-1].recommendation.number
    return f"Recommendations {first} to {last}" if first != last else f"Recommendation {first}"


def _matrix_row(site: Site, owner: OwnerStatus, recs: list[RecommendationStatus], linker: Linker) -> Row:
    force = site.dataset.force(owner.owner)
    by_number = {a.recommendation.number: a for a in owner.assignments}
    cells = [Cell(linker.force(force.id), header=True)]
    present: set[str] = set()
    for col, status in enumerate(recs, start=1):
        a = by_number[status.recommendation.number]
        present.add(a.state)
        cells.append(Cell(_matrix_cell(a), css=f"rt-cell rt-cell--{a.state}", extra={
            "data-rt-col": col, "data-rt-cell-state": a.state, "data-rt-responded": "yes" if a.response else "no"}))
    return Row(cells, {"data-rt-item": "", "data-rt-region": token(force.region),
                       "data-rt-state": " ".join(sorted(present))})


def _matrix_cell(a: Assignment) -> Markup:
    cell = badge(a.state, STATE_SHORT[a.state])
    if a.response is not None and a.implementation != "implemented":
        cell += Markup(f'<span class="rt-cell__claim">{md(CLAIM_SHORT[a.implementation])}</span>')
    return cell


# -- national bodies --------------------------------------------------------------------------------

def _body_assignments(site: Site, body_id: str) -> list[Assignment]:
    return [a for r in site.tracker.recommendations for a in r.assignments if a.owner == body_id]


def bodies_index(site: Site) -> str:
    linker = site.linker(BODIES)
    rows = []
    for body in site.dataset.bodies:
        assignments = _body_assignments(site, body.id)
        recs = Markup(", ").join(linker.recommendation_number(a.recommendation.number) for a in assignments)
        states = Counter(a.state for a in assignments)
        summary = Markup("<br>").join(badge(s) + Markup(f" {states[s]}") for s in STATES if states[s])
        rows.append(Row([
            Cell(linker.body(body.id), header=True),
            Cell(BODY_KINDS.get(body.kind, body.kind)),
            Cell(recs or Markup("None")),
            Cell(summary or Markup("No recommendations")),
        ]))
    columns = [Column("body", "Body"), Column("kind", "Kind"), Column("recs", "Recommendations"),
               Column("states", "Status")]
    return site.render("bodies.md.j2", BODIES, table=table("bodies-table", "National bodies", columns, rows))


def body(site: Site, body_id: str) -> str:
    here = body_path(body_id)
    linker = site.linker(here)
    body = site.dataset.body(body_id)
    columns = [Column("number", "Recommendation"), Column("deadline", "Deadline"),
               Column("status", "Status"), Column("others", "Shared with")]
    rows = [Row([
        Cell(linker.recommendation(a.recommendation.number,
                                   f"{a.recommendation.number}: {a.recommendation.short_title}"), header=True),
        Cell(deadline_cell(a.recommendation, a.state, a.days)),
        Cell(badge(a.state)),
        Cell(linker.owners(tuple(o for o in a.recommendation.owners if o != body_id)) or Markup("No one")),
    ]) for a in _body_assignments(site, body_id)]
    return site.render(
        "body.md.j2", here,
        body=body,
        kind=BODY_KINDS.get(body.kind, body.kind),
        is_publisher=body.id == site.report.publisher,
        table=table(f"body-{body.id}", f"Recommendations for {body.name}", columns, rows) if rows else None,
    )
