"""One page per copy of a source document: the report's text, a response's text, readable and linkable.

Every quote on the site links to the paragraph it comes from here (``Linker.passage``). Each block of
the copy (heading, paragraph, list item, table) carries the anchor :mod:`rectrack.data.sources` gave
it, so those links, and any a reader shares, keep working when other parts of the copy change.

The copy is untrusted text and never reaches the page as HTML or Markdown: each run of its words is
escaped (:func:`~rectrack.render.markdown.md_run`); the page's own markup around them (``<p id>``,
``<strong>``, ``<ul>``, ``<table>``) is written here from the parsed blocks, and a link in the copy
becomes a link only when its address is http(s) (``urls.external_link``). Headings are Markdown
headings so that the theme lists them in the page's table of contents; the rest is raw HTML, which the
engine passes through unparsed (a report is a few hundred kilobytes of text).

A long copy is shown in parts, one page per top-level section, behind a contents page at the copy's
address (:mod:`rectrack.render.source_parts` says why and how it is split); the contents page's list
names, for each part, the anchors of the blocks it holds, so that its script can forward an old link
(``sources/NAME/#ANCHOR``, from before the split) to the part, and a reader without scripts follows the
list.

Search ranks these pages below the pages about recommendations: the copy's text is weighted down
(``data-pagefind-weight``), so that a search for a recommendation's words finds its page first and the
copy of the report after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from rectrack.data.model import SLUG, Report, ResponseDocument
from rectrack.data.sources import Block, Inline, SourceDocument
from rectrack.render import source_parts
from rectrack.render.context import Site
from rectrack.render.markdown import md, md_run
from rectrack.render.redirects import redirect_page
from rectrack.render.urls import (
    check_anchor,
    external_link,
    owner_report_path,
    page_url,
    relative,
    report_path,
    source_part_path,
    source_path,
)
from rectrack.wording import DOCUMENT_KINDS, NO_WEB_ADDRESS, document_date

#: The weight of a copy's words in search, against 1 for ordinary page text (and 10 for a
#: recommendation's title): low, so a copy never outranks the pages that quote it.
SEARCH_WEIGHT = "0.1"
#: Source headings move down a level: the page's own title is its only <h1>.
SHIFT = 1


@dataclass(frozen=True)
class Subject:
    """What a copy is the text of: a report or a response document (a copy may serve several)."""

    report: Report
    document: ResponseDocument | None = None


def subjects(site: Site) -> dict[str, list[Subject]]:
    """The copies this build shows, each with what it is the text of: reports shown as at the build's
    date and the response documents published by then (a later document's copy is not shown early)."""
    found: dict[str, list[Subject]] = {}
    kept = site.dataset.sources
    for status in site.tracker.reports:
        report = status.report
        if report.source_document and report.source_document in kept:
            found.setdefault(report.source_document, []).append(Subject(report))
        for owner in status.owners:
            for doc in owner.documents:
                if doc.source.document and doc.source.document in kept:
                    found.setdefault(doc.source.document, []).append(Subject(report, doc))
    return found


def source_pages(site: Site) -> dict[str, str]:
    out: dict[str, str] = {}
    for path, items in sorted(subjects(site).items()):
        out.update(source_page(site, site.dataset.sources[path], items))
    return out


def source_page(site: Site, copy: SourceDocument, items: list[Subject]) -> dict[str, str]:
    """The pages of one copy: the whole copy on one page, or a contents page and one page per part."""
    here = source_path(copy.name)
    facts = _facts(site, here, items)
    divided = source_parts.parts(copy)
    common = {"title": facts[0]["title"], "no_address": NO_WEB_ADDRESS, "report": items[0].report,
              "weight": SEARCH_WEIGHT}
    if not divided:
        return {here: site.render("source.md.j2", here, facts=facts, body=Markup(body(copy.blocks)), parts=(),
                                  **common)}
    opening = source_parts.lead(copy)
    pages = {here: _contents(site, copy, divided, opening, facts, common)}
    old = next((b.anchor for b in opening if b.kind == "heading"), None)
    if old and SLUG.fullmatch(old) and old not in {p.name for p in divided} | source_parts.RESERVED:
        # Before title pages went on the contents page, this one was part 1, at an address of its own.
        pages[page_url(source_part_path(copy.name, old)) + "index.html"] = redirect_page(
            relative(here, source_part_path(copy.name, old)))
    for at, part in enumerate(divided):
        before = divided[at - 1] if at else None
        after = divided[at + 1] if at + 1 < len(divided) else None
        pages[source_part_path(copy.name, part.name)] = _part(site, copy, divided, part, before, after, facts[0],
                                                              common)
    return pages


def _contents(site: Site, copy: SourceDocument, divided: tuple[source_parts.Part, ...], opening: list[Block],
              facts: list[dict[str, object]], common: dict[str, object]) -> str:
    """The contents page of a copy in parts: its facts, its title page (``opening``, when it has one), and its
    parts listed with the anchors each holds."""
    here = source_path(copy.name)
    linker = site.linker(here)
    listed = [{"link": linker.to(source_part_path(copy.name, p.name), p.title),
               "anchors": Markup(" ".join(check_anchor(b.anchor) for b in copy.blocks[p.first:p.last + 1]))}
              for p in divided]
    return site.render("source.md.j2", here, facts=facts, body=Markup(body(opening)) if opening else None,
                       parts=listed, **common)


def _part(site: Site, copy: SourceDocument, divided: tuple[source_parts.Part, ...], part: source_parts.Part,
          before: source_parts.Part | None, after: source_parts.Part | None, fact: dict[str, object],
          common: dict[str, object]) -> str:
    """One part's page: its heading as the page's title, where it sits in the copy, and its blocks (the
    section's own headings one level below the title)."""
    here = source_part_path(copy.name, part.name)
    linker = site.linker(here)

    def to(other: source_parts.Part | None) -> Markup | None:
        return linker.to(source_part_path(copy.name, other.name), other.title) if other else None

    blocks = (b for b in copy.blocks[part.first:part.last + 1] if b is not part.heading)
    return site.render(
        "source_part.md.j2", here, part=part, count=len(divided), heading=Markup(_heading(part.heading, 1)),
        what=fact["what"], url=fact["url"], contents=linker.to(source_path(copy.name), fact["title"]),
        every=linker.to(source_path(copy.name), f"All {len(divided)} parts"), previous=to(before), next=to(after),
        body=Markup(body(blocks, shift=1 - part.heading.level)), **common)


def _facts(site: Site, here: str, items: list[Subject]) -> list[dict[str, object]]:
    """What the copy is the text of, for each thing it is the text of: title, author, date, the original."""
    linker = site.linker(here)
    facts: list[dict[str, object]] = []
    for item in items:
        report, doc = item.report, item.document
        if doc is None:
            facts.append({
                "what": "The text of the report",
                "title": report.title,
                "by": site.publisher_links(report, here),
                "published": f"{report.published_as_printed} (as printed)",
                "url": external_link(report.url, report.url) if report.url else None,
                "page": linker.report(report.id, "The report’s page: its recommendations and where they stand"),
                "report": None,
            })
        else:
            org = site.dataset.organisation(doc.owner)
            facts.append({
                "what": f"The text of the {DOCUMENT_KINDS[doc.kind].lower()}",
                "title": doc.source.title,
                "by": Markup(md(doc.author)) + Markup(" (") + linker.organisation(org.id) + Markup(")"),
                "published": document_date(doc),
                "url": external_link(doc.source.url, doc.source.url) if doc.source.url else None,
                "page": linker.to(owner_report_path(report.id, org.id),
                                  f"{org.name} on {report.title}: every answer and where each recommendation stands"),
                "report": linker.to(report_path(report.id), report.title),
            })
    return facts


def _heading(block: Block, level: int) -> str:
    return (f"{'#' * level} {md(block.text)} {{: #{check_anchor(block.anchor)} "
            f'data-pagefind-weight="{SEARCH_WEIGHT}" }}')


def body(blocks: Iterable[Block], shift: int = SHIFT) -> str:
    """The copy's blocks as page text: Markdown headings (their level moved by ``shift``, below the
    page's title), everything else raw HTML blocks."""
    out: list[str] = []
    run: list[str] = []  # the raw HTML lines since the last heading
    items: list[Block] = []  # the list items of a list not yet closed

    def close_list() -> None:
        if items:
            tag = "ol" if items[0].level else "ul"
            lines = [f"<{tag}>"] + [_item(i) for i in items] + [f"</{tag}>"]
            run.append("\n".join(lines))
            items.clear()

    def close_run() -> None:
        close_list()
        if run:
            out.append("\n".join(run))
            run.clear()

    for block in blocks:
        if block.kind == "item" and items and bool(block.level) != bool(items[0].level):
            close_list()
        if block.kind != "item":
            close_list()
        if block.kind == "heading":
            close_run()
            out.append(_heading(block, min(6, max(2, block.level + shift))))
        elif block.kind == "item":
            items.append(block)
        elif block.kind == "table":
            run.append(_table(block))
        else:
            run.append(f'<p id="{check_anchor(block.anchor)}" data-pagefind-weight="{SEARCH_WEIGHT}">'
                       f"{_runs(block.inlines)}</p>")
    close_run()
    return "\n\n".join(out) + "\n"


def _item(block: Block) -> str:
    number = f' value="{int(block.level)}"' if block.level else ""
    return (f'<li id="{check_anchor(block.anchor)}"{number} data-pagefind-weight="{SEARCH_WEIGHT}">'
            f"{_runs(block.inlines)}</li>")


def _table(block: Block) -> str:
    """A table of the copy, in its own scrolling region (named by its first words, for keyboard users)."""
    rows = list(block.rows)
    width = max(len(row) for row in rows)
    head, body_rows = (rows[0], rows[1:]) if block.header else ((), rows)
    label = " ".join(block.text.split()[:8])
    lines = [f'<div class="rt-scroll" tabindex="0" role="region" aria-label="Table: {md(label)} …">',
             f'<table id="{check_anchor(block.anchor)}" class="rt-table rt-source-table" '
             f'data-pagefind-weight="{SEARCH_WEIGHT}">']
    if head:
        cells = "".join(f'<th scope="col">{_runs(cell)}</th>' for cell in _pad(head, width))
        lines.append(f"<thead><tr>{cells}</tr></thead>")
    lines.append("<tbody>")
    lines += ["<tr>" + "".join(f"<td>{_runs(cell)}</td>" for cell in _pad(row, width)) + "</tr>"
              for row in body_rows]
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def _pad(row: tuple[tuple[Inline, ...], ...], width: int) -> list[tuple[Inline, ...]]:
    return list(row) + [()] * (width - len(row))


def _runs(runs: Iterable[Inline]) -> str:
    """One line of the copy: each run escaped, bold as <strong>, an http(s) link as a link."""
    out = []
    for run in runs:
        if run.href is not None and run.text.strip():
            text = run.text.strip()
            lead, trail = run.text[: len(run.text) - len(run.text.lstrip())], run.text[len(run.text.rstrip()):]
            piece = md_run(lead) + str(external_link(text, run.href)) + md_run(trail)
        else:
            piece = md_run(run.text)
        out.append(f"<strong>{piece}</strong>" if run.bold and piece.strip() else piece)
    return "".join(out).strip()
