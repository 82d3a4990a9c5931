"""The generated pages, on the shipped data at a fixed date: what readers see on each page.

Also checks that nothing the pages say is hard-coded: the render package's source names no force,
body, title, count or date from the data, and changing the data changes the pages.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from constants import REPO as ROOT
from rectrack.derive import derive
from rectrack.render import NAV, render_pages
from rectrack.render.abbreviations import Abbreviations
from rectrack.render.markdown import md

RENDER = ROOT / "scripts" / "rectrack" / "render"



@pytest.fixture(scope="module")
def pages(tracker):
    return render_pages(tracker)


def _section(page: str, heading: str) -> str:
    """The text of one "### heading" section (up to the next h2/h3)."""
    start = page.index(heading)
    rest = page[start + len(heading):]
    end = re.search(r"^#{2,3} ", rest, re.M)
    return rest[: end.start()] if end else rest


def test_a_page_for_every_recommendation_force_body_and_case_study(pages, dataset) -> None:
    expected = {f"recommendations/{r.number}.md" for r in dataset.recommendations}
    expected |= {f"forces/{f.id}.md" for f in dataset.forces}
    expected |= {f"bodies/{b.id}.md" for b in dataset.bodies}
    expected |= {f"case-studies/{c.id}.md" for c in dataset.case_studies}
    index_pages = {"index.md", "recommendations/index.md", "forces/index.md", "bodies/index.md",
                   "case-studies/index.md", "matrix.md", "glossary.md", "statistics.md", "about.md",
                   "downloads.md", "search.md"}
    assert set(pages) == expected | index_pages
    assert len(expected) == 16 + 43 + 4 + 25


def test_every_page_has_exactly_one_h1_first(pages) -> None:
    for path, text in pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        h1s = re.findall(r"^# .+", body, re.M)
        assert len(h1s) == 1, path
        assert body.lstrip().startswith("# "), path


def test_overdue_and_due_soon_countdowns(pages) -> None:
    assert "overdue by 23 days" in pages["recommendations/4.md"]
    for number in (3, 14):
        assert "due in 38 days" in pages[f"recommendations/{number}.md"]
    assert "overdue by 24 days" in pages["recommendations/6.md"]


def test_recommendation_page_quotes_text_and_every_bullet(pages, dataset) -> None:
    rec = dataset.recommendation(1)
    page = pages["recommendations/1.md"]
    assert md(rec.text) in page
    for action in rec.actions:
        assert f"<li>{md(action)}</li>" in page
    assert "Quoted from the report" in page
    assert rec.summary_variant is not None and md(rec.summary_variant.differences) in page


def test_force_directed_recommendation_lists_every_force(pages, dataset) -> None:
    page = pages["recommendations/4.md"]
    for force in dataset.forces:
        assert f'href="../../forces/{force.id}/"' in page
    assert page.count('data-rt-item=""') == len(dataset.forces)


def test_devon_and_cornwall_shows_each_answer_with_its_evidence(pages, dataset) -> None:
    page = pages["forces/devon-and-cornwall.md"]
    response = dataset.response_of("devon-and-cornwall")
    assert len(response.responses) == 9
    assert "answers 9 of the 9 recommendations" in page
    for answer in response.responses:
        section = _section(page, f"### Recommendation {answer.recommendation}:")
        assert "No response published" not in section
        if answer.evidence:
            assert md(answer.evidence) in section, answer.recommendation
            assert "Evidence quoted from the response" in section
        if answer.note:
            assert md(answer.note) in section
    assert md(response.foreword.split("\n\n")[0]) in page
    assert "<details" in page  # foreword and full texts are collapsed without needing JavaScript


def test_force_without_a_response_says_so_for_each_recommendation(pages, tracker) -> None:
    page = pages["forces/kent.md"]
    owner = tracker.owner("kent")
    assert owner.response is None and owner.assignments
    for a in owner.assignments:
        section = _section(page, f"### Recommendation {a.recommendation.number}:")
        assert "No response published" in section
        assert "Implemented (claimed)" not in section
    assert "This is not the same as compliance" in page


def test_matrix_has_a_row_per_force_and_column_totals(pages, tracker) -> None:
    page = pages["matrix.md"]
    body, foot = page.split("<tfoot")
    assert body.count("data-rt-item") == len(tracker.forces)
    for owner in tracker.forces:
        assert f'href="../forces/{owner.owner}/"' in body
    force_recs = [r for r in tracker.recommendations if r.recommendation.for_forces]
    for col, status in enumerate(force_recs, start=1):
        totals = re.findall(rf'data-rt-total="([a-z-]+)" data-rt-col="{col}"[^>]*>(\d+)<', foot)
        by_state = {state: int(n) for state, n in totals}
        assert by_state.pop("responded") == status.responded
        assert sum(by_state.values()) == len(tracker.forces), status.recommendation.number
        assert by_state["overdue"] == status.count("overdue")


def test_home_page_counts(pages, tracker) -> None:
    page = pages["index.md"]
    assert "1 of 43 forces (2%)" in page
    counts = tracker.by_overall_state()
    assert f"{counts['overdue']} of 16 recommendations" in page
    for status in tracker.most_overdue():
        assert f'href="recommendations/{status.recommendation.number}/"' in page


def test_recommendation_index_is_a_complete_table(pages, tracker) -> None:
    page = pages["recommendations/index.md"]
    assert page.count("data-rt-item") == len(tracker.recommendations)
    assert "1 of 43 forces responded" in page
    assert "editorial" in page.lower()
    assert '<form class="rt-filters"' in page and " hidden>" in page  # shown only by the script


def test_case_study_pages_quote_the_text_and_mark_editorial_tags(pages, dataset) -> None:
    case = dataset.case_study("cheshire-electronic-planner")
    page = pages[f"case-studies/{case.id}.md"]
    first_paragraph = case.text.split("\n\n")[0]
    assert md(first_paragraph) in page
    assert "<li>case research and development" in page  # bullets stay a list
    assert "Related recommendations (editorial)" in page
    library = pages["case-studies/index.md"]
    assert library.count("data-rt-item") == len(dataset.case_studies)


def test_glossary_lists_every_term_with_its_source(pages, dataset) -> None:
    page = pages["glossary.md"]
    for term in dataset.glossary:
        assert f'<dt id="{term.id}"' in page
    assert page.count("Definition quoted from the report") == sum(
        1 for t in dataset.glossary if t.definition_source == "report")


def test_statistics_redraw_figures_as_accessible_svg(pages, dataset) -> None:
    page = pages["statistics.md"]
    assert page.count('role="img"') == len(dataset.figures)
    for figure in dataset.figures:
        assert f'<title id="{figure.id}-title">' in page
        assert f'id="{figure.id}-data"' in page
        for row in figure.rows:
            assert md(row.quote) in page
    for stat in dataset.statistics:
        assert md(stat.quote) in page


def test_about_uses_the_derive_constants(pages) -> None:
    from rectrack.derive import DUE_SOON_DAYS, S55_PERIOD_DAYS

    page = pages["about.md"]
    assert f"within {S55_PERIOD_DAYS} days" in page
    assert f"within {DUE_SOON_DAYS} days" in page
    assert "55(5B)" in page


def test_downloads_and_search_pages(pages) -> None:
    downloads = pages["downloads.md"]
    for name in ("recommendations.json", "status.csv", "deadlines.ics", "rectrack-data.zip"):
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


def test_nav_lists_only_section_pages_that_exist(pages) -> None:
    assert 5 <= len(NAV) <= 12
    for _title, path in NAV:
        assert path in pages
        assert path.count("/") <= 1 and (path.endswith("index.md") or "/" not in path)
    assert ("Search", "search.md") in NAV


def test_each_abbreviation_is_explained_at_its_first_use_only(pages, dataset) -> None:
    page = pages["recommendations/1.md"]
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
    forbidden = [f.name for f in dataset.forces] + [b.name for b in dataset.bodies]
    forbidden += [dataset.report.title, dataset.report.published_as_printed]
    forbidden += [r.deadline_as_printed for r in dataset.recommendations]
    for text in forbidden:
        assert text not in sources, text
    assert not re.search(r"\b(16|43|2026|2027)\b", sources)


def test_pages_follow_the_data_not_constants(dataset) -> None:
    fewer_forces = dataclasses.replace(dataset, forces=dataset.forces[:-1], _index={})
    shifted = derive(fewer_forces, date(2026, 11, 25))
    pages = render_pages(shifted)
    assert "1 of 42 forces (2%)" in pages["index.md"]
    assert "overdue by 25 days" in pages["recommendations/4.md"]
    assert f"forces/{dataset.forces[-1].id}.md" not in pages
    assert pages["matrix.md"].split("<tfoot")[0].count("data-rt-item") == 42


@pytest.mark.skipif(shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="mkdocs not installed beside this Python")
def test_site_builds_strictly_with_every_link_and_anchor_resolved(tracker, tmp_path) -> None:
    """The generated pages through the real engine: broken links or anchors fail --strict."""
    site = build_site(tracker, tmp_path)
    page = (site / "recommendations" / "4" / "index.html").read_text(encoding="utf-8")
    assert "Status as at <time datetime=\"2026-11-23\">23 November 2026</time>" in page
    assert "data-pagefind-body" in page
    assert '<abbr title="' in (site / "index.html").read_text(encoding="utf-8")
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in search


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
