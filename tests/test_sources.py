"""Copies of source documents: read into blocks, anchored stably, searched for quotes, shown safely.

The reading rules, anchors and quote search are ``rectrack.data.sources``; which document each quote
is from and the validation of every quote, ``rectrack.data.quotes``; the page, ``render/source_pages``.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
import yaml
from constants import AS_OF, SOURCES
from hypothesis import given, settings
from hypothesis import strategies as st
from rectrack.data import quotes
from rectrack.data.check import load_and_validate
from rectrack.data.problems import Code
from rectrack.data.sources import SourceDocument, page_names, quote_text
from rectrack.derive import derive
from rectrack.render import render_pages, source_parts
from rectrack.render.source_pages import SEARCH_WEIGHT, body
from rectrack.wording import IN_CONTEXT, NO_COPY, NO_WEB_ADDRESS

REPORT_COPY = SOURCES / "hmicfrs-spotlight-ocsa-mosovo-2026.md"
REPORT_PAGE = "sources/hmicfrs-spotlight-ocsa-mosovo-2026/index.md"
DEVON_PAGE = "sources/devon-and-cornwall-pcc-response/index.md"
#: The report's copy is long: it is shown in parts, one per top-level section, named by their headings.
#: The report's title page (its title and "PEEL spotlight report") is on the contents page, not a part.
REPORT_OPENING = "the-policing-response-to-the-investigation-of-online-child"
REPORT_PARTS = ["contents", "foreword", "summary",
                "introduction", "investigation-of-online-child-sexual-abuse", "management-of-registered-sex-offenders",
                "linked-themes", "demand-considerations-and-research", "conclusion"]

SAMPLE = """\
# **A title**

First line of a paragraph
and its second line, with **bold words**, <b>more bold</b> and a [link](#) \\(escaped\\).

- an item
  that wraps
- another item
1. a numbered item

<b>Column one</b>\t<b>Column two</b>
a cell\tanother cell
 \t
## Part two

A paragraph under part two.
"""


def parse(text: str, name: str = "sample") -> SourceDocument:
    return SourceDocument.parse(f"sources/{name}.md", name, text)


def test_a_copy_is_read_into_headings_paragraphs_items_and_tables() -> None:
    doc = parse(SAMPLE)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "A title"),
        ("paragraph", "First line of a paragraph and its second line, with bold words, more bold and a link "
                      "(escaped)."),
        ("item", "an item that wraps"),
        ("item", "another item"),
        ("item", "a numbered item"),
        ("table", "Column one Column two a cell another cell"),
        ("heading", "Part two"),
        ("paragraph", "A paragraph under part two."),
    ]
    heading, paragraph, *_, table, _, last = doc.blocks
    assert heading.level == 1 and doc.blocks[4].level == 1 and doc.blocks[2].level == 0
    assert [r.text for r in paragraph.inlines if r.bold] == ["bold words", "more bold"]
    assert [(r.text, r.href) for r in paragraph.inlines if r.href] == [("link", "#")]
    assert table.header and len(table.rows) == 2
    assert last.trail == ("A title", "Part two")


def test_anchors_are_each_blocks_own_first_words() -> None:
    doc = parse(SAMPLE)
    assert [b.anchor for b in doc.blocks] == [
        "a-title", "first-line-of-a-paragraph-and-its-second", "an-item-that-wraps", "another-item",
        "a-numbered-item", "column-one-column-two-a-cell-another-cell", "part-two", "a-paragraph-under-part-two"]


def test_repeated_first_words_are_qualified_by_their_heading_then_numbered() -> None:
    doc = parse("# One\n\nBy 31 October, forces should:\n\n# Two\n\nBy 31 October, forces should:\n\n"
                "By 31 October, forces should:\n\n# One\n\nText.\n")
    assert [b.anchor for b in doc.blocks] == [
        "one", "by-31-october-forces-should", "two", "two--by-31-october-forces-should",
        "two--by-31-october-forces-should-2", "one-2", "text"]


def test_the_shipped_copies_anchor_every_block_uniquely_and_as_a_url_fragment(dataset) -> None:
    for copy in dataset.sources.values():
        anchors = [b.anchor for b in copy.blocks]
        assert len(set(anchors)) == len(anchors), copy.path
        assert all(re.fullmatch(r"[a-z0-9]+(?:--?[a-z0-9]+)*", a) and not a.startswith("rt-") for a in anchors)
    report = dataset.sources["sources/hmicfrs-spotlight-ocsa-mosovo-2026.md"]
    assert report.blocks[0].anchor == "the-policing-response-to-the-investigation-of-online-child"
    assert "foreword" in {b.anchor for b in report.blocks}


@settings(max_examples=40, deadline=None)
@given(where=st.integers(min_value=0, max_value=10_000), words=st.lists(
    st.sampled_from(["zorbly", "quentish", "vaxter", "plimsole", "drabbet"]), min_size=1, max_size=6))
def test_an_anchor_stays_when_a_paragraph_is_added_elsewhere(where: int, words: list[str]) -> None:
    """Adding a paragraph (of words the copy does not use) anywhere leaves every other block's anchor as it was."""
    text = REPORT_COPY.read_text("utf-8")
    gaps = [m.end() for m in re.finditer(r"\n\n", text)]
    at = gaps[where % len(gaps)]
    before = parse(text)
    after = parse(text[:at] + "Inserted " + " ".join(words) + ".\n\n" + text[at:])
    kept = [b.anchor for b in after.blocks if not b.text.startswith("Inserted ")]
    assert kept == [b.anchor for b in before.blocks]


def test_an_anchor_stays_when_another_paragraph_is_removed_or_a_heading_renamed() -> None:
    """Removing a paragraph changes no other anchor; renaming a heading changes its own anchor and those
    qualified by its words (blocks whose first words repeat elsewhere), nothing else."""
    text = REPORT_COPY.read_text("utf-8")
    before = parse(text).blocks
    removed = "This report also highlights where police forces have improved over our inspection cycles."
    start = text.index(removed)
    edited = text[:start] + text[text.index("\n\n", start) + 2:]
    edited = edited.replace("# Conclusion\n", "# Conclusions\n")
    after = parse(edited).blocks
    kept = [b for b in before if not b.text.startswith(removed)]
    assert len(kept) == len(after) == len(before) - 1
    changed = {(b.anchor, a.anchor) for b, a in zip(kept, after, strict=True) if b.anchor != a.anchor}
    assert ("conclusion", "conclusions") in changed
    assert all(old.startswith("conclusion--") and new == "conclusions--" + old.removeprefix("conclusion--")
               for old, new in changed - {("conclusion", "conclusions")}), changed


def test_a_quote_is_found_across_blocks_and_by_its_words_only() -> None:
    doc = parse(SAMPLE)
    found = doc.locate("with bold words, more bold and a link (escaped).\n\n- an item that wraps\n- another item")
    assert found is not None and (found.first, found.last) == (1, 3) and found.anchor == doc.blocks[1].anchor
    assert doc.locate(("and its **second** line,", "")) is not None  # markup in the quote is read the same way
    assert doc.locate("First line of a paragraph and its second line") is not None
    assert doc.locate("irst line") is None, "a quote must not begin inside a word"
    assert doc.locate("Part twoo") is None
    assert doc.locate("") is None


def test_curly_and_straight_quote_marks_and_line_breaks_do_not_matter() -> None:
    doc = parse("We don’t say “never”.\n")
    assert doc.locate("We don't say\n\"never\".") is not None
    assert quote_text("a  ‘b’\n c") == "a 'b' c"


def test_where_words_repeat_the_passage_under_the_preferred_headings_is_chosen() -> None:
    doc = parse("# Summary\n\nForces should act.\n\n# Chapter\n\n## Section\n\nForces should act.\n")
    assert doc.locate("Forces should act.").anchor == "forces-should-act"
    assert doc.locate("Forces should act.", prefer=("Chapter", "Section")).anchor == "section--forces-should-act"


def test_every_shipped_quote_is_found_in_its_copy(dataset) -> None:
    every = list(quotes.every_quote(dataset))
    kinds = {q.what.split(" ", 1)[0] for q in every} | {q.what.rsplit(": ", 1)[-1] for q in every}
    assert {"recommendation", "case", "key", "figure", "glossary", "its evidence", "its action", "the foreword",
            "its summary", "the words it is known from"} <= kinds, kinds
    assert all(quotes.passage(dataset, q) is not None for q in every)
    rec = dataset.recommendation("hmicfrs-2026-ocsa-mosovo/1")
    rec1 = quotes.passage(dataset, quotes.recommendation(dataset, rec))
    assert rec1.blocks[0].trail[0] == "Investigation of online child sexual abuse", "the chapter's, not the summary's"
    assert len(rec1.blocks) == 4


def test_page_names_are_slugs_of_the_file_names_and_unique() -> None:
    assert page_names(["sources/Kent_Response.md", "sources/kent-response.md", "other/kent.response.md"]) == {
        "other/kent.response.md": "kent-response", "sources/Kent_Response.md": "kent-response-2",
        "sources/kent-response.md": "kent-response-3"}


# --- validation -------------------------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_quote_not_in_its_copy_is_an_error_at_the_quoted_words(data_copy: Path) -> None:
    _edit(data_copy / "case_studies.yaml", "Cheshire Constabulary has an electronic planner",
          "Cheshire Constabulary has an electric planner")
    checked = load_and_validate(data_copy)
    assert checked.dataset is None, "a misquoted site is not built"
    [problem] = [p for p in checked.problems if p.code == Code.QUOTE_NOT_IN_SOURCE]
    lines = (data_copy / "case_studies.yaml").read_text("utf-8").splitlines()
    assert problem.file == "data/case_studies.yaml" and lines[problem.line - 1].strip() == "text: |"
    assert "electric planner" in lines[problem.line]
    cases = yaml.safe_load((data_copy / "case_studies.yaml").read_text("utf-8"))["case_studies"]
    index = next(i for i, c in enumerate(cases) if c["id"] == "cheshire-electronic-planner")
    assert problem.path == f"case_studies[{index + 1}].text"  # counted from 1, as people count
    assert problem.message.startswith("case study cheshire-electronic-planner: its text: these words are not in "
                                      "sources/hmicfrs-spotlight-ocsa-mosovo-2026.md: “Cheshire Constabulary")


def test_a_quote_whose_parts_are_in_the_copy_but_not_together_is_an_error(data_copy: Path) -> None:
    recs = data_copy / "recommendations.yaml"
    doc = yaml.safe_load(recs.read_text("utf-8"))
    index = next(i for i, r in enumerate(doc["recommendations"]) if r["number"] == 1)
    actions = doc["recommendations"][index]["actions"]
    actions[0], actions[1] = actions[1], actions[0]
    recs.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")
    problems = [p for p in load_and_validate(data_copy).problems if p.code == Code.QUOTE_NOT_IN_SOURCE]
    assert [(p.path, p.message) for p in problems] == [(
        f"recommendations[{index + 1}].text",
        "recommendation hmicfrs-2026-ocsa-mosovo/1: its text and actions: each part is in "
        "sources/hmicfrs-spotlight-ocsa-mosovo-2026.md, but not together in this order")]


def test_a_response_quote_is_checked_against_the_responses_own_copy(data_copy: Path) -> None:
    _edit(data_copy / "sources" / "devon-and-cornwall-pcc-response.md", "Three monthly checks are completed for "
          "suspects on bail", "Monthly checks are completed for suspects on bail")
    problems = [p for p in load_and_validate(data_copy).problems if p.code == Code.QUOTE_NOT_IN_SOURCE]
    assert {p.file for p in problems} == {"data/force_responses/hmicfrs-2026-ocsa-mosovo/devon-and-cornwall.yaml"}
    assert all("sources/devon-and-cornwall-pcc-response.md" in p.message for p in problems)


def test_a_copy_linked_from_outside_the_data_folder_is_never_read(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("SECRET-TOKEN\n", "utf-8")
    copy = data_copy / "sources" / "devon-and-cornwall-pcc-response.md"
    copy.unlink()
    os.symlink(secret, copy)
    checked = load_and_validate(data_copy)
    [problem] = [p for p in checked.problems if p.code == Code.LINK_OUTSIDE]
    assert problem.file.endswith("sources/devon-and-cornwall-pcc-response.md") and checked.dataset is None
    assert all("SECRET-TOKEN" not in p.format() for p in checked.problems)


def test_a_copy_that_is_not_utf8_text_is_an_error(data_copy: Path) -> None:
    (data_copy / "sources" / "devon-and-cornwall-pcc-response.md").write_bytes(b"Caf\xe9\n")
    [problem] = [p for p in load_and_validate(data_copy).problems if p.code == Code.NOT_UTF8]
    assert problem.file.endswith("devon-and-cornwall-pcc-response.md")


# --- pages ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tracker):
    return render_pages(tracker)


def test_a_source_page_for_each_copy_with_what_it_is_and_where_the_original_is(pages, dataset) -> None:
    part_pages = {f"sources/hmicfrs-spotlight-ocsa-mosovo-2026/{name}.md" for name in REPORT_PARTS}
    moved = f"sources/hmicfrs-spotlight-ocsa-mosovo-2026/{REPORT_OPENING}/index.html"  # a redirect
    assert {p for p in pages if p.startswith("sources/")} == {REPORT_PAGE, DEVON_PAGE, moved} | part_pages
    report = html.unescape(pages[REPORT_PAGE])
    assert "# The policing response to the investigation of online child sexual abuse" in report
    assert ">His Majesty's Inspectorate" in report and "April 2026 (as printed)" in report
    assert f"{NO_WEB_ADDRESS}</dd>" in report, "the shipped data records no address: the page says so"
    assert 'href="../../reports/hmicfrs-2026-ocsa-mosovo/"' in report
    devon = html.unescape(pages[DEVON_PAGE])
    assert 'href="../../reports/hmicfrs-2026-ocsa-mosovo/organisations/devon-and-cornwall/"' in devon
    assert "<dd>Police & Crime Commissioner of Devon and Cornwall (<a" in devon
    copy = dataset.sources["sources/devon-and-cornwall-pcc-response.md"]
    assert source_parts.parts(copy) == (), "a short copy stays one page"
    assert all(f'id="{b.anchor}"' in devon for b in copy.blocks)
    assert "data-rt-parts" not in devon


def test_a_long_copy_is_a_contents_page_and_one_page_per_top_level_section(pages, dataset) -> None:
    """Each part holds its section's blocks, every block with its anchor, and the contents page lists
    the parts in the copy's order with the anchors each holds (what its script forwards old links by)."""
    copy = dataset.sources["sources/hmicfrs-spotlight-ocsa-mosovo-2026.md"]
    contents = pages[REPORT_PAGE]
    listed = re.findall(r'<li data-rt-anchors="([^"]*)"><a href="([^"]+)/">([^<]+)</a></li>', contents)
    assert [href for _, href, _ in listed] == REPORT_PARTS
    tops = [b for b in copy.blocks if b.kind == "heading" and b.level == 1]
    assert tops[0].anchor == REPORT_OPENING
    assert [html.unescape(title) for _, _, title in listed] == [b.text for b in tops[1:]], \
        "the parts' titles are the headings (the title page's is not a part)"
    opening = source_parts.lead(copy)
    assert [b.text for b in opening if b.kind != "heading"] == ["PEEL spotlight report"]
    anchors = [a for listed_anchors, _, _ in listed for a in listed_anchors.split()]
    assert [b.anchor for b in opening] + anchors == [b.anchor for b in copy.blocks], "every block, once, in order"
    ids = re.findall(r'(?:<(?:p|li|table) id="|\{: #)([a-z0-9-]+)', contents)
    assert ids == [b.anchor for b in opening] + ["rt-parts"], "the contents page holds the title page, no more"
    assert 'href="../">All 10 parts</a>' not in contents
    moved = pages[f"sources/hmicfrs-spotlight-ocsa-mosovo-2026/{REPORT_OPENING}/index.html"]
    assert 'content="0; url=../"' in moved, "the title page's old address, part 1's, leads to the contents page"
    for number, (held, name, title) in enumerate(listed, 1):
        page = pages[f"sources/hmicfrs-spotlight-ocsa-mosovo-2026/{name}.md"]
        ids = re.findall(r'(?:<(?:p|li|table) id="|\{: #)([a-z0-9-]+)', page)
        assert ids == held.split(), f"{name}: its blocks' anchors, in order"
        assert f"# {title} {{: #{held.split()[0]} " in page, f"{name}: the section's heading is the page's title"
        assert f"Part {number} of {len(listed)} of " in page and f'href="../">All {len(listed)} parts</a>' in page
        assert ("Previous part:" in page) == (number > 1) and ("Next part:" in page) == (number < len(listed))
        assert NO_WEB_ADDRESS in page
        assert 'data-pagefind-filter="report:The policing response' in page
        assert f"data-pagefind-ignore hidden>{copy_title(contents)}: {title}</p>" in page
        assert len(page) < 60_000, f"{name}: {len(page)} characters"
    summary = pages["sources/hmicfrs-spotlight-ocsa-mosovo-2026/summary.md"]
    assert 'Previous part: <a href="../foreword/">Foreword</a>' in summary
    assert 'Next part: <a href="../introduction/">Introduction</a>' in summary
    assert "\n## Most forces have good governance" in summary, "the section's own headings are next below its title"


def copy_title(contents: str) -> str:
    return re.search(r"^# (.+)$", contents, re.M).group(1)


LONG = "Text before the first heading.\n\n" + "".join(
    f"# {title}\n\n" + "".join(f"Paragraph {n} of {title} with words enough to be long.\n\n" for n in range(400))
    + "## A sub-heading\n\nUnder it.\n\n" for title in ("Index", "Second part", "Second part", "Third"))


def test_parts_are_named_by_their_headings_and_the_text_before_the_first_goes_on_the_first() -> None:
    doc = parse(LONG)
    assert len(doc.flat) > source_parts.SPLIT_CHARS
    found = source_parts.parts(doc)
    # "index" is the contents page's own name; a repeated heading's anchor is numbered, as on one page.
    assert [(p.number, p.name, p.title) for p in found] == [
        (1, "part-1", "Index"), (2, "second-part", "Second part"), (3, "second-part-2", "Second part"),
        (4, "third", "Third")]
    assert found[0].first == 0 and doc.blocks[0].text == "Text before the first heading."
    assert [p.first for p in found[1:]] == [p.last + 1 for p in found[:-1]] and found[-1].last == len(doc.blocks) - 1
    assert all(doc.blocks[p.first if p.number > 1 else 1] is p.heading for p in found)
    assert source_parts.page_of(doc, 0) is found[0]
    assert source_parts.page_of(doc, found[2].first) is found[2]
    assert source_parts.page_of(doc, found[2].first - 1) is found[1]
    assert source_parts.lead(doc) == [], "a first section with text of its own is a part"
    assert source_parts.parts(parse(SAMPLE)) == (), "a short copy is one page"
    assert source_parts.parts(parse(LONG.replace("# ", "Not a heading "))) == (), "no headings: one page"


def test_a_recorded_web_address_is_shown_and_linked(data_copy: Path) -> None:
    _edit(data_copy / "reports.yaml", "    url: null\n    source_document: sources/hmicfrs",
          "    url: https://example.org/report.pdf\n    source_document: sources/hmicfrs")
    pages = render_pages(derive(load_and_validate(data_copy).dataset, AS_OF))
    shown = '<a href="https://example.org/report.pdf" rel="external">https://example.org/report.pdf</a>'
    summary = pages[REPORT_PAGE.replace("index.md", "summary.md")]
    assert shown in pages[REPORT_PAGE] and shown in summary, "on the contents page and in each part's header"
    assert NO_WEB_ADDRESS not in pages[REPORT_PAGE] and NO_WEB_ADDRESS not in summary


def test_the_report_and_response_pages_link_to_their_copies(pages) -> None:
    assert 'href="../../sources/hmicfrs-spotlight-ocsa-mosovo-2026/">Its full text' in pages[
        "reports/hmicfrs-2026-ocsa-mosovo/index.md"]
    assert 'href="../../../../sources/devon-and-cornwall-pcc-response/">Its full text' in pages[
        "reports/hmicfrs-2026-ocsa-mosovo/organisations/devon-and-cornwall.md"]


def test_without_a_copy_a_quote_says_plainly_that_none_is_kept(data_copy: Path) -> None:
    _edit(data_copy / "reports.yaml", "source_document: sources/hmicfrs-spotlight-ocsa-mosovo-2026.md",
          "source_document: null")
    pages = render_pages(derive(load_and_validate(data_copy).dataset, AS_OF))
    rec = pages["reports/hmicfrs-2026-ocsa-mosovo/recommendations/1.md"]
    assert f'<span class="rt-source-none">{NO_COPY}.</span>' in rec
    assert IN_CONTEXT in rec, "the response's evidence still links to the response's copy"
    assert REPORT_PAGE not in pages and DEVON_PAGE in pages
    report_quotes = re.findall(r'<figure class="rt-quote">.*?</figure>', rec, flags=re.S)[0]
    assert "rt-source-link" not in report_quotes


HOSTILE = """\
# <script>alert('h')</script> heading

<img src=x onerror="alert('p')"> and [x](javascript:alert(1)) and [ok](https://example.org/a"b) {: #pwned }

- <a href="javascript:alert(2)">item</a>
<iframe src=x></iframe>\t<b onclick=alert(3)>cell</b>
"""


def test_the_copy_is_untrusted_text_and_never_reaches_the_page_as_markup() -> None:
    out = body(parse(HOSTILE).blocks)
    tags = set(re.findall(r"<([a-z]+)", out))
    assert tags <= {"p", "ul", "li", "div", "table", "tbody", "tr", "td", "a", "strong"}, tags
    assert [m for m in re.findall(r"<a [^>]*>", out)] == ['<a href="https://example.org/a&quot;b" rel="external">']
    assert 'href="javascript' not in out and "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "onerror&#61;&quot;" in out and "&#123;: &#35;pwned &#125;" in out
    heading = out.splitlines()[0]
    assert heading.startswith("## &lt;script&gt;") and heading.endswith('{: #script-alert-h-script-heading '
                                                                         f'data-pagefind-weight="{SEARCH_WEIGHT}" }}')


def test_a_title_page_before_the_first_section_is_shown_on_the_contents_page_not_as_a_part() -> None:
    """A first section holding only a title and a line would be a part page with nothing on it."""
    doc = parse("# The report's title\n\nA spotlight report\n\n" + LONG.split("\n\n", 1)[1])
    found = source_parts.parts(doc)
    assert [p.title for p in found] == ["Index", "Second part", "Second part", "Third"]
    assert [b.text for b in source_parts.lead(doc)] == ["The report's title", "A spotlight report"]
    assert found[0].first == 2 and source_parts.page_of(doc, 0) is None and source_parts.page_of(doc, 1) is None
    assert source_parts.page_of(doc, 2) is found[0]
    titled = parse("# The report's title\n\n" + "A long opening paragraph. " * 40 + "\n\n" + LONG)
    assert source_parts.lead(titled) == [], "an opening with text enough is a part of its own"
