"""Abbreviations are explained by keyboard and on touch, not on hover only (the first use on each
page; ``render/abbreviations.py`` marks it, ``components/abbreviation.js`` makes it a button).

Checked on one page of every page type that has an abbreviation.
"""

from __future__ import annotations

import pytest

from .sitebuild import one_page_per_type, page_file

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ABBRS = """() => [...document.querySelectorAll('abbr[title]')].map((abbr, i) => {
    abbr.dataset.test = String(i);
    const button = abbr.closest('button');
    return {i, word: abbr.textContent.trim(), title: abbr.title, inLink: !!abbr.closest('a'),
            button: !!button && button.tabIndex >= 0 && !button.disabled,
            expanded: button ? button.getAttribute('aria-expanded') : null};
})"""
#: The text a reader sees right after the abbreviation (its expansion, once shown).
AFTER = """(i) => { const abbr = document.querySelector(`abbr[data-test="${i}"]`);
    const next = (abbr.closest('button') || abbr).nextElementSibling;
    return next && next.checkVisibility({visibilityProperty: true}) ? next.innerText : ''; }"""


def abbreviation_pages(site) -> dict[str, str]:
    return {kind: path for kind, path in one_page_per_type(site).items()
            if "<abbr title=" in page_file(site, path).read_text("utf-8")}


def test_every_first_use_opens_its_expansion_from_the_keyboard(tab, site) -> None:
    pages = abbreviation_pages(site)
    assert len(pages) >= 5, f"abbreviations on too few page types to prove anything: {sorted(pages)}"
    t = tab()
    problems = []
    for kind, path in pages.items():
        problems += t.go(path)
        for abbr in t.page.evaluate(ABBRS):
            where = f"[{kind}] {path} {abbr['word']}"
            if abbr["inLink"]:
                problems.append(f"{where}: marked inside a link, where it cannot be a button")
                continue
            if not abbr["button"] or abbr["expanded"] != "false":
                problems.append(f"{where}: not a closed, focusable button ({abbr})")
                continue
            button = t.page.locator(f"abbr[data-test='{abbr['i']}']").locator("xpath=..")
            button.evaluate("b => { for (let d = b.closest('details'); d; d = d.parentElement.closest('details')) "
                            "d.open = true; }")  # a reader opens a collapsed section first
            button.focus()
            t.page.keyboard.press("Enter")
            shown = t.page.evaluate(AFTER, abbr["i"])
            if abbr["title"] not in shown:
                problems.append(f"{where}: Enter did not show {abbr['title']!r} after it (shows {shown!r})")
            t.page.keyboard.press("Space")
            if t.page.evaluate(AFTER, abbr["i"]).strip():
                problems.append(f"{where}: Space did not hide the expansion again")
    assert not problems, "\n".join(problems)


def test_a_tap_opens_an_expansion_on_a_phone(browser, server, site) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        path = abbreviation_pages(site)["home"]
        page.goto(server.url(path))
        page.wait_for_selector("html[data-rt-ready]", state="attached")
        first = page.evaluate(ABBRS)[0]
        page.locator(f"abbr[data-test='{first['i']}']").tap()
        assert first["title"] in page.evaluate(AFTER, first["i"]), f"tapping {first['word']} showed nothing"
    finally:
        context.close()


def test_without_javascript_the_abbreviation_keeps_its_title(visit) -> None:
    v = visit("/", javascript=False)
    titles = v.page.eval_on_selector_all("abbr[title]", "els => els.map(e => e.title)")
    assert titles and all(titles), "without JavaScript each first use still carries its expansion as a title"
