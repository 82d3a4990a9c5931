"""The generated pages, on the shipped data at a fixed date: what readers see on each page.

Also checks that nothing the pages say is hard-coded: the render package's source names no
organisation, title, count or date from the data, and changing the data changes the pages.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from constants import REPO as ROOT
from rectrack.background import can_fork
from rectrack.derive import derive
from rectrack.render import NAV, render_pages
from rectrack.render.abbreviations import Abbreviations
from rectrack.render.markdown import md
from rectrack.render.response_search import owner_facets, response_search_pages
from rectrack.render.urls import legacy_redirects, owner_report_path, page_path, responses_bundle

RENDER = ROOT / "scripts" / "rectrack" / "render"
RID = "hmicfrs-2026-ocsa-mosovo"
REPORT = f"reports/{RID}"


@pytest.fixture(scope="module")
def pages(tracker):
    return render_pages(tracker)


def rec_page(pages, number: int | str, report: str = RID) -> str:
    return pages[f"reports/{report}/recommendations/{number}.md"]


def owner_page(pages, org: str, report: str = RID) -> str:
    return pages[f"reports/{report}/organisations/{org}.md"]


def _section(page: str, heading: str) -> str:
    """The text of one "### heading" section (up to the next h2/h3)."""
    start = page.index(heading)
    rest = page[start + len(heading):]
    end = re.search(r"^#{2,3} ", rest, re.M)
    return rest[: end.start()] if end else rest


def test_a_page_for_every_report_recommendation_organisation_and_case_study(pages, dataset, tracker) -> None:
    expected = {f"reports/{r.id}/index.md" for r in dataset.reports}
    expected |= {f"reports/{r.report}/recommendations/{r.local}.md" for r in dataset.recommendations}
    expected |= {f"organisations/{o.id}/index.md" for o in dataset.organisations}
    expected |= {f"case-studies/{c.id}.md" for c in dataset.case_studies}
    expected |= {f"reports/{o.report.id}/organisations/{o.owner.id}.md" for r in tracker.reports for o in r.owners}
    missing = expected - set(pages)
    assert not missing, sorted(missing)[:5]
    assert len(dataset.reports) == 3 and len(dataset.recommendations) == 16 + 2
    assert len({p for p in expected if p.startswith(f"{REPORT}/organisations/")}) == 43 + 3


def test_every_page_has_exactly_one_h1_first(pages) -> None:
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        body = re.sub(r"\A\s*(\{%.*?%\}\s*)*", "", body)
        h1s = re.findall(r"^# .+", body, re.M)
        assert len(h1s) == 1, path
        assert body.lstrip().startswith("# "), path


def test_overdue_and_due_soon_countdowns(pages) -> None:
    assert "overdue by 23 days" in rec_page(pages, 4)
    for number in (3, 14):
        assert "due in 38 days" in rec_page(pages, number)
    assert "overdue by 24 days" in rec_page(pages, 6)


def test_recommendation_page_quotes_text_and_every_bullet(pages, dataset) -> None:
    rec = dataset.recommendation(f"{RID}/1")
    page = rec_page(pages, 1)
    assert md(rec.text) in page
    for action in rec.actions:
        assert f"<li>{md(action)}</li>" in page
    assert "Quoted from " in page and md(dataset.report(RID).title) in page
    assert rec.summary_variant is not None and md(rec.summary_variant.differences) in page


def test_force_directed_recommendation_lists_every_force(pages, dataset) -> None:
    page = rec_page(pages, 4)
    forces = [o for o in dataset.organisations if o.kind == "territorial-police-force"]
    for force in forces:
        assert f'href="../../organisations/{force.id}/"' in page
    assert page.count('data-rt-item=""') == len(forces) == 43


def test_a_national_body_recommendation_says_no_response_is_recorded_and_how_to_add_one(pages) -> None:
    page = owner_page(pages, "college-of-policing")
    assert "No response published" in page
    assert md("national_responses/hmicfrs-2026-ocsa-mosovo/college-of-policing.yaml") in page
    assert "This is not the same as compliance" in page


def test_devon_and_cornwall_shows_each_answer_with_its_evidence(pages, tracker) -> None:
    page = owner_page(pages, "devon-and-cornwall")
    owner = tracker.report(RID).owner("devon-and-cornwall")
    assert owner is not None and len(owner.documents) == 1
    document = owner.documents[0]
    assert len(document.answers) == 9
    assert "answer 9 of the 9 recommendations" in page
    for answer in document.answers:
        section = _section(page, f"### Recommendation {answer.recommendation}:")
        assert "No response published" not in section
        if answer.evidence:
            assert md(answer.evidence) in section, answer.recommendation
            assert "Evidence quoted from the first comments" in section
        if answer.note:
            assert md(answer.note) in section
    assert document.foreword is not None and md(document.foreword.split("\n\n")[0]) in page
    assert "<details" in page  # foreword and full texts are collapsed without needing JavaScript


def test_force_without_a_response_says_so_for_each_recommendation(pages, tracker) -> None:
    page = owner_page(pages, "kent")
    owner = tracker.report(RID).owner("kent")
    assert owner is not None and not owner.documents and owner.duties
    for duty in owner.duties:
        section = _section(page, f"### Recommendation {duty.recommendation.number}:")
        assert "No response published" in section
        assert "Implemented (claimed)" not in section
    assert "This is not the same as compliance" in page


def test_matrix_has_a_row_per_organisation_and_column_totals(pages, tracker) -> None:
    status = tracker.report(RID)
    matrix = {p: t for p, t in pages.items() if p.startswith(f"{REPORT}/matrix")}
    assert f"{REPORT}/matrix.md" in matrix and len(matrix) == 2  # 16 recommendations, 12 a page
    page = matrix[f"{REPORT}/matrix.md"]
    body, foot = page.split("<tfoot")
    assert body.count("data-rt-item") == len(status.owners)
    for owner in status.owners:
        assert f'href="../organisations/{owner.owner.id}/"' in body
    recs = [r for r in status.recommendations if r.duties][:12]
    for col, rec in enumerate(recs, start=1):
        totals = re.findall(rf'data-rt-total="([a-z-]+)" data-rt-col="{col}"[^>]*>(\d+)<', foot)
        by_state = {state: int(n) for state, n in totals}
        assert by_state.pop("responded") == rec.responded
        assert sum(by_state.values()) == len(rec.duties), rec.recommendation.id
        assert by_state.get("overdue", 0) == rec.count("overdue")
    assert "Not addressed to this organisation" in body  # national bodies' rows on forces' columns


def test_home_page_counts(pages, tracker) -> None:
    page = pages["index.md"]
    duties = tracker.duties
    overdue = sum(1 for d in duties if d.state == "overdue")
    assert f"{overdue} of {len(duties)} duties" in page
    assert "3 reports" in page and "18 recommendations" in page
    assert f'href="reports/{RID}/"' in page
    assert "(changes.xml)" in page  # the feed, linked from the home page


def test_report_pages_and_the_reports_index(pages, tracker) -> None:
    index = pages["reports/index.md"]
    for status in tracker.reports:
        assert f'href="../{status.report.id}/"' in index or f'href="{status.report.id}/"' in index
    assert "reports/2023.md" in pages and "reports/2026.md" in pages
    overview = pages[f"{REPORT}/index.md"]
    assert "Section 55 of the Police Act 1996" in overview
    assert overview.count('data-rt-item=""') == 46  # the organisations it addresses
    earlier = pages["reports/creedon-2023-rso-review/index.md"]
    assert "only from what a later report says of it" in earlier
    assert "Mick Creedon QPM" in earlier and "Not stated" in earlier  # no publisher given


def test_earlier_recommendations_are_quoted_from_the_2026_report_and_linked(pages, dataset) -> None:
    page = rec_page(pages, "review-shpos", "creedon-2023-rso-review")
    assert "The tracker knows this recommendation only from what" in page
    assert "no number" in page and "no deadline" in page
    assert f'href="../../../{RID}/recommendations/9/"' in page  # the 2026 recommendation it bears on
    assert "As of February 2026, the Home Office was considering" in page  # the 2026 report's words
    nine = rec_page(pages, 9)
    assert 'href="../../../creedon-2023-rso-review/recommendations/review-shpos/"' in nine


def test_recommendation_index_is_a_complete_table(pages, tracker) -> None:
    page = pages[f"{REPORT}/recommendations/index.md"]
    assert page.count("data-rt-item") == len(tracker.report(RID).recommendations)
    assert "1 of 43 owners answered" in page
    assert "editorial" in page.lower()
    assert '<form class="rt-filters"' in page and " hidden>" in page  # shown only by the script


def test_organisation_pages_list_every_report_that_addresses_them(pages, tracker) -> None:
    kent = pages["organisations/kent/index.md"]
    assert kent.count("<tr>") >= 1
    assert f'href="../../reports/{RID}/organisations/kent/"' in kent
    assert 'href="../../reports/creedon-2023-rso-review/organisations/kent/"' in kent
    index = pages["organisations/index.md"]
    assert "Territorial police forces" in index and "Government departments" in index


def test_case_study_pages_quote_the_text_and_mark_editorial_tags(pages, dataset) -> None:
    case = dataset.case_study("cheshire-electronic-planner")
    page = pages[f"case-studies/{case.id}.md"]
    first_paragraph = case.text.split("\n\n")[0]
    assert md(first_paragraph) in page
    assert "<li>case research and development" in page  # bullets stay a list
    assert "Related recommendations (editorial)" in page
    library = pages[f"{REPORT}/case-studies/index.md"]
    assert library.count("data-rt-item") == len(dataset.case_studies)
    assert f'href="../{REPORT}/case-studies/"' in pages["case-studies/index.md"]


def test_glossary_lists_every_term_with_its_source(pages, dataset) -> None:
    page = pages["glossary.md"]
    for term in dataset.glossary:
        assert f'<dt id="{term.id}"' in page
    assert page.count("Definition quoted from") == sum(1 for t in dataset.glossary if t.definition_source == "report")


def test_statistics_redraw_figures_as_accessible_svg(pages, dataset) -> None:
    page = pages[f"{REPORT}/statistics.md"]
    assert page.count('role="img"') == len(dataset.figures)
    for figure in dataset.figures:
        assert f'<title id="{figure.id}-title">' in page
        assert f'id="{figure.id}-data"' in page
        for row in figure.rows:
            assert md(row.quote) in page
    for stat in dataset.statistics:
        assert md(stat.quote) in page


def test_about_uses_the_derive_constants_and_follows_the_data(pages) -> None:
    from rectrack.derive import DUE_SOON_DAYS, S55_PERIOD_DAYS

    page = pages["about.md"]
    assert f"within {S55_PERIOD_DAYS} days" in page
    assert f"within {DUE_SOON_DAYS} days" in page
    assert "55(5B)" in page
    # the sentence about a month-only date names the reports it is true of, never just "the report"
    assert "The report gives only the month" not in page
    assert "only the month or year of publication" in page


def test_about_lists_each_report_as_an_item_of_its_own(pages, tracker) -> None:
    """A template line that ends in a block tag loses its newline (``trim_blocks``): the list of reports
    became one item holding every report and the paragraph after it."""
    import markdown

    html = markdown.markdown(pages["about.md"], extensions=["attr_list", "md_in_html"])
    sources = html.split('id="sources"', 1)[1].split("<h2", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", sources, re.S)
    assert len(items) == len(tracker.reports), items
    assert all(item.count('href="') <= 2 and "Their recommendations" not in item for item in items), items


def test_changes_pages_and_the_atom_feed(pages, tracker) -> None:
    changes = pages["changes/index.md"]
    # the count in the line links to the organisations it counts: read as text, the line is whole
    assert "Recommendation 1 became overdue for 42 organisations" in re.sub(r"<[^>]+>", "", changes)
    assert changes.index(">Recommendation 1 became") < changes.index(">Recommendation 4 became")
    assert "changes/2026-11.md" in pages
    assert "Report published" in pages["changes/2026-04.md"]
    feed = ET.fromstring(pages["changes.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for element in ("a:title", "a:id", "a:updated"):
        assert feed.find(element, ns) is not None
    entries = feed.findall("a:entry", ns)
    assert len(entries) == min(50, len(tracker.events))
    assert all(e.find("a:id", ns).text.startswith("urn:uuid:") for e in entries)


def test_old_addresses_of_the_first_report_redirect(pages, dataset) -> None:
    moved = legacy_redirects(dataset, RID)
    assert moved["recommendations/4.md"] == f"{REPORT}/recommendations/4.md"
    assert moved["forces/kent.md"] == f"{REPORT}/organisations/kent.md"
    page = pages["recommendations/4/index.html"]
    assert 'http-equiv="refresh"' in page and f"../../{REPORT}/recommendations/4/" in page
    assert "location.hash" in page  # #recommendation-4 on the old force pages still lands
    for old in ("forces/kent/index.html", "bodies/npcc/index.html", "matrix/index.html", "recommendations/index.html"):
        assert old in pages


def test_downloads_and_search_pages(pages) -> None:
    downloads = pages["downloads.md"]
    for name in ("recommendations.json", "status.csv", "deadlines.ics", f"deadlines-{RID}.ics",
                 "verdicts.json", "documents.csv", "rectrack-data.zip"):
        assert f'href="../downloads/{name}"' in downloads
    search = pages["search.md"]
    assert '<form id="search" class="rt-search__form" role="search"' in search and " hidden>" in search
    assert '<label class="rt-search__label" for="rt-search-input">Search this site</label>' in search
    assert '<input id="rt-search-input"' in search and 'type="search" name="q"' in search
    assert 'role="status" aria-live="polite"' in search and "<ol " in search
    assert 'data-rt-pagefind="../pagefind/pagefind.js"' in search  # relative: the site may live under a sub-path
    assert "pagefind-ui" not in search and "<script" not in search  # no Pagefind UI: rectrack.js drives the API
    assert 'id="search-fallback"' in search
    assert "pagefind: false" in search
    assert "# Search {: #search-the-site }" in search  # the heading must not also get id="search"


def test_pages_carry_their_report_for_search_filters(pages) -> None:
    for page in (rec_page(pages, 1), owner_page(pages, "kent"), pages[f"{REPORT}/index.md"]):
        assert 'data-pagefind-filter="report:' in page and 'data-pagefind-meta="report:' in page
    assert 'data-pagefind-filter="organisation:' in owner_page(pages, "kent")
    assert 'data-pagefind-filter="state:Overdue"' in rec_page(pages, 4)
    assert 'data-pagefind-filter="state:Overdue"' in owner_page(pages, "kent")


def test_nav_lists_only_section_pages_that_exist(pages) -> None:
    assert 5 <= len(NAV) <= 12
    for _title, path in NAV:
        assert path in pages
        assert path.count("/") <= 1 and (path.endswith("index.md") or "/" not in path)
    assert ("Search", "search.md") in NAV


def test_each_abbreviation_is_explained_at_its_first_use_only(pages, dataset) -> None:
    page = rec_page(pages, 1)
    mosovo = next(t for t in dataset.glossary if t.abbreviation == "MOSOVO")
    assert page.count(f'<abbr title="{md(mosovo.term)}">MOSOVO</abbr>') <= 1
    npcc = Abbreviations.of(dataset).mark_first_uses("<p>The NPCC and the NPCC.</p>")
    assert npcc == '<p>The <abbr title="National Police Chiefs&#39; Council">NPCC</abbr> and the NPCC.</p>'
    linked = Abbreviations.of(dataset).mark_first_uses('<p><a href="x">NPCC</a> and NPCC.</p>')
    assert linked == '<p><a href="x">NPCC</a> and <abbr title="National Police Chiefs&#39; Council">NPCC</abbr>.</p>'


@pytest.mark.parametrize("text", [
    "# Heading about NPCC {: #npcc }",                     # headings become titles and ids
    '<td aria-label="NPCC rows">x</td>',                    # attribute values are not prose
    '<select><option value="npcc">NPCC</option></select>',  # <option> cannot hold elements
    '<p><a href="x">NPCC</a> <button>NPCC</button></p>',    # the expansion toggle cannot go in a link
    "<p>ANPCC NPCCs npcc-x /NPCC</p>",                      # not a whole word
])
def test_abbreviations_are_not_marked_where_markup_would_break(dataset, text: str) -> None:
    assert Abbreviations.of(dataset).mark_first_uses(text) == text


def test_render_source_hard_codes_no_data(dataset) -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in RENDER.rglob("*")
                        if p.suffix in (".py", ".j2"))
    forbidden = [o.name for o in dataset.organisations]
    forbidden += [r.title for r in dataset.reports] + [r.published_as_printed for r in dataset.reports]
    forbidden += [r.deadline_as_printed for r in dataset.recommendations if r.deadline_as_printed]
    for text in forbidden:
        assert text not in sources, text
    assert not re.search(r"\b(16|43|2026|2027)\b", sources)


def test_pages_follow_the_data_not_constants(dataset) -> None:
    gone = next(o for o in dataset.organisations if o.id == "wiltshire")
    group = dataclasses.replace(dataset.groups[0], members=tuple(m for m in dataset.groups[0].members
                                                                 if m != gone.id))
    fewer = type(dataset).build(**{f.name: getattr(dataset, f.name) for f in dataclasses.fields(dataset)
                                   if not f.name.startswith("_")} | {
        "groups": (group,) + dataset.groups[1:],
        "organisations": tuple(o for o in dataset.organisations if o.id != gone.id)})
    pages = render_pages(derive(fewer, date(2026, 11, 25)))
    assert "overdue by 25 days" in rec_page(pages, 4)
    assert f"{REPORT}/organisations/{gone.id}.md" not in pages
    assert pages[f"{REPORT}/matrix.md"].split("<tfoot")[0].count("data-rt-item") == 45


def test_a_report_published_after_the_as_at_date_is_not_shown(dataset) -> None:
    pages = render_pages(derive(dataset, date(2026, 3, 31)))
    assert f"{REPORT}/index.md" not in pages
    assert not any(p.startswith(f"{REPORT}/") for p in pages)
    assert "reports/hmicfrs-2023-online-csae/index.md" in pages


@pytest.mark.skipif(shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="mkdocs not installed beside this Python")
def test_site_builds_strictly_with_every_link_and_anchor_resolved(tracker, tmp_path) -> None:
    """The generated pages through the real engine: broken links or anchors fail --strict."""
    site = build_site(tracker, tmp_path)
    page = (site / "reports" / RID / "recommendations" / "4" / "index.html").read_text(encoding="utf-8")
    assert "Status as at <time datetime=\"2026-11-23\">23 November 2026</time>" in page
    assert "data-pagefind-body" in page
    assert '<abbr title="' in (site / "index.html").read_text(encoding="utf-8")
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in search
    assert (site / "changes.xml").is_file() and (site / "recommendations" / "4" / "index.html").is_file()


def build_site(tracker, tmp_path: Path) -> Path:
    """Write the pages like ``rectrack build`` does and run ``mkdocs build --strict`` on them."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(ROOT / "scripts" / "rectrack" / "assets", docs / "assets")
    for path, text in render_pages(tracker).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(site), nav=[{t: p} for t, p in NAV],
                  extra={"as_of": "2026-11-23", "as_of_label": "23 November 2026"})
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")
def test_pages_rendered_in_a_forked_child_are_the_pages_rendered_here(pages, tracker) -> None:
    """Half the pages render on the other core (render_pages, rectrack.background): the result must
    not depend on where a page was rendered, nor on the order of the two halves."""
    here = render_pages(tracker, fork=False)
    assert list(here) == list(pages)
    assert here == pages


def _evidence_figures(page: str) -> list[str]:
    return re.findall(r'<figure class="rt-quote rt-quote--evidence"[^>]*>', page)


def _flat(text: str) -> str:
    """Text as a reader sees it: tags dropped (an abbreviation's inside its word), character references
    decoded, white space one space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?abbr[^>]*>", "", text))).split())


def test_the_main_search_indexes_an_answers_claim_and_evidence_but_not_its_full_text(pages, dataset) -> None:
    """An organisation's page on a report quotes each answer's evidence, then its full text: the main
    search indexes the evidence and leaves the full text to the search of responses
    (render/response_search.py), so the words of every answer do not weigh on every search."""
    page = owner_page(pages, "devon-and-cornwall")
    figures = _evidence_figures(page)
    assert figures and not [f for f in figures if "data-pagefind-ignore" in f], figures
    details = re.findall(r"<details[^>]*>.*?</details>", page, flags=re.S)
    assert details and all('data-pagefind-ignore="all"' in d.split(">", 1)[0] for d in details), \
        [d.split(">", 1)[0] for d in details]
    held = _flat(" ".join(details))
    doc = next(d for d in dataset.documents if d.owner == "devon-and-cornwall")
    actions = [a.action for a in doc.answers if a.action]
    assert actions and all(_flat(a) in held for a in actions), "every answer's full text is in an unindexed part"
    assert _flat(doc.foreword) in held, "so is the foreword"


def test_the_search_of_responses_has_every_answer_in_full_under_the_pages_own_anchors(pages, tracker) -> None:
    """One page per organisation on a report with a published text, at the address of that page, with its
    title and search filters, and each foreword and answer in full under a heading whose anchor the page
    has: a result of the search of responses opens the page at the answer."""
    bundles = response_search_pages(tracker)
    for bundle, held in bundles.items():
        year = int(bundle.rpartition("/")[2])
        assert bundle == responses_bundle(year) and held, "one bundle per year of reports, none empty"
        assert {o.report.published.year for s in tracker.reports for o in s.owners
                if page_path(owner_report_path(s.report.id, o.owner.id)) in held} == {year}, bundle
    searched = {path: html for held in bundles.values() for path, html in held.items()}
    owners = [(s.report.id, o) for s in tracker.reports for o in s.owners]
    with_text = {page_path(owner_report_path(r, o.owner.id)) for r, o in owners if o.documents}
    assert with_text and set(searched) == with_text, sorted(set(searched) ^ with_text)
    for report_id, owner in owners:
        key = page_path(owner_report_path(report_id, owner.owner.id))
        if key not in searched:
            continue
        text, page = searched[key], owner_page(pages, owner.owner.id, report_id)
        assert owner_facets(owner) in text and owner_facets(owner) in page, "the same filters as the page"
        for anchor in re.findall(r'<h[23] id="([^"]+)"', text):
            assert f"{{#{anchor}}}" in page, f"{key}: #{anchor} is not an anchor of the page"
        flat = _flat(text)
        for duty in owner.duties:
            for item in duty.history:
                assert _flat(md(item.answer.action)) in flat, f"{key}: recommendation {duty.recommendation.local}"
        for doc in owner.documents:
            if doc.foreword:
                assert _flat(md(doc.foreword)) in flat
    ours = searched[page_path(owner_report_path(RID, "devon-and-cornwall"))]
    assert re.search(r"<h3 id=\"recommendation-\d+\">", ours), "answers are under their recommendation's anchor"


def test_the_search_of_responses_says_so_when_no_response_is_recorded(tracker) -> None:
    """Without a published text there is nothing to index: no bundle, and a page that says why instead of
    a search box that could only fail."""
    dataset = tracker.dataset
    bare = type(dataset).build(**{f.name: getattr(dataset, f.name) for f in dataclasses.fields(dataset)
                                  if not f.name.startswith("_")} | {"documents": ()})
    quiet = render_pages(derive(bare, date(2026, 11, 25)))
    page = quiet["search/responses.md"]
    assert "data-rt-pagefind" not in page and "No response with its text is recorded yet" in page
    assert "data-rt-pagefind" in quiet["search.md"]
    assert response_search_pages(derive(bare, date(2026, 11, 25))) == {}


def test_an_organisation_page_opens_with_its_totals_across_reports(pages, tracker) -> None:
    """Before the table of reports (split by year for a busy organisation): how many reports address it,
    how many it has answered and how many of its recommendations are overdue, in sentences that agree."""
    for org_id in ("devon-and-cornwall", "kent", "college-of-policing"):
        owned = tracker.owner_reports(org_id)
        page = pages[f"organisations/{org_id}/index.md"]
        glance = re.sub(r"<[^>]+>", "", re.search(r'<p class="rt-glance">(.*?)</p>', page).group(1))
        name = tracker.dataset.organisation(org_id).name
        one = len(owned) == 1
        assert f"{len(owned)} report{'' if one else 's'} address{'es' if one else ''} {name};" in glance, glance
        answered = sum(1 for o in owned if o.documents)
        assert (f"recorded for {answered} of them" if answered else "no response from it is recorded") in glance, glance
        overdue, duties = sum(o.count("overdue") for o in owned), sum(len(o.duties) for o in owned)
        assert (f"{overdue} of the {duties} recommendations it must act on" if overdue else
                f"none of the {duties} recommendations") in glance, glance
    assert "rt-glance" not in pages.get("organisations/kent/2026.md", ""), "a year's page has the year's reports only"


def test_counts_of_thousands_are_grouped_with_commas(tracker) -> None:
    """A national tracker's totals run to tens of thousands: "28,190 duties", as GOV.UK writes numbers,
    in prose and in the counts that link to their lists (whose test reads the number back)."""
    from rectrack.render.context import Site
    from rectrack.render.templating import environment
    from rectrack.render.urls import HOME, duties_list_path
    from rectrack.text import plural

    assert [plural(n, "duty", "duties") for n in (1, 999, 1000, 28190)] == [
        "1 duty", "999 duties", "1,000 duties", "28,190 duties"]
    link = Site(tracker, environment()).linker(HOME).counted(duties_list_path(), 28190, "duty", "duties")
    assert re.fullmatch(r'<a class="rt-count" href="[^"]+">28,190 duties</a>', str(link)), link
