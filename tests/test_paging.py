"""Pages that would grow with the tracker are split: the matrix by blocks of columns, the library by section.

The shipped data fits on one page each (other tests cover that); here the benchmark's generator makes
a tracker twice the size (32 recommendations, 480 case studies) so the split pages exist.
"""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest
from constants import REPO
from rectrack.data.check import load_and_validate
from rectrack.derive import derive
from rectrack.render import render_pages
from rectrack.render.case_study_pages import LIBRARY_PAGE_SIZE
from rectrack.render.owner_pages import MATRIX_COLUMNS

sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402


@pytest.fixture(scope="module")
def bigger(tmp_path_factory):
    checked = load_and_validate(synthetic.generate(tmp_path_factory.mktemp("bigger"), 2))
    assert checked.ok
    return checked.dataset, render_pages(derive(checked.dataset, date(2026, 11, 23)))


def _column_numbers(page: str) -> list[int]:
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [int(n) for n in re.findall(r'Recommendation </span>(\d+)</a>', head)]


def test_matrix_is_split_into_blocks_that_together_hold_every_force_directed_recommendation(bigger) -> None:
    dataset, pages = bigger
    wanted = [r.number for r in dataset.recommendations if r.for_forces]
    assert len(wanted) > MATRIX_COLUMNS
    names = ["matrix.md"] + [f"matrix-{n}.md" for n in range(2, 2 + len(wanted) // MATRIX_COLUMNS)]
    assert [p for p in pages if p.startswith("matrix")] == names
    seen: list[int] = []
    for name in names:
        columns = _column_numbers(pages[name])
        assert 0 < len(columns) <= MATRIX_COLUMNS, name
        seen += columns
        # Every page links to every other page of the matrix, and says which one it is.
        assert pages[name].count('aria-current="page"') == 1
        for other in names:
            if other != name:
                assert f'href="../{other[:-3]}/"' in pages[name], (name, other)
        # Every force is a row on every page.
        assert pages[name].split("<tfoot")[0].count("data-rt-item") == len(dataset.forces)
    assert seen == wanted


def test_library_is_split_by_report_section_and_every_case_study_is_listed_once(bigger) -> None:
    dataset, pages = bigger
    assert len(dataset.case_studies) > LIBRARY_PAGE_SIZE
    index = pages["case-studies/index.md"]
    section_pages = {p: text for p, text in pages.items() if p.startswith("case-studies/sections/")}
    assert section_pages and "<article" not in index  # the index lists sections, not every case study
    for path in section_pages:
        assert f'href="{path.removeprefix("case-studies/")[:-3]}/"' in index, path
    listed = [case for text in section_pages.values()
              for case in re.findall(r'<h3><a href="\.\./\.\./([a-z0-9-]+)/">', text)]
    assert sorted(listed) == sorted(c.id for c in dataset.case_studies)
    for path, text in section_pages.items():
        assert text.count("<article") <= LIBRARY_PAGE_SIZE, path
    # A case study's page links back to the library page that lists it.
    case = dataset.case_studies[-1]
    home = next(p for p, text in section_pages.items() if f'href="../../{case.id}/"' in text)
    back = f'href="../sections/{home.rsplit("/", 1)[1][:-3]}/">All case studies</a>'
    assert back in pages[f"case-studies/{case.id}.md"]


def test_recommendation_pages_link_to_each_answer_instead_of_repeating_it(bigger) -> None:
    dataset, pages = bigger
    rec = next(r for r in dataset.recommendations if r.for_forces)
    page = pages[f"recommendations/{rec.number}.md"]
    for response in dataset.responses:
        assert f'href="../../forces/{response.force}/#recommendation-{rec.number}"' in page
        force_page = pages[f"forces/{response.force}.md"]
        assert f"{{#recommendation-{rec.number}}}" in force_page
        assert force_page.count(": action planned or taken</figcaption>") == len(response.responses)
    assert "action planned or taken" not in page  # the full answers are on the force pages only
