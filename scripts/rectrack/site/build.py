"""Build the site, in stages: render tree, engine, downloads, search, swap.

Order matters and is the whole point of this module:

1. the complete model is built and checked before any output is written (:func:`usable`);
2. **render tree**: the docs tree goes to the working folder (``build/docs``, see :mod:`.tree`);
3. **engine**: MkDocs builds it into a fresh temporary folder beside ``site/`` (:mod:`.engine`);
4. **downloads**: the data files and schemas go into that folder's ``downloads/`` (:mod:`rectrack.export`);
5. **search**: Pagefind indexes it (:mod:`.pagefind`);
6. **swap**: only when all of that succeeded does the folder replace ``site/`` (:mod:`.swap`). A failed
   build leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from rectrack import export
from rectrack.data.check import Checked, load_and_validate
from rectrack.data.model import Dataset
from rectrack.derive import Tracker, derive
from rectrack.errors import BuildError
from rectrack.render.fieldref import reference_page
from rectrack.render.urls import navigation
from rectrack.site import engine, pagefind
from rectrack.site.project import Project
from rectrack.site.swap import swap_in
from rectrack.site.tree import docs_tree, sync_tree

T = TypeVar("T")


@dataclass(frozen=True)
class Prepared:
    """The rendered tree, ready for the engine."""

    tracker: Tracker
    config: Path
    pages: int


@dataclass(frozen=True)
class BuildResult:
    site: Path
    pages: int
    #: Seconds per stage ("load+validate", "render tree", "engine", "downloads", "search", "swap", "total").
    timings: dict[str, float]


def usable(checked: Checked) -> Dataset:
    """The validated dataset, or :class:`BuildError` with the data's problems."""
    if checked.dataset is None:
        raise BuildError("the data has errors", problems=checked.problems)
    return checked.dataset


def prepare(project: Project, as_of: date, checked: Checked | None = None,
            timings: dict[str, float] | None = None) -> Prepared:
    """Validate, derive, render the docs tree and write the engine config (stage "render tree").

    Split from :func:`build` so that ``serve`` and the benchmark can run the engine themselves.
    """
    timings = timings if timings is not None else {}
    dataset = _timed(timings, "load+validate", lambda: usable(checked or load_and_validate(project.data)))
    return _timed(timings, "render tree", lambda: _render_tree(project, derive(dataset, as_of)))


def build(project: Project, as_of: date, checked: Checked | None = None, search: bool = True) -> BuildResult:
    """The whole build, stage by stage; ``site/`` changes only if every stage succeeded."""
    timings: dict[str, float] = {}
    overall = time.perf_counter()
    prepared = prepare(project, as_of, checked, timings)
    with _new_site_beside(project.site) as temp:
        _timed(timings, "engine", lambda: engine.run_mkdocs(prepared.config, temp, as_of))
        _timed(timings, "downloads", lambda: export.write_files(
            export.download_files(prepared.tracker), temp / "downloads"))
        if search:
            _timed(timings, "search", lambda: pagefind.index(temp))
        _timed(timings, "swap", lambda: swap_in(temp, project.site))
    timings["total"] = time.perf_counter() - overall
    return BuildResult(project.site, prepared.pages, timings)


def _render_tree(project: Project, tracker: Tracker) -> Prepared:
    from rectrack.render import pages as render_pages  # imported late: validate/export do not need templates

    rendered = render_pages.render_pages(tracker, project.work / "cache" / "templates")
    rendered.setdefault("reference.md", reference_page())
    tree = docs_tree(project.content, rendered)
    docs = project.work / "docs"
    sync_tree(tree, docs)
    nav = navigation(tree)
    settings = engine.settings_for(project.settings, docs_dir=docs, site_dir=project.site,
                                   overrides=project.overrides, nav=nav, as_of=tracker.as_of,
                                   report_title=tracker.dataset.report.title)
    config = engine.write_config(settings, project.work / "mkdocs.yml")
    return Prepared(tracker, config, len(rendered))


@contextmanager
def _new_site_beside(site: Path) -> Iterator[Path]:
    """A fresh temporary folder beside ``site`` (same file system, so the swap is a rename), removed on failure."""
    site.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        yield temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _timed(timings: dict[str, float], stage: str, step: Callable[[], T]) -> T:
    started = time.perf_counter()
    try:
        return step()
    finally:
        timings[stage] = time.perf_counter() - started
