"""The site engine (MkDocs with Material): its config for the rendered tree, and one strict build.

MkDocs runs in this process. A helper process that loaded it on the other core while the CLI validated
and rendered was measured and removed: over 12 interleaved builds of the shipped data on two cores it
saved 1% with search and cost 4% without (under the 5% that would pay for its 160 lines and protocol).
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
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        cfg = load_config(str(config), site_dir=str(site_dir), strict=strict)
        with build_date(as_of):
            mkdocs_build(cfg)
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        detail = "; ".join(collector.messages[:10]) or str(exc)
        raise EngineError(f"MkDocs failed: {detail}") from None
    finally:
        logger.removeHandler(collector)
