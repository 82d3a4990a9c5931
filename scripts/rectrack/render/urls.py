"""Every URL of the site in one place: where each generated page lives, and links between pages.

Paths are docs paths (``forces/kent.md``); MkDocs serves each as a directory URL (``forces/kent/``,
forced by the build). They are built from validated ids (:func:`check_slug`) and recommendation
numbers (ints) only, so no data text ever reaches a URL. Links are HTML ``<a href>`` with the final
relative URL (:func:`relative`), so that tables and quotes can be raw HTML blocks.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from markupsafe import Markup

from rectrack.data.model import FORCES, SLUG, Dataset
from rectrack.render.markdown import md
from rectrack.wording import FORCES_OWNER

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


#: The site's navigation: section index pages only (detail pages are reached from them).
NAV: list[tuple[str, str]] = [
    ("Home", HOME),
    ("Recommendations", RECOMMENDATIONS),
    ("Forces", FORCES_INDEX),
    ("Matrix", MATRIX),
    ("National bodies", BODIES),
    ("Case studies", CASE_STUDIES),
    ("Statistics", STATISTICS),
    ("Glossary", GLOSSARY),
    ("About", ABOUT),
    ("Downloads", DOWNLOADS),
    ("Search", SEARCH),
]
#: Hand-written help pages (content/) grouped under one "Help" entry, so the navigation stays small.
HELP_PAGES = (
    ("How to publish your response", "publish.md"),
    ("For inspectors", "inspectors.md"),
    ("Data file reference", "reference.md"),
    ("Accessibility statement", "accessibility.md"),
)


def navigation(pages: Collection[str]) -> list[dict[str, object]]:
    """The engine's ``nav``: the sections, then the help pages that exist among ``pages`` under "Help"."""
    nav: list[dict[str, object]] = [{title: target} for title, target in NAV]
    help_pages = [{title: name} for title, name in HELP_PAGES if name in pages]
    if help_pages:
        nav.append({"Help": help_pages})
    return nav


def matrix_path(block: int) -> str:
    """The first block of the matrix is the matrix page itself; later blocks are ``matrix-2.md``, ..."""
    return MATRIX if block == 1 else f"matrix-{int(block)}.md"


def library_section_path(section_id: str, part: int = 1) -> str:
    """A page of the case-study library listing one report section (``part`` > 1 when it is split)."""
    return f"case-studies/sections/{check_slug(section_id)}{'' if part == 1 else f'-{int(part)}'}.md"


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


def check_slug(value: str) -> str:
    """Refuse anything but a validated id before it becomes part of a path or URL."""
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise ValueError(f"not a slug, refusing to build a link from it: {value!r}")
    return value


def page_url(path: str) -> str:
    """The URL (relative to the site root) MkDocs gives the page at docs path ``path``.

    The build always sets ``use_directory_urls: true``: ``forces/kent.md`` is served as
    ``forces/kent/`` and ``forces/index.md`` as ``forces/``.
    """
    if not path.endswith(".md"):
        raise ValueError(f"not a page path: {path!r}")
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def relative(target: str, here: str) -> str:
    """The href from page ``here`` to page ``target`` (docs paths; ``target`` may end in ``#anchor``).

    Generated pages link with plain HTML ``<a href>`` so that tables, facts and quotes can be raw
    HTML blocks, which Python-Markdown passes through instead of re-parsing every cell (the bulk of
    the build time at scale). The href is therefore the final directory URL, computed with string
    arithmetic (no ``posixpath.relpath``: this runs for every link of every page). MkDocs no longer
    checks these links; ``tests/test_site_build.py`` checks every link and anchor of the built site.
    """
    path, _, fragment = target.partition("#")
    to = page_url(path).split("/")[:-1]
    base = page_url(here).split("/")[:-1]
    common = 0
    while common < len(to) and common < len(base) and to[common] == base[common]:
        common += 1
    href = "../" * (len(base) - common) + "".join(part + "/" for part in to[common:])
    return (href or "./") + (f"#{fragment}" if fragment else "")


def link(text: object, target: str, here: str) -> Markup:
    """An HTML link with escaped text to a generated page (``target`` built from slugs only)."""
    return Markup(f'<a href="{relative(target, here)}">{md(text)}</a>')


def external_link(text: object, url: str) -> Markup:
    """An inline HTML link to a source document on another site (a response's published URL).

    The schema allows only http(s) URLs; the scheme is checked again here because this is the one
    place a data string becomes an href. Inline HTML (not ``[..](..)``) so the escaped URL survives:
    the browser decodes the character references inside the attribute.
    """
    if not re.match(r"^https?://[^\s]+$", url or "", re.IGNORECASE):
        return Markup(md(text))
    return Markup(f'<a href="{md(url)}" rel="external">{md(text)}</a>')



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
            return self.to(FORCES_INDEX, FORCES_OWNER)
        return self.body(owner)

    def owners(self, owners: tuple[str, ...]) -> Markup:
        return Markup(", ").join(self.owner(o) for o in owners)
