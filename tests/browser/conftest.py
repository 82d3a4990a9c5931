"""Session fixtures for the browser tests: one built site, one local server, one headless Chromium.

* ``site``: built once per test run (``rectrack build --as-of 2026-11-23 --site-dir ...`` in a
  temporary directory, shared across xdist workers through a file lock, see ``sitebuild``).
* ``server``: ``http.server`` on 127.0.0.1 and a free port, in a thread.
* ``browser``: Debian's ``/usr/bin/chromium`` driven by Playwright. If it cannot be started the
  tests are skipped on a developer machine but FAIL when ``CI`` is set: CI must never pass by skipping.
* ``visit``: opens a page (in a context shared per JavaScript/viewport setting) and records console
  errors, page errors, dialogs, failed or 4xx/5xx requests, and every request to another host.

Every browser test carries ``xdist_group("browser")`` or ``xdist_group("browser-pages")`` (the
page-by-page sweeps: axe, reflow, no-JavaScript), so that with ``--dist loadgroup`` each group runs on
one worker with one Chromium, and the two groups can use both cores. The site itself is built once
per run whichever worker asks first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from .sitebuild import Data, Server, load_data, require_site, shared_site

CHROMIUM = os.environ.get("RECTRACK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 # Belt and braces: no host but the local server can even be resolved, so a stray
                 # request fails fast instead of reaching the network. Tests still see (and fail on)
                 # every such request through the page's "request" event.
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
DESKTOP = {"width": 1280, "height": 900}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def browser_unavailable(reason: str):
    """Skip locally, fail in CI (a CI run that skipped every browser test would prove nothing)."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: browser tests must run there, so this is a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return require_site(shared_site(tmp_path_factory))


@pytest.fixture(scope="session")
def data() -> Data:
    return load_data()


@pytest.fixture(scope="session")
def server(site) -> Iterator[Server]:
    srv = Server(site)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        browser_unavailable(f"Playwright is not installed: {exc}")
    if not os.path.exists(CHROMIUM):
        browser_unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    manager = sync_playwright().start()
    try:
        instance = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:
        manager.stop()
        browser_unavailable(f"Chromium at {CHROMIUM} could not be started: {str(exc).splitlines()[0]}")
    yield instance
    instance.close()
    manager.stop()


@dataclass
class PageLog:
    """What happened while a page was open; tests assert these stay empty."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"request to another host: {u}" for u in self.external_requests]
                + [f"failed request: {u}" for u in self.failed_requests]
                + [f"dialog opened: {m}" for m in self.dialogs])


def open_context(browser, server: Server | None = None, *, javascript: bool = True, viewport: dict | None = None):
    """A fresh browser context (other hosts are unreachable: see ``CHROMIUM_ARGS``) and a log for it."""
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport or DESKTOP,
                                  service_workers="block")
    return context, PageLog()


def watch(page, log: PageLog, origin: str) -> None:
    """Record into ``log`` everything on ``page`` that a test should treat as a problem."""
    local = urlsplit(origin).netloc

    def on_request(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != local:
            log.external_requests.append(request.url)

    def on_dialog(dialog) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_failed(request) -> None:
        # ERR_ABORTED is a request the page itself cancelled by navigating on (e.g. the favicon).
        if request.url.startswith(origin) and "ERR_ABORTED" not in (request.failure or ""):
            log.failed_requests.append(f"{request.failure} {request.url}")

    page.on("request", on_request)
    page.on("console", lambda msg: log.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.on("dialog", on_dialog)
    page.on("response", lambda r: log.failed_requests.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.url.startswith(origin) else None)
    page.on("requestfailed", on_failed)


def wait_until_enhanced(page) -> None:
    """Wait for rectrack.js to mount every component, including those it loads on demand (it marks
    ``<html data-rt-ready>``): the ``load`` event does not wait for dynamically imported modules."""
    page.wait_for_selector("html[data-rt-ready]", state="attached", timeout=10_000)


@dataclass
class Visit:
    page: object
    log: PageLog
    context: object


@pytest.fixture(scope="session")
def contexts(browser) -> Iterator[dict]:
    """Browser contexts shared by the whole session, one per (JavaScript, viewport): creating a context
    costs about a second, a page in an existing one almost nothing."""
    cache: dict = {}
    yield cache
    for context in cache.values():
        context.close()


@pytest.fixture
def visit(browser, server, contexts) -> Iterator[Callable[..., Visit]]:
    """``visit("/organisations/kent/", javascript=False)`` -> a loaded page and its log, closed after the test.

    Pages share a context per (JavaScript, viewport) unless ``fresh=True`` (a new, empty browser
    profile: no storage left by earlier pages, as when a reader opens a shared link).
    """
    pages, fresh_contexts = [], []

    def open_page(path: str, *, javascript: bool = True, viewport: dict | None = None,
                  wait_until: str = "load", base: Server | None = None, fresh: bool = False) -> Visit:
        srv = base or server
        viewport = viewport or DESKTOP
        if fresh:
            context, _ = open_context(browser, javascript=javascript, viewport=viewport)
            fresh_contexts.append(context)
        else:
            key = (javascript, viewport["width"], viewport["height"])
            if key not in contexts:
                contexts[key], _ = open_context(browser, javascript=javascript, viewport=viewport)
            context = contexts[key]
        log = PageLog()
        page = context.new_page()
        pages.append(page)
        watch(page, log, srv.origin)
        response = page.goto(srv.url(path), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'none'}"
        if javascript:
            wait_until_enhanced(page)
        return Visit(page, log, context)

    yield open_page
    for page in pages:
        page.close()
    for context in fresh_contexts:
        context.close()


class Tab:
    """One page reused for many navigations (a new page costs several times a navigation)."""

    def __init__(self, context, server: Server, javascript: bool = True) -> None:
        self.server = server
        self.javascript = javascript
        self.page = context.new_page()
        self.log = PageLog()
        watch(self.page, self.log, server.origin)

    def go(self, path: str, wait_until: str = "load") -> list[str]:
        """Open ``path``; returns the problems (console errors, failed requests, ...) seen while loading it."""
        before = len(self.log.problems())
        response = self.page.goto(self.server.url(path), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'none'}"
        if self.javascript:
            wait_until_enhanced(self.page)
        return self.log.problems()[before:]


@pytest.fixture
def tab(browser, server, contexts) -> Iterator[Callable[..., Tab]]:
    """``tab(javascript=False)`` -> a :class:`Tab` in the shared context for those settings."""
    opened: list[Tab] = []

    def open_tab(*, javascript: bool = True, viewport: dict | None = None, base: Server | None = None) -> Tab:
        viewport = viewport or DESKTOP
        key = (javascript, viewport["width"], viewport["height"])
        if key not in contexts:
            contexts[key], _ = open_context(browser, javascript=javascript, viewport=viewport)
        opened.append(Tab(contexts[key], base or server, javascript))
        return opened[-1]

    yield open_tab
    for t in opened:
        t.page.close()
