"""The pages a bigger tracker is split into (library sections, matrix blocks, months), in the browser.

The benchmark's generator makes a small national tracker: the shipped report (16 recommendations,
so two matrix pages) and one remixed from it with more case studies than one library page holds. It
is built once for this module, without the search index (not needed here).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from constants import AS_OF, REPO
from rectrack.data.check import load_and_validate
from rectrack.derive import derive
from rectrack.render.case_study_pages import LIBRARY_PAGE_SIZE
from rectrack.render.matrix_pages import MATRIX_COLUMNS

from .sitebuild import RECTRACK, Server, make_root
from .test_accessibility import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-pages")]

sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402

REPORTS = 2
MATRIX = f"/reports/{synthetic.SHIPPED_REPORT}/matrix/"
#: The remixed report, whose library is split by section.
LIBRARY = f"/reports/{synthetic.plan(REPORTS, 2026)[1].id}/case-studies/"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return synthetic.generate(tmp_path_factory.mktemp("bigger-data"), REPORTS, case_studies=LIBRARY_PAGE_SIZE + 20)


@pytest.fixture(scope="module")
def bigger(tmp_path_factory, generated) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("bigger-site")
    project = make_root(root / "project", generated)  # a project of its own: builds of one project take turns
    result = subprocess.run([str(RECTRACK), "build", "--as-of", AS_OF.isoformat(), "--data", str(project / "data"),
                             "--no-search", "--config", str(project / "mkdocs.yml"), "--site-dir", str(root / "site")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    server = Server(root / "site")
    yield server
    server.close()


def _first_section(visit, bigger) -> str:
    v = visit(LIBRARY, base=bigger)
    href = v.page.locator("#sections ~ ul a").first.get_attribute("href")
    assert href and not href.startswith(("/", ".")), href
    return LIBRARY + href


@pytest.mark.parametrize("width", [1280, 375])
def test_split_pages_pass_axe_and_log_no_problem(visit, bigger, width: int) -> None:
    viewport = {"width": width, "height": 900}
    problems: list[str] = []
    for path in (LIBRARY, _first_section(visit, bigger), MATRIX, MATRIX.replace("/matrix/", "/matrix-2/"),
                 "/changes/"):
        v = visit(path, base=bigger, viewport=viewport)
        problems += describe(f"{path} at {width}px", run_axe(v.page)) + [f"{path}: {p}" for p in v.log.problems()]
    assert not problems, "\n".join(problems)


def test_matrix_pages_link_to_each_other(visit, bigger, generated) -> None:
    status = derive(load_and_validate(generated).dataset, AS_OF).report(synthetic.SHIPPED_REPORT)
    first_block = {r.recommendation.id for r in status.recommendations[:MATRIX_COLUMNS]}
    rows = sum(1 for o in status.owners if any(d.recommendation.id in first_block for d in o.duties))
    v = visit(MATRIX.replace("/matrix/", "/matrix-2/"), base=bigger)
    pager = v.page.get_by_role("navigation", name="Pages of the matrix")
    assert pager.locator("[aria-current=page]").inner_text().startswith("Recommendations")
    pager.get_by_role("link").first.click()
    v.page.wait_for_url(f"**{MATRIX}")
    assert v.page.locator("#matrix-table tbody tr").count() == rows > 43


def test_library_section_filter_narrows_its_own_list(visit, bigger) -> None:
    v = visit(_first_section(visit, bigger), base=bigger)
    cards = v.page.locator("#case-study-library article")
    total = cards.count()
    assert total > 1
    select = v.page.locator("#case-study-library-organisation")
    option = select.locator("option").nth(1).get_attribute("value")
    select.select_option(option)
    visible = [c for c in cards.all() if c.is_visible()]
    assert 0 < len(visible) < total
    status = v.page.locator("form[data-rt-filter='case-study-library'] [role=status]").inner_text()
    assert f"{len(visible)} of {total}" in status
    assert not v.log.problems(), v.log.problems()
