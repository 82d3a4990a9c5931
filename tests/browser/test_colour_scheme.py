"""Light and dark: the site follows the reader's system setting on a first visit, the header's switch
changes it (by mouse, Enter or Space) and the choice holds on the next page; without JavaScript the
switch, which could not work, is not shown and takes no focus. axe in both schemes is in
``test_accessibility``."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
SWITCH = "[data-md-component='palette'] input.md-option"


def fresh(browser, server, path: str = "/", **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    page.goto(server.url(path))
    if options.get("java_script_enabled", True):
        page.wait_for_selector("html[data-rt-ready]", state="attached")
    return context, page


@pytest.mark.parametrize(("setting", "scheme"), [("light", "default"), ("dark", "slate")])
def test_a_first_visit_follows_the_system_setting(browser, server, setting: str, scheme: str) -> None:
    context, page = fresh(browser, server, color_scheme=setting)
    try:
        assert page.evaluate(SCHEME) == scheme
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        channels = background[background.index("(") + 1:].rstrip(")").split(",")[:3]
        dark = sum(float(c) for c in channels) < 3 * 128
        assert dark == (setting == "dark"), f"{setting} setting, body background {background}"
    finally:
        context.close()


@pytest.mark.parametrize("key", ["Enter", "Space", "click"])
def test_the_switch_changes_the_scheme_and_the_choice_holds(browser, server, key: str) -> None:
    context, page = fresh(browser, server, color_scheme="light")
    try:
        if key == "click":
            page.locator("[data-md-component='palette'] label.md-header__button:not([hidden])").click()
        else:
            for _ in range(10):
                page.keyboard.press("Tab")
                if page.evaluate(f"() => document.activeElement.matches(\"{SWITCH}\")"):
                    break
            label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
            assert label == "Switch to the dark scheme", f"Tab did not reach the switch (at {label!r})"
            page.keyboard.press(key)
        page.wait_for_function(f"() => ({SCHEME})() === 'slate'", timeout=3000)
        page.goto(server.url("/organisations/"))
        page.wait_for_selector("html[data-rt-ready]", state="attached")
        assert page.evaluate(SCHEME) == "slate", "the chosen scheme did not hold on the next page"
    finally:
        context.close()


def test_without_javascript_the_switch_is_neither_shown_nor_focusable(browser, server) -> None:
    context, page = fresh(browser, server, java_script_enabled=False, color_scheme="dark")
    try:
        shown = page.evaluate(f"""() => [...document.querySelectorAll("{SWITCH}, [data-md-component='palette'] label")]
            .filter(e => e.checkVisibility() || e.getClientRects().length).length""")
        assert shown == 0, "the scheme switch is there without JavaScript, where it cannot work"
        for _ in range(8):
            page.keyboard.press("Tab")
            assert not page.evaluate(f"() => document.activeElement.matches(\"{SWITCH}\")"), \
                "Tab reaches the scheme switch without JavaScript"
        assert page.evaluate(SCHEME) == "default", "without JavaScript the light scheme is shown"
    finally:
        context.close()
