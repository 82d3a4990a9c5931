"""Search: Pagefind indexes the built pages into a chunked index, so readers fetch only what a query needs.

Three jobs: find Pagefind's binary, run it over the built site, and remove what it writes that the
site never loads.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

from rectrack.errors import BuildError

#: Where Pagefind writes its bundle inside the site.
BUNDLE = "pagefind"

#: The packages that ship Pagefind's binary, in the order ``python -m pagefind`` tries them.
_BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")

#: What Pagefind writes that the site never loads: its ready-made interfaces and its web worker. The
#: search page has its own small interface over ``pagefind.js`` and runs it with ``noWorker``
#: (see ``assets/rectrack.js``), so these would only be dead weight (about 460 KB) in every upload.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)


def index(site_dir: Path) -> None:
    """Index the HTML pages of ``site_dir`` into ``site_dir/pagefind``; :class:`BuildError` if Pagefind fails."""
    env = dict(os.environ, PAGEFIND_SITE=str(site_dir))
    result = _run(["--site", str(site_dir), "--silent"], env)
    if result.returncode != 0:
        raise BuildError(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
    for name in UNUSED_FILES:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the Pagefind binary itself, or ``python -m pagefind`` when it cannot be found or started.

    ``python -m pagefind`` only starts a second interpreter to look the binary up and exec it, which
    costs a tenth of a second or more per build. The fallback keeps every other case (a binary only on
    PATH, a broken install) exactly as before, including the error text a failed run reports.
    """
    found = binary()
    if found is not None:
        try:
            return subprocess.run([str(found), *args], capture_output=True, text=True, env=env)
        except OSError:  # missing or not executable after all: let Pagefind's own launcher report it
            pass
    return subprocess.run([sys.executable, "-m", "pagefind", *args], capture_output=True, text=True, env=env)


def binary() -> Path | None:
    """The binary ``python -m pagefind`` would exec, found the way its ``__main__`` finds it.

    ``PAGEFIND_BINARY_PATH`` first, then the first binary package installed. ``None`` (use the
    launcher) when neither gives one; the launcher's last resort, a ``pagefind`` on PATH, and its
    errors for a broken install are left to it.
    """
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured is not None:
        return Path(configured)
    for package in _BINARY_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        try:
            return Path(module.get_executable()).resolve()
        except (OSError, AttributeError):  # a broken install: the launcher fails on it as it always did
            return None
    return None
