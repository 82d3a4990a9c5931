"""One build at a time per project, and a working folder of its own for every build and preview.

Two builds started together (two terminals, a scheduled job and a person) used to write the same
``build/mkdocs.yml`` and the same ``site/``, and could leave a site mixing pages of two dates. Now:

- a build holds the project's lock (``build/build.lock``) from before it writes anything until its
  site is in place; a second build stops at once, saying which process holds it and since when;
- every build and every ``serve`` renders into its own folder ``build/runs/KIND-PID-RANDOM/`` (docs tree,
  engine config), held by a lock of its own; only the template cache (``build/cache``) is shared, and
  Jinja writes each cache file to a temporary name and renames it, so sharing it is safe;
- a working folder whose lock nobody holds belongs to a process that was killed: the next build
  removes it.

The locks are advisory file locks (``flock``), which the operating system releases when the process
ends, however it ends: a killed build never blocks the next one.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from rectrack.errors import BuildLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

LOCK_FILE = "build.lock"
RUNS = "runs"
_OWNER = ".owner"


@contextmanager
def one_build_at_a_time(work: Path, as_of: str) -> Iterator[None]:
    """Hold the project's build lock; :class:`BuildLocked` naming the holder when another build has it."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / LOCK_FILE
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "a process that has not said which yet"
            raise BuildLocked(f"another build of this project is running ({holder})",
                              hint="wait for it to finish and build again; two builds at once would mix their pages")
        started = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}, started at {started}, building as at {as_of}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
    finally:
        handle.close()  # closing releases the lock


@contextmanager
def working_folder(work: Path, kind: str) -> Iterator[Path]:
    """A new folder under ``build/runs`` for one build or preview, held while in use, removed afterwards."""
    runs = work / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    folder = runs / f"{kind}-{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir()
    handle = open(folder / _OWNER, "w", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        _try_lock(handle)
        yield folder
    finally:
        handle.close()
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale(work: Path) -> None:
    """Remove working folders left by killed builds and previews (nobody holds their lock)."""
    runs = work / RUNS
    if not runs.is_dir():
        return
    for folder in sorted(runs.iterdir()):
        owner = folder / _OWNER
        if owner.is_file():
            with open(owner, "a", encoding="utf-8") as handle:
                if not _try_lock(handle):
                    continue  # alive: a build or a preview is using it
        shutil.rmtree(folder, ignore_errors=True)
    for legacy in ("docs", "mkdocs.yml"):  # the single shared working copy of earlier versions
        path = work / legacy
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink(missing_ok=True)


def _try_lock(handle) -> bool:
    """Take an exclusive lock on an open file without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if exc.errno in (11, 35):  # EAGAIN/EWOULDBLOCK on some systems
            return False
        raise
    return True
