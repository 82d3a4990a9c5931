"""The benchmark's machinery: its synthetic data is valid Rectrack data, and the script ends with its ratio.

No timing assertions here: times depend on the machine and on whatever else it is running.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from constants import REPO
from rectrack.data.check import load_and_validate

sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402


@pytest.mark.parametrize("scale", [1, 2])
def test_synthetic_data_validates_with_the_expected_counts(tmp_path: Path, scale: int) -> None:
    data = synthetic.generate(tmp_path, scale)
    checked = load_and_validate(data)
    assert checked.ok, [p.format() for p in checked.problems[:5]]
    assert checked.report.warnings == []
    ds = checked.dataset
    expected = synthetic.expected_counts(scale)
    force_directed = [r.number for r in ds.recommendations if r.for_forces]
    assert len(ds.recommendations) == expected["recommendations"] == 16 * scale
    assert [r.number for r in ds.recommendations] == list(range(1, 16 * scale + 1))
    assert len(force_directed) == expected["force_directed"]
    assert len(ds.report.sections) == 11 * scale
    assert len(ds.case_studies) == expected["case_studies"] == synthetic.CASES_PER_BATCH * scale
    assert len(ds.glossary) == expected["glossary"]
    # Every one of the 43 forces answers every force-directed recommendation, once.
    assert len(ds.forces) == len(ds.responses) == expected["forces"] == 43
    for response in ds.responses:
        assert [r.recommendation for r in response.responses] == force_directed
    entries = [r for response in ds.responses for r in response.responses]
    assert len(entries) == expected["responses"]
    assert {r.implementation for r in entries} == {"implemented", "in-progress", "not-started", "not-stated"}
    assert {r.inspectorate.verdict for r in entries if r.inspectorate} == {"open", "closed", "superseded"}
    assert all(len(r.action.split("\n\n")) >= 2 for r in entries)


def test_synthetic_data_is_deterministic(tmp_path: Path) -> None:
    first = synthetic.generate(tmp_path / "a", 1)
    second = synthetic.generate(tmp_path / "b", 1)
    for path in sorted(first.rglob("*.yaml")):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name


@pytest.mark.xdist_group("build")
def test_quick_benchmark_ends_with_the_ratio_line() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--skip-scale"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"ratio rectrack/mkdocs: \d+\.\d\d", lines[-1]), lines[-5:]
    assert any(line.startswith("rectrack build (whole command") for line in lines)
    assert any(line.startswith("plain mkdocs build") for line in lines)
