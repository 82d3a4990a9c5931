"""Build the site, in stages: render tree, engine, downloads, search, swap.

Order matters and is the whole point of this module:

1. the complete model is built and checked (:func:`usable`), and so is the output folder
   (:mod:`.outdir`: never the project, the data or someone else's folder), before anything is written;
2. the project's build lock is taken (:mod:`.lock`: one build at a time), and what killed builds left
   behind is repaired or removed;
3. **render tree**: the downloads are made (in memory: the downloads page gives each file's size), and
   the docs tree, the theme overrides and the engine config go to this build's own working folder
   (``build/runs/...``, see :mod:`.tree`);
4. **engine**: MkDocs builds it into a staging folder on the same file system as ``site/`` (:mod:`.engine`);
5. **downloads**: those files (data, schemas, calendars, data package, archive) are written into its
   ``downloads/`` (:mod:`rectrack.export`);
6. **search**: Pagefind indexes it, and the responses' full text into bundles of their own, one per year of
   reports (:mod:`.pagefind`);
7. the staged site is marked as Rectrack's (before the search stage, so that on a full disk Pagefind
   is the last to write: it fails silently) and checked: every page and file there, none empty
   (:mod:`.verify`);
8. **swap**: only then does it replace ``site/`` (:mod:`.swap`), which is never left missing.

A failure at any point leaves the previous ``site/`` as it was, and says so. The machine's own
failures (no space, read-only or immutable folders, files held by other programs) are reported as such
(:class:`~rectrack.errors.MachineError`), never as a bug.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from rectrack import background, export
from rectrack.data.check import Checked, load_and_validate
from rectrack.data.model import Dataset
from rectrack.data.problems import Problem
from rectrack.derive import Tracker, derive
from rectrack.errors import BuildError, MachineError
from rectrack.render.fieldref import reference_page
from rectrack.render.theme import theme_words
from rectrack.render.urls import navigation
from rectrack.site import engine, lock, outdir, pagefind, swap, verify
from rectrack.site.project import Project
from rectrack.site.tree import docs_tree, project_files, sync_tree

T = TypeVar("T")
_KEPT = "the existing site was left unchanged"


@dataclass(frozen=True)
class Prepared:
    """The rendered tree in a working folder, ready for the engine."""

    tracker: Tracker
    config: Path
    pages: int
    #: The downloads/ folder's listed files, by name: built once, described (with their sizes) on the downloads
    #: page (the Word templates are made later: see ``_stages``).
    downloads: dict[str, bytes]
    #: Every file of the docs tree, by relative path: what the engine must turn into the site.
    tree: dict[str, bytes]
    #: Files skipped with a warning (editors' leftovers in content/ or overrides/).
    warnings: tuple[Problem, ...]
    #: The pages of the responses' full text, for the searches of responses, by bundle: one per year of
    #: reports (render/response_search.py).
    responses: dict[str, dict[str, str]]


@dataclass(frozen=True)
class BuildResult:
    site: Path
    pages: int
    #: Seconds per stage ("load+validate", "render tree", "engine", "downloads", "search", "swap", "total").
    timings: dict[str, float]
    #: Things to tell the person although the build succeeded (files skipped, an old site left behind).
    warnings: tuple[Problem, ...] = ()
    notices: tuple[str, ...] = ()


def usable(checked: Checked) -> Dataset:
    """The validated dataset, or :class:`BuildError` with the data's problems."""
    if checked.dataset is None:
        raise BuildError("the data has errors", problems=checked.problems)
    return checked.dataset


def prepare(project: Project, as_of: date, folder: Path, checked: Checked | None = None,
            timings: dict[str, float] | None = None) -> Prepared:
    """Validate, derive, and render the docs tree and engine config into ``folder`` (stage "render tree").

    Split from :func:`build` so that ``serve`` and the benchmark can run the engine themselves.
    """
    timings = timings if timings is not None else {}
    dataset = _timed(timings, "load+validate", lambda: usable(checked or load_and_validate(project.data)))
    return _timed(timings, "render tree", lambda: _render_tree(project, derive(dataset, as_of), folder))


def build(project: Project, as_of: date, checked: Checked | None = None, search: bool = True,
          mkdocs: engine.Standby | None = None) -> BuildResult:
    """The whole build, stage by stage; ``site/`` changes only if every stage succeeded.

    ``mkdocs``: MkDocs made ready in another process while the data was checked (the CLI starts it);
    without it MkDocs runs in this process."""
    timings: dict[str, float] = {}
    overall = time.perf_counter()
    dataset = _timed(timings, "load+validate", lambda: usable(checked or load_and_validate(project.data)))
    outdir.check(project)
    site = project.site
    doing = f"cannot write Rectrack's working folder {project.work}"
    try:
        with lock.one_build_at_a_time(project.work, as_of.isoformat()):
            doing = f"cannot tidy up after an earlier build beside {site}"
            swap.recover(site)
            lock.remove_stale(project.work)
            doing = f"cannot write Rectrack's working folder {project.work}"
            with lock.working_folder(project.work, "build") as folder:
                prepared = _timed(timings, "render tree",
                                  lambda: _render_tree(project, derive(dataset, as_of), folder, search))
                doing = f"cannot write the new site beside {site}"
                staged = swap.staging_folder(site)
                try:
                    notices = _stages(prepared, staged, site, as_of, search, timings, mkdocs, folder)
                except BaseException:
                    shutil.rmtree(staged, ignore_errors=True)
                    raise
    except OSError as exc:
        raise MachineError.from_os_error(exc, doing, _KEPT) from None
    timings["total"] = time.perf_counter() - overall
    return BuildResult(site, prepared.pages, timings, prepared.warnings, tuple(notices))


def _stages(prepared: Prepared, staged: Path, site: Path, as_of: date, search: bool,
            timings: dict[str, float], mkdocs: engine.Standby | None, work: Path) -> list[str]:
    """engine, downloads, search, check, swap: into ``staged``, then in place of ``site`` (``work``: this
    build's working folder).

    MkDocs shares its pages out over the cores (:mod:`.engine_split`); the Word templates, which no page
    needs the bytes of, are made beside it: at 170 generated reports (single runs, no search) the build
    took 96 s with them beside it and 95 s with them made after it, the same within noise, but beside
    MkDocs they cost about 14 s more CPU time (two processes slow each other). Pagefind is not run beside MkDocs:
    started with it, the search of responses slowed MkDocs by more than it saved (at 170 generated
    reports, single runs, before the pages were shared out: MkDocs took 26 s longer with Pagefind on one
    thread, 32 s on all, and Pagefind saved 8 s)."""
    run = mkdocs.run if mkdocs is not None else engine.run_mkdocs
    try:
        with background.Background(lambda: export.word_templates(prepared.tracker), "the Word templates") as making:
            _timed(timings, "engine", lambda: run(prepared.config, staged, as_of))
            downloads = {**prepared.downloads, **making.result()}
        _timed(timings, "downloads", lambda: export.write_files(downloads, staged / "downloads"))
        outdir.mark(staged)
        if search:
            _timed(timings, "search", lambda: pagefind.index(staged, prepared.responses, work))
        verify.check(staged, prepared.tree, downloads, pagefind.bundles(prepared.responses) if search else ())
    except OSError as exc:
        raise MachineError.from_os_error(exc, f"cannot write the new site ({staged.name} beside {site.name})",
                                         _KEPT) from None
    return _timed(timings, "swap", lambda: swap.swap_in(staged, site))


def _render_tree(project: Project, tracker: Tracker, folder: Path, search: bool = True) -> Prepared:
    """The docs tree and engine config in ``folder``; the pages of the responses' full text only for a build
    with search (they are Pagefind's input alone)."""
    from rectrack.render import pages as render_pages  # imported late: validate/export do not need templates
    from rectrack.render.response_search import response_search_pages

    warnings: list[Problem] = []
    # The downloads are made on the other core while the pages render (the downloads page, rendered
    # last, asks for them: it gives their sizes).
    with background.Background(lambda: export.download_files(tracker), "the downloads") as making:
        rendered = render_pages.render_pages(tracker, project.work / "cache" / "templates", making.result)
        downloads = making.result()
    rendered.setdefault("reference.md", reference_page())
    tree = docs_tree(project.content, project.root, rendered, warnings)
    docs = folder / "docs"
    sync_tree(tree, docs)
    overrides = None
    if project.overrides is not None:
        overrides = folder / "overrides"
        sync_tree(project_files(project.overrides, project.root, warnings), overrides)
    nav = navigation(tree)
    settings = engine.settings_for(project.settings, docs_dir=docs, site_dir=project.site, overrides=overrides,
                                   nav=nav, as_of=tracker.as_of, site_name=tracker.dataset.site.name,
                                   site_description=tracker.dataset.site.description,
                                   theme_words=theme_words(tracker.dataset.site))
    config = engine.write_config(settings, folder / "mkdocs.yml")
    return Prepared(tracker, config, len(rendered), downloads, tree, tuple(warnings),
                    response_search_pages(tracker) if search else {})


def _timed(timings: dict[str, float], stage: str, step: Callable[[], T]) -> T:
    started = time.perf_counter()
    try:
        return step()
    finally:
        timings[stage] = time.perf_counter() - started
