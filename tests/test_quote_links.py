"""Every verbatim quote on the built site links to the passage it comes from, and that passage holds it.

Read from the built HTML, as a reader's browser gets it: each quotation (``figure.rt-quote``, or an
inline ``.rt-cited`` quote in a table or list) has a "Read it in context" link; following it must land
on an element with that id on the source page, and the quote's words (whitespace and quote marks
normalised, as everywhere quotes are compared: ``rectrack.data.sources.quote_text``) must begin in that
element's text and go on through the elements after it. Every quote the data holds
(``rectrack.data.quotes.every_quote``) must be on the site that way at least once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from browser.sitebuild import require_site, shared_site
from constants import AS_OF
from rectrack.data import quotes
from rectrack.data.sources import quote_text
from rectrack.derive import derive
from rectrack.render.urls import block_path, page_url
from rectrack.text import normalise

pytestmark = pytest.mark.xdist_group("sitebuild")

#: Elements whose text is set apart from its neighbours (a browser puts a line break between them).
BLOCKS = {"p", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "div", "dd", "dt", "br", "figure", "figcaption"}
#: The blocks of a source page a passage is made of, in document order.
PASSAGE_TAGS = {"p", "li", "table", "h2", "h3", "h4", "h5", "h6"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return require_site(shared_site(tmp_path_factory))


def words(element) -> str:
    """The element's text as a reader sees it: blocks apart, whitespace and quote marks normalised."""
    parts: list[str] = []

    def walk(el) -> None:
        block = el.tag in BLOCKS
        if block:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")

    walk(element)
    return normalise("".join(parts))


@dataclass(frozen=True)
class Cited:
    page: str  # URL path of the page showing the quote
    text: str  # the quoted words, normalised
    href: str | None  # the "Read it in context" link, resolved against the page
    no_copy: bool  # the quote says plainly that no copy of its document is kept


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


def cited_on(site: Path, file: Path) -> list[Cited]:
    page = url_of(site, file)
    tree = lxml.html.parse(str(file)).getroot()
    found = []
    for holder in tree.xpath("//figure[contains(concat(' ', @class, ' '), ' rt-quote ')] | "
                             "//span[contains(concat(' ', @class, ' '), ' rt-cited ')]"):
        if holder.tag == "figure":
            [body] = holder.xpath("./blockquote")
            text = words(body)
        else:
            [body] = holder.xpath("./span[@class='rt-quoted']")
            text = words(body).removeprefix('"').removesuffix('"')  # our own quotation marks, made straight
        if not text:
            continue  # an empty quotation the page fills in the browser (the response form's preview)
        links = holder.xpath(".//a[contains(concat(' ', @class, ' '), ' rt-source-link ')]/@href")
        none = holder.xpath(".//*[contains(concat(' ', @class, ' '), ' rt-source-none ')]")
        assert len(links) + len(none) <= 1, f"{page}: a quote with more than one source link: {text[:60]}"
        found.append(Cited(page, text, urljoin(page, links[0]) if links else None, bool(none)))
    return found


@pytest.fixture(scope="module")
def cited(site: Path) -> list[Cited]:
    out = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "pagefind/")):
            out += cited_on(site, file)
    return out


class Passages:
    """The source pages of the built site, parsed once: their blocks' ids and texts in document order."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.pages: dict[str, tuple[list[str], list[str]]] = {}

    def blocks(self, path: str) -> tuple[list[str], list[str]] | None:
        if path not in self.pages:
            file = self.site / unquote(path).lstrip("/") / "index.html"
            if not file.is_file():
                return None
            tree = lxml.html.parse(str(file)).getroot()
            [article] = tree.xpath("//article") or [tree]
            ids, texts = [], []
            for el in article.iter():
                if isinstance(el.tag, str) and el.tag in PASSAGE_TAGS and el.get("id"):
                    ids.append(el.get("id"))
                    texts.append(words(el))
            self.pages[path] = (ids, texts)
        return self.pages[path]

    def check(self, quote: Cited) -> str | None:
        """What is wrong with where ``quote`` links to, or None when it lands on a passage holding it."""
        assert quote.href is not None
        parts = urlsplit(quote.href)
        if not parts.path.startswith("/sources/"):
            return f"links to {quote.href}, not to a source page"
        found = self.blocks(parts.path)
        if found is None:
            return f"links to {parts.path}, which is not a page of the site"
        ids, texts = found
        if parts.fragment not in ids:
            return f"links to #{parts.fragment}, which is no paragraph of {parts.path}"
        start = ids.index(parts.fragment)
        run = texts[start]
        for following in texts[start + 1:]:
            at = run.find(quote.text)
            if at != -1:
                break
            if len(run) > len(texts[start]) + len(quote.text):
                break
            run += " " + following
        at = run.find(quote.text)
        if at == -1 or at >= len(texts[start]):
            return f"#{parts.fragment} of {parts.path} does not hold the quote (it reads: {texts[start][:80]!r})"
        return None


def test_every_quote_links_to_the_paragraph_that_holds_it(site: Path, cited: list[Cited], dataset) -> None:
    held = len(list(quotes.every_quote(dataset)))
    assert len(cited) >= held, f"{len(cited)} quotes found on the site, {held} in the data: is the page read right?"
    passages = Passages(site)
    problems = []
    for quote in cited:
        if quote.href is None:
            if not quote.no_copy:
                problems.append(f"{quote.page}: a quote with no link to its source: {quote.text[:70]!r}")
            continue
        wrong = passages.check(quote)
        if wrong:
            problems.append(f"{quote.page}: “{quote.text[:50]}…” {wrong}")
    assert not problems, f"{len(problems)} of {len(cited)} quotes:\n" + "\n".join(problems[:30])


def test_every_quote_of_the_data_is_on_the_site_with_its_link(cited: list[Cited], dataset) -> None:
    """The data's quotes, each found on the site linking to the page of the copy it is quoted from, or
    to the part of it that holds the passage when the copy is shown in parts (every report and
    response of the shipped data is shown at the as-at date, and has its copy)."""
    assert all(derive(dataset, AS_OF).shown(r.id) for r in dataset.reports)
    linked = {(c.text, urlsplit(c.href).path) for c in cited if c.href}
    missing = []
    every = list(quotes.every_quote(dataset))
    assert len(every) > 100, len(every)
    for quote in every:
        assert quote.document in dataset.sources, f"the shipped data keeps a copy of every source: {quote.what}"
        found = quotes.passage(dataset, quote)
        assert found is not None, quote.what
        page = "/" + page_url(block_path(found.document, found.first))
        if (quote_text(quote.parts), page) not in linked:
            missing.append(f"{quote.file}: {quote.what} ({quote_text(quote.parts)[:50]}…) is not on the site "
                           f"linked to {page}")
    assert not missing, "\n".join(missing)
    parts = {urlsplit(c.href).path for c in cited if c.href and "/sources/hmicfrs-spotlight" in c.href}
    assert len(parts) >= 5 and "/sources/hmicfrs-spotlight-ocsa-mosovo-2026/" not in parts, \
        f"the report's copy is shown in parts, and quotes link to the part holding them: {sorted(parts)}"


def test_the_check_catches_a_link_to_the_wrong_paragraph(site: Path, cited: list[Cited]) -> None:
    """Guard for the test itself: a quote pointed one paragraph on, or at no paragraph, is caught."""
    passages = Passages(site)
    quote = next(c for c in cited if c.href and "/sources/devon-and-cornwall" in c.href)
    page, _, fragment = quote.href.partition("#")
    ids, _ = passages.blocks(urlsplit(page).path)
    following = ids[ids.index(fragment) + 1]
    assert passages.check(quote) is None
    assert "does not hold the quote" in passages.check(Cited(quote.page, quote.text, f"{page}#{following}", False))
    assert "no paragraph" in passages.check(Cited(quote.page, quote.text, f"{page}#nowhere", False))
    assert "not to a source page" in passages.check(Cited(quote.page, quote.text, "/glossary/#x", False))
