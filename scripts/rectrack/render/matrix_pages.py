"""A report's matrix: the organisations it addresses (rows) by its recommendations (columns).

Named-organisation recommendations are columns like the rest; a cell where a recommendation is not
addressed to the organisation says so. A report with more recommendations than fit a screen gets
one page per block of columns, so no page grows with the number of recommendations.
"""

from __future__ import annotations

from markupsafe import Markup

from rectrack.derive import Duty, OwnerReport, RecommendationStatus, ReportStatus
from rectrack.render.components import Cell, Column, Control, Row, badge, filters, table
from rectrack.render.context import Site
from rectrack.render.facets import regions, states_present, token
from rectrack.render.markdown import md
from rectrack.render.urls import Linker, matrix_path
from rectrack.wording import CLAIM_SHORT, STATE_HELP, STATE_LABELS, STATE_SHORT, kind_name, recommendation_title

#: Recommendations per matrix page (about what fits a 1280 px screen without scrolling).
MATRIX_COLUMNS = 12
#: What a cell says where the recommendation is not addressed to the organisation.
NOT_ADDRESSED = "Not addressed to this organisation"


def matrix_pages(site: Site, status: ReportStatus) -> dict[str, str]:
    recs = [r for r in status.recommendations if r.duties]
    blocks = [recs[i:i + MATRIX_COLUMNS] for i in range(0, len(recs), MATRIX_COLUMNS)] or [[]]
    return {matrix_path(status.report.id, number): _matrix(site, status, blocks, number)
            for number in range(1, len(blocks) + 1)}


def _matrix(site: Site, status: ReportStatus, blocks: list[list[RecommendationStatus]], number: int) -> str:
    report = status.report
    here = matrix_path(report.id, number)
    linker = site.linker(here)
    recs = blocks[number - 1]
    owners = [o for o in status.owners if any(d.recommendation in {r.recommendation for r in recs} for d in o.duties)]
    states = states_present(d.state for r in recs for d in r.duties)
    columns = [Column("organisation", "Organisation")] + [
        Column(f"r{r.recommendation.local}", linker.recommendation_number(r.recommendation)) for r in recs]
    rows = [_row(owner, recs, linker, report.id) for owner in owners]
    foot = [Row([Cell(Markup(f"Total: {md(STATE_LABELS[s])}"), header=True)] + [
        Cell(str(r.count(s)), extra={"data-rt-total": s, "data-rt-col": col})
        for col, r in enumerate(recs, start=1)]) for s in states]
    foot.append(Row([Cell("Total: response published", header=True)] + [
        Cell(str(r.responded), extra={"data-rt-total": "responded", "data-rt-col": col})
        for col, r in enumerate(recs, start=1)]))
    orgs = [o.owner for o in owners]
    kinds = sorted({o.kind for o in orgs})
    controls = []
    if any(o.region for o in orgs):
        controls.append(Control("region", "Region", regions(o for o in orgs if o.region)))
    if len(kinds) > 1:
        controls.append(Control("kind", "Kind", [(k, kind_name(k)) for k in kinds]))
    controls.append(Control("state", "Status", [(s, STATE_LABELS[s]) for s in states]))
    legend = [(badge(s, STATE_SHORT[s]), STATE_LABELS[s], STATE_HELP[s]) for s in states]
    return site.render(
        "matrix.md.j2", here,
        report=report,
        recs=recs,
        all_recs=sum(len(b) for b in blocks),
        block_label=_block_label(recs),
        columns_per_page=MATRIX_COLUMNS,
        page_count=len(blocks),
        pager=_pager(report.id, blocks, number, linker) if len(blocks) > 1 else None,
        legend=legend,
        not_addressed=NOT_ADDRESSED,
        recommendation_title=recommendation_title,
        form=filters("matrix-table", "organisations", controls, mark="state"),
        table=table("matrix-table", "Organisations by recommendation (table scrolls sideways)", columns, rows,
                    foot=foot),
    )


def _pager(report_id: str, blocks: list[list[RecommendationStatus]], current: int,
           linker: Linker) -> list[tuple[str, Markup | None]]:
    """(label, link) for every page of the matrix; the current one has no link (the macro marks it)."""
    return [(_block_label(block), None if number == current else linker.to(matrix_path(report_id, number),
                                                                            _block_label(block)))
            for number, block in enumerate(blocks, start=1)]


def _block_label(block: list[RecommendationStatus]) -> str:
    if not block:
        return "No recommendations"
    first, last = block[0].recommendation.local, block[-1].recommendation.local
    return f"Recommendations {first} to {last}" if first != last else f"Recommendation {first}"


def _row(owner: OwnerReport, recs: list[RecommendationStatus], linker: Linker, report_id: str) -> Row:
    org = owner.owner
    by_rec = {d.recommendation.id: d for d in owner.duties}
    cells = [Cell(linker.owner_report(report_id, org.id), header=True)]
    present: set[str] = set()
    for col, status in enumerate(recs, start=1):
        duty = by_rec.get(status.recommendation.id)
        if duty is None:
            cells.append(Cell(Markup(f'<span class="rt-cell__none" aria-hidden="true">–</span>'
                                     f'<span class="rt-sr-only">{md(NOT_ADDRESSED)}</span>'),
                              css="rt-cell rt-cell--none", extra={"data-rt-col": col}))
            continue
        present.add(duty.state)
        cells.append(Cell(_cell(duty), css=f"rt-cell rt-cell--{duty.state}", extra={
            "data-rt-col": col, "data-rt-cell-state": duty.state,
            "data-rt-responded": "yes" if duty.responded else "no"}))
    return Row(cells, {"data-rt-item": "", "data-rt-region": token(org.region or ""), "data-rt-kind": org.kind,
                       "data-rt-state": " ".join(sorted(present))})


def _cell(duty: Duty) -> Markup:
    cell = badge(duty.state, STATE_SHORT[duty.state])
    if duty.responded and duty.implementation != "implemented":
        cell += Markup(f'<span class="rt-cell__claim">{md(CLAIM_SHORT[duty.implementation])}</span>')
    return cell
