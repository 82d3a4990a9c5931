"""The build's background child (site/background.py): same result as inline, errors come back as raised,
a dead child is a clear MachineError, and a child nobody waits for is stopped, not left running."""

from __future__ import annotations

import os
import time

import pytest
from rectrack.background import Background, can_fork
from rectrack.errors import MachineError, UsageError

forking = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


def _pid_and_sum() -> tuple[int, int]:
    return os.getpid(), sum(range(1000))


@forking
def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    with Background(_pid_and_sum, "a sum") as job:
        pid, total = job.result()
        assert job.result() == (pid, total)  # asked again: the same, not a second run
    assert total == sum(range(1000))
    assert pid != os.getpid()


def test_without_fork_the_work_runs_here_with_the_same_result() -> None:
    with Background(_pid_and_sum, "a sum", fork=False) as job:
        assert job.result() == (os.getpid(), sum(range(1000)))


def _refuse() -> None:
    raise UsageError("no such report: x", "add it to reports.yaml")


@pytest.mark.parametrize("fork", [pytest.param(True, marks=forking), False])
def test_an_error_in_the_work_is_raised_as_it_was_raised(fork: bool) -> None:
    with Background(_refuse, "a refusal", fork=fork) as job, pytest.raises(UsageError) as raised:
        job.result()
    assert (raised.value.message, raised.value.hint) == ("no such report: x", "add it to reports.yaml")


def _die() -> None:
    os._exit(3)


@forking
def test_a_child_that_dies_without_answering_is_a_machine_error_naming_its_exit_code() -> None:
    with Background(_die, "the downloads", fork=True) as job, pytest.raises(MachineError) as raised:
        job.result()
    assert "the downloads" in raised.value.message and "exit code 3" in raised.value.message


def _sleep() -> None:
    time.sleep(60)


@forking
def test_a_child_nobody_waits_for_is_stopped_when_the_block_ends() -> None:
    started = time.monotonic()
    with Background(_sleep, "a nap", fork=True) as job:
        process = job._process
        assert process is not None and process.is_alive()
    assert not process.is_alive()
    assert time.monotonic() - started < 30


_ORPHAN = """
import sys, time
from rectrack.background import Background
from rectrack.site.engine import Standby
job = Background(lambda: time.sleep(120), "a nap", fork=True)
engine = Standby(fork=True)
print(job._process.pid, engine._process.pid, flush=True)
time.sleep(120)
"""


@forking
def test_children_die_with_a_parent_that_is_killed_outright() -> None:
    """A build killed with SIGKILL runs no clean-up: its children (MkDocs writing into a staging folder)
    must not outlive it (background.die_with_parent)."""
    import signal
    import subprocess
    import sys

    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE, text=True)
    try:
        children = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(children) == 2
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.05)
        assert not [pid for pid in children if _alive(pid)]
    finally:
        parent.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie is dead, not yet reaped
    except FileNotFoundError:
        return False
