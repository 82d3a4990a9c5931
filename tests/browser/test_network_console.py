"""No console errors, no failed requests and no request to any host but the local server, on any page.

Also checks the CI rule itself: with ``CI=true`` and no startable browser, the browser tests fail
rather than skip (and on a developer machine they skip with the reason).
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import open_context, watch
from .sitebuild import REPO, REPORT_URL, html_pages


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_browser_starts(browser) -> None:
    assert browser.version


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_no_console_errors_and_no_other_hosts_on_any_page(browser, server, site) -> None:
    pages = html_pages(site)
    assert len(pages) > 50, f"only {len(pages)} pages found"
    problems: list[str] = []
    context, log = open_context(browser, server)
    page = context.new_page()
    watch(page, log, server.origin)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        for path in pages:
            before = len(log.problems())
            response = page.goto(server.url(path), wait_until="load")
            if response is None or not response.ok:
                problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
            page.wait_for_timeout(50)  # late scripts (deferred handlers, timers) get a moment to fail
            problems += [f"{path}: {p}" for p in log.problems()[before:]]
    finally:
        context.close()
    assert requests, "no requests were observed at all (the page listener is broken)"
    foreign = [u for u in requests if not u.startswith(server.origin) and not u.startswith(("data:", "blob:"))]
    assert not foreign, f"requests to other hosts: {sorted(set(foreign))[:20]}"
    assert not problems, f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems[:40])


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_searching_and_filtering_stay_local_and_quiet(visit) -> None:
    v = visit("/search/")
    box = v.page.locator("form[role='search'] input[name='q']")
    box.fill("polygraph")
    v.page.wait_for_selector("ol.rt-search__results > li", timeout=15_000)
    v.page.wait_for_load_state("networkidle")
    w = visit(f"{REPORT_URL}/case-studies/")
    w.page.locator("form[data-rt-filter] select").first.select_option(index=1)
    w.page.wait_for_load_state("networkidle")
    assert not v.log.problems() + w.log.problems(), v.log.problems() + w.log.problems()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_watchers_catch_foreign_requests_and_console_errors(visit) -> None:
    """Guard for the checks above: a page that does load from elsewhere and logs an error is caught."""
    v = visit("/")
    v.page.set_content("<img src='https://example.org/pixel.png' alt=''>"
                       "<script>console.error('boom'); missing_function();</script>")
    v.page.wait_for_timeout(500)
    assert any("example.org" in u for u in v.log.external_requests), v.log.external_requests
    assert any("boom" in m for m in v.log.console_errors), v.log.console_errors
    assert any("missing_function" in m for m in v.log.page_errors), v.log.page_errors


def _run_browser_test(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER", "PYTEST_ADDOPTS")}
    env["RECTRACK_CHROMIUM"] = "/bin/false"  # exists, but is no browser: the launch itself fails
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", "-rs",
         "tests/browser/test_network_console.py::test_browser_starts"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_without_a_browser_ci_fails_and_a_developer_machine_skips() -> None:
    with ThreadPoolExecutor(2) as pool:
        in_ci, local = pool.map(_run_browser_test, ["true", None])
    assert in_ci.returncode != 0, f"with CI=true and no browser the tests must fail:\n{in_ci.stdout[-1500:]}"
    summary = in_ci.stdout.strip().splitlines()[-1]
    assert "skipped" not in summary and ("error" in summary or "failed" in summary), in_ci.stdout[-1500:]
    assert "could not be started" in in_ci.stdout, in_ci.stdout[-1500:]
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout[-1500:]
