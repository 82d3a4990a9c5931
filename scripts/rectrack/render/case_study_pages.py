"""The case-study library (filterable) and one page per case study."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from rectrack.data.model import CaseStudy
from rectrack.render.components import Control, attrs, filters
from rectrack.render.context import Site
from rectrack.render.facets import theme_label
from rectrack.render.markdown import md, quote
from rectrack.render.urls import CASE_STUDIES, Linker, case_study_path, library_section_path

#: Most case studies one library page lists. Up to this many, the whole library is one filterable
#: page (the shipped report has 25); beyond it, the library index lists the report's sections and
#: each section gets its own pages, so no page grows with the size of the library.
LIBRARY_PAGE_SIZE = 100


@dataclass(frozen=True)
class LibraryPage:
    """One page of the library: where it lives, what it is called and which case studies it lists."""

    path: str
    title: str
    cases: Sequence[CaseStudy]


@dataclass(frozen=True)
class Library:
    """The library's pages, and for each case study the library page that lists it (its "back" link)."""

    pages: dict[str, str]
    listed_on: dict[str, str]


def library(site: Site) -> Library:
    """The case-study library: one page, or an index of sections with a page (or more) per section."""
    cases = site.dataset.case_studies
    if len(cases) <= LIBRARY_PAGE_SIZE:
        page = LibraryPage(CASE_STUDIES, "Good-practice case studies", cases)
        return Library({CASE_STUDIES: _library(site, page)}, {c.id: CASE_STUDIES for c in cases})
    parts = _section_parts(site)
    pages = {part.path: _library(site, part, parts, index) for index, part in enumerate(parts)}
    pages[CASE_STUDIES] = site.render("case_studies_sections.md.j2", CASE_STUDIES, cases=cases, parts=[
        (site.linker(CASE_STUDIES).to(part.path, part.title), len(part.cases)) for part in parts])
    return Library(pages, {c.id: part.path for part in parts for c in part.cases})


def _section_parts(site: Site) -> list[LibraryPage]:
    by_section: dict[str, list[CaseStudy]] = {}
    for case in site.dataset.case_studies:
        by_section.setdefault(case.section, []).append(case)
    parts = []
    for section in site.report.sections:
        chosen = by_section.get(section.id, [])
        chunks = [chosen[i:i + LIBRARY_PAGE_SIZE] for i in range(0, len(chosen), LIBRARY_PAGE_SIZE)]
        for number, chunk in enumerate(chunks, start=1):
            title = section.title if len(chunks) == 1 else f"{section.title} (part {number} of {len(chunks)})"
            parts.append(LibraryPage(library_section_path(section.id, number), title, chunk))
    return parts


def _library(site: Site, page: LibraryPage, parts: Sequence[LibraryPage] = (),
             index: int = -1) -> str:
    """One library page; ``parts`` and ``index`` place a section page among the others (empty: the whole library)."""
    dataset = site.dataset
    cases = page.cases
    linker = site.linker(page.path)
    themes = sorted({t for c in cases for t in c.themes})
    forces = sorted({c.force for c in cases}, key=lambda f: dataset.force(f).name)
    numbers = sorted({n for c in cases for n in c.recommendations})
    sections = [s for s in site.report.sections if any(c.section == s.id for c in cases)]
    controls = [
        Control("theme", "Theme (editorial)", [(t, theme_label(t)) for t in themes]),
        Control("force", "Force", [(f, dataset.force(f).name) for f in forces]),
        Control("recommendation", "Recommendation (editorial)",
                [(str(n), f"{n}: {dataset.recommendation(n).short_title}") for n in numbers]),
    ]
    if len(sections) > 1:
        controls.append(Control("section", "Report section", [(s.id, s.title) for s in sections]))
    return site.render(
        "case_studies.md.j2", page.path,
        page=page,
        part_of=len(site.dataset.case_studies) if parts else None,
        previous=linker.to(parts[index - 1].path, parts[index - 1].title) if index > 0 else None,
        next=linker.to(parts[index + 1].path, parts[index + 1].title) if 0 <= index < len(parts) - 1 else None,
        all_sections=linker.to(CASE_STUDIES, "All case studies, by report section") if parts else None,
        cases=cases,
        form=filters("case-study-library", "case studies", controls),
        card_attrs=_card_attrs,
        section_title=lambda section_id: site.section(section_id).title,
        rec_links=lambda c: recommendation_links(c, linker),
        themes_text=lambda c: ", ".join(theme_label(t) for t in c.themes),
    )


def _card_attrs(case: CaseStudy) -> Markup:
    """The values the library's filters match (ids and numbers only)."""
    return Markup(attrs({
        "data-rt-item": "",
        "data-rt-theme": " ".join(case.themes),
        "data-rt-force": case.force,
        "data-rt-recommendation": " ".join(str(n) for n in case.recommendations),
        "data-rt-section": case.section,
    }))


def case_study(site: Site, case: CaseStudy, listed_on: str = CASE_STUDIES) -> str:
    here = case_study_path(case.id)
    section = site.section(case.section)
    return site.render(
        "case_study.md.j2", here,
        case=case,
        section=section,
        text=quote(case.text, Markup(f"Quoted from the report, section “{md(section.title)}”")),
        rec_links=recommendation_links(case, site.linker(here)),
        themes=[theme_label(t) for t in case.themes],
        library=listed_on,
    )


def recommendation_links(case: CaseStudy, linker: Linker) -> Markup:
    return Markup(", ").join(
        linker.recommendation(n, f"{n}: {linker.dataset.recommendation(n).short_title}") for n in case.recommendations)
