"""Every count on the built site links to the list it counts, and the list is as long as the count.

A count link is ``<a class="rt-count">`` (render/urls.py ``Linker.count``, components.progress): the
first number in its text is the count. Its target is a page of the built site; the list there is the
``[data-rt-item]`` rows inside the element the link's fragment names, or else inside the list table
(``#rt-list``, render/list_pages.py); a list split into pages (``#rt-list-pages`` links its other
pages) counts the rows of every page. Read from the HTML files, so a count and its list can only agree
if both reached the site.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser.sitebuild import REPORT_URL, html_pages, page_file, shared_site

pytestmark = pytest.mark.xdist_group("sitebuild")

LIST_TABLE = "rt-list"
LIST_PAGES = "rt-list-pages"


class _Counts(HTMLParser):
    """Count links, progress texts, and the ``[data-rt-item]`` rows under each id of one page."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.pages: list[str] = []  # the hrefs under #rt-list-pages: the other pages of a split list
        self.items: dict[str, int] = {}
        self.progress: list[tuple[str, bool]] = []  # (text, holds a count link)
        self._stack: list[tuple[str, str | None, str]] = []  # (tag, id, class)
        self._link: list[str] | None = None
        self._href = ""
        self._progress: list[str] | None = None
        self._progress_link = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        css = values.get("class") or ""
        if "data-rt-item" in values:
            for _, element_id, _ in self._stack:
                if element_id:
                    self.items[element_id] = self.items.get(element_id, 0) + 1
        if tag == "a" and any(element_id == LIST_PAGES for _, element_id, _ in self._stack):
            self.pages.append(values.get("href", ""))
        if tag == "a" and "rt-count" in css.split():
            self._link, self._href = [], values.get("href", "")
            if self._progress is not None:
                self._progress_link = True
        if tag == "span" and "rt-progress__text" in css.split():
            self._progress, self._progress_link = [], False
        if tag not in self.VOID:
            self._stack.append((tag, values.get("id"), css))

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        while self._stack:
            top, _, css = self._stack.pop()
            if top == "span" and "rt-progress__text" in css.split() and self._progress is not None:
                self.progress.append((" ".join("".join(self._progress).split()), self._progress_link))
                self._progress = None
            if top == tag:
                break

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)
        if self._progress is not None:
            self._progress.append(data)


_PARSED: dict[Path, _Counts] = {}


def counts_of(file: Path) -> _Counts:
    if file not in _PARSED:
        parser = _Counts()
        parser.feed(file.read_text("utf-8"))
        parser.close()
        _PARSED[file] = parser
    return _PARSED[file]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    outcome = shared_site(tmp_path_factory)
    assert outcome.ok, outcome.output[-3000:]
    return outcome.site


def count_links(site: Path) -> list[tuple[str, str, str]]:
    """(page, href, text) of every count link of the built site."""
    return [(path, href, text) for path in html_pages(site) for href, text in counts_of(page_file(site, path)).links]


def list_length(site: Path, page: str, href: str) -> int | None:
    """How many items the list at ``href`` (from ``page``) holds; None when there is no such list."""
    url = urlsplit(urljoin(f"http://site{page}", href))
    target = page_file(site, unquote(url.path))
    if not target.is_file():
        return None
    found = counts_of(target)
    if url.fragment or not found.pages:
        return found.items.get(url.fragment or LIST_TABLE)
    # A split list: this page's rows and those of each page it links (the current one is not a link).
    parts = [counts_of(page_file(site, unquote(urlsplit(urljoin(url.geturl(), other)).path))) for other in found.pages]
    return sum(part.items.get(LIST_TABLE, 0) for part in [found, *parts])


def test_every_count_link_lands_on_a_list_as_long_as_its_count(site: Path) -> None:
    links = count_links(site)
    wrong = []
    for page, href, text in links:
        number = re.search(r"\d[\d,]*", text)
        found = list_length(site, page, href)
        if number is None or found != int(number.group().replace(",", "")):
            wrong.append(f"{page}: “{text}” -> {href} holds {found} items")
    assert not wrong, f"{len(wrong)} of {len(links)} count links disagree with their lists:\n" + "\n".join(wrong[:30])


#: The pages the issue names, the fewest count links each must carry, and the lists (the end of the
#: link's href) some of them must lead to: the totals of the home, about, good practice, changes and
#: reports pages to every report, recommendation, duty, document, case study and event; a
#: recommendation's owners that answered, claim it and have not answered; a report's recommendations
#: table to the first two, row by row; the reports index to each year's reports; an organisation's page
#: (and a report's table of organisations) to its duties in each state on each report.
NAMED_PAGES = (
    ("/", 9, (f"{REPORT_URL[1:]}/recommendations/#recommendations-table", "lists/reports/",
              "lists/recommendations/", "lists/duties/")),
    ("/about/", 2, ("lists/reports/", "lists/documents/")),
    ("/case-studies/", 2, ("lists/case-studies/", f"{REPORT_URL[1:]}/lists/case-studies/")),
    (f"{REPORT_URL}/", 8, ("organisations/devon-and-cornwall/#state-overdue",)),
    ("/organisations/", 40, ("devon-and-cornwall/reports/", "#organisations-territorial-police-force")),
    ("/changes/", 4, ("2026-11/#events", "lists/events/")),
    # "Recommendation 1 became overdue for 42 organisations": the organisations on the day, listed.
    ("/changes/2026-11/", 6, ()),
    ("/reports/", 7, ("2026/#reports-2026", "2023/#reports-2023", "lists/reports/")),
    (f"{REPORT_URL}/recommendations/1/", 3, ("#owners-answered", "#owners-claim-implemented", "#owners-unanswered",
                                             "#owners-state-implemented", "#owners-state-overdue")),
    (f"{REPORT_URL}/recommendations/", 8, ("1/#owners-answered", "1/#owners-claim-implemented")),
    # An organisation's page: its totals across reports (to its lists), and its duties in each state on a report.
    ("/organisations/devon-and-cornwall/", 7,
     ("reports/", "answered/", "overdue/") + tuple(f"{REPORT_URL[1:]}/organisations/devon-and-cornwall/#state-{state}"
                                                   for state in ("implemented", "overdue", "upcoming"))),
)


def test_the_pages_the_issue_names_link_their_counts(site: Path) -> None:
    """The home page, a report's page and its recommendations table, a recommendation, the reports and
    organisations indexes and an organisation's page each carry count links, and every progress bar's
    "N of M" is one (a zero has no list, so it stays text)."""
    short = []
    for path, least, ends in NAMED_PAGES:
        links = counts_of(page_file(site, path)).links
        missing = [end for end in ends if not any(href == end or href.endswith(f"/{end}") for href, _ in links)]
        if len(links) < least or missing:
            short.append(f"{path}: {len(links)} count links (at least {least}), none to {missing}")
    assert not short, "\n".join(short)
    unlinked = [(path, text) for path in html_pages(site) for text, linked in counts_of(page_file(site, path)).progress
                if not linked and not text.startswith("0 ")]
    assert not unlinked, unlinked


def test_the_check_tells_a_wrong_count_from_a_right_one(site: Path) -> None:
    """The list length is read from the target page, not taken from the link: a link to the wrong list
    or to a page without one is caught."""
    home = counts_of(page_file(site, "/"))
    href, text = next((h, t) for h, t in home.links if "no-response" in h)
    right = list_length(site, "/", href)
    assert right == int(re.search(r"\d[\d,]*", text).group().replace(",", ""))
    assert list_length(site, "/", href.replace("no-response", "responded")) != right
    assert list_length(site, "/", "reports/") is None  # a page without a list table
