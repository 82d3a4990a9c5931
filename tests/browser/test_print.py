"""Print (issue 14): one page of each kind that readers print (the home page, a recommendation, a
(report, organisation) page and the matrix) printed to A4 PDF by Chromium, as the reader's own
"Print" would (no background graphics), and the PDF read back with pdfplumber and pypdfium2:

* no navigation chrome, no sort arrows, no "scroll sideways" hint;
* the page's own address on its first page, and each link to another site followed by its address;
* a table that continues onto another page repeats its header row there, with its words (Chromium
  painted a repeated header row blank while the sort buttons were buttons);
* no page more than half empty except the last (how far down its printable area the text goes);
* dark text on paper whatever the reader's screen scheme.

Page counts and a PNG of each first page are left in the run's temporary directory
(``print-summary.txt``, ``print-*.png``) for a person to look at.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2
import pytest

from .sitebuild import REPORT_URL, run_base

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PRINTED = {
    "home": "/",
    "recommendation": f"{REPORT_URL}/recommendations/1/",
    "owner-report": f"{REPORT_URL}/organisations/devon-and-cornwall/",
    "matrix": f"{REPORT_URL}/matrix/",
}
#: A fictional source link the test adds to the recommendation page, so that the rule for links to
#: other sites is tested whatever the data links to (the real ones are checked too).
EXTERNAL = "https://www.example.org/inspection/2026/response-appendix.pdf"
#: Words only the site's chrome says: none may be on paper.
CHROME = ("Skip to content", "Table of contents", "Back to top", "Switch to the dark scheme",
          "Switch to the light scheme", "Made with Material", "Wider than the screen")
SORT_ARROWS = "\u2195\u2191\u2193"
#: @page margins in print.css (top, bottom), in points: the printable area a page's fill is judged on.
MARGIN_TOP, MARGIN_BOTTOM = 14 / 25.4 * 72, 15 / 25.4 * 72

#: What the page says in print media: the tables (header words, and row labels that occur once on the
#: page, so finding one on paper means the row is there), the links to other sites, the chrome's boxes.
FACTS = """() => {
    const flat = s => s.replace(/\\s+/g, '');
    const body = flat(document.body.innerText);
    const count = (s) => body.split(s).length - 1;
    const tables = [...document.querySelectorAll('article table')].filter(t => t.tHead).map(t => ({
        id: t.id,
        headers: [...t.tHead.rows[0].cells].map(c => c.innerText.trim()),
        rows: [...t.tBodies].flatMap(b => [...b.rows]).map(r => r.cells[0] && r.cells[0].innerText.trim())
              .filter(text => text && flat(text).length > 6 && count(flat(text)) === 1),
    }));
    const external = [...document.querySelectorAll('article a[href^="http://"], article a[href^="https://"]')]
        .filter(a => a.getClientRects().length).map(a => a.getAttribute('href'));
    const chrome = [...document.querySelectorAll(
        '.md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-skip, form.rt-filters, .rt-scroll__hint')]
        .filter(e => e.getClientRects().length).map(e => e.tagName.toLowerCase() + '.' + e.classList[0]);
    return {tables, external, chrome};
}"""


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Sheet:
    """One printed page."""

    text: str
    words: list[dict]
    height: float
    #: How far down the page text goes (points from the top): a page holding only the frame of a box
    #: is empty to a reader, so lines and borders do not count.
    text_bottom: float
    #: Luminance (0 dark - 1 light) of each character's fill colour.
    glyph_light: list[float] = field(default_factory=list)


@dataclass
class Printout:
    kind: str
    path: str
    url: str
    facts: dict
    sheets: list[Sheet]


def luminance(colour) -> float:
    """A pdfplumber fill colour as luminance; grey (one number), RGB (three) or CMYK (four)."""
    if colour is None:
        return 0.0
    values = list(colour) if isinstance(colour, (tuple, list)) else [colour]
    values = [float(v) for v in values if isinstance(v, (int, float))]
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        r, g, b = values
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    if len(values) == 4:
        c, m, y, k = values
        return (1 - k) * (1 - (0.3 * c + 0.59 * m + 0.11 * y))
    return 0.0


def read_pdf(pdf: bytes, png_prefix=None) -> list[Sheet]:
    sheets = []
    rendered = pypdfium2.PdfDocument(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages):
            if png_prefix is not None and number == 0:
                rendered[number].render(scale=1.5).to_pil().save(f"{png_prefix}-page1.png")
            words = page.extract_words()
            bottom = max((float(w["bottom"]) for w in words), default=0.0)
            sheets.append(Sheet(page.extract_text() or "", words, float(page.height), bottom,
                                [luminance(c.get("non_stroking_color")) for c in page.chars if c["text"].strip()]))
    return sheets


def print_page(browser, server, kind: str, path: str, scheme: str = "light", png_prefix=None) -> Printout:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(server.url(path))
        page.wait_for_selector("html[data-rt-ready]", state="attached", timeout=10_000)
        if kind == "recommendation":
            page.evaluate("""(href) => { const p = document.createElement('p');
                p.innerHTML = 'Source: <a></a>.'; p.querySelector('a').href = href;
                p.querySelector('a').textContent = 'the appendix to the response';
                document.querySelector('article h1').after(p); }""", EXTERNAL)
        page.emulate_media(media="print")
        facts = page.evaluate(FACTS)
        url = page.evaluate("() => { const u = new URL(location.href); u.hash = ''; return u.href; }")
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    return Printout(kind, path, url, facts, read_pdf(pdf, png_prefix))


@pytest.fixture(scope="module")
def printouts(browser, server, tmp_path_factory) -> dict[str, Printout]:
    out = run_base(tmp_path_factory)
    done = {kind: print_page(browser, server, kind, path, png_prefix=out / f"print-{kind}")
            for kind, path in PRINTED.items()}
    summary = "; ".join(f"{p.path}: {len(p.sheets)} A4 page(s), filled to "
                        + ", ".join(f"{(s.text_bottom - MARGIN_TOP) / (s.height - MARGIN_TOP - MARGIN_BOTTOM):.0%}"
                                    for s in p.sheets) for p in done.values())
    (out / "print-summary.txt").write_text(summary + "\n", "utf-8")
    print("\nprinted: " + summary)
    return done


def chrome_problems(p: Printout) -> list[str]:
    problems = [f"{p.path}: {box} is printed" for box in p.facts["chrome"]]
    for number, sheet in enumerate(p.sheets, 1):
        problems += [f"{p.path} page {number}: prints {words!r}" for words in CHROME if words in sheet.text]
        problems += [f"{p.path} page {number}: prints a sort arrow {c!r}" for c in SORT_ARROWS if c in sheet.text]
    return problems


def address_problems(p: Printout) -> list[str]:
    problems = []
    if flat(p.url) not in flat(p.sheets[0].text):
        problems.append(f"{p.path}: its address {p.url} is not on its first printed page")
    everything = flat("".join(s.text for s in p.sheets))
    problems += [f"{p.path}: the link to {href} does not print its address"
                 for href in p.facts["external"] if flat(href) not in everything]
    return problems


def fill_problems(p: Printout) -> list[str]:
    """Every page but the last must have text past the middle of its printable area."""
    problems = []
    for number, sheet in enumerate(p.sheets[:-1], 1):
        middle = MARGIN_TOP + (sheet.height - MARGIN_TOP - MARGIN_BOTTOM) / 2
        if sheet.text_bottom < middle:
            problems.append(f"{p.path} page {number} of {len(p.sheets)} is more than half empty "
                            f"(text ends {sheet.text_bottom:.0f} pt down a {sheet.height:.0f} pt page)")
    return problems


def column_text(sheet: Sheet, left: float, right: float) -> str:
    """The words whose left edge lies in [left, right), top to bottom: a table column's text."""
    words = [w for w in sheet.words if left - 3 <= w["x0"] < right - 3]
    return flat("".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"]))))


def first_column(sheets: list[Sheet], headers: list[str]) -> tuple[float, float] | None:
    """The first column's x range: from the first header's first word to the second header's, where
    both stand on one line (a table keeps its column widths on every page)."""
    # The second header's last word: the matrix says "Recommendation 1", "Recommendation" to screen readers only.
    first, second = headers[0].split()[0], headers[1].split()[-1]
    for sheet in sheets:
        for a in sheet.words:
            if a["text"] != first:
                continue
            for b in sheet.words:
                if b["text"] == second and abs(b["top"] - a["top"]) < 3 and b["x0"] > a["x1"]:
                    return a["x0"], b["x0"]
    return None


def header_problems(p: Printout) -> tuple[list[str], int]:
    """Problems, and how many (table, continuation page) pairs were checked."""
    problems, continued = [], 0
    for table in p.facts["tables"]:
        if len(table["headers"]) < 2 or not table["rows"]:
            continue
        column = first_column(p.sheets, table["headers"])
        if column is None:
            problems.append(f"{p.path} #{table['id']}: its header row ({table['headers'][:2]}) is not printed")
            continue
        keys = [flat(r) for r in table["rows"]]
        head = flat(table["headers"][0])
        pages = []
        for number, sheet in enumerate(p.sheets, 1):
            text = column_text(sheet, *column)
            found = [text.find(k) for k in keys if k in text]
            if not found:
                continue
            pages.append(number)
            if head not in text[:min(found)]:
                problems.append(f"{p.path} #{table['id']} page {number}: rows without the header row "
                                f"above them (a blank or missing '{table['headers'][0]}' header)")
        continued += max(len(pages) - 1, 0)
    return problems, continued


def test_printed_pages_have_no_chrome_and_no_sort_arrows(printouts) -> None:
    problems = [line for p in printouts.values() for line in chrome_problems(p)]
    assert not problems, "\n".join(problems)


def test_printed_pages_name_their_address_and_their_links_targets(printouts) -> None:
    assert EXTERNAL in printouts["recommendation"].facts["external"], "the test's own link was not added"
    problems = [line for p in printouts.values() for line in address_problems(p)]
    assert not problems, "\n".join(problems)


def test_no_printed_page_is_more_than_half_empty_but_the_last(printouts) -> None:
    problems = [line for p in printouts.values() for line in fill_problems(p)]
    assert not problems, "\n".join(problems)


def test_tables_repeat_their_header_row_with_its_words_on_every_page(printouts) -> None:
    problems, continued = [], 0
    for p in printouts.values():
        found, pages = header_problems(p)
        problems += found
        continued += pages
    assert continued >= 2, f"only {continued} table continuation page(s) printed: the check proved nothing"
    assert not problems, "\n".join(problems)


def test_paper_is_dark_on_light_in_either_scheme(browser, server, printouts) -> None:
    """Light text is unreadable on white paper: the dark scheme is for screens only."""
    dark = print_page(browser, server, "owner-report", PRINTED["owner-report"], scheme="dark")
    problems = []
    for p in [*printouts.values(), dark]:
        light = [g for s in p.sheets for g in s.glyph_light if g > 0.6]
        total = sum(len(s.glyph_light) for s in p.sheets)
        if light:
            problems.append(f"{p.path}: {len(light)} of {total} characters print in a light colour")
    assert len(dark.sheets) == len(printouts["owner-report"].sheets), "the dark scheme prints another layout"
    assert not problems, "\n".join(problems)
