"""The case-study library (filterable) and one page per case study."""

from __future__ import annotations

from markupsafe import Markup

from ..model import CaseStudy
from .components import Control, attrs, filters
from .context import Site
from .links import CASE_STUDIES, Linker, case_study_path
from .markdown import md, quote
from .wording import theme_label


def case_studies_index(site: Site) -> str:
    dataset = site.dataset
    cases = dataset.case_studies
    linker = site.linker(CASE_STUDIES)
    themes = sorted({t for c in cases for t in c.themes})
    forces = sorted({c.force for c in cases}, key=lambda f: dataset.force(f).name)
    numbers = sorted({n for c in cases for n in c.recommendations})
    sections = [s for s in site.report.sections if any(c.section == s.id for c in cases)]
    controls = [
        Control("theme", "Theme (editorial)", [(t, theme_label(t)) for t in themes]),
        Control("force", "Force", [(f, dataset.force(f).name) for f in forces]),
        Control("recommendation", "Recommendation (editorial)",
                [(str(n), f"{n}: {dataset.recommendation(n).short_title}") for n in numbers]),
        Control("section", "Report section", [(s.id, s.title) for s in sections]),
    ]
    return site.render(
        "case_studies.md.j2", CASE_STUDIES,
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


def case_study(site: Site, case: CaseStudy) -> str:
    here = case_study_path(case.id)
    section = site.section(case.section)
    return site.render(
        "case_study.md.j2", here,
        case=case,
        section=section,
        text=quote(case.text, Markup(f"Quoted from the report, section “{md(section.title)}”")),
        rec_links=recommendation_links(case, site.linker(here)),
        themes=[theme_label(t) for t in case.themes],
    )


def recommendation_links(case: CaseStudy, linker: Linker) -> Markup:
    return Markup(", ").join(
        linker.recommendation(n, f"{n}: {linker.dataset.recommendation(n).short_title}") for n in case.recommendations)
