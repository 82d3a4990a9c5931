"""The README's two commands: `make test` on a machine without Chromium stops at once with one clear line."""

from __future__ import annotations

import os
import subprocess
import time

from constants import REPO


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    """``make`` as a user runs it, even when the suite itself runs under ``make test``."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=60, env=env)


def test_make_test_without_chromium_stops_within_seconds_with_one_line(tmp_path) -> None:
    started = time.monotonic()
    result = _make("-s", "browser", f"CHROMIUM={tmp_path / 'no-chromium'}")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("make: ***"), result.stderr  # our line, then make's own
    assert "install it" in lines[0] and "make test-fast" in lines[0]
    assert time.monotonic() - started < 10


def test_make_test_runs_the_browser_check_before_anything_slow() -> None:
    """`make -n test` lists the commands in order: the Chromium check comes first."""
    result = _make("-n", "test")
    commands = [line for line in result.stdout.splitlines() if line.strip()]
    assert "test -x" in commands[0], commands[:3]
