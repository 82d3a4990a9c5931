"""The "Publish a response" form, used as an office would use it: by keyboard alone.

The acceptance test (issue 15, route 1) fills the form for a force, downloads the file, checks that
``rectrack validate --strict`` passes with the file placed where the file itself says it goes, builds
the site from that data and finds the answers on the (report, organisation) page. Beside it: a quote
that is not in the answer is refused as it is typed, with the message tied to the field; a reload
keeps the draft; drafts are kept per report and organisation; and the routes for sending the file.
"""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from constants import RECTRACK

from .conftest import PageLog, watch
from .sitebuild import MAIN_REPORT, collapse, make_root, page_file, run_build

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FORM = "/publish-response/"
FORCE = "kent"
#: What the office pastes: fictional answers (tests only), with what YAML would misread if it were
#: written carelessly: a colon and a space, a hash, curly quotes, a line that starts "- ", a date.
ANSWERS = {
    "1": ("Kent Police uses a risk tool for every referral: adult suspects are assessed at once. "
          "The tool has been in use since May 2026.\n\n- Checks are made every three months #routine.\n"
          "- The force’s “tiered” approach covers under 18s."),
    "2": "Recruitment to the team is under way. Two posts remain vacant: 2026-10-31 is the target date.",
}
CLAIMS = {"1": ("Implemented (claimed)", "implemented"), "2": ("In progress (claimed)", "in-progress")}
#: The sentence picked as evidence for each (the first of its answer).
EVIDENCE = {"1": "Kent Police uses a risk tool for every referral: adult suspects are assessed at once.",
            "2": "Recruitment to the team is under way."}
TITLE = "Response of the Police and Crime Commissioner for Kent: “online child sexual abuse”"
URL = "https://www.kent-pcc.example/response-2026.pdf"
#: A day on which the month and the day are the same, so the date reads the same typed as
#: dd/mm/yyyy or mm/dd/yyyy (the date control's order follows the browser's language).
PUBLISHED = "2026-06-06"


@pytest.fixture
def office(browser, server):
    """A fresh browser profile (no drafts yet), as a UK office would have, and its log."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="Europe/London", accept_downloads=True, service_workers="block")
    page = context.new_page()
    log = PageLog()
    watch(page, log, server.origin)
    yield page, log
    context.close()


def ready(page) -> None:
    page.wait_for_selector("html[data-rt-ready]", state="attached", timeout=10_000)


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has the focus (it must be reachable, in order, by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}; focus is on "
                         + page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)"))


def value(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => e.value")


def choose(page, label: str, selector: str) -> None:
    """Choose an option of the focused <select> by typing its first words, as a keyboard user does."""
    page.keyboard.type(label)
    page.wait_for_timeout(50)
    chosen = page.eval_on_selector(selector, "e => e.options[e.selectedIndex].text")
    assert chosen.startswith(label), f"typing {label!r} on {selector} chose {chosen!r}"


def fill_kent(page) -> None:
    """From a fresh page: the report, the force, the document, two answers; the rest left unanswered."""
    tab_to(page, "#rt-r-report")
    choose(page, "The policing response to the investigation", "#rt-r-report")
    tab_to(page, "#rt-r-owner:not([disabled])")
    choose(page, "Kent", "#rt-r-owner")
    page.wait_for_selector("#rt-r-1-action")
    assert value(page, "#rt-r-kind") == "first-comments"
    tab_to(page, "#rt-r-title")
    page.keyboard.type(TITLE)
    tab_to(page, "#rt-r-published")
    year, month, day = PUBLISHED.split("-")
    page.keyboard.type(day + month + year)
    assert value(page, "#rt-r-published") == PUBLISHED
    tab_to(page, "#rt-r-url")
    page.keyboard.type(URL)
    tab_to(page, "#rt-r-author")
    assert value(page, "#rt-r-author"), "the author starts as who answers for the force"
    for local, text in ANSWERS.items():
        tab_to(page, f"#rt-r-{local}-action")
        page.keyboard.insert_text(text)  # pasted, as from the published document
        tab_to(page, f"#rt-r-{local}-implementation")
        choose(page, CLAIMS[local][0], f"#rt-r-{local}-implementation")
        tab_to(page, f"#rt-r-{local}-sentence")
        page.wait_for_function("(s) => document.querySelector(s).options.length > 1", arg=f"#rt-r-{local}-sentence")
        page.keyboard.press("ArrowDown")  # the first sentence of the answer
        assert value(page, f"#rt-r-{local}-evidence") == EVIDENCE[local]


def test_an_office_fills_the_form_by_keyboard_and_the_file_validates_and_builds(office, server, tmp_path) -> None:
    page, log = office
    page.goto(server.url(FORM))
    ready(page)
    assert page.is_visible("#rt-response-intro") and not page.is_visible("#rt-response-fallback")
    fill_kent(page)
    page.wait_for_timeout(600)  # the draft is kept after a pause in typing

    # A reload keeps everything typed.
    page.reload()
    ready(page)
    page.wait_for_selector("#rt-r-2-action")
    assert value(page, "#rt-r-report") == MAIN_REPORT and value(page, "#rt-r-owner") == FORCE
    assert value(page, "#rt-r-title") == TITLE and value(page, "#rt-r-published") == PUBLISHED
    assert value(page, "#rt-r-url") == URL
    for local, text in ANSWERS.items():
        assert value(page, f"#rt-r-{local}-action") == text
        assert value(page, f"#rt-r-{local}-implementation") == CLAIMS[local][1]
        assert value(page, f"#rt-r-{local}-evidence") == EVIDENCE[local]

    tab_to(page, "button[data-rt-action=download]", limit=200)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{FORCE}.yaml"
    text = (tmp_path / "downloaded.yaml")
    download.value.save_as(text)
    content = text.read_text("utf-8")
    assert not log.problems(), log.problems()

    # The file says where it goes; put it there in a copy of the data and validate as CI does.
    where = next(line for line in content.splitlines() if line.startswith("# Goes in "))
    relative = where.removeprefix("# Goes in ").split(" ")[0]
    assert relative == f"data/force_responses/{MAIN_REPORT}/{FORCE}.yaml"
    assert page.inner_text("[data-rt-slot=destination]") == relative
    root = make_root(tmp_path / "root")
    (root / relative).write_text(content, "utf-8")
    checked = subprocess.run([str(RECTRACK), "validate", "--strict", "--data", str(root / "data")],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "error(s)" in checked.stdout and f"{FORCE}.yaml" in checked.stdout  # its notices: unanswered ones

    data = yaml.safe_load(content)
    assert data["owner"] == FORCE and data["report"] == MAIN_REPORT and data["kind"] == "first-comments"
    assert data["published"] == PUBLISHED and data["source"] == {"title": TITLE, "url": URL, "document": None}
    assert [(r["recommendation"], r["action"], r["implementation"], r["evidence"]) for r in data["responses"]] == [
        (int(local), ANSWERS[local], CLAIMS[local][1], EVIDENCE[local]) for local in ANSWERS]

    site = tmp_path / "site"
    built = run_build(root, site)
    assert built.ok, built.output[-3000:]
    page.goto("about:blank")
    shown = collapse(_text_of(page, page_file(site, f"/reports/{MAIN_REPORT}/organisations/{FORCE}/")))
    assert "Published 6 June 2026" in shown, shown[:500]
    for local, text in ANSWERS.items():
        for paragraph in text.split("\n"):
            words = collapse(paragraph.removeprefix("- "))
            if words:
                assert words in shown, f"answer {local}: {words!r} is not on the force's page"
        assert collapse(EVIDENCE[local]) in shown
        assert CLAIMS[local][0] in shown
    assert "Not answered in the published documents" in shown


def _text_of(page, html_file) -> str:
    """The text a reader sees in a built page (its HTML loaded without its scripts)."""
    page.set_content(html_file.read_text("utf-8"))
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # full texts
    return page.inner_text("article") if page.query_selector("article") else page.inner_text("body")


def test_a_quote_that_is_not_in_the_answer_is_refused_as_it_is_typed(office, server) -> None:
    page, log = office
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
    ready(page)
    page.wait_for_selector("#rt-r-1-action")
    tab_to(page, "#rt-r-1-action")
    page.keyboard.insert_text(ANSWERS["1"])
    tab_to(page, "#rt-r-1-evidence")
    page.keyboard.type("Kent Police uses")  # so far, words of the answer: accepted
    page.wait_for_timeout(300)
    assert page.get_attribute("#rt-r-1-evidence", "aria-invalid") is None
    assert page.inner_text("#rt-r-1-evidence-error") == ""
    page.keyboard.type(" a crystal ball")  # no longer in the answer: refused on the spot
    page.wait_for_selector("#rt-r-1-evidence[aria-invalid=true]", timeout=2_000)
    error = page.inner_text("#rt-r-1-evidence-error")
    assert "not in the answer" in error and "Copy the words exactly from the answer" in error
    described = page.get_attribute("#rt-r-1-evidence", "aria-describedby").split()
    assert "rt-r-1-evidence-error" in described
    # What a screen reader announces for the field includes the message.
    description = page.evaluate("""() => {
        const el = document.getElementById('rt-r-1-evidence');
        return el.getAttribute('aria-describedby').split(' ')
                 .map(id => document.getElementById(id).textContent).join(' ');
    }""")
    assert error in description
    # The file is not made while the quote is wrong: asking for it lists the problem and links to it.
    page.click("button[data-rt-action=download]")
    assert page.is_visible("#rt-r-summary")
    assert "not in the answer" in page.inner_text("#rt-r-summary")
    page.click("#rt-r-summary a[href='#rt-r-1-evidence']")
    assert page.evaluate("document.activeElement.id") == "rt-r-1-evidence"
    # Corrected (curly quotes and line breaks do not matter, as for the validator), it is accepted.
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type("The force's \"tiered\"\napproach covers under 18s.")
    page.wait_for_function("() => !document.getElementById('rt-r-1-evidence').hasAttribute('aria-invalid')",
                           timeout=2_000)
    assert not log.problems(), log.problems()


def test_a_message_shown_while_the_mouse_is_pressed_does_not_take_the_click_from_the_button(office, server) -> None:
    """A quote is refused 120 ms after the last keystroke, or as its field is left: pressing the Download
    button straight after typing does both. The message must not move the button from under the pointer
    between the press and the release, or the click lands beside it and the reader is not told why
    nothing happened."""
    page, log = office
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
    ready(page)
    page.wait_for_selector("#rt-r-1-action")
    # The last recommendation's fields, the nearest to the button: the message appears between them.
    last = page.eval_on_selector_all("[data-rt-entry]", "entries => entries[entries.length - 1].dataset.rtEntry")
    page.fill(f"#rt-r-{last}-action", ANSWERS["1"])
    button = page.locator("button[data-rt-action=download]")
    button.scroll_into_view_if_needed()
    page.click(f"#rt-r-{last}-evidence")
    page.wait_for_timeout(300)  # what filling in the answer shows is shown
    box = button.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.evaluate("""(id) => document.addEventListener("pointerdown", () => {
        window.rtShownAtPress = document.getElementById(id).hasAttribute("aria-invalid");
    }, { capture: true, once: true })""", f"rt-r-{last}-evidence")
    page.keyboard.type("Not in the answer")
    page.mouse.down()  # at once: the quote's check is due 120 ms after the last keystroke
    page.wait_for_timeout(400)
    assert page.evaluate("window.rtShownAtPress") is False, \
        "the press came more than 120 ms after the last keystroke (a slow machine?), so it tested nothing"
    assert page.get_attribute(f"#rt-r-{last}-evidence", "aria-invalid") is None, \
        "the message appeared while the pointer was pressed"
    page.mouse.up()
    page.wait_for_selector("#rt-r-summary", state="visible", timeout=2_000)
    assert "not in the answer" in page.inner_text("#rt-r-summary")
    assert page.get_attribute(f"#rt-r-{last}-evidence", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.closest('#rt-r-summary') !== null"), \
        page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert not log.problems(), log.problems()


def test_drafts_are_kept_apart_for_each_report_and_organisation(office, server) -> None:
    page, _ = office
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
    ready(page)
    page.fill("#rt-r-title", "Kent's title")
    page.wait_for_timeout(600)
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation=essex"))
    ready(page)
    page.wait_for_selector("#rt-r-title")
    assert value(page, "#rt-r-title") == "", "another force's form must not show Kent's draft"
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
    ready(page)
    page.wait_for_selector("#rt-r-1-action")
    assert value(page, "#rt-r-title") == "Kent's title"
    assert "draft" in page.inner_text("[data-rt-slot=saved]").lower()


def test_a_force_that_has_responded_is_offered_a_later_document(office, server, tmp_path) -> None:
    page, _ = office
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation=devon-and-cornwall"))
    ready(page)
    page.wait_for_selector("#rt-r-1-action")
    assert value(page, "#rt-r-kind") == "update"
    assert "already has in the tracker: First comments" in page.inner_text("[data-rt-slot=documents]")
    page.select_option("#rt-r-kind", "first-comments")
    assert "already has first comments" in page.inner_text("#rt-r-kind-error")
    page.select_option("#rt-r-kind", "update")
    page.fill("#rt-r-title", "Update on the recommendations")
    page.fill("#rt-r-published", PUBLISHED)
    page.fill("#rt-r-url", URL)
    page.fill("#rt-r-2-action", ANSWERS["2"])
    page.select_option("#rt-r-2-implementation", "implemented")
    page.fill("#rt-r-2-evidence", EVIDENCE["2"])
    with page.expect_download() as download:
        page.click("button[data-rt-action=download]")
    name = f"devon-and-cornwall--update-{PUBLISHED}.yaml"
    assert download.value.suggested_filename == name
    root = make_root(tmp_path / "root")
    target = root / "data" / "force_responses" / MAIN_REPORT / name
    download.value.save_as(target)
    checked = subprocess.run([str(RECTRACK), "validate", "--strict", "--data", str(root / "data")],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_only_the_organisations_a_report_addresses_are_offered(office, server, data) -> None:
    page, _ = office
    page.goto(server.url(FORM))
    ready(page)
    page.select_option("#rt-r-report", MAIN_REPORT)
    page.wait_for_selector("#rt-r-owner:not([disabled])")
    offered = set(page.eval_on_selector_all("#rt-r-owner option", "os => os.map(o => o.value).filter(Boolean)"))
    owners = {o for r in data.recommendations for o in r["owners"]}
    expected = ({f["id"] for f in data.forces} if "forces" in owners else set()) | (owners - {"forces"})
    assert offered == expected
    # A force is asked exactly the recommendations addressed to every force.
    page.select_option("#rt-r-owner", FORCE)
    page.wait_for_selector("#rt-r-1-action")
    asked = page.eval_on_selector_all("[data-rt-entry]", "es => es.map(e => e.dataset.rtEntry)")
    assert asked == [str(r["number"]) for r in data.force_directed]
    wording = page.inner_text(f"[data-rt-entry='{asked[0]}'] blockquote")
    assert collapse(data.force_directed[0]["text"]) in collapse(wording)


def test_without_routes_set_up_the_form_says_so(office, server) -> None:
    page, _ = office
    page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
    ready(page)
    page.wait_for_selector("#rt-r-1-action")
    text = page.inner_text("[data-rt-part=send]")
    assert "no repository and no e-mail address for its maintainers set up" in text
    assert not page.query_selector("a[data-rt-propose]") and not page.query_selector("a[data-rt-mailto]")


def test_without_javascript_the_page_says_what_it_is_and_how_else_to_publish(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(FORM))
        text = collapse(page.inner_text("article"))
        assert "This page is for the office that publishes" in text
        assert "This form needs JavaScript" in text and "Word template" in text
        assert "How to publish your response" in text
        # Nothing asks the reader to use a form that is not there, or promises what it would do.
        assert "Fill in the form" not in text and "the form keeps a draft" not in text, text
        links = page.eval_on_selector_all("#rt-response-fallback a", "as => as.map(a => a.getAttribute('href'))")
        assert links == ["../word-templates/", "../publish/"]
        assert not page.is_visible("#rt-response")
    finally:
        context.close()


def test_each_organisation_page_links_to_the_form_for_itself(visit) -> None:
    v = visit(f"/reports/{MAIN_REPORT}/organisations/{FORCE}/")
    link = v.page.locator(".rt-response-link a")
    assert link.get_attribute("href") == f"../../../../publish-response/?report={MAIN_REPORT}&organisation={FORCE}"
    link.click()
    ready(v.page)
    v.page.wait_for_selector("#rt-r-1-action")
    assert value(v.page, "#rt-r-owner") == FORCE


# --- the routes, on a site with its repository and maintainers' address set up ----------------------

@pytest.fixture(scope="module")
def routed(tmp_path_factory, browser):
    """A site whose site.yaml sets repository.url (GitHub) and contact.email, served on its own port."""
    from .sitebuild import Server, configured_site
    outcome = configured_site(tmp_path_factory)
    assert outcome.ok, outcome.output[-3000:]
    server = Server(outcome.site)
    yield server
    server.close()


def test_propose_it_opens_the_git_hosts_new_file_page_filled_in(routed, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="Europe/London")
    # The git host is not reachable from here: answer for it, so the opened page keeps its address.
    context.route("https://github.com/**", lambda route: route.fulfill(status=200, body="new file page"))
    try:
        page = context.new_page()
        page.goto(routed.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
        ready(page)
        page.wait_for_selector("#rt-r-1-action")
        link = page.locator("a[data-rt-propose]")
        # Asked for before the form is complete, it lists the problems and opens nothing.
        link.click()
        assert page.is_visible("#rt-r-summary")
        assert len(context.pages) == 1
        page.fill("#rt-r-title", TITLE)
        page.fill("#rt-r-published", PUBLISHED)
        page.fill("#rt-r-url", URL)
        page.fill("#rt-r-2-action", ANSWERS["2"])
        page.select_option("#rt-r-2-implementation", "in-progress")
        page.fill("#rt-r-2-evidence", EVIDENCE["2"])
        with context.expect_page() as opened:
            link.click()
        address = opened.value.url
        parts = urlsplit(address)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example-tracker/data/new/main"
        query = parse_qs(parts.query)
        assert query["filename"] == [f"data/force_responses/{MAIN_REPORT}/{FORCE}.yaml"]
        assert yaml.safe_load(query["value"][0])["responses"][0]["action"] == ANSWERS["2"]
        opened.value.close()
        # A file too long for an address: the page opens with the name only, and the form says why.
        page.fill("#rt-r-1-action", "A long answer. " * 700)
        page.select_option("#rt-r-1-implementation", "not-stated")
        with context.expect_page() as opened:
            link.click()
        assert "value=" not in opened.value.url and "filename=" in opened.value.url
        opened.value.close()
        assert "paste it there" in page.inner_text("[data-rt-slot=status]")
        # The e-mail route: the file in the body when it fits, else a request to attach it.
        mail = page.locator("a[data-rt-mailto]")
        mail.evaluate("a => a.addEventListener('click', e => e.preventDefault())")  # no mail program here
        mail.click()
        href = mail.get_attribute("href")
        assert href.startswith("mailto:maintainers@tracker.example?subject=")
        body = parse_qs(urlsplit(href).query)["body"][0]
        assert "attached" in body and f"{FORCE}.yaml" in body
    finally:
        context.close()


# --- accessibility: axe at 1280 and 320 px, with the answers laid out and with problems shown -----------

SCHEMES_AND_WIDTHS = [(scheme, width) for scheme in ("light", "dark") for width in (1280, 320)]


@pytest.mark.parametrize(("scheme", "width"), SCHEMES_AND_WIDTHS, ids=[f"{s}-{w}px" for s, w in SCHEMES_AND_WIDTHS])
def test_the_form_has_no_axe_violations_and_fits_320px(browser, server, scheme: str, width: int) -> None:
    """The reader's system setting chooses the scheme (``color_scheme`` emulation), as on a first visit."""
    from .test_accessibility import OVERFLOW, describe, record, run_axe

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB", color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(server.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
        ready(page)
        shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        if scheme == "dark" and shown != "slate":
            pytest.skip(f"the site has no dark scheme (mkdocs.yml's palette shows {shown!r} to a dark system setting)")
        page.wait_for_selector("#rt-r-1-action")
        page.fill("#rt-r-1-action", ANSWERS["1"])
        page.wait_for_function("() => document.querySelector('#rt-r-1-sentence').options.length > 1")
        problems = []
        for state in ("filling in", "problems shown"):
            if state == "problems shown":
                page.fill("#rt-r-1-evidence", "Not in the answer")
                # The quote is refused beside its field 120 ms after the last keystroke: the page is checked
                # with that message shown, as a reader sees it before reaching the button.
                page.wait_for_selector("#rt-r-1-evidence[aria-invalid=true]")
                page.click("button[data-rt-action=download]")
                assert page.is_visible("#rt-r-summary")
                page.wait_for_timeout(800)  # Material's "Back to top" button fades in as the page scrolls up
            result = run_axe(page)
            record(f"{FORM} ({state}, {scheme})", result, width)
            problems += describe(f"{FORM} ({state}) at {width}px, {scheme}", result)
            layout = page.evaluate(OVERFLOW)
            if layout["scrollWidth"] > layout["width"] or layout["wide"]:
                problems.append(f"{state} at {width}px: page is {layout['scrollWidth']}px wide; {layout['wide']}")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_ways_to_send_the_file_have_no_axe_violations(routed, browser, scheme: str) -> None:
    """The links that exist only when site.yaml sets up the repository and the maintainers' address."""
    from .test_accessibility import describe, record, run_axe

    context = browser.new_context(viewport={"width": 320, "height": 900}, locale="en-GB", color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(routed.url(f"{FORM}?report={MAIN_REPORT}&organisation={FORCE}"))
        ready(page)
        page.wait_for_selector("a[data-rt-propose]")
        shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        if scheme == "dark" and shown != "slate":
            pytest.skip(f"the site has no dark scheme (mkdocs.yml's palette shows {shown!r} to a dark system setting)")
        assert page.is_visible("a[data-rt-mailto]")
        result = run_axe(page)
        record(f"{FORM} (routes, {scheme})", result, 320)
        problems = describe(f"{FORM} (routes) at 320px, {scheme}", result)
        assert not problems, "\n".join(problems)
    finally:
        context.close()
