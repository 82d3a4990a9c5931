"""Put a finished site in place of the old one, so that readers never see a half-written tree and
``site/`` is never left missing.

The new site is written into a staging folder on the same file system as ``site/`` (beside it, or
inside it when ``site/`` is a mount point, e.g. a container volume, which cannot be renamed). Then:

- **beside**: ``site`` is renamed aside, the staging folder renamed to ``site``; if that second rename
  fails (a virus scanner or sync client holding a file, on Windows), the old site is renamed back and
  the error says so;
- **mount point**: the old entries are moved into a folder inside it, the new ones moved up; if any move
  fails, every move is undone.

Staging and set-aside folders are named ``.SITE.rectrack-new-ID`` / ``.SITE.rectrack-old-ID``. A build
killed half-way leaves them behind; :func:`recover` (run by the next build, under the project lock)
puts a set-aside site back when ``site/`` is missing and deletes the rest.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path

from rectrack.errors import MachineError

NEW = ".rectrack-new-"
OLD = ".rectrack-old-"
#: Prefixes of the staging folders of earlier versions (each killed build left one behind).
_LEGACY = (".site-new-", ".site-old-")
#: The mode of the published folder (``mkdtemp`` creates the new one private to its owner).
SITE_MODE = 0o755

_KEPT = "the existing site was left unchanged"


def staging_folder(site: Path) -> Path:
    """A new, empty staging folder for ``site`` on the same file system."""
    if os.path.ismount(site):
        return Path(tempfile.mkdtemp(prefix=NEW, dir=site))
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site.name}{NEW}", dir=site.parent))


def swap_in(new: Path, site: Path) -> list[str]:
    """Replace ``site`` by the staging folder ``new``; returns notices (an old site that could not be deleted).

    Raises :class:`MachineError` saying where the sites are when the operating system refuses a step.
    """
    if new.parent == site:
        return _replace_contents(new, site)
    old: Path | None = None
    if site.exists():
        old = site.parent / f".{site.name}{OLD}{secrets.token_hex(4)}"
        try:
            os.rename(site, old)
        except OSError as exc:
            raise MachineError.from_os_error(exc, f"cannot move the old site {site} aside", _KEPT) from None
    try:
        os.rename(new, site)
    except OSError as exc:
        if old is None:
            raise MachineError.from_os_error(exc, f"cannot put the new site in place at {site}", _KEPT) from None
        try:
            os.rename(old, site)
        except OSError:
            raise MachineError.from_os_error(
                exc, f"cannot put the new site in place at {site}",
                f"the previous site could not be put back either: it is in {old}; rename it to {site.name}") from None
        raise MachineError.from_os_error(exc, f"cannot put the new site in place at {site}",
                                         "the previous site was put back") from None
    _publishable(site)
    return _remove_old(old) if old is not None else []


def recover(site: Path) -> None:
    """Repair what a killed build left: a set-aside site back in place if ``site`` is missing; stale folders gone."""
    parent = site.parent
    if not parent.is_dir():
        return
    aside = sorted((p for p in parent.iterdir() if p.name.startswith(f".{site.name}{OLD}") and p.is_dir()),
                   key=lambda p: p.stat().st_mtime)
    if not site.exists() and aside:
        os.rename(aside.pop(), site)  # the most recently set aside: the site that was live
    stale = [p for p in parent.iterdir() if p.is_dir() and (p.name.startswith(f".{site.name}{NEW}")
                                                            or p.name.startswith(_LEGACY))]
    if site.is_dir() and os.path.ismount(site):
        stale += [p for p in site.iterdir() if p.is_dir() and p.name.startswith((NEW, OLD))]
    for folder in aside + stale:
        shutil.rmtree(folder, ignore_errors=True)


def _replace_contents(new: Path, site: Path) -> list[str]:
    """``site`` is a mount point: move its entries aside inside it, move the new ones up; undo on failure."""
    old = site / f"{OLD}{secrets.token_hex(4)}"
    old.mkdir()
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for entry in sorted(os.listdir(site)):
            if entry != old.name and entry != new.name and not entry.startswith((NEW, OLD)):
                os.rename(site / entry, old / entry)
                moved_out.append(entry)
        for entry in sorted(os.listdir(new)):
            os.rename(new / entry, site / entry)
            moved_in.append(entry)
    except OSError as exc:
        try:
            for entry in reversed(moved_in):
                os.rename(site / entry, new / entry)
            for entry in reversed(moved_out):
                os.rename(old / entry, site / entry)
        except OSError:
            raise MachineError.from_os_error(
                exc, f"cannot replace the contents of {site}",
                f"the previous site could not be put back entirely: what is missing is in {old}") from None
        shutil.rmtree(old, ignore_errors=True)
        raise MachineError.from_os_error(exc, f"cannot replace the contents of {site}",
                                         "the previous site was put back") from None
    new.rmdir()
    _publishable(site)
    return _remove_old(old)


def _publishable(site: Path) -> None:
    try:
        site.chmod(SITE_MODE)
    except OSError:  # a file system without modes (or a mount point we do not own): the site is in place
        pass


def _remove_old(old: Path) -> list[str]:
    try:
        shutil.rmtree(old)
    except OSError as exc:
        return [f"the previous site could not be deleted: {old} ({exc.strerror or exc}); delete it yourself"]
    return []
