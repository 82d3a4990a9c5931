"""Where a build reads and writes: the project of the config file, and the folders the config names.

The rule is MkDocs' own, so that one ``mkdocs.yml`` means the same to both: the *project* is the folder
holding the config file, and every folder the config names is relative to that folder:

- ``docs_dir`` the hand-written pages (``content/``: the help pages, the accessibility statement);
- ``theme.custom_dir`` the theme overrides (``overrides/``);
- ``site_dir`` the output (``site/``), unless ``--site-dir`` says otherwise.

Rectrack's working folder is ``build/`` in the project. So ``--config elsewhere/mkdocs.yml`` builds the
project at ``elsewhere/``. A folder the config names that is not there is an error naming it: a config
passed from another folder can no longer build a site that silently lacks its help pages or theme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rectrack.errors import UsageError

#: MkDocs' defaults for the folders a config may leave out.
DEFAULT_DOCS_DIR = "docs"
DEFAULT_SITE_DIR = "site"
WORK_DIR = "build"


@dataclass(frozen=True)
class Project:
    """Every path a build uses, absolute, and the config's settings as read (never modified)."""

    config: Path
    settings: Mapping[str, Any]
    data: Path
    content: Path
    overrides: Path | None
    site: Path
    work: Path

    @property
    def root(self) -> Path:
        return self.config.parent


def load_project(config: Path, data: Path, site: Path | None = None, work: Path | None = None) -> Project:
    """The project of ``config``; :class:`UsageError` when the config cannot be read or names a missing folder."""
    config = config.resolve()
    settings = read_config(config)
    root = config.parent
    docs_dir = settings.get("docs_dir", DEFAULT_DOCS_DIR)
    content = _named_folder(root, docs_dir, "docs_dir", config, "the hand-written pages (help, accessibility)")
    theme = settings.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    overrides = (_named_folder(root, custom_dir, "theme.custom_dir", config, "the theme overrides")
                 if custom_dir is not None else None)
    site_dir = settings.get("site_dir", DEFAULT_SITE_DIR)
    if site is None and not isinstance(site_dir, str):
        raise UsageError(f"{config}: site_dir must be a folder name, not {site_dir!r}")
    return Project(config=config, settings=settings, data=data.resolve(), content=content, overrides=overrides,
                   site=(site if site is not None else root / site_dir).resolve(),
                   work=(work if work is not None else root / WORK_DIR).resolve())


def read_config(config: Path) -> dict[str, Any]:
    """The config file as plain YAML (so that Zensical or ProperDocs could read it too)."""
    try:
        text = config.read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read the site configuration {config}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"the site configuration {config} is not UTF-8 text", "save it as UTF-8") from None
    try:
        settings = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "not valid YAML"
        raise UsageError(f"the site configuration {config} is not valid YAML: {first}",
                         "Rectrack reads mkdocs.yml as plain YAML: no !!python tags") from None
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        raise UsageError(f"the site configuration {config} must be a mapping of settings")
    return settings


def _named_folder(root: Path, value: object, key: str, config: Path, what: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{config}: {key} must be a folder name, not {value!r}")
    folder = (root / value).resolve()
    if not folder.is_relative_to(root.resolve()):
        raise UsageError(f"{config} names {key}: {value}, {what}, but it leads to {folder}, outside the project "
                         "folder (through a link or '..'); Rectrack reads nothing from outside the project",
                         "keep the folder inside the project folder, as a real folder rather than a link")
    if not folder.is_dir():
        raise UsageError(f"{config} names {key}: {value}, {what}, but {folder} is not a folder",
                         "folders named in the config are relative to the config file: pass the mkdocs.yml "
                         "of the project folder (--config), or create the folder")
    return folder
