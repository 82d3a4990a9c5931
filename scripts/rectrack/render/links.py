"""Where each generated page lives, and links to it from any other page.

Paths are built from validated ids only (``check_slug``) and recommendation numbers (ints), so no
data text ever reaches a URL. Links are HTML ``<a href>`` with the final relative URL (see
:func:`~rectrack.render.markdown.relative`).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from rectrack.data.model import FORCES, Dataset
from rectrack.render.markdown import check_slug, link, relative

HOME = "index.md"
RECOMMENDATIONS = "recommendations/index.md"
FORCES_INDEX = "forces/index.md"
BODIES = "bodies/index.md"
CASE_STUDIES = "case-studies/index.md"
MATRIX = "matrix.md"
GLOSSARY = "glossary.md"
STATISTICS = "statistics.md"
ABOUT = "about.md"
DOWNLOADS = "downloads.md"
SEARCH = "search.md"


def recommendation_path(number: int) -> str:
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValueError(f"not a recommendation number: {number!r}")
    return f"recommendations/{number}.md"


def force_path(force_id: str) -> str:
    return f"forces/{check_slug(force_id)}.md"


def body_path(body_id: str) -> str:
    return f"bodies/{check_slug(body_id)}.md"


def case_study_path(case_id: str) -> str:
    return f"case-studies/{check_slug(case_id)}.md"


@dataclass(frozen=True)
class Linker:
    """Links from one page (``here``) to any other, with the linked thing's name as the text."""

    dataset: Dataset
    here: str

    def to(self, target: str, text: object) -> Markup:
        return link(text, target, self.here)

    def recommendation(self, number: int, text: object = None) -> Markup:
        return self.to(recommendation_path(number), text if text is not None else f"Recommendation {number}")

    def recommendation_number(self, number: int) -> Markup:
        """A link that shows just the number but is named "Recommendation 4" for screen readers."""
        target = relative(recommendation_path(number), self.here)
        return Markup(f'<a href="{target}"><span class="rt-sr-only">Recommendation </span>{number}</a>')

    def force(self, force_id: str, text: object = None) -> Markup:
        name = text if text is not None else self.dataset.force(force_id).name
        return self.to(force_path(force_id), name)

    def body(self, body_id: str, text: object = None) -> Markup:
        name = text if text is not None else self.dataset.body(body_id).name
        return self.to(body_path(body_id), name)

    def case_study(self, case_id: str, text: object = None) -> Markup:
        name = text if text is not None else self.dataset.case_study(case_id).title
        return self.to(case_study_path(case_id), name)

    def owner(self, owner: str) -> Markup:
        """An owner as named on pages: the forces list, or the body's own page."""
        if owner == FORCES:
            return self.to(FORCES_INDEX, "Every police force")
        return self.body(owner)

    def owners(self, owners: tuple[str, ...]) -> Markup:
        return Markup(", ").join(self.owner(o) for o in owners)
