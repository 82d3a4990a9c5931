"""Every generated page of the site, as Markdown text keyed by its path under the docs directory.

``render_pages(tracker)`` is the whole interface: ``build`` writes the returned pages next to the
hand-written ``content/`` and runs the site engine. Pages are plain Markdown (plus HTML blocks that
``md_in_html`` reads), so nothing depends on MkDocs-only hooks. All figures, names and dates come
from the :class:`~rectrack.derive.Tracker`; the only literals are the site's own words.

This module holds the entry points, the home page and the reference pages; the recommendation,
owner (force, matrix, body) and case-study pages have a module each.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from rectrack.data.model import Statistic
from rectrack.derive import DUE_SOON_DAYS, S55_PERIOD_DAYS, STATES, Tracker
from rectrack.export import ARCHIVE, ARCHIVE_HOLDS
from rectrack.export import DOWNLOADS as DOWNLOADS_TABLE
from rectrack.render import case_study_pages, charts, owner_pages, recommendation_pages
from rectrack.render.abbreviations import Abbreviations
from rectrack.render.components import Cell, Column, Row, badge, progress, table
from rectrack.render.context import Site
from rectrack.render.markdown import md, quote
from rectrack.render.templating import environment
from rectrack.render.urls import (
    ABOUT,
    BODIES,
    DOWNLOADS,
    FORCES_INDEX,
    GLOSSARY,
    HOME,
    RECOMMENDATIONS,
    SEARCH,
    STATISTICS,
    body_path,
    case_study_path,
    external_link,
    force_path,
    recommendation_path,
    relative,
)
from rectrack.wording import (
    IMPLEMENTATION_LABELS,
    S55_HELP,
    S55_LABELS,
    STATE_HELP,
    STATE_LABELS,
    VERDICT_LABELS,
    countdown,
    stat_value,
)


def render_pages(tracker: Tracker, cache_dir: Path | None = None) -> dict[str, str]:
    """Every generated page: ``{"recommendations/4.md": "# Recommendation 4: ...", ...}``.

    ``cache_dir`` (optional) keeps compiled templates between builds (see ``templating.environment``).
    """
    site = Site(tracker, environment(cache_dir))
    pages = {
        HOME: home(site),
        RECOMMENDATIONS: recommendation_pages.recommendations_index(site),
        FORCES_INDEX: owner_pages.forces_index(site),
        BODIES: owner_pages.bodies_index(site),
        GLOSSARY: glossary(site),
        STATISTICS: statistics(site),
        ABOUT: about(site),
        DOWNLOADS: downloads(site),
        SEARCH: site.render("search.md.j2", SEARCH),
    }
    pages.update(owner_pages.matrix_pages(site))
    library = case_study_pages.library(site)
    pages.update(library.pages)
    for status in tracker.recommendations:
        pages[recommendation_path(status.recommendation.number)] = recommendation_pages.recommendation(site, status)
    for owner in tracker.forces:
        pages[force_path(owner.owner)] = owner_pages.force(site, owner)
    for body in site.dataset.bodies:
        pages[body_path(body.id)] = owner_pages.body(site, body.id)
    for case in site.dataset.case_studies:
        pages[case_study_path(case.id)] = case_study_pages.case_study(site, case, library.listed_on[case.id])
    abbreviations = Abbreviations.of(site.dataset)
    return {path: abbreviations.mark_first_uses(text) for path, text in pages.items()}


def home(site: Site) -> str:
    tracker = site.tracker
    total = len(tracker.recommendations)
    counts = tracker.by_overall_state()
    linker = site.linker(HOME)
    return site.render(
        "home.md.j2", HOME,
        total=total,
        by_state=[(badge(state), progress(counts[state], total, "recommendations"),
                   _filtered_list_link(state, counts[state])) for state in STATES if counts[state]],
        forces_total=len(tracker.forces),
        forces_progress=progress(tracker.forces_responded, len(tracker.forces), "forces"),
        next_deadlines=tracker.next_deadlines(),
        most_overdue=tracker.most_overdue(),
        countdown=countdown,
        owners_total=lambda status: len(status.assignments),
        body_links=Markup(", ").join(linker.body(b.owner) for b in tracker.bodies),
    )


def _filtered_list_link(state: str, count: int) -> Markup:
    """A link to the recommendations table already filtered to ``state`` (its script reads ?state=)."""
    noun = "it" if count == 1 else "them"
    hidden = f'<span class="rt-sr-only">: {md(STATE_LABELS[state].lower())} recommendations</span>'
    return Markup(f'<a href="{relative(RECOMMENDATIONS, HOME)}?state={md(state)}">List {noun}{hidden}</a>')


def glossary(site: Site) -> str:
    terms = sorted(site.dataset.glossary, key=lambda t: t.term.lower())
    return site.render("glossary.md.j2", GLOSSARY, terms=terms)


def statistics(site: Site) -> str:
    """Key figures grouped by report section (introduction first), then the redrawn figures."""
    groups: dict[str | None, list[Statistic]] = {}
    for stat in site.dataset.statistics:
        groups.setdefault(stat.section, []).append(stat)
    ordered = [("Introduction", groups[None])] if None in groups else []
    ordered += [(s.title, groups[s.id]) for s in site.report.sections if s.id in groups]
    tables = [(heading, _statistics_table(f"statistics-{i}", heading, stats))
              for i, (heading, stats) in enumerate(ordered, start=1)]
    figures = [
        {"figure": f, "chart": charts.bar_chart(f), "table": charts.figure_table(f)}
        for f in sorted(site.dataset.figures, key=lambda f: f.number)
    ]
    return site.render("statistics.md.j2", STATISTICS, groups=tables, figures=figures)


def _statistics_table(table_id: str, heading: str, stats: list[Statistic]) -> Markup:
    columns = [Column("label", "Figure (editorial label)"), Column("value", "Value", numeric=True),
               Column("period", "Period"), Column("quote", "Quoted from the report")]
    rows = [Row([Cell(s.label, header=True), Cell(stat_value(s)), Cell(s.period or "Not stated"),
                 Cell(Markup(f"“{md(s.quote)}”"))]) for s in stats]
    return table(table_id, f"Key figures: {heading}", columns, rows)


def about(site: Site) -> str:
    responses = [
        (site.dataset.force(r.force), r,
         external_link(r.source.title, r.source.url) if r.source.url else Markup(md(r.source.title)))
        for r in site.dataset.responses
    ]
    return site.render(
        "about.md.j2", ABOUT,
        due_soon=DUE_SOON_DAYS,
        s55_days=S55_PERIOD_DAYS,
        states=[(badge(s), STATE_HELP[s].format(due_soon=DUE_SOON_DAYS)) for s in STATES],
        claims=IMPLEMENTATION_LABELS,
        verdicts=VERDICT_LABELS,
        s55_labels=S55_LABELS,
        s55_badge=lambda state: badge(state, S55_LABELS[state], family="s55"),
        s55_help=S55_HELP,
        summary=quote(site.report.summary, Markup("Quoted from the report’s summary")),
        responses=responses,
    )


def downloads(site: Site) -> str:
    """The downloads page, written from the table the files are built from (``export.DOWNLOADS``)."""
    files = [(d.name, d.holds) for d in DOWNLOADS_TABLE] + [(ARCHIVE, ARCHIVE_HOLDS)]
    return site.render("downloads.md.j2", DOWNLOADS, files=files)
