"""A large data folder's documents are read and checked on both cores (data/load.py ``_in_halves``):
the problems, their order and the documents kept are exactly those of reading the files one by one."""

from __future__ import annotations

import sys

import pytest
from constants import REPO
from rectrack import background
from rectrack.data import load

sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402


@pytest.mark.skipif(not background.can_fork(), reason="needs fork and a second core")
def test_documents_read_in_two_halves_give_what_one_by_one_gives(tmp_path, monkeypatch) -> None:
    data = synthetic.generate(tmp_path / "data", reports=3)
    files = sorted((data / "force_responses").rglob("*.yaml"))
    assert len(files) > load.PARALLEL_FROM
    clean = len(load.load_directory(data).documents)
    # Spoil files in both halves: a YAML error, a schema error, and a link that leaves the folder.
    files[1].write_text("status: [unclosed\n", encoding="utf-8")
    files[-2].write_text(files[-2].read_text("utf-8").replace("published:", "publishd:", 1), encoding="utf-8")
    outside = tmp_path / "outside.yaml"
    outside.write_text("secret: 1\n", encoding="utf-8")
    files[-1].unlink()
    files[-1].symlink_to(outside)

    forked: list[int] = []

    class Spy(background.Background):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            forked.append(self._process is not None)

    monkeypatch.setattr(load, "Background", Spy)
    halves = load.load_directory(data)
    assert forked == [True]
    monkeypatch.setattr(load, "PARALLEL_FROM", 10**9)
    one_by_one = load.load_directory(data)
    assert forked == [True]  # no second child

    assert [p.format() for p in halves.problems] == [p.format() for p in one_by_one.problems]
    shown = [p.format() for p in halves.problems]
    for spoiled in (files[1], files[-2], files[-1]):
        assert any(spoiled.name in line for line in shown), spoiled.name
    assert halves.broken == one_by_one.broken
    assert [(d.report, d.name, d.loaded.data, d.loaded.positions) for d in halves.documents] == \
           [(d.report, d.name, d.loaded.data, d.loaded.positions) for d in one_by_one.documents]
    assert len(halves.documents) == clean - 3
