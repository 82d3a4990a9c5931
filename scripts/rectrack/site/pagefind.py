"""Search: Pagefind indexes the built pages into a chunked index, so readers fetch only what a query needs.

Three jobs: find Pagefind's binary, run it over the built site (the main search) and over the pages of
the responses' full text (the search of responses, ``rectrack.render.response_search``), and remove what
it writes that the site never loads.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from rectrack.errors import BuildError
from rectrack.render.urls import SEARCH_BUNDLE
from rectrack.site.tree import files_under, sync_tree

#: Where Pagefind writes the main search's bundle inside the site.
BUNDLE = SEARCH_BUNDLE
#: The folder, in the build's working folder, that the pages of the responses' full text are written to.
RESPONSES_PAGES = "responses-search"
#: The folder, in the build's working folder, of links to the built pages the main search indexes.
SEARCHED_PAGES = "searched-pages"
#: What marks the part of a page Pagefind indexes (``overrides/main.html``). Once one page has it,
#: Pagefind indexes only the pages that have it.
BODY_MARK = b"data-pagefind-body"

#: The packages that ship Pagefind's binary, in the order ``python -m pagefind`` tries them.
_BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")

#: What Pagefind writes that the site never loads: its ready-made interfaces and its web worker. The
#: search page has its own small interface over ``pagefind.js`` and runs it with ``noWorker``
#: (see ``assets/rectrack.js``), so these would only be dead weight (about 460 KB) in every upload.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)


def bundles(responses: Mapping[str, Mapping[str, str]]) -> tuple[str, ...]:
    """The bundles :func:`index` writes into the site: the main search's, then each search of responses
    that has pages (one per year of reports, ``rectrack.render.response_search``)."""
    return (BUNDLE, *(bundle for bundle, pages in responses.items() if pages))


def index(site_dir: Path, responses: Mapping[str, Mapping[str, str]] | None = None,
          work: Path | None = None) -> None:
    """Index the HTML pages of ``site_dir`` into ``site_dir/pagefind``, and for each bundle of ``responses``
    (bundle: {path in the site: HTML}) its pages into ``site_dir/<bundle>``, writing those pages into
    ``work`` first (the build's own working folder: they are never published). :class:`BuildError` if
    Pagefind fails."""
    _index(searched_pages(site_dir, work) if work is not None else site_dir, site_dir / BUNDLE)
    searched = [(bundle, pages) for bundle, pages in (responses or {}).items() if pages]
    if not searched:
        return
    if work is None:
        raise ValueError("the pages of the responses' full text need a working folder")
    shutil.rmtree(work / RESPONSES_PAGES, ignore_errors=True)
    for number, (bundle, pages) in enumerate(searched):
        folder = work / RESPONSES_PAGES / str(number)
        sync_tree({path: html.encode("utf-8") for path, html in pages.items()}, folder)
        _index(folder, site_dir / bundle)


def searched_pages(site_dir: Path, work: Path) -> Path:
    """The folder the main search is made from: links, in ``work``, to the pages of ``site_dir`` that have a
    search body, at the same paths; ``site_dir`` itself where that cannot be done.

    Pagefind reads and parses every HTML file in the folder it is given, then indexes only the pages with
    a search body. At 170 reports, 2,560 of the 10,794 pages (152 of 522 MB) have none (the lists, the
    search pages, the redirects), and reading them was over a quarter of Pagefind's CPU: 40.9 s for the
    site, 29.5 s for the pages with a body. The index is the same (the same files at the same paths).

    Hard links, which cost no copying and leave the site as it is. Where one cannot be made (the working
    folder on another disk), or no page has a search body (another theme: Pagefind then indexes every
    page whole), Pagefind reads ``site_dir`` as before.
    """
    pages = work / SEARCHED_PAGES
    shutil.rmtree(pages, ignore_errors=True)
    marked = [name for name in files_under(site_dir) if name.endswith(".html")
              and BODY_MARK in (site_dir / name).read_bytes()]
    if not marked:
        return site_dir
    made: set[str] = set()
    try:
        for name in marked:
            folder = name.rpartition("/")[0]
            if folder not in made:
                (pages / folder).mkdir(parents=True, exist_ok=True)
                made.add(folder)
            os.link(site_dir / name, pages / name)
    except OSError:
        shutil.rmtree(pages, ignore_errors=True)
        return site_dir
    return pages


def _index(pages: Path, bundle: Path) -> None:
    env = dict(os.environ, PAGEFIND_SITE=str(pages))
    result = _run(["--site", str(pages), "--output-path", str(bundle), "--silent"], env)
    if result.returncode != 0:
        raise BuildError(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)


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
