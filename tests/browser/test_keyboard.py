"""Keyboard: on one page of every page type (``one_page_per_type``), at 1280 and 375 px, Tab reaches
every interactive element, in document order, and each one visibly shows focus while on screen.

For every focusable, visible element the computed style without focus is recorded first; then the
test presses Tab through the page and, for each element that receives focus, compares the style with
focus: an outline or box-shadow (or border, background or underline change, on the element or its
wrapper) must appear, and the element must be on screen. A change of text colour alone does not count.

The focused element is measured in the page itself, at the next Tab's keydown (by then the browser
has scrolled it into view), with any finite animation (a fade-in) run to its end: one round trip per
key press instead of two and a wait, which made the old sweep of twelve pages 30% of the suite.
"""

from __future__ import annotations

import pytest

from .sitebuild import REPORT_URL, one_page_per_type, page_file

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WIDTHS = {"1280px": None, "375px": {"width": 375, "height": 812}}

MARK = """async () => {
    // Material makes overflowing code blocks focusable from a ResizeObserver, after load: let two
    // frames pass so that they are counted as the controls they are.
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], ' +
                '[contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
    const style = el => {
        const s = getComputedStyle(el);
        return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 &&
                         !/rgba\\(.*, 0\\)$|transparent/.test(s.outlineColor)
                         ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
                shadow: s.boxShadow, border: `${s.borderBottomWidth} ${s.borderBottomColor} ${s.borderTopColor}`,
                background: s.backgroundColor, decoration: `${s.textDecorationLine} ${s.textDecorationThickness}`,
                color: s.color};
    };
    window.__kbStyle = style;
    // A visually hidden input that shows itself through the label beside it (Material's scheme switch:
    // a radio button of no size, its focus drawn on the label that follows it) is judged by that label.
    window.__kbShown = el => {
        const next = el.nextElementSibling;
        const r = el.getBoundingClientRect();
        return el.tagName === 'INPUT' && (r.width === 0 || r.height === 0 || getComputedStyle(el).opacity === '0') &&
               next && next.tagName === 'LABEL' && next.checkVisibility({visibilityProperty: true}) ? next : el;
    };
    // Tab stops once in a group of radio buttons: at the checked one (or the first).
    const radioStop = el => {
        if (el.type !== 'radio' || !el.name) return true;
        const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
        return el === (group.find(r => r.checked) || group[0]);
    };
    // Chromium also stops Tab on a scrolling box that has nothing focusable inside (for keyboard
    // scrolling), tabindex or not: such a box is a control too.
    const scroller = el => {
        const s = getComputedStyle(el);
        return (/auto|scroll/.test(s.overflowX) && el.scrollWidth > el.clientWidth ||
                /auto|scroll/.test(s.overflowY) && el.scrollHeight > el.clientHeight) && !el.querySelector(sel);
    };
    const out = [];
    let i = 0;
    for (const el of [...document.body.querySelectorAll('*')].filter(e => e.matches(sel) || scroller(e))) {
        if (el.disabled || (el.tabIndex < 0 && el.hasAttribute('tabindex')) || el.closest('[inert]')) continue;
        if (el.getClientRects().length === 0) continue;
        // Not shown to anyone (e.g. Material's "Back to top" button until you scroll up): not a control yet.
        // Skip links are transparent until focused, so opacity is judged only once focus is there.
        if (!el.checkVisibility({visibilityProperty: true}) || el.closest('[hidden]')) continue;
        if (el.type === 'hidden' || !radioStop(el)) continue;
        el.dataset.kb = String(i);
        const shown = window.__kbShown(el), parent = shown.parentElement;
        out.push({i, tag: el.tagName.toLowerCase(), text: (el.innerText || el.getAttribute('aria-label') || el.value
                  || el.id || '').trim().slice(0, 50), style: style(shown), parent: parent ? style(parent) : null});
        i++;
    }
    return out;
}"""

RECORDER = """() => {
    // Measure what has focus at each Tab's keydown (before the browser moves focus on): by then the
    // previous press has finished, including scrolling the element into view.
    window.__kbVisits = [];
    window.__kbSnapshot = () => {
        for (const a of document.getAnimations())
            if (a.playState === 'running' && a.effect && a.effect.getTiming().iterations !== Infinity) a.finish();
        const focused = document.activeElement;
        if (!focused || focused === document.body || focused === document.documentElement) return null;
        const el = window.__kbShown(focused);
        const r = el.getBoundingClientRect();
        const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
                         r.top < innerHeight && r.left < innerWidth &&
                         el.checkVisibility({visibilityProperty: true, opacityProperty: true});
        return {i: focused.dataset.kb === undefined ? null : Number(focused.dataset.kb),
                tag: focused.tagName.toLowerCase(),
                text: (focused.innerText || focused.getAttribute('aria-label') || focused.value || focused.id || '')
                      .trim().slice(0, 50),
                visibleFocus: focused.matches(':focus-visible'), onScreen, covered: window.__kbCovered(el),
                style: window.__kbStyle(el), parent: el.parentElement ? window.__kbStyle(el.parentElement) : null};
    };
    // What covers the focused element (WCAG 2.2 SC 2.4.11): hit-test a 3 x 3 grid of points over it
    // and name whatever else is on top there (a sticky header, a sticky table column, a "Back to top"
    // button). An element larger than the screen is judged on its part within the screen.
    // Hit-testing must see every element where it is drawn: Material makes some transparent and
    // click-through while it animates them back (the tabs), after the scroll that focus caused.
    const style = document.createElement('style');
    style.textContent = '* { pointer-events: auto !important; }';
    document.head.append(style);
    window.__kbCovered = el => {
        const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                          [...e.classList].slice(0, 2).map(c => '.' + c).join('');
        const by = new Set();
        let clear = 0, big = false;
        // Material shows "Back to top" below the header whenever the reader scrolls up anywhere below
        // the top of the page, a moment after the scroll: count its place as covered whenever it could be.
        const backToTop = document.querySelector('.md-top');
        const topBox = backToTop && scrollY > 0 ? backToTop.getBoundingClientRect() : null;
        // A link that wraps has one box per line: test each (the gaps between them are not the link).
        for (const box of el.getClientRects()) {
            if (box.width < 1 || box.height < 1) continue;  // the empty box of a line break
            if (topBox && box.left < topBox.right && box.right > topBox.left && box.top < topBox.bottom &&
                box.bottom > topBox.top && !backToTop.contains(el)) by.add('the place of "Back to top"');
            const large = box.height > innerHeight / 2 || box.width > innerWidth;
            big = big || large;
            const left = large ? Math.max(box.left, 0) : box.left;
            const right = large ? Math.min(box.right, innerWidth) : box.right;
            const top = large ? Math.max(box.top, 0) : box.top;
            const bottom = large ? Math.min(box.bottom, innerHeight) : box.bottom;
            // Corners 2 px inside the box (box edges are snapped to whole pixels when hit-tested), and the middle.
            const xs = [left + 2, (left + right) / 2, right - 2], ys = [top + 2, (top + bottom) / 2, bottom - 2];
            for (const x of xs) for (const y of ys) {
                if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
                    by.add('the edge of the screen');
                    continue;
                }
                // The topmost element there that anyone can see (Material keeps a transparent dialog on top).
                const hit = document.elementsFromPoint(x, y).find(e => e === el || el.contains(e) ||
                    e.checkVisibility({visibilityProperty: true, opacityProperty: true}));
                if (hit && (hit === el || el.contains(hit))) { clear++; continue; }
                // Name the sticky or fixed thing on top if there is one, else what is there (for a
                // control scrolled part-way out of its table's scrolling box, the page behind it).
                let cover = hit;
                for (let e = hit; e; e = e.parentElement)
                    if (/sticky|fixed/.test(getComputedStyle(e).position)) { cover = e; break; }
                by.add(cover ? name(cover) : 'nothing');
            }
        }
        return big ? (clear ? [] : [...by]) : [...by];
    };
    window.addEventListener('keydown', event => {
        if (event.key === 'Tab') window.__kbVisits.push(window.__kbSnapshot());
    }, {capture: true});
}"""
#: Every visit: the snapshots taken at each keydown (the first is before any Tab), then the last one.
VISITS = "() => [...window.__kbVisits.slice(1), window.__kbSnapshot()]"

#: Material shows "Back to top" (and lets it take focus) 250 ms after the page scrolls up, and hides it,
#: taking focus from it, when the page scrolls down. Tab scrolls the page both ways (a control just
#: under the sticky header is scrolled down into view), so whether a sweep met the button depended on
#: how fast the keys came: under load a sweep could stop at it, or lose focus with it. Sweeps keep it
#: hidden, as it is before the reader scrolls (a MutationObserver answers Material's change before the
#: next key press is handled); its place still counts as covered wherever it could appear, and
#: test_back_to_top_takes_focus_once_shown checks the button itself once it is shown.
PIN_BACK_TO_TOP = """() => {
    const top = document.querySelector('.md-top');
    if (!top || top.dataset.kbPinned) return;
    top.dataset.kbPinned = '';
    const pin = () => {
        if (!top.hidden) top.hidden = true;
        if (top.getAttribute('tabindex') !== '-1') top.setAttribute('tabindex', '-1');
    };
    pin();
    new MutationObserver(pin).observe(top, {attributes: true, attributeFilter: ['hidden', 'tabindex']});
}"""


def indicator(before: dict, after: dict) -> bool:
    """Did focus add something visible besides a text-colour change?"""
    own = before["style"], after["style"]
    if own[1]["outline"] != "none" and own[1]["outline"] != own[0]["outline"]:
        return True
    for key in ("shadow", "background", "decoration"):
        if own[0][key] != own[1][key]:
            return True
    if _border(own[0]) != _border(own[1]):
        return True
    parents = before.get("parent"), after.get("parent")
    if parents[0] and parents[1]:
        for key in ("outline", "shadow", "background"):
            if parents[0][key] != parents[1][key]:
                return True
        if _border(parents[0]) != _border(parents[1]):
            return True
    return False


def _border(style: dict) -> str:
    """The border as drawn: a zero-width border (whose colour follows the text colour) draws nothing."""
    width = style["border"].split(" ")[0]
    return "none" if width in ("0px", "0") else style["border"]


def tab_through(page, limit_extra: int = 10, key: str = "Tab") -> tuple[list[dict], list[dict]]:
    """(the focusable elements in document order, what Tab (or ``key``: "Shift+Tab") focused in turn
    until focus left the page or wrapped round)."""
    page.evaluate(PIN_BACK_TO_TOP)
    elements = page.evaluate(MARK)
    page.evaluate(RECORDER)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.mouse.move(0, 0)
    if key == "Shift+Tab":  # start from the end of the page, as a reader going back up would
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    for _ in range(len(elements) + limit_extra):
        page.keyboard.press(key)
    visits: list[dict] = []
    seen: set = set()
    for focused in page.evaluate(VISITS):
        if focused is None:
            if visits:
                break  # focus left the page (to the browser): the cycle is complete
            continue
        key = focused["i"] if focused["i"] is not None else (focused["tag"], focused["text"])
        if key in seen:
            break  # focus wrapped round to the start
        seen.add(key)
        visits.append(focused)
    return elements, visits


def check_page(page, path: str) -> list[str]:
    """Keyboard problems on the page already open at ``path``."""
    elements, visits = tab_through(page)
    assert elements, f"{path}: no interactive elements found"
    problems = []
    reached = {f["i"] for f in visits if f["i"] is not None}
    for el in elements:
        if el["i"] not in reached:
            problems.append(f"{path}: never receives focus by Tab: <{el['tag']}> {el['text']!r}")
    order = [f["i"] for f in visits if f["i"] is not None]
    for earlier, later in zip(order, order[1:], strict=False):
        if later < earlier:
            problems.append(f"{path}: Tab goes back up the page, from <{elements[earlier]['tag']}> "
                            f"{elements[earlier]['text']!r} to <{elements[later]['tag']}> {elements[later]['text']!r}")
    by_index = {el["i"]: el for el in elements}
    for f in visits:
        label = f"<{f['tag']}> {f['text']!r}"
        if not f["onScreen"]:
            problems.append(f"{path}: receives focus while off screen or invisible: {label}")
            continue
        before = by_index.get(f["i"])
        if before is None:
            if f["tag"] not in ("iframe",):
                problems.append(f"{path}: focus went to an element that is not visible when unfocused: {label}")
            continue
        if not indicator(before, f):
            problems.append(f"{path}: no visible focus indicator (outline/box-shadow unchanged) on {label}; "
                            f"unfocused {before['style']}, focused {f['style']}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_order_on_every_page_type(tab, site, width: str) -> None:
    """One page per page type (a new type is covered as soon as it exists), each at this width."""
    pages = one_page_per_type(site)
    t = tab(viewport=WIDTHS[width])
    problems = []
    for kind, path in pages.items():
        problems += [f"[{kind}] {p}" for p in t.go(path)]
        problems += [f"[{kind}] {p}" for p in check_page(t.page, path)]
    assert len(pages) >= 10, f"only {len(pages)} page types found: {sorted(pages)}"
    assert not problems, f"{len(problems)} keyboard problems at {width}:\n" + "\n".join(problems[:40])


def table_pages(site) -> dict[str, str]:
    """The page of each page type that has a table (index tables, the matrix, detail pages' tables)."""
    return {kind: path for kind, path in one_page_per_type(site).items()
            if "<table" in page_file(site, path).read_text("utf-8")}


@pytest.mark.parametrize("width", WIDTHS)
def test_focus_is_never_hidden_under_the_sticky_header_on_table_pages(tab, site, width: str) -> None:
    """WCAG 2.2 SC 2.4.11 (and 2.4.12): every control on every page with a table, reached by Tab and by
    Shift+Tab, is wholly visible: not under the sticky header, a sticky table column or row, or the
    "Back to top" button."""
    pages = table_pages(site)
    assert {"recommendations-index", "report", "organisations-index", "matrix"} <= set(pages), sorted(pages)
    t = tab(viewport=WIDTHS[width])
    problems = []
    for kind, path in pages.items():
        for key in ("Tab", "Shift+Tab"):
            problems += t.go(path)
            elements, visits = tab_through(t.page, key=key)
            assert len(visits) >= len(elements) // 2, f"{path}: {key} reached {len(visits)} of {len(elements)}"
            problems += [f"[{kind}] {path} by {key}: <{v['tag']}> {v['text']!r} is covered by "
                         f"{', '.join(v['covered'])}" for v in visits if v["covered"]]
    assert not problems, f"{len(problems)} controls hidden when focused at {width}:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("width", WIDTHS)
def test_back_to_top_takes_focus_once_shown(tab, site, width: str) -> None:
    """Material's "Back to top", once scrolling up has shown it, is the next Tab stop after the page's
    content, shows its focus, is wholly on screen and uncovered, and takes the reader to the top."""
    path = f"{REPORT_URL}/organisations/devon-and-cornwall/"
    t = tab(viewport=WIDTHS[width])
    assert not t.go(path)
    page = t.page
    page.evaluate(MARK)  # defines the style and visibility probes the recorder uses
    page.evaluate(RECORDER)
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(100)
    page.evaluate("() => window.scrollBy(0, -300)")
    page.wait_for_function("() => { const t = document.querySelector('.md-top');"
                           " return !t.hidden && !t.hasAttribute('tabindex'); }", timeout=5000)
    before = page.evaluate("() => window.__kbStyle(document.querySelector('.md-top'))")
    # The last control of the content, focused where it is (no scroll, which would hide the button).
    page.evaluate("""() => { const links = [...document.querySelectorAll('article a[href], article button')]
        .filter(e => e.checkVisibility()); links[links.length - 1].focus({preventScroll: true}); }""")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => window.__kbSnapshot()")
    assert focused and focused["text"] == "Back to top", \
        f"Tab after the content went to {focused}, not to the shown 'Back to top'"
    assert page.evaluate("() => document.activeElement.matches('.md-top')")
    assert focused["onScreen"], focused
    # A pill: the grid of the covered check would probe its rounded-off corners, so probe its middle line.
    hits = page.evaluate("""() => { const top = document.activeElement, r = top.getBoundingClientRect();
        const y = (r.top + r.bottom) / 2, inset = r.height / 2;
        return [r.left + inset, (r.left + r.right) / 2, r.right - inset]
            .map(x => top.contains(document.elementFromPoint(x, y))); }""")
    assert all(hits), f"'Back to top' is covered where it is drawn: {hits}"
    assert indicator({"style": before}, focused), f"no visible focus on 'Back to top': {before} -> {focused['style']}"
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.scrollY === 0", timeout=5000)


MENU_LINK_SHOWN = """() => [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link[href]')].some(link => {
    const r = link.getBoundingClientRect();
    return link.checkVisibility({visibilityProperty: true, opacityProperty: true}) &&
           r.right > 0 && r.left < innerWidth && r.width > 0;
})"""


def test_site_menu_opens_from_the_keyboard_at_375px(visit) -> None:
    """At phone width the navigation lives in a drawer: a keyboard user must be able to reach the
    menu button, open the drawer and tab into its links."""
    v = visit("/", viewport={"width": 375, "height": 812})
    page = v.page
    assert not page.evaluate(MENU_LINK_SHOWN), "the navigation drawer should start closed at 375px"
    found = None
    for _ in range(8):
        page.keyboard.press("Tab")
        found = page.evaluate("""() => { const e = document.activeElement;
            return e && e.closest('.md-header') &&
                   (e.matches('[for="__drawer"]') || /menu|navigation/i.test(e.getAttribute('aria-label') || ''))
                   ? (e.getAttribute('aria-label') || e.tagName) : null; }""")
        if found:
            break
    assert found, ("RENDERER: at 375px the header's menu button (Material's <label for=\"__drawer\">) cannot be "
                   "reached with Tab, so keyboard users cannot open the site navigation (WCAG 2.1.1); make it "
                   "focusable (tabindex=0, role=button, aria-label) and toggle #__drawer on Enter/Space")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.evaluate(MENU_LINK_SHOWN), f"pressing Enter on the menu button ({found}) did not open the navigation"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary, .md-nav')")
    assert inside, "after opening the menu, Tab should move into the navigation"


def test_the_focus_check_tells_visible_from_invisible_focus(visit) -> None:
    """Guard for this test itself: an outline counts, a colour change alone does not, and a control
    that Tab skips is reported."""
    v = visit("/")
    v.page.set_content("""<style>a { color: #00e; outline: none } a:focus { outline: none; color: #c00 }
        .ok:focus { outline: 3px solid #000 } .gone { display: none }</style>
        <a href="#1" class="ok">has an outline</a> <a href="#2" class="bad">colour only</a>
        <a href="#3" tabindex="-1" class="skipped">never tabbed</a> <a href="#4" class="gone">not shown</a>""")
    elements, visits = tab_through(v.page)
    names = {e["i"]: e["text"] for e in elements}
    by_text = {names[f["i"]]: f for f in visits if f["i"] is not None}
    assert set(names.values()) == {"has an outline", "colour only"}, "tabindex=-1 and display:none are not controls"
    before = {e["text"]: e for e in elements}
    assert indicator(before["has an outline"], by_text["has an outline"])
    assert not indicator(before["colour only"], by_text["colour only"])


def test_filters_work_from_the_keyboard(visit) -> None:
    v = visit(f"{REPORT_URL}/case-studies/")
    page = v.page
    select = page.locator("form[data-rt-filter='case-study-library'] select").first
    select.focus()
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(200)
    shown = page.evaluate("""() => [...document.querySelectorAll('#case-study-library [data-rt-item]')]
                             .filter(e => e.getClientRects().length).length""")
    total = page.locator("#case-study-library [data-rt-item]").count()
    assert 0 < shown < total, f"choosing a theme with the arrow key should narrow the library ({shown} of {total})"
    clear = page.locator("form[data-rt-filter='case-study-library'] [data-rt-clear]")
    clear.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    shown = page.evaluate("""() => [...document.querySelectorAll('#case-study-library [data-rt-item]')]
                             .filter(e => e.getClientRects().length).length""")
    assert shown == total, "pressing Enter on 'Clear filters' should show every case study again"


#: Scroll in one step from just above the footer to the end, as Tab does when it goes from the last
#: link of the content to the footer, and hit-test the footer's links at once: before Material's scroll
#: handler has shortened the table of contents to end above the footer.
FOOTER_LINKS_UNDER_A_JUMP = """async () => {
    // Just above the footer, and settled: the table of contents reaches the bottom of the screen.
    const footer = document.querySelector('.md-footer');
    window.scrollTo(0, scrollY + footer.getBoundingClientRect().top - innerHeight - 10);
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    window.scrollTo(0, document.documentElement.scrollHeight);
    return [...footer.querySelectorAll('a[href]')].flatMap(link => {
        const r = link.getBoundingClientRect();
        return [r.left + 2, (r.left + r.right) / 2, r.right - 2].map(x => {
            const hit = document.elementFromPoint(x, (r.top + r.bottom) / 2);
            return link.contains(hit) ? null : `'${link.textContent.trim()}' under ${hit && hit.className}`;
        });
    }).filter(Boolean);
}"""


def test_the_footer_is_never_under_the_table_of_contents(tab, site) -> None:
    """The table of contents stays on screen beside the page and ends above the footer only once
    Material's scroll handler has run; for the frame in between, a long one reached past the top of
    the footer and covered its links, so a link focused by Tab could be hidden (WCAG 2.2 SC 2.4.11;
    the sticky-header sweep met it on a loaded machine). The footer is drawn above the sidebar."""
    t = tab(viewport=WIDTHS["1280px"])
    path = f"{REPORT_URL}/recommendations/1/"
    assert not t.go(path)
    assert t.page.evaluate("() => document.querySelector('.md-sidebar--secondary .md-nav__list') !== null"), \
        f"{path} has no table of contents to test against"
    covered = t.page.evaluate(FOOTER_LINKS_UNDER_A_JUMP)
    assert not covered, f"{path}: footer links covered just after a scroll: {covered}"
