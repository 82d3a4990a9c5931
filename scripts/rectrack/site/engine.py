"""The site engine (MkDocs with Material): its config for the rendered tree, and one strict build.

``rectrack build`` runs MkDocs in a child forked when the command starts (:class:`Standby`): it loads
MkDocs while this process checks the data and renders, which costs no second interpreter or import
of our own code. An earlier helper, a separate interpreter started for the same purpose, was measured
and removed: its own start-up and imports cost what it saved. Everything else (``serve``, tests) runs
:func:`run_mkdocs` in its own process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from rectrack.errors import EngineError
from rectrack.render.titles import inert
from rectrack.text import long_date


def write_config(settings: dict[str, Any], target: Path) -> Path:
    """Write ``settings`` as the engine's ``mkdocs.yml`` (plain YAML: Zensical or ProperDocs can read it)."""
    text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)
    if not target.exists() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")
    return target


#: The Markdown extension that passes the renderer's finished HTML through (by its module, as MkDocs names one).
RAW_BLOCKS = "rectrack.site.raw_blocks"


def settings_for(base: Mapping[str, Any], *, docs_dir: Path, site_dir: Path, overrides: Path | None, nav: list,
                 as_of: date, site_name: str, site_description: str,
                 theme_words: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The project's settings completed for the rendered tree (``base`` is not modified).

    The site's name and description come from the data (``site.yaml``), not from the config file, so
    that one tracker's identity is stated once. ``theme_words`` (``render.theme``) is what the theme's own
    templates in ``overrides/`` say (the footer, the 404 page): ``config.extra.rectrack`` to them.

    ``use_directory_urls`` is forced on: generated pages link with final directory URLs
    (``rectrack.render.markdown.relative``), which would break with ``.html`` URLs.
    """
    settings = dict(base)
    # Themes print these raw or through striptags: made inert like every page title (render.titles).
    settings["site_name"] = inert(site_name)
    settings["site_description"] = inert(site_description)
    settings["docs_dir"] = str(docs_dir)
    settings["site_dir"] = str(site_dir)
    theme = dict(settings.get("theme") or {})
    if overrides is not None:
        theme["custom_dir"] = str(overrides)
    settings["theme"] = theme
    settings["nav"] = nav
    settings["use_directory_urls"] = True
    # Finished HTML blocks (tables, quotations) pass through unparsed (site/raw_blocks.py).
    extensions = list(settings.get("markdown_extensions") or [])
    if RAW_BLOCKS not in extensions:
        extensions.append(RAW_BLOCKS)
    settings["markdown_extensions"] = extensions
    extra = dict(settings.get("extra") or {})
    extra["as_of"] = as_of.isoformat()
    extra["as_of_label"] = long_date(as_of)
    if theme_words is not None:
        extra["rectrack"] = dict(theme_words)
    settings["extra"] = extra
    return settings


@contextmanager
def build_date(as_of: date) -> Iterator[None]:
    """Make MkDocs' idea of "now" midnight UTC of the as-at date while it builds.

    MkDocs stamps the build date into the output (the gzip header of ``sitemap.xml.gz``, sitemap
    ``lastmod``) from ``mkdocs.utils.get_build_datetime``, which reads ``SOURCE_DATE_EPOCH`` or the
    clock. Replacing that one function for the duration of the build makes the site a function of the
    data and ``--as-of`` alone (byte-identical on any day) without touching the process environment,
    which Pagefind and every other child process inherit.
    """
    from mkdocs import utils

    midnight = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    original = utils.get_build_datetime
    utils.get_build_datetime = lambda: midnight
    try:
        yield
    finally:
        utils.get_build_datetime = original


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config: Path, site_dir: Path, as_of: date, strict: bool = True) -> None:
    """Build ``config`` into ``site_dir``; in strict mode (the default) any warning fails with its words."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    from rectrack.site import engine_split

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        cfg = load_config(str(config), site_dir=str(site_dir), strict=strict)
        with build_date(as_of):
            engine_split.build(cfg)  # MkDocs' build, its pages shared out over the cores
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        detail = "; ".join(collector.messages[:10]) or str(exc)
        raise EngineError(f"MkDocs failed: {detail}") from None
    finally:
        logger.removeHandler(collector)


class Standby:
    """MkDocs made ready in a forked child while this process validates and renders, then run there.

    Importing MkDocs, Material and the config's Markdown extensions and plugins, and reading the
    config, is a fixed cost of every build (about a tenth of the shipped site's, measured with
    ``make bench``) that needs nothing Rectrack computes. A child forked when the build command starts
    pays it on the other core; :meth:`run` then hands it the rendered tree's config and waits. The
    child reads ``config`` (the project's ``mkdocs.yml``) only to load what it names: whatever goes
    wrong there is left for the real run to report. Without a second core or ``fork`` (see
    :mod:`rectrack.background`), :meth:`run` is :func:`run_mkdocs` here.

    Use it as a context manager: a child never asked to run (validation failed) is stopped.
    """

    def __init__(self, config: Path | None = None, fork: bool | None = None) -> None:
        import multiprocessing
        import os

        from rectrack.background import can_fork

        self._process: Any = None
        self._pipe: Any = None
        if can_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            here, there = context.Pipe()
            # Not a daemon: a daemon may not fork, and the engine forks its share of the pages
            # (engine_split). It is stopped all the same: by __exit__, or with its parent (_standby).
            self._process = context.Process(target=_standby, args=(there, config, os.getpid()), daemon=False)
            self._process.start()
            there.close()
            self._pipe = here

    def run(self, config: Path, site_dir: Path, as_of: date, strict: bool = True) -> None:
        """:func:`run_mkdocs` with these arguments, in the child (its error raised here as raised)."""
        if self._pipe is None:
            run_mkdocs(config, site_dir, as_of, strict)
            return
        try:
            self._pipe.send((config, site_dir, as_of, strict))
            ok, error = self._pipe.recv()
        except (EOFError, OSError):
            code = self._stop()
            raise EngineError(f"MkDocs stopped without finishing (its process exited with code {code}); "
                              "the site was not changed") from None
        self._stop()
        if not ok:
            raise error

    def _stop(self) -> int | None:
        process, pipe = self._process, self._pipe
        self._process = self._pipe = None
        if pipe is not None:
            pipe.close()  # a child still waiting for its orders reads the end of the pipe and exits
        if process is None:
            return None
        process.join(timeout=2)
        if process.is_alive():
            process.kill()
            process.join()
        return process.exitcode

    def __enter__(self) -> Standby:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()


def _standby(pipe: Any, config: Path | None, parent: int) -> None:
    """The child: load MkDocs and what ``config`` names, then run the one build it is sent; killed with
    its parent (a child left building into a staging folder would outlive the build it belongs to)."""
    from rectrack.background import die_with_parent

    die_with_parent(parent)
    try:
        from mkdocs.commands import build  # noqa: F401  (loaded now, used by run_mkdocs)
        from mkdocs.config import load_config

        if config is not None:
            logging.disable(logging.CRITICAL)  # its warnings, if any, are the real run's to give
            try:
                load_config(str(config))
            finally:
                logging.disable(logging.NOTSET)
    except Exception:  # noqa: BLE001  (a warm-up only: the real run reports what is wrong)
        pass
    try:
        orders = pipe.recv()
    except (EOFError, OSError):
        return
    try:
        run_mkdocs(*orders)
        outcome: tuple[bool, BaseException | None] = (True, None)
    except BaseException as exc:  # noqa: BLE001  (sent to the parent, which raises it)
        outcome = (False, exc)
    try:
        pipe.send(outcome)
    except Exception as exc:  # noqa: BLE001  (an error that cannot be pickled: its words)
        pipe.send((False, EngineError(f"MkDocs failed: {exc!r}")))
    finally:
        pipe.close()
