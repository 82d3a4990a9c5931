"""Every generated page of the site, as Markdown text keyed by its path under the docs directory.

``render_pages(tracker)`` is the whole interface: ``build`` writes the returned pages next to the
hand-written ``content/`` and runs the site engine. Pages are plain Markdown (plus raw HTML blocks),
so nothing depends on MkDocs-only hooks; a few entries are files rather than pages (the Atom feed,
the redirect pages of old addresses), which the engine copies as they are. All figures, names and
dates come from the :class:`~rectrack.derive.Tracker`; the only literals are the site's own words.

This module holds the entry point and the site-wide pages (home, glossary, about, downloads, search;
the accessibility statement has its own module);
reports, organisations, recommendations, matrices, case studies and changes have a module each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

from markupsafe import Markup

from rectrack.background import Background
from rectrack.data import quotes
from rectrack.derive import DUE_SOON_DAYS, S55_PERIOD_DAYS, STATES, OwnerReport, ReportStatus, Tracker
from rectrack.export import (
    ARCHIVE,
    DATAPACKAGE,
    WORD_TEMPLATES_HOLD,
    Download,
    download_files,
    downloads_for,
    report_calendar,
)
from rectrack.render import (
    case_study_pages,
    change_pages,
    form_pages,
    list_pages,
    lists,
    matrix_pages,
    organisation_pages,
    recommendation_pages,
    redirects,
    report_pages,
    source_pages,
    statement,
    template_pages,
)
from rectrack.render.abbreviations import Abbreviations
from rectrack.render.components import badge, progress
from rectrack.render.context import Site
from rectrack.render.facets import states_present
from rectrack.render.markdown import quote
from rectrack.render.response_search import searchable_by_year
from rectrack.render.templating import environment
from rectrack.render.titles import with_title
from rectrack.render.urls import (
    ABOUT,
    ACCESSIBILITY,
    CASE_STUDIES,
    CHANGES,
    DOWNLOADS,
    GLOSSARY,
    HOME,
    ORGANISATIONS,
    REPORTS,
    RESPONSES_SEARCH,
    SEARCH,
    SEARCH_BUNDLE,
    WORD_TEMPLATES,
    Linker,
    documents_list_path,
    duties_list_path,
    external_link,
    file_href,
    organisations_list_path,
    recommendation_path,
    recommendations_list_path,
    relative,
    report_path,
    reports_list_path,
    responses_bundle,
    responses_search_path,
)
from rectrack.text import file_size, plural
from rectrack.wording import (
    COLUMN_TYPES,
    DOCUMENT_KINDS,
    IMPLEMENTATION_LABELS,
    REGIMES,
    S55_HELP,
    S55_LABELS,
    SEARCH_FILTERS,
    STATE_HELP,
    STATE_LABELS,
    VERDICT_HELP,
    VERDICT_LABELS,
    count_phrase,
    reuse_sentence,
)

#: Events the home page shows before linking to the changes page.
HOME_EVENTS = 5


def render_pages(tracker: Tracker, cache_dir: Path | None = None,
                 downloads: Callable[[], Mapping[str, bytes]] | None = None,
                 fork: bool | None = None) -> dict[str, str]:
    """Every generated page: ``{"reports/x/recommendations/4.md": "# Recommendation 4: ...", ...}``.

    ``cache_dir`` (optional) keeps compiled templates between builds (see ``templating.environment``).
    ``downloads``: gives the downloads/ folder's files as the build writes them (made here when not
    given), whose sizes the downloads page gives. It is called last, once every other page is rendered:
    the build makes the files meanwhile in another process.

    The pages of each organisation (its page, its page on each report) and every list, about two thirds
    of the work and the part that grows with reports x organisations, render in two forked children
    (``rectrack.background``; ``fork`` False keeps them here, None decides by the machine), so that with
    this process the work is shared by the machine's cores however it falls. Each page is the same
    wherever it is rendered: it depends on the tracker alone.
    """
    site = Site(tracker, environment(cache_dir))
    abbreviations = Abbreviations.of(site.dataset)
    with Background(lambda: _finished(_organisation_side(site), abbreviations), "the organisations' pages",
                    fork=fork) as organisations, \
            Background(lambda: _finished(list_pages.list_pages(site), abbreviations), "the lists", fork=fork) as listed:
        pages = _finished(_report_side(site), abbreviations)
        files = downloads() if downloads is not None else download_files(tracker)
        pages.update(_finished({DOWNLOADS: downloads_page(site, files)}, abbreviations))
        pages.update(organisations.result())
        pages.update(listed.result())
    pages.update(redirects.redirect_files(site.dataset, site.dataset.site.legacy_report, set(pages)))
    return pages


def _report_side(site: Site) -> dict[str, str]:
    """The site-wide pages and each report's own: its page, recommendations, figures, matrix; the
    library, what changed, the forms and the sources."""
    tracker = site.tracker
    pages = {
        HOME: home(site),
        ORGANISATIONS: organisation_pages.organisations_index(site),
        GLOSSARY: glossary(site),
        ABOUT: about(site),
        **search_pages(site),
        WORD_TEMPLATES: template_pages.word_templates_page(site),
        ACCESSIBILITY: statement.accessibility_statement(site),
    }
    pages.update(report_pages.reports_pages(site))
    for status in tracker.reports:
        report_id = status.report.id
        pages[report_path(report_id)] = report_pages.report_page(site, status)
        pages[report_pages.report_recommendations_path(report_id)] = report_pages.recommendations_page(site, status)
        if any(s.report == report_id for s in site.dataset.statistics) or any(
                f.report == report_id for f in site.dataset.figures):
            pages[report_pages.statistics_path(report_id)] = report_pages.statistics_page(site, status)
        if any(r.duties for r in status.recommendations):
            pages.update(matrix_pages.matrix_pages(site, status))
        for rec_status in status.recommendations:
            page = recommendation_path(rec_status.recommendation)
            pages[page] = recommendation_pages.recommendation(site, rec_status)
    library = case_study_pages.libraries(site)
    pages.update(library.pages)
    for case in site.dataset.case_studies:
        if tracker.shown(case.report):
            pages[case_study_pages.case_study_path(case.id)] = case_study_pages.case_study(
                site, case, library.listed_on[case.id])
    pages.update(change_pages.change_pages(site))
    pages.update(form_pages.form_pages(site))
    pages.update(source_pages.source_pages(site))
    return pages


def _organisation_side(site: Site) -> dict[str, str]:
    """Each organisation's pages: its page, and its page on each report that addresses it."""
    pages = {}
    for status in site.tracker.reports:
        for owner in status.owners:
            pages[organisation_pages.owner_report_path(status.report.id, owner.owner.id)] = \
                organisation_pages.owner_report_page(site, owner)
    for org in site.dataset.organisations:
        pages.update(organisation_pages.organisation_pages(site, org))
    return pages


def _finished(pages: dict[str, str], abbreviations: Abbreviations) -> dict[str, str]:
    """Each Markdown page with its abbreviations marked and its title in front matter; other files as
    they are. The home page's title is the site's name (the theme prints that itself)."""
    return {path: (with_title(abbreviations.mark_first_uses(text)) if path != HOME
                   else abbreviations.mark_first_uses(text)) if path.endswith(".md") else text
            for path, text in pages.items()}


def _recommendations_count(linker: Linker, status: ReportStatus) -> Markup:
    """A report's count of recommendations, linked to its table of them (a zero has no list: text)."""
    return linker.counted(f"{report_pages.report_recommendations_path(status.report.id)}#recommendations-table",
                          len(status.recommendations), "recommendation")


def home(site: Site) -> str:
    tracker = site.tracker
    duties = tracker.duties
    counts = Counter(d.state for d in duties)
    linker = site.linker(HOME)
    newest = sorted(tracker.reports, key=lambda s: s.report.published.earliest, reverse=True)[:5]
    everyone = lists.organisations_on(tracker, None)
    responses = {key: len(lists.organisations_on(tracker, key)) for key in lists.RESPONSE_KEYS}
    return site.render(
        "home.md.j2", HOME,
        reports_total=linker.counted(reports_list_path(), len(tracker.reports), "report"),
        recommendations_total=linker.counted(recommendations_list_path(), len(tracker.recommendations),
                                             "recommendation"),
        duties_total=linker.counted(duties_list_path(), len(duties), "duty", "duties"),
        by_state=[(badge(state), progress(counts[state], len(duties), "duties",
                                          relative(duties_list_path(state), HOME)))
                  for state in STATES if counts[state]],
        newest=[(linker.report(s.report.id), s, _recommendations_count(linker, s)) for s in newest],
        events=change_pages.entries(site, list(tracker.events[:HOME_EVENTS]), HOME),
        links={"reports": linker.to(REPORTS, "Every report, by year"),
               "organisations": linker.to(ORGANISATIONS, "Every organisation"),
               "changes": linker.to(CHANGES, "Everything that changed, newest first")},
        organisations_total=linker.counted(organisations_list_path(), len(everyone), "organisation"),
        responses=[linker.count(organisations_list_path(key), count_phrase(key, n)) for key, n in responses.items()
                   if n],
    )


def search_pages(site: Site) -> dict[str, str]:
    """The main search and the searches of responses, one per year of reports (render/response_search.py
    says why there are several), each linking to the main search and the main search to the newest."""
    by_year = searchable_by_year(site.tracker)
    newest = next(iter(by_year), None)
    searches = [(responses_search_path(year, year == newest), year, owners) for year, owners in by_year.items()]
    pages = {SEARCH: _search_page(site, SEARCH, SEARCH_BUNDLE, searches[0][0] if searches else RESPONSES_SEARCH,
                                  search_filters(site), [], {
        "heading": "Search", "label": "Search this site",
        "scope": "This searches every page, with what each organisation claims and the evidence it quotes, "
                 "but not the full text of the responses.",
        "other": "Search the full text of the responses"})}
    several = len(searches) > 1
    for here, year, owners in searches:
        years = [(str(y), None if path == here else Markup('<a href="{}" data-rt-search-carry>{}</a>').format(
            relative(path, here), y)) for path, y, _ in searches] if several else []
        pages[here] = _search_page(site, here, responses_bundle(year), SEARCH, search_filters(site, owners), years, {
            "heading": f"Search the responses to {year}'s reports" if several else "Search the responses",
            "label": "Search the full text of the responses",
            "scope": f"This searches the full text of the responses published by "
                     f"{plural(len({o.owner.id for o in owners}), 'organisation')} on "
                     f"{plural(len({o.report.id for o in owners}), 'report')}"
                     f"{f' published in {year}' if several else ''}: each result is an organisation's page "
                     "on a report.",
            "other": "Search the rest of the site"})
    if not searches:
        pages[RESPONSES_SEARCH] = _search_page(site, RESPONSES_SEARCH, None, SEARCH, [], [], {
            "heading": "Search the responses", "label": "Search the full text of the responses",
            "scope": "No response with its text is recorded yet, so there is nothing to search here.",
            "other": "Search the rest of the site"})
    return pages


def _search_page(site: Site, here: str, bundle: str | None, other: str, filters: list[tuple[str, str, list[str]]],
                 years: list[tuple[str, Markup | None]], words: dict[str, str]) -> str:
    """One search page over Pagefind's ``bundle`` (None: nothing to search, the page only says so),
    linking to the ``other`` search and, for the responses, to each year's (``years``: label, link or
    None for this page)."""
    linker = site.linker(here)
    links = {key: linker.to(target, text) for key, target, text in (
        ("reports", REPORTS, "reports"), ("organisations", ORGANISATIONS, "organisations"),
        ("case_studies", CASE_STUDIES, "good practice"), ("changes", CHANGES, "changes"),
        ("glossary", GLOSSARY, "glossary"))}
    module = file_href(f"{bundle}/pagefind.js", here) if bundle else None
    return site.render("search.md.j2", here, filters=filters, other_href=relative(other, here), module=module,
                       links=links, years=years, **words)


def search_filters(site: Site, owners: list[OwnerReport] | None = None) -> list[tuple[str, str, list[str]]]:
    """(Pagefind filter, label, values) for a search page's filters: exactly the values the pages it
    searches carry in ``data-pagefind-filter``. The main search: report pages and their sub-pages the
    report's title, an organisation's page on a report its name, those and recommendation pages their
    statuses. The search of responses: those of the organisations' pages on a report in ``owners``."""
    tracker = site.tracker
    if owners is None:
        owners = [o for s in tracker.reports for o in s.owners]
        reports = [s.report.title for s in tracker.reports]
        states = [d.state for d in tracker.duties] + [r.overall_state for r in tracker.recommendations]
    else:
        titles = {o.report.title for o in owners}
        reports = [s.report.title for s in tracker.reports if s.report.title in titles]
        states = [d.state for o in owners for d in o.duties]
    values = {"report": reports,
              "organisation": sorted({o.owner.name for o in owners}, key=str.lower),
              "state": [STATE_LABELS[s] for s in states_present(states)]}
    return [(key, label, values[key]) for key, label in SEARCH_FILTERS.items() if values[key]]


def glossary(site: Site) -> str:
    terms = sorted(site.dataset.glossary, key=lambda t: t.term.lower())
    linker = site.linker(GLOSSARY)
    quoted = {}
    for term in terms:
        cited = quotes.glossary(site.dataset, term)
        if cited is not None and term.report:
            quoted[term.id] = quote(term.definition, Markup("Definition quoted from ") + linker.report(term.report),
                                    context=linker.passage(cited))
    return site.render("glossary.md.j2", GLOSSARY, terms=terms, quoted=quoted)


#: Most reports the About page names one by one (where its data comes from, which give no day of
#: publication); beyond it, it counts them and sends the reader to the reports index, split by year.
ABOUT_REPORTS_LISTED = 20


def about(site: Site) -> str:
    linker = site.linker(ABOUT)
    documents = sum(len(o.documents) for status in site.tracker.reports for o in status.owners)
    return site.render(
        "about.md.j2", ABOUT,
        due_soon=DUE_SOON_DAYS,
        s55_days=S55_PERIOD_DAYS,
        states=[(badge(s), STATE_HELP[s]) for s in STATES],
        claims=IMPLEMENTATION_LABELS,
        verdicts=[(badge(v, VERDICT_LABELS[v], family="verdict"), VERDICT_HELP[v]) for v in VERDICT_LABELS],
        s55_labels=S55_LABELS,
        s55_badge=lambda state: badge(state, S55_LABELS[state], family="s55"),
        s55_help=S55_HELP,
        regimes=REGIMES,
        document_kinds=DOCUMENT_KINDS,
        reports=[s.report for s in site.tracker.reports], listed=ABOUT_REPORTS_LISTED,
        month_only=[s.report for s in site.tracker.reports if s.report.published.day is None],
        reports_total=linker.counted(reports_list_path(), len(site.tracker.reports), "report"),
        documents=linker.counted(documents_list_path(), documents, "document"),
        Markup=Markup,
    )


#: Most reports whose own calendar the downloads page lists (the newest); each report's page links its own.
CALENDARS_LISTED = 20


def downloads_page(site: Site, files: Mapping[str, bytes]) -> str:
    """The downloads page, written from the table the files are built from (``export.downloads_for``) and
    from the files' bytes (``files``: their sizes), so it cannot describe a file or a column that is not there.

    It lists the calendar of every report together and those of the newest ``CALENDARS_LISTED`` reports:
    one line per report would make the page grow with the tracker (173 calendars, 42 KB of the page's
    93 KB at 170 generated reports). Each report's page links its own calendar."""
    table = downloads_for(site.tracker)
    listing = [d for d in table if d.listed]

    def entry(d: Download, holds: str | None = None) -> dict[str, object]:
        return {"name": d.name, "kind": d.kind, "bytes": len(files[d.name]), "size": file_size(len(files[d.name])),
                "holds": d.holds if holds is None else holds}

    tables = []
    for name in dict.fromkeys(d.table for d in listing if d.table):
        pair = [d for d in listing if d.table == name]
        tables.append({"id": name, "title": name.replace("-", " ").capitalize(), "holds": pair[0].holds,
                       "files": [entry(d, "" if d.name.endswith(".json") else None) for d in pair],
                       "columns": [(c.name, COLUMN_TYPES[c.type], c.description, c.values) for c in pair[0].fields]})
    others = [d for d in listing if not d.table]
    # Every report's calendar, then each report's own, newest report first.
    newest = sorted(site.tracker.reports, key=lambda s: s.report.published.earliest, reverse=True)
    own = [report_calendar(s.report.id).name for s in newest]
    named = {d.name: d for d in others}
    calendars = ([entry(d) for d in others if d.name.endswith(".ics") and d.name not in own]
                 + [entry(named[name]) for name in own])
    licence = site.dataset.site.licence
    return site.render(
        "downloads.md.j2", DOWNLOADS, tables=tables,
        calendars=calendars[:len(calendars) - len(own) + CALENDARS_LISTED],
        earlier_calendars=max(len(own) - CALENDARS_LISTED, 0),
        schemas=[entry(d) for d in others if d.name.startswith("schemas/")],
        bundles=[entry(d) for d in others if d.name in (DATAPACKAGE, ARCHIVE)],
        templates=sum(1 for d in table if not d.listed), templates_hold=WORD_TEMPLATES_HOLD,
        licence=licence, reuse=reuse_sentence(licence.name),
        licence_link=external_link(licence.name or licence.url, licence.url) if licence.url else None,
        rights=[(s.report, s.report.rights) for s in site.tracker.reports if s.report.rights])
