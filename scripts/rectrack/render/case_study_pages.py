"""Good practice from every report: the index of reports' libraries, each report's filterable library,
and one page per case study.

A report's library is one page up to ``LIBRARY_PAGE_SIZE`` case studies; beyond it, its index lists
the report's sections and each section gets its own pages, so no page grows with a library. The index
lists the newest ``LATEST_LIBRARIES`` reports' libraries; beyond that, it links a page per year of
reports, so it does not grow with the tracker either (at 170 generated reports its one list was 71 KB).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from rectrack.data import quotes
from rectrack.data.model import CaseStudy, Report
from rectrack.render.components import Control, attrs, filters
from rectrack.render.context import Site
from rectrack.render.facets import theme_label
from rectrack.render.markdown import md, quote
from rectrack.render.urls import (
    CASE_STUDIES,
    Linker,
    case_studies_list_path,
    case_study_path,
    libraries_year_path,
    library_path,
    library_section_path,
)
from rectrack.text import plural
from rectrack.wording import recommendation_title

#: Most case studies one library page lists.
LIBRARY_PAGE_SIZE = 100
#: Most reports whose libraries the good-practice index lists (the newest); beyond it, a page per year.
LATEST_LIBRARIES = 20


@dataclass(frozen=True)
class LibraryPage:
    """One page of a library: where it lives, what it is called and which case studies it lists."""

    path: str
    title: str
    cases: Sequence[CaseStudy]


@dataclass(frozen=True)
class Library:
    """The libraries' pages, and for each case study the library page that lists it (its "back" link)."""

    pages: dict[str, str]
    listed_on: dict[str, str]


def libraries(site: Site) -> Library:
    """Every shown report's library, and the index of them (good practice from every report)."""
    pages: dict[str, str] = {}
    listed_on: dict[str, str] = {}
    shown = []
    for status in site.tracker.reports:
        report = status.report
        cases = [c for c in site.dataset.case_studies if c.report == report.id]
        if not cases:
            continue
        shown.append((report, len(cases)))
        library = _report_library(site, report, cases)
        pages.update(library.pages)
        listed_on.update(library.listed_on)
    newest = sorted(shown, key=lambda item: item[0].published.earliest, reverse=True)
    by_year: dict[int, list[tuple[Report, int]]] = {}
    for item in newest:
        by_year.setdefault(item[0].published.year, []).append(item)
    split = len(newest) > LATEST_LIBRARIES
    linker = site.linker(CASE_STUDIES)
    pages[CASE_STUDIES] = site.render(
        "case_studies_index.md.j2", CASE_STUDIES, year=None,
        reports=_library_links(site, newest[:LATEST_LIBRARIES], CASE_STUDIES),
        years=[(linker.to(libraries_year_path(year), str(year)), plural(len(items), "report"))
               for year, items in by_year.items()] if split else [],
        total=linker.counted(case_studies_list_path(), sum(n for _, n in shown), "example"),
    )
    for year, items in by_year.items() if split else ():
        here = libraries_year_path(year)
        pages[here] = site.render("case_studies_index.md.j2", here, year=year, years=[], total=None,
                                  reports=_library_links(site, items, here))
    return Library(pages, listed_on)


def _library_links(site: Site, reports: Sequence[tuple[Report, int]], here: str) -> list[tuple]:
    """Each report's library, linked from ``here``, with the report and its count of case studies (linked)."""
    linker = site.linker(here)
    return [(linker.to(library_path(r.id), r.title), r,
             linker.counted(case_studies_list_path(r.id), n, "case study", "case studies")) for r, n in reports]


def _report_library(site: Site, report: Report, cases: list[CaseStudy]) -> Library:
    home = library_path(report.id)
    if len(cases) <= LIBRARY_PAGE_SIZE:
        page = LibraryPage(home, f"Good practice: {report.title}", cases)
        return Library({home: _library(site, report, page)}, {c.id: home for c in cases})
    parts = _section_parts(report, cases)
    pages = {part.path: _library(site, report, part, parts, index) for index, part in enumerate(parts)}
    pages[home] = site.render("case_studies_sections.md.j2", home, report=report, cases=cases, parts=[
        (site.linker(home).to(part.path, part.title), len(part.cases)) for part in parts])
    return Library(pages, {c.id: part.path for part in parts for c in part.cases})


def _section_parts(report: Report, cases: list[CaseStudy]) -> list[LibraryPage]:
    by_section: dict[str, list[CaseStudy]] = {}
    for case in cases:
        by_section.setdefault(case.section, []).append(case)
    parts = []
    for section in report.sections:
        chosen = by_section.get(section.id, [])
        chunks = [chosen[i:i + LIBRARY_PAGE_SIZE] for i in range(0, len(chosen), LIBRARY_PAGE_SIZE)]
        for number, chunk in enumerate(chunks, start=1):
            title = section.title if len(chunks) == 1 else f"{section.title} (part {number} of {len(chunks)})"
            parts.append(LibraryPage(library_section_path(report.id, section.id, number), title, chunk))
    return parts


def _library(site: Site, report: Report, page: LibraryPage, parts: Sequence[LibraryPage] = (),
             index: int = -1) -> str:
    """One library page; ``parts`` and ``index`` place a section page among the others (empty: the whole library)."""
    dataset = site.dataset
    cases = page.cases
    linker = site.linker(page.path)
    themes = sorted({t for c in cases for t in c.themes})
    orgs = sorted({o for c in cases for o in c.organisations}, key=lambda o: dataset.organisation(o).name)
    recs = [r for r in dataset.recommendations_of(report.id)
            if any(r.local in c.recommendations for c in cases)]
    sections = [s for s in report.sections if any(c.section == s.id for c in cases)]
    controls = [
        Control("theme", "Theme (editorial)", [(t, theme_label(t)) for t in themes]),
        Control("organisation", "Organisation", [(o, dataset.organisation(o).name) for o in orgs]),
        Control("recommendation", "Recommendation (editorial)", [(r.local, recommendation_title(r)) for r in recs]),
    ]
    if len(sections) > 1:
        controls.append(Control("section", "Report section", [(s.id, s.title) for s in sections]))
    return site.render(
        "case_studies.md.j2", page.path,
        report=report,
        page=page,
        part_of=len([c for c in dataset.case_studies if c.report == report.id]) if parts else None,
        previous=linker.to(parts[index - 1].path, parts[index - 1].title) if index > 0 else None,
        next=linker.to(parts[index + 1].path, parts[index + 1].title) if 0 <= index < len(parts) - 1 else None,
        all_sections=linker.to(library_path(report.id), "All its case studies, by section") if parts else None,
        cases=cases,
        form=filters("case-study-library", "case studies", controls),
        card_attrs=_card_attrs,
        section_title=lambda section_id: _section_title(report, section_id),
        organisation_links=lambda c: Markup(", ").join(linker.organisation(o) for o in c.organisations),
        rec_links=lambda c: recommendation_links(c, linker),
        themes_text=lambda c: ", ".join(theme_label(t) for t in c.themes),
    )


def _section_title(report: Report, section_id: str) -> str:
    section = report.section(section_id)
    if section is None:  # the validator checks every case study's section; this is a bug
        raise KeyError(f"unknown section {section_id} in report {report.id}")
    return section.title


def _card_attrs(case: CaseStudy) -> Markup:
    """The values the library's filters match (ids and numbers only)."""
    return Markup(attrs({
        "data-rt-item": "",
        "data-rt-theme": " ".join(case.themes),
        "data-rt-organisation": " ".join(case.organisations),
        "data-rt-recommendation": " ".join(case.recommendations),
        "data-rt-section": case.section,
    }))


def case_study(site: Site, case: CaseStudy, listed_on: str) -> str:
    here = case_study_path(case.id)
    report = site.dataset.report(case.report)
    section = report.section(case.section)
    linker = site.linker(here)
    where = f", section “{md(section.title)}”" if section else ""
    return site.render(
        "case_study.md.j2", here,
        case=case,
        report=report,
        section=section,
        text=quote(case.text, Markup("Quoted from ") + linker.report(report.id) + Markup(where),
                   context=linker.passage(quotes.case_study(site.dataset, case))),
        organisation_links=Markup(", ").join(linker.organisation(o) for o in case.organisations),
        rec_links=recommendation_links(case, linker),
        themes=[theme_label(t) for t in case.themes],
        library=listed_on,
    )


def recommendation_links(case: CaseStudy, linker: Linker) -> Markup:
    dataset = linker.dataset
    recs = [dataset.recommendation(f"{case.report}/{local}") for local in case.recommendations]
    return Markup(", ").join(linker.recommendation(r, recommendation_title(r)) for r in recs)
