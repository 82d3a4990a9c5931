"""Part of the build run on the machine's other core while this process goes on.

Our own rendering is single-threaded Python, and a build machine has two cores or more (MkDocs
shares its pages out over them itself: ``site/engine_split.py``, which uses this module's children).
Several parts of the build depend on the derived tracker alone: the downloads (JSON, CSV, calendars,
the archive), the Word template for every organisation on every report, the pages of each
organisation and the lists. Each is made in a forked child while the parent does the rest (the Word
templates while MkDocs runs), and read back (pickled through a pipe) when it is needed. At 40
generated reports the first two children took the render stage from 6.2 s to 4.3 s (measured with
``make bench``; see the README's "Staying fast"); at 170, rendering the lists apart and the
templates during MkDocs took it from 29.4 s to 20.5 s (single runs).

Forking copies the parent's memory, so the child starts with the tracker already built: nothing is
imported or derived twice, and nothing is sent to it. Where there is no second core or no ``fork``
(Windows has none), the work runs in this process when its result is
asked for, with the same result. An error in the child is raised here as the child raised it; a child
that dies without answering is a :class:`~rectrack.errors.MachineError`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from rectrack.errors import MachineError

T = TypeVar("T")


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed by the kernel when ``parent`` (the process that forked it) dies.

    A parent killed outright (SIGKILL, the machine's out-of-memory killer) runs no clean-up, and a
    child left running would go on writing: MkDocs into a staging folder that the next build has
    just removed. Linux's ``PR_SET_PDEATHSIG`` ties the child's life to the parent's; if the parent
    died before it took effect, the child stops now. Elsewhere the pipe does it: a child whose parent
    is gone finds its pipe closed and stops.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def can_fork() -> bool:
    """Whether a forked child would run beside this process: a second core and ``fork`` both exist."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class Background(Generic[T]):
    """``work()`` started now in a forked child (or kept to run inline); :meth:`result` waits for it.

    Use it as a context manager, so that a child whose result is never asked for (the parent failed
    first) is stopped and reaped rather than left running.
    """

    def __init__(self, work: Callable[[], T], what: str, fork: bool | None = None) -> None:
        self._work: Callable[[], T] | None = work
        self._what = what
        self._process: multiprocessing.process.BaseProcess | None = None
        self._pipe: Connection | None = None
        self._done: tuple[T] | None = None
        if can_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(work, send, what, os.getpid()), daemon=True)
            self._process.start()
            send.close()
            self._pipe = receive
            self._work = None

    def result(self) -> T:
        """The value ``work()`` returned, or the exception it raised, raised here (asked again, the same)."""
        if self._done is not None:
            return self._done[0]
        if self._work is not None:
            self._done = (self._work(),)
            return self._done[0]
        assert self._pipe is not None and self._process is not None
        try:
            ok, value = self._pipe.recv()
        except (EOFError, OSError):
            raise MachineError(f"the process making {self._what} stopped without finishing "
                               f"(exit code {self._stop()})",
                               "the machine may be short of memory; the site was not changed") from None
        finally:
            self._pipe.close()
        self._stop()
        if not ok:
            raise value
        self._done = (value,)
        return value

    def _stop(self) -> int | None:
        process = self._process
        if process is None:
            return None
        if process.is_alive():
            process.join(timeout=0.5)
        if process.is_alive():
            process.kill()
        process.join()
        self._process = None
        return process.exitcode

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pipe is not None:
            self._pipe.close()
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        self._stop()


def _child(work: Callable[[], object], send: Connection, what: str, parent: int) -> None:
    die_with_parent(parent)
    try:
        outcome: tuple[bool, object] = (True, work())
    except BaseException as exc:  # noqa: BLE001 (sent to the parent, which raises it)
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # an exception that cannot be pickled: send its words
        send.send((False, MachineError(f"making {what} failed: {exc!r}")))
    finally:
        send.close()
