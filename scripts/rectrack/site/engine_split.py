"""MkDocs' own build, with its pages converted and written by one process per core.

Why: MkDocs converts every page's Markdown and renders every page's template on one core, and at the
size of a national tracker that is most of the build: 10,725 pages at 170 generated reports took 61 s
to convert and 36 s to render and write, of 99 s (single run, ``make bench``'s machine). What a page
becomes depends on the config, the navigation and the pages the navigation shows, and on nothing
that another page's conversion or rendering changes. So, once the navigation's own pages are read,
the other pages are shared out: this process and forked children each convert and write their share
exactly as MkDocs would. What crosses back is small: each child's log records (replayed here, so that
strict mode counts every warning once and every message is shown once) and each page's anchors (so
that a link to an anchor on a page another process converted is checked as MkDocs checks it).

The steps are those of ``mkdocs.commands.build.build`` in MkDocs 1.6.1 (its own functions for each
page, in its order: static files and theme templates before the pages, so that pages take
precedence), and the site is MkDocs' own, byte for byte: ``tests/test_engine_split.py`` compares
whole sites. It is used only where that holds by construction, and MkDocs' own build runs otherwise:

* another MkDocs version (the steps copied here are that version's);
* any plugin or hook: a plugin's events see every page and may change them, in one process;
* a ``dirty`` or ``serve`` build (neither is asked for here);
* one core or no ``fork``.

The pages the navigation shows are read before sharing out, in this process: a site whose navigation
lists every page (MkDocs' default where ``nav`` is not set) gains only the writing of its pages.
Rectrack's navigation names its sections and help pages alone (``render.urls.navigation``): 16 pages.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rectrack.background import Background, can_fork

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

#: The MkDocs release whose ``build()`` this module follows step by step.
MKDOCS = "1.6.1"


def workers() -> int:
    """How many processes share the pages: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build(config: MkDocsConfig, shares: int | None = None) -> None:
    """Build ``config`` as ``mkdocs.commands.build.build(config)`` does, over ``shares`` processes
    (default: :func:`workers`) where the module docstring says it can; MkDocs' own build otherwise."""
    import mkdocs
    from mkdocs.commands import build as mkdocs_build

    shares = workers() if shares is None else shares
    if mkdocs.__version__ != MKDOCS or len(config.plugins) or shares < 2 or not can_fork():
        mkdocs_build.build(config)
        return
    _split_build(config, shares)


@dataclass(frozen=True)
class _Record:
    """A log record from a child, formatted there (its arguments may not survive pickling)."""

    name: str
    level: int
    message: str

    def replay(self) -> None:
        record = logging.makeLogRecord({"name": self.name, "levelno": self.level,
                                        "levelname": logging.getLevelName(self.level), "msg": self.message})
        logging.getLogger(self.name).handle(record)


@dataclass(frozen=True)
class _Share:
    """What a child sends back: its log records in order, each page's anchors, and its error if any."""

    records: tuple[_Record, ...]
    #: By page (src_uri): the anchors it has, and the anchors it links to, by the page they are on.
    anchors: dict[str, tuple[set[str] | None, dict[str, dict[str, str]] | None]]
    error: BaseException | None

    def raise_error(self) -> None:
        if self.error is not None:
            raise self.error


def _split_build(config: MkDocsConfig, shares: int) -> None:
    from time import monotonic

    from mkdocs import utils
    from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    logger = logging.getLogger("mkdocs")
    log = logging.getLogger("mkdocs.commands.build")  # MkDocs' own build logs as this
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    try:
        start = monotonic()
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        pages: list[Page] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            pages.append(file.page)
        # Every page's navigation shows these pages' titles: read here, before the pages are shared out.
        shown = tuple(nav.pages)
        for page in shown:
            _populate_page(page, config, files)
        files.copy_static_files(inclusion=InclusionLevel.is_included)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        _run_shares([pages[i::shares] for i in range(min(shares, len(pages)))] or [[]],
                    _Context(config, files, nav, env, frozenset(map(id, shown)),
                             {file.src_uri: file for file in files}))
        log_level = config.validation.links.anchors
        for page in pages:
            page.validate_anchor_links(files=files, log_level=log_level)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {monotonic() - start:.2f} seconds")
    except BuildError as exc:
        log.error(str(exc))
        raise Abort("Aborted with a BuildError!") from None
    finally:
        logger.removeHandler(warning_counter)


@dataclass(frozen=True)
class _Context:
    """What every share's pages are built with (forked children inherit it: nothing is sent)."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    #: The pages read before sharing out (by ``id``): not read again.
    read: frozenset[int]
    #: Every file by its path in the docs (``src_uri``): the anchors a child sends back name files so.
    by_uri: dict[str, File]


def _run_shares(parts: list[list[Page]], context: _Context) -> None:
    """The first share here, the others in forked children; their records replayed and their anchors
    taken in share order, and the first error raised (after the records that tell of it)."""
    from contextlib import ExitStack
    from functools import partial

    with ExitStack() as stack:
        others = [stack.enter_context(Background(partial(_share, part, context, child=True),
                                                 f"MkDocs' pages (share {n} of {len(parts)})", fork=True))
                  for n, part in enumerate(parts[1:], start=2)]
        _share(parts[0], context).raise_error()
        for other, part in zip(others, parts[1:], strict=True):
            outcome = other.result()
            for record in outcome.records:
                record.replay()
            by_uri = {page.file.src_uri: page for page in part}
            for uri, (present, links) in outcome.anchors.items():
                page = by_uri[uri]
                page.present_anchor_ids = present
                page.links_to_anchors = None if links is None else {
                    context.by_uri[target]: found for target, found in links.items()}
            outcome.raise_error()


class _Keep(logging.Handler):
    """In a child: MkDocs' records, kept to be sent back rather than shown there."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[_Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_Record(record.name, record.levelno, record.getMessage()))


def _share(part: Sequence[Page], context: _Context, child: bool = False) -> _Share:
    """Convert, then render and write, the pages of ``part`` as MkDocs does each page. In a child,
    MkDocs' log records are kept (not shown) and, with the pages' anchors, sent back."""
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.files import InclusionLevel

    keep = _Keep()
    if child:
        logger = logging.getLogger("mkdocs")
        logger.handlers = [keep]
        logger.propagate = False
    config, files = context.config, context.files
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    error: BaseException | None = None
    try:
        for page in part:
            if id(page) not in context.read:
                _populate_page(page, config, files)
        for page in part:
            _build_page(page, config, doc_files, context.nav, context.env,
                        excluded=page.file.inclusion.is_excluded())
    except BaseException as exc:  # noqa: BLE001  (raised by the parent, after the records telling of it)
        error = exc
    anchors = {page.file.src_uri: _anchors(page) for page in part} if child else {}
    return _Share(tuple(keep.records), anchors, error)


def _anchors(page: Page) -> tuple[set[str] | None, dict[str, dict[str, str]] | None]:
    links = page.links_to_anchors
    return page.present_anchor_ids, None if links is None else {
        target.src_uri: found for target, found in links.items()}
