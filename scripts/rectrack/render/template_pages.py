"""The Word templates page (Help): each organisation's template for each report, newest reports first.

Each template is also linked from the organisation's own page for the report; this page is where the
help page sends someone who does not know where that is. It lists the templates of the newest
:data:`REPORTS_IN_FULL` reports in full; older reports link to their list of organisations, whose
pages carry the link, so the page does not grow with the tracker.
"""

from __future__ import annotations

from rectrack.derive import ReportStatus
from rectrack.render.components import Cell, Column, Row, table
from rectrack.render.context import Site
from rectrack.render.urls import WORD_TEMPLATES, Linker, report_path, word_template_link
from rectrack.text import plural
from rectrack.wording import TEMPLATE_LINK, kind_name

#: Reports listed with every organisation's template; older ones link to their organisations.
REPORTS_IN_FULL = 10


def word_templates_page(site: Site) -> str:
    linker = site.linker(WORD_TEMPLATES)
    reports = sorted(site.tracker.reports, key=lambda s: s.report.published.earliest, reverse=True)
    full = [{"status": status, "table": _table(status, linker)}
            for status in reports[:REPORTS_IN_FULL] if status.owners]
    older = [linker.to(f"{report_path(s.report.id)}#organisations", s.report.title)
             for s in reports[REPORTS_IN_FULL:] if s.owners]
    return site.render("word_templates.md.j2", WORD_TEMPLATES, reports=full, older=older)


def _table(status: ReportStatus, linker: Linker):
    report = status.report
    columns = [Column("organisation", "Organisation", "text"), Column("kind", "Kind", "text"),
               Column("recommendations", "Recommendations to answer", "number", numeric=True),
               Column("template", "Word template", "text")]
    rows = [Row([
        Cell(linker.owner_report(report.id, owner.owner.id), header=True),
        Cell(kind_name(owner.owner.kind)),
        Cell(str(len(owner.duties)), sort=len(owner.duties)),
        Cell(word_template_link(report.id, owner.owner.id, WORD_TEMPLATES,
                                f"{TEMPLATE_LINK} for {owner.owner.name}")),
    ]) for owner in status.owners]
    return table(f"templates-{report.id}", f"Word templates for “{report.title}” ({plural(len(rows), 'organisation')})",
                 columns, rows)
