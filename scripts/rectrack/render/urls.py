"""Every URL of the site in one place: where each generated page lives, and links between pages.

Paths are docs paths (``reports/kent.md``); MkDocs serves each as a directory URL (``reports/kent/``,
forced by the build). They are built from validated ids (:func:`check_slug`) and recommendation
numbers only, so no data text ever reaches a URL. Links are HTML ``<a href>`` with the final relative
URL (:func:`relative`), so that tables and quotes can be raw HTML blocks.

The layout, by what a page is about:

- ``reports/`` (years) and ``reports/REPORT/``: a report, its ``recommendations/`` (one page each),
  its ``matrix``, ``case-studies/``, ``statistics`` and one page per organisation it addresses
  (``organisations/ORG``);
- ``organisations/ORG/``: one organisation across every report (split by year when it grows);
- ``lists/`` (and ``reports/REPORT/lists/``, ``organisations/ORG/overdue``): the static list behind each
  count the pages show ("42 with no published response"), so every count links to what it counts;
- ``case-studies/ID``, ``changes/`` (by month, with the Atom feed ``changes.xml``), ``glossary``,
  ``about``, ``downloads``, ``search``;
- ``sources/NAME/``: the copy of a source document (a report's text, a response), NAME made from its
  file name; every quote links to its passage there (``#ANCHOR``, see :mod:`rectrack.data.sources`).
  A long copy is a contents page there and one page per top-level section, ``sources/NAME/PART/``
  (:mod:`rectrack.render.source_parts`); a quote links to the part that holds its passage.

The first report's URLs from before the tracker held many (``recommendations/4/``, ``forces/kent/``,
``matrix/``) are kept as small redirect pages (:func:`legacy_redirects`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from markupsafe import Markup

from rectrack.data import quotes
from rectrack.data.model import SLUG, Dataset, Recommendation
from rectrack.data.quotes import Quote
from rectrack.data.sources import SourceDocument
from rectrack.derive import STATES
from rectrack.export import word_template_name
from rectrack.render import source_parts
from rectrack.render.markdown import md
from rectrack.text import plural
from rectrack.wording import IN_CONTEXT, NO_COPY, recommendation_name

HOME = "index.md"
REPORTS = "reports/index.md"
ORGANISATIONS = "organisations/index.md"
CASE_STUDIES = "case-studies/index.md"
CHANGES = "changes/index.md"
#: The Atom feed of the changes page: a file in the site, not a page.
FEED = "changes.xml"
GLOSSARY = "glossary.md"
ABOUT = "about.md"
DOWNLOADS = "downloads.md"
SEARCH = "search.md"
#: The search of the full text of the organisations' responses to the newest year's reports: a search
#: page of its own, over an index of its own; each earlier year's reports have one too, at
#: :func:`responses_search_path` (render/response_search.py says why).
RESPONSES_SEARCH = "search/responses.md"
#: Where the search indexes are written in the site (Pagefind bundles, site/pagefind.py): the main
#: search's, and under RESPONSES_BUNDLE one per year of reports (:func:`responses_bundle`).
SEARCH_BUNDLE = "pagefind"
RESPONSES_BUNDLE = "pagefind-responses"
#: Every organisation's Word template for each report (a help page, generated).
WORD_TEMPLATES = "word-templates.md"
#: The "Publish a response" form, and the files its script reads (written beside it by the build):
#: the rules generated from the schemas, and one file per report with who answers it and what.
RESPONSE_FORM = "publish-response.md"
RESPONSE_FORM_RULES = "publish-response/rules.json"
#: The accessibility statement (generated from site.yaml, render/statement.py) and its sections.
ACCESSIBILITY = "accessibility.md"
STATEMENT_CONTACT = f"{ACCESSIBILITY}#contact"
STATEMENT_KNOWN_ISSUES = f"{ACCESSIBILITY}#non-accessible-content"
#: The reuse terms, on the downloads page.
REUSE = f"{DOWNLOADS}#reuse"
#: The Material theme's own pages (overrides/): served for any address that has no page.
NOT_FOUND = "404.html"

#: Addresses on other sites that the accessibility statement must give: the regulations it follows, the
#: standard it measures against, and who hears complaints and enforces (GOV.UK's sample statement).
REGULATIONS_URL = "https://www.legislation.gov.uk/uksi/2018/952/contents"
WCAG_URL = "https://www.w3.org/TR/WCAG22/"
EHRC_URL = "https://www.equalityhumanrights.com/"
EASS_URL = "https://www.equalityadvisoryservice.com/"
ECNI_URL = "https://www.equalityni.org/Home"


#: The site's navigation: section index pages only (detail pages are reached from them).
NAV: list[tuple[str, str]] = [
    ("Home", HOME),
    ("Reports", REPORTS),
    ("Organisations", ORGANISATIONS),
    ("Good practice", CASE_STUDIES),
    ("What changed", CHANGES),
    ("Glossary", GLOSSARY),
    ("About", ABOUT),
    ("Downloads", DOWNLOADS),
    ("Search", SEARCH),
]
#: Hand-written help pages (content/) grouped under one "Help" entry, so the navigation stays small.
HELP_PAGES = (
    ("How to publish your response", "publish.md"),
    ("Publish a response (form)", RESPONSE_FORM),
    ("Word templates for responses", WORD_TEMPLATES),
    ("For maintainers", "maintainers.md"),
    ("For inspectors", "inspectors.md"),
    ("Data file reference", "reference.md"),
    ("Accessibility statement", ACCESSIBILITY),
)


def navigation(pages: Collection[str]) -> list[dict[str, object]]:
    """The engine's ``nav``: the sections, then the help pages that exist among ``pages`` under "Help"."""
    nav: list[dict[str, object]] = [{title: target} for title, target in NAV]
    help_pages = [{title: name} for title, name in HELP_PAGES if name in pages]
    if help_pages:
        nav.append({"Help": help_pages})
    return nav


def reports_year_path(year: int) -> str:
    return f"reports/{int(year)}.md"


def report_path(report_id: str) -> str:
    return f"reports/{check_slug(report_id)}/index.md"


def report_recommendations_path(report_id: str) -> str:
    return f"reports/{check_slug(report_id)}/recommendations/index.md"


def recommendation_path(rec: Recommendation) -> str:
    return f"reports/{check_slug(rec.report)}/recommendations/{check_slug(rec.local)}.md"


#: The recommendation page's owners, in two tables by whether they have answered it; the answered
#: table keeps the rows whose claim is "implemented" in a body of their own. The page's counts ("N of M
#: owners answered", "N of M claim it", "N owners have no recorded answer") link to these: in-page
#: lists, so that no page per recommendation and answer is added.
OWNERS_ANSWERED = "owners-answered"
OWNERS_UNANSWERED = "owners-unanswered"
OWNERS_CLAIM_IMPLEMENTED = "owners-claim-implemented"
OWNERS_CLAIM_OTHER = "owners-claim-other"


def recommendation_owners_path(rec: Recommendation, group: str) -> str:
    """One group of a recommendation's owners (``group``: one of the ``OWNERS_*`` ids, or
    :func:`owners_in_state`) on its page."""
    if group not in (OWNERS_ANSWERED, OWNERS_UNANSWERED, OWNERS_CLAIM_IMPLEMENTED, OWNERS_CLAIM_OTHER) and not (
            group.startswith(OWNERS_IN_STATE) and group.removeprefix(OWNERS_IN_STATE) in STATES):
        raise ValueError(f"not a group of owners: {group!r}")
    return f"{recommendation_path(rec)}#{group}"


OWNERS_IN_STATE = "owners-state-"


def owners_in_state(state: str) -> str:
    """The id of the list of a recommendation's owners in ``state`` on its page (its status counts)."""
    return f"{OWNERS_IN_STATE}{check_slug(state)}"


def state_group(state: str) -> str:
    """The id of the body of a (report, organisation) page's summary table holding the duties in ``state``."""
    return f"state-{check_slug(state)}"


def owner_report_state_path(report_id: str, org_id: str, state: str) -> str:
    """An organisation's duties in one state on one report: a group of rows on its page for the report."""
    return f"{owner_report_path(report_id, org_id)}#{state_group(state)}"


def reports_table(year: int) -> str:
    """The id of the table of the reports published in ``year``, on that year's page."""
    return f"reports-{int(year)}"


def reports_year_list_path(year: int) -> str:
    return f"{reports_year_path(year)}#{reports_table(year)}"


def organisation_reports_table(org_id: str) -> str:
    """The id of the table of the reports that address an organisation, on its page (or a year's page)."""
    return f"reports-{check_slug(org_id)}"


def matrix_path(report_id: str, block: int = 1) -> str:
    """The first block of a report's matrix is its matrix page; later blocks are ``matrix-2.md``, ..."""
    return f"reports/{check_slug(report_id)}/matrix{'' if block == 1 else f'-{int(block)}'}.md"


def libraries_year_path(year: int) -> str:
    """The libraries of one year's reports (a folder of its own: a case study's page may be named ``2024``)."""
    return f"case-studies/by-year/{int(year)}.md"


def library_path(report_id: str) -> str:
    return f"reports/{check_slug(report_id)}/case-studies/index.md"


def library_section_path(report_id: str, section_id: str, part: int = 1) -> str:
    """A page of a report's case-study library listing one section (``part`` > 1 when it is split)."""
    return (f"reports/{check_slug(report_id)}/case-studies/{check_slug(section_id)}"
            f"{'' if part == 1 else f'-{int(part)}'}.md")


def statistics_path(report_id: str) -> str:
    return f"reports/{check_slug(report_id)}/statistics.md"


def page_path(markdown: str) -> str:
    """Where the engine writes the page of a docs-tree Markdown file (directory URLs)."""
    stem = markdown[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def owner_report_path(report_id: str, org_id: str) -> str:
    """One organisation on one report: its documents, answers, verdicts and statutory clock."""
    return f"reports/{check_slug(report_id)}/organisations/{check_slug(org_id)}.md"


def organisation_path(org_id: str, year: int | None = None) -> str:
    """One organisation across reports; ``year`` for the page of one year when the list is split."""
    tail = "index" if year is None else str(int(year))
    return f"organisations/{check_slug(org_id)}/{tail}.md"


def report_recommendations_list_path(report_id: str, key: str, page: int = 1) -> str:
    """A report's recommendations in one status or deadline list (``key``: a state, "due-within", "passed")."""
    return f"reports/{check_slug(report_id)}/lists/recommendations/{check_slug(key)}{list_page_tail(page)}.md"


def report_organisations_list_path(report_id: str, key: str, page: int = 1) -> str:
    """The organisations a report addresses, by response ("responded", ...) or section 55 state ("s55-late")."""
    return f"reports/{check_slug(report_id)}/lists/organisations/{check_slug(key)}{list_page_tail(page)}.md"


def _list_path(folder: str, key: str | None, page: int) -> str:
    """A list in ``folder``: one of its members (``key``) or, with ``key`` None, every member (the
    folder's index; its later pages are ``all-2``, ``all-3``, ...). A long list is split (``page`` 2
    onwards, see :func:`list_page_tail`)."""
    name = ("index" if page == 1 else "all") if key is None else check_slug(key)
    return f"{folder}/{name}{list_page_tail(page)}.md"


def duties_list_path(key: str | None = None, page: int = 1) -> str:
    """Every duty across reports (``key`` None), or those in one status or deadline list: what the home
    page's counts count."""
    return _list_path("lists/duties", key, page)


def organisations_list_path(key: str | None = None, page: int = 1) -> str:
    """Every organisation with a duty (``key`` None), or those with one response state, across reports."""
    return _list_path("lists/organisations", key, page)


def reports_list_path(page: int = 1) -> str:
    """Every report the tracker follows, newest first (the reports index shows only the newest)."""
    return _list_path("lists/reports", None, page)


def recommendations_list_path(page: int = 1) -> str:
    """Every recommendation of every report."""
    return _list_path("lists/recommendations", None, page)


def documents_list_path(page: int = 1) -> str:
    """Every published document recorded: responses, updates and the like."""
    return _list_path("lists/documents", None, page)


def events_list_path(page: int = 1) -> str:
    """Every event of the changes pages, newest first, in one list (the changes page shows the latest months)."""
    return _list_path("lists/events", None, page)


def case_studies_list_path(report_id: str | None = None, page: int = 1) -> str:
    """Every case study of every report (``report_id`` None), or of one report, in one list (a library
    of more than a hundred is split by section)."""
    folder = "lists/case-studies" if report_id is None else f"reports/{check_slug(report_id)}/lists/case-studies"
    return _list_path(folder, None, page)


def organisation_list_path(org_id: str, key: str, page: int = 1) -> str:
    """One organisation's overdue duties ("overdue"), the reports it has answered ("answered") or all that
    address it ("reports")."""
    return f"organisations/{check_slug(org_id)}/{check_slug(key)}{list_page_tail(page)}.md"


def list_page_tail(page: int) -> str:
    """How page ``page`` of a split list is told from the first: the first keeps the list's own address
    (so every count links to it), the others add "-2", "-3", ... as the matrix's pages do."""
    if page < 1:
        raise ValueError(f"list page {page}: pages are numbered from 1")
    return "" if page == 1 else f"-{int(page)}"


def case_study_path(case_id: str) -> str:
    return f"case-studies/{check_slug(case_id)}.md"


def source_path(name: str) -> str:
    """The page of the copy of a source document (``name``: its page name, a slug of its file name):
    the whole copy, or the contents page of a copy shown in parts."""
    return f"sources/{check_slug(name)}/index.md"


def source_part_path(name: str, part: str) -> str:
    """One part (top-level section) of the copy of a long source document."""
    return f"sources/{check_slug(name)}/{check_slug(part)}.md"


def block_path(copy: SourceDocument, index: int) -> str:
    """The page that shows block ``index`` of a copy: the copy's page, or the part holding it."""
    part = source_parts.page_of(copy, index)
    return source_path(copy.name) if part is None else source_part_path(copy.name, part.name)


def changes_path(month: str | None = None) -> str:
    """The changes page (the latest months) or one month's page (``month`` as "YYYY-MM")."""
    if month is None:
        return CHANGES
    year, _, number = month.partition("-")
    return f"changes/{int(year):04d}-{int(number):02d}.md"


def event_organisations_path(month: str, event_key: str, page: int = 1) -> str:
    """The organisations one event concerns ("became overdue for 42 organisations"), listed beside its
    month's page and named by a digest of the event's key, so it keeps its address from build to build."""
    digest = hashlib.sha256(event_key.encode("utf-8")).hexdigest()[:12]
    return f"{changes_path(month)[:-len('.md')]}/who-{digest}{list_page_tail(page)}.md"


def responses_search_path(year: int, newest: bool) -> str:
    """The search of the responses to one year's reports: the newest year's at RESPONSES_SEARCH (the
    address the search of responses has always had), each earlier year's below it."""
    return RESPONSES_SEARCH if newest else f"search/responses/{year:04d}.md"


def responses_bundle(year: int) -> str:
    """Where the index of the responses to one year's reports is written in the site."""
    return f"{RESPONSES_BUNDLE}/{year:04d}"


def response_form_report_path(report_id: str) -> str:
    """What the response form needs to know about one report: its recommendations and who must answer them."""
    return f"publish-response/reports/{check_slug(report_id)}.json"


def response_form_link(report_id: str, org_id: str, here: str) -> str:
    """The href from ``here`` to the response form with this report and organisation already chosen."""
    return f"{relative(RESPONSE_FORM, here)}?report={check_slug(report_id)}&organisation={check_slug(org_id)}"


#: Where the data folder is inside the tracker's repository (response files go under it).
REPOSITORY_DATA_FOLDER = "data"
#: Git hosts whose page for adding a file can be opened with the file's name and text filled in:
#: host -> (the page's path after the repository's address, the name's parameter, the text's parameter).
NEW_FILE_PAGES = {
    "github.com": ("/new/{branch}", "filename", "value"),
    "codeberg.org": ("/_new/{branch}/", "filename", "value"),  # Gitea and Forgejo
}
#: The longest address the form opens on a git host: GitHub answers "414 URI Too Long" beyond 8,191
#: bytes (its documented limit). A longer file is not put in the address; the page opens with the
#: file's name only and the form says to paste the text in.
NEW_FILE_URL_LIMIT = 8000
#: The longest mailto: address the form writes with the file in the body: mail programs cut or refuse
#: longer ones (Outlook's limit is about 2,000 characters). Beyond it, the e-mail asks for the file to
#: be attached instead.
MAILTO_LIMIT = 2000


@dataclass(frozen=True)
class NewFilePage:
    """A git host's page for adding a file to the repository, and how to fill it in through its address."""

    url: str
    name_parameter: str
    text_parameter: str


def new_file_page(repository_url: str | None, branch: str) -> NewFilePage | None:
    """The page for adding a file to ``repository_url`` on ``branch``, on a host that can be prefilled."""
    if not repository_url:
        return None
    match = re.fullmatch(r"https://([^/\s]+)(/[^\s?#]*?)/?(?:\.git)?", repository_url)
    if not match or match[1].lower() not in NEW_FILE_PAGES or match[2].count("/") != 2:
        return None
    path, name, text = NEW_FILE_PAGES[match[1].lower()]
    return NewFilePage(f"https://{match[1].lower()}{match[2]}{path.format(branch=check_slug(branch))}", name, text)


def legacy_redirects(dataset: Dataset, report_id: str) -> dict[str, str]:
    """Where each page of the one-report site now lives (old docs path -> new docs path)."""
    recs = dataset.recommendations_of(report_id)
    owners = {m for r in recs for o in r.owners for m in dataset.members(o)}
    moved = {
        "recommendations/index.md": report_recommendations_path(report_id),
        "forces/index.md": ORGANISATIONS,
        "bodies/index.md": ORGANISATIONS,
        "matrix.md": matrix_path(report_id),
        "statistics.md": statistics_path(report_id),
    }
    for rec in recs:
        if rec.number is not None:
            moved[f"recommendations/{rec.number}.md"] = recommendation_path(rec)
    for org in dataset.organisations:
        if org.id in owners:
            folder = "forces" if org.kind == "territorial-police-force" else "bodies"
            moved[f"{folder}/{check_slug(org.id)}.md"] = owner_report_path(report_id, org.id)
    report = dataset.report(report_id)
    for section in report.sections:
        moved[f"case-studies/sections/{check_slug(section.id)}.md"] = library_section_path(report_id, section.id)
    return moved


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


@cache
def _folders(path: str) -> tuple[str, ...]:
    """The folders of the page at docs path ``path``'s URL: a page links to many pages, many pages to one."""
    return tuple(page_url(path).split("/")[:-1])


def relative(target: str, here: str) -> str:
    """The href from page ``here`` to page ``target`` (docs paths; ``target`` may end in ``#anchor``).

    Generated pages link with plain HTML ``<a href>`` so that tables, facts and quotes can be raw
    HTML blocks, which Python-Markdown passes through instead of re-parsing every cell (the bulk of
    the build time at scale). The href is therefore the final directory URL, computed with string
    arithmetic (no ``posixpath.relpath``: this runs for every link of every page). MkDocs no longer
    checks these links; ``tests/test_site_build.py`` checks every link and anchor of the built site.
    """
    path, _, fragment = target.partition("#")
    to, base = _folders(path), _folders(here)
    common = 0
    while common < len(to) and common < len(base) and to[common] == base[common]:
        common += 1
    href = "../" * (len(base) - common) + "".join(part + "/" for part in to[common:])
    return (href or "./") + (f"#{fragment}" if fragment else "")


def download_href(name: str, here: str) -> str:
    """The href from page ``here`` to the file ``name`` of the site's ``downloads/`` folder."""
    return file_href("downloads/" + name, here)


def file_href(path: str, here: str) -> str:
    """The href from page ``here`` to the file at ``path`` from the site's root (not a page)."""
    return "../" * page_url(here).count("/") + path


def word_template_link(report_id: str, org_id: str, here: str, text: object) -> Markup:
    """A link to the Word template of ``org_id`` on ``report_id``, saved as ORG-REPORT.docx when downloaded."""
    href = download_href(word_template_name(report_id, org_id), here)
    return Markup(f'<a href="{md(href)}" download="{md(org_id)}-{md(report_id)}.docx">{md(text)}</a>')


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



def mailto(address: str) -> str:
    """The ``mailto:`` href of an e-mail address (site.yaml's, pattern-checked): every character that a
    mail client could read as URL syntax (``?``, ``&``, ``#``, ``%``) is percent-encoded."""
    return "mailto:" + quote(address, safe="@.-_+~")


@dataclass(frozen=True)
class Linker:
    """Links from one page (``here``) to any other, with the linked thing's name as the text."""

    dataset: Dataset
    here: str

    def to(self, target: str, text: object) -> Markup:
        return link(text, target, self.here)

    def count(self, target: str, text: object) -> Markup:
        """A count linked to the list it counts (``rt-count``: the number first in ``text`` is the length
        of the list there; ``tests/test_count_links.py`` holds every such link of the built site to it)."""
        return Markup(f'<a class="rt-count" href="{relative(target, self.here)}">{md(text)}</a>')

    def counted(self, target: str, n: int, noun: str, nouns: str | None = None) -> Markup:
        """"3 reports" linked to the list of them at ``target``; a zero has no list, so it stays text."""
        text = plural(n, noun, nouns)
        return self.count(target, text) if n else Markup(md(text))

    def recommendation(self, rec: Recommendation, text: object = None) -> Markup:
        return self.to(recommendation_path(rec), text if text is not None else recommendation_name(rec))

    def recommendation_number(self, rec: Recommendation) -> Markup:
        """A link that shows just the number (or id) but is named "Recommendation 4" for screen readers."""
        target = relative(recommendation_path(rec), self.here)
        return Markup(f'<a href="{target}"><span class="rt-sr-only">Recommendation </span>{md(rec.local)}</a>')

    def report(self, report_id: str, text: object = None) -> Markup:
        return self.to(report_path(report_id), text if text is not None else self.dataset.report(report_id).title)

    def organisation(self, org_id: str, text: object = None) -> Markup:
        name = text if text is not None else self.dataset.organisation(org_id).name
        return self.to(organisation_path(org_id), name)

    def owner_report(self, report_id: str, org_id: str, text: object = None) -> Markup:
        name = text if text is not None else self.dataset.organisation(org_id).name
        return self.to(owner_report_path(report_id, org_id), name)

    def case_study(self, case_id: str, text: object = None) -> Markup:
        name = text if text is not None else self.dataset.case_study(case_id).title
        return self.to(case_study_path(case_id), name)

    def owner(self, report_id: str, owner_id: str) -> Markup:
        """An owner as named by a recommendation: a group (to the report's organisations) or one organisation."""
        group = self.dataset.group(owner_id)
        if group is not None:
            return self.to(f"{report_path(report_id)}#organisations", group.name)
        return self.owner_report(report_id, owner_id)

    def owners(self, report_id: str, owners: tuple[str, ...]) -> Markup:
        return Markup(", ").join(self.owner(report_id, o) for o in owners)

    def source(self, document: str | None, text: object) -> Markup | None:
        """A link to the page of the copy of ``document`` (a path as the data gives it), or None when none is kept."""
        copy = self.dataset.sources.get(document) if document else None
        return self.to(source_path(copy.name), text) if copy else None

    def passage(self, quote: Quote) -> Markup:
        """Where a quote comes from: a link to its passage in the copy of its document, or plainly that
        no copy is kept. Validation has made sure every quote whose copy is kept is found in it."""
        found = quotes.passage(self.dataset, quote)
        if found is None:
            if quotes.held(self.dataset, quote):
                raise ValueError(f"{quote.what} ({quote.file}) is not in {quote.document}: validate the data first")
            return Markup(f'<span class="rt-source-none">{md(NO_COPY)}.</span>')
        target = relative(f"{block_path(found.document, found.first)}#{check_anchor(found.anchor)}", self.here)
        return Markup(f'<a class="rt-source-link" href="{target}">{md(IN_CONTEXT)}</a>')


#: The form of a passage's anchor (rectrack.data.sources): slug words, a "--" between heading and words.
ANCHOR = re.compile(r"[a-z0-9]+(?:--?[a-z0-9]+)*")


def check_anchor(value: str) -> str:
    if not ANCHOR.fullmatch(value):
        raise ValueError(f"not an anchor, refusing to build a link from it: {value!r}")
    return value
