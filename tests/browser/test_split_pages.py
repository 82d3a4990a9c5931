"""The pages a bigger tracker is split into (library sections, matrix blocks), in the browser.

The shipped data fits on one page each, so these pages only exist for a bigger tracker: the
benchmark's generator makes one twice the size (480 case studies, 18 force-directed recommendations)
and it is built once for this module, without the search index (not needed here).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from constants import REPO

from .sitebuild import RECTRACK, REPORT_URL, Server, make_root
from .test_accessibility import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-pages")]

sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402


@pytest.fixture(scope="module")
def bigger(tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("bigger-site")
    data = synthetic.generate(root / "data", 2)
    project = make_root(root / "project", data)  # a project of its own: builds of one project take turns
    result = subprocess.run([str(RECTRACK), "build", "--as-of", "2026-11-23", "--data", str(project / "data"),
                             "--no-search", "--config", str(project / "mkdocs.yml"), "--site-dir", str(root / "site")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    server = Server(root / "site")
    yield server
    server.close()


def _first_section(visit, bigger) -> str:
    v = visit(f"{REPORT_URL}/case-studies/", base=bigger)
    href = v.page.locator("#sections ~ ul a").first.get_attribute("href")
    assert href and href.startswith("sections/"), href
    return f"{REPORT_URL}/case-studies/" + href


@pytest.mark.parametrize("width", [1280, 375])
def test_split_pages_pass_axe_and_log_no_problem(visit, bigger, width: int) -> None:
    viewport = {"width": width, "height": 900}
    problems: list[str] = []
    for path in (f"{REPORT_URL}/case-studies/", _first_section(visit, bigger), f"{REPORT_URL}/matrix/", "/matrix-2/"):
        v = visit(path, base=bigger, viewport=viewport)
        problems += describe(f"{path} at {width}px", run_axe(v.page)) + [f"{path}: {p}" for p in v.log.problems()]
    assert not problems, "\n".join(problems)


def test_matrix_pages_link_to_each_other(visit, bigger) -> None:
    v = visit("/matrix-2/", base=bigger)
    pager = v.page.get_by_role("navigation", name="Pages of the matrix")
    assert pager.locator("[aria-current=page]").inner_text().startswith("Recommendations")
    pager.get_by_role("link").first.click()
    v.page.wait_for_url("**/matrix/")
    assert v.page.locator("#matrix-table tbody tr").count() == 43


def test_library_section_filter_narrows_its_own_list(visit, bigger) -> None:
    v = visit(_first_section(visit, bigger), base=bigger)
    cards = v.page.locator("#case-study-library article")
    total = cards.count()
    assert total > 1
    select = v.page.locator("#case-study-library-force")
    option = select.locator("option").nth(1).get_attribute("value")
    select.select_option(option)
    visible = [c for c in cards.all() if c.is_visible()]
    assert 0 < len(visible) < total
    status = v.page.locator("form[data-rt-filter='case-study-library'] [role=status]").inner_text()
    assert f"{len(visible)} of {total}" in status
    assert not v.log.problems(), v.log.problems()
