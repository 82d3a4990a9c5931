"""Shared fixtures. Tests never write into the working tree: data is copied into ``tmp_path`` first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from constants import AS_OF, DATA
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.derive import derive


def copy_data(target: Path) -> Path:
    """Copy the shipped data directory to ``target`` (which must not exist yet) and return it."""
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped data at ``tmp_path/data``.

    The working directory is ``tmp_path`` for the test, so problems name files as users see them
    (``data/force_responses/kent.yaml``), not as absolute temporary paths.
    """
    monkeypatch.chdir(tmp_path)
    return copy_data(tmp_path / "data")




@pytest.fixture(scope="session")
def dataset():
    """The shipped data, loaded and validated once per test process."""
    checked = load_and_validate(DATA)
    assert checked.ok, [p.format() for p in checked.problems[:5]]
    return checked.dataset


@pytest.fixture(scope="session")
def tracker(dataset):
    return derive(dataset, AS_OF)


def rectrack(*args: str) -> Result:
    """Run a ``rectrack`` command in-process with click's runner, as a user would type it.

    A subprocess is kept only where the process itself is the point (exit codes of ``main``, no
    traceback, start-up cost). A bug raises here instead of being turned into an exit code.
    """
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
