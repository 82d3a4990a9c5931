"""`rectrack serve` rebuilds when a data file changes and shows validation problems instead of dying."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from constants import RECTRACK, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, predicate, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = fetch(url)
        if predicate(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {url}; last page began: {text[:300]!r}")


@pytest.mark.xdist_group("serve")
def test_serve_reloads_on_data_change_and_shows_problems(tmp_path: Path) -> None:
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, tmp_path / name)
    for name in ("content", "overrides", "data"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, tmp_path / name)
    port = free_port()
    process = subprocess.Popen(
        [str(RECTRACK), "serve", "--as-of", "2026-11-23", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    recommendations = tmp_path / "data" / "recommendations.yaml"
    original = recommendations.read_text("utf-8")
    try:
        home = wait_for(url, lambda text: "23 November 2026" in text)
        assert "The data has problems" not in home
        recommendations.write_text(original.replace("    number: 4\n", "    number: four\n", 1), "utf-8")
        broken = wait_for(url, lambda text: "The data has problems" in text)
        assert "recommendations.yaml" in broken and "wrong-type" in broken
        recommendations.write_text(original, "utf-8")
        wait_for(url, lambda text: "23 November 2026" in text and "The data has problems" not in text)
        assert process.poll() is None, "the server must keep running through bad data"
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "Traceback" not in output


def _project(tmp_path: Path) -> Path:
    tmp_path.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, tmp_path / name)
    for name in ("content", "overrides", "data"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


@pytest.mark.xdist_group("serve")
def test_serve_on_a_busy_port_says_so_at_once(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([str(RECTRACK), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"cannot serve on 127.0.0.1:{port}: the address is already in use" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 30  # before any build: nothing to wait for


@pytest.mark.xdist_group("serve")
def test_serve_stopped_by_sigterm_removes_its_temporary_folders(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    process = subprocess.Popen([str(RECTRACK), "serve", "--as-of", "2026-11-23", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "TMPDIR": str(temp)})
    try:
        wait_for(f"http://127.0.0.1:{port}/", lambda text: "23 November 2026" in text)
        assert [p.name for p in temp.iterdir() if p.name.startswith("rectrack-serve-")]
        assert list((project / "build" / "runs").iterdir())
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, output
    assert "Traceback" not in output
    assert [p.name for p in temp.iterdir() if p.name.startswith("rectrack-serve-")] == []
    assert list((project / "build" / "runs").iterdir()) == []
