"""The full text of the organisations' responses, as pages for a search index of its own.

Why a second index: in a national tracker the responses' full text is most of the words on the site
(at 170 reports, 6 of the 7.5 million words Pagefind indexed), and Pagefind stores every word's every
place. A search for a common word ("management", "offender") fetched the index chunks of that word on
every organisation's page on every report: 380 KB for a reader's first search, where the rest of the
site costs under 250 KB. So the main search (``search.md``) indexes everything except the answers' full
text (each organisation's page on a report still gives its claims and the evidence they quote, indexed),
and the search of responses (``search/responses.md``) indexes the full text alone, from these pages.

Why one index per year of reports: one index of every answer still grows with the number of reports. At
170 reports over 5 years a reader's first search of it ("offender managers") fetched 337 KB, over the
300 KB the rest of the site keeps to. Split by the year the reports were published, as the reports index
is, each index holds at most one year's answers, so its first search stays the size of one year's
(147 to 214 KB at that scale), however many years the tracker holds. Each year's search page links to
the others, carrying the words searched for.

Each page here stands for one organisation's page on one report and is written to the same path, so that
Pagefind gives its results that page's address. It holds the page's title and search facets (the same
markup as the page, :func:`owner_facets`), then the forewords and every answer's full text, each under
a heading with the page's own anchor (``#document-2``, ``#recommendation-3``) so a result links to the
place on the page. These pages are never published: the build writes them to its working folder and
only their index goes into the site (``rectrack.site.pagefind``).
"""

from __future__ import annotations

from markupsafe import Markup

from rectrack.derive import OwnerReport, Tracker
from rectrack.render.markdown import md, paragraphs
from rectrack.render.urls import check_anchor, owner_report_path, page_path, responses_bundle
from rectrack.wording import STATE_LABELS, document_label, recommendation_title

#: The language of the pages' text, as the site's pages declare it (Pagefind keeps one index per language).
LANGUAGE = "en"


def owner_report_title(owner: OwnerReport) -> str:
    """The title of an organisation's page on a report (its heading, and its results' title)."""
    return f"{owner.owner.name}: {owner.report.title}"


def owner_facets(owner: OwnerReport) -> Markup:
    """The search filters of an organisation's page on a report (report, organisation, its duties'
    states) and the report's name for a result to show: the same on the page and here, so that either
    search narrows the page by the same values."""
    report, name = md(owner.report.title), md(owner.owner.name)
    states = sorted({STATE_LABELS[d.state] for d in owner.duties})
    lines = [f'<p data-pagefind-meta="report:{report}" data-pagefind-filter="report:{report}" hidden></p>',
             f'<p data-pagefind-filter="organisation:{name}" hidden></p>']
    lines += [f'<p data-pagefind-filter="state:{md(state)}" hidden></p>' for state in states]
    return Markup("\n".join(lines))


def searchable(owner: OwnerReport) -> bool:
    """Whether the search of responses has a page for this organisation on this report: a published
    document with text in it (a foreword or an answer)."""
    return (any(doc.foreword for doc in owner.documents)
            or any(item.answer.action for duty in owner.duties for item in duty.history))


def searchable_by_year(tracker: Tracker) -> dict[int, list[OwnerReport]]:
    """The :func:`searchable` organisations' pages on a report, by the year the report was published,
    newest year first: each year has a search of responses of its own."""
    years: dict[int, list[OwnerReport]] = {}
    for status in tracker.reports:
        for owner in status.owners:
            if searchable(owner):
                years.setdefault(status.report.published.year, []).append(owner)
    return dict(sorted(years.items(), reverse=True))


def response_search_pages(tracker: Tracker) -> dict[str, dict[str, str]]:
    """``{"pagefind-responses/YYYY": {"reports/r/organisations/o/index.html": "<!doctype html>..."}}``: for
    each year's index, a page for each organisation on each of that year's reports that is :func:`searchable`."""
    return {responses_bundle(year): {page_path(owner_report_path(owner.report.id, owner.owner.id)):
                                     _page(owner, _texts(owner)) for owner in owners}
            for year, owners in searchable_by_year(tracker).items()}


def _texts(owner: OwnerReport) -> list[str]:
    """The forewords, then each recommendation's answers (oldest first, as the page shows them)."""
    out = []
    for number, doc in enumerate(owner.documents, start=1):
        if doc.foreword:
            out.append(f'<h2 id="document-{number}">{md(document_label(doc))}</h2>\n{paragraphs(doc.foreword)}')
    for duty in owner.duties:
        answers = [item.answer.action for item in duty.history if item.answer.action]
        if answers:
            anchor = check_anchor(f"recommendation-{duty.recommendation.local}")
            out.append(f'<h3 id="{anchor}">{md(recommendation_title(duty.recommendation))}</h3>\n'
                       + "\n".join(paragraphs(text) for text in answers))
    return out


def _page(owner: OwnerReport, body: list[str]) -> str:
    title = md(owner_report_title(owner))
    return (f'<!doctype html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{title}</title></head>\n'
            f'<body><main data-pagefind-body>\n<h1>{title}</h1>\n{owner_facets(owner)}\n'
            + "\n".join(body) + "\n</main></body></html>\n")
