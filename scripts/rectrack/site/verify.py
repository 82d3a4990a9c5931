"""The new site is checked before it replaces the old one: every page and file there, none empty.

Not every failure raises. On a nearly full disk Pagefind writes empty files (``pagefind.js``, its
entry file, index fragments) and exits 0; a build that trusted it swapped in a site whose search was
broken. So the staged site is checked against what the stages said they would write: every page of
the docs tree, every download, and the search bundle, each with bytes in it (search files that are
gzip streams must also decompress whole).
"""

from __future__ import annotations

import gzip
import json
import shutil
import zlib
from collections.abc import Iterable
from pathlib import Path

from rectrack.errors import BuildError
from rectrack.render.urls import page_path
from rectrack.site.tree import files_under

#: The search files the site's own search code loads.
SEARCH_FILES = ("pagefind.js", "pagefind-entry.json")
_SHOWN = 5


def check(site: Path, tree: dict[str, bytes], downloads: Iterable[str], bundles: Iterable[str]) -> None:
    """:class:`BuildError` listing what is missing or empty in the staged ``site``; ``bundles``: the
    search bundles the search stage wrote (none when it was skipped)."""
    bundles = tuple(bundles)
    expected = [page_path(name) for name in tree if name.endswith(".md")]
    expected += [name for name, content in tree.items() if not name.endswith(".md") and content]
    expected += [f"downloads/{name}" for name in downloads]
    expected += [f"{bundle}/{name}" for bundle in bundles for name in SEARCH_FILES]
    sizes = files_under(site)
    missing = [name for name in expected if name not in sizes]
    may_be_empty = {name for name, content in tree.items() if not content}
    empty = sorted(name for name, size in sizes.items() if size == 0 and name not in may_be_empty)
    broken = [name for bundle in bundles for name in _broken_search_files(site, bundle)] \
        if not missing and not empty else []
    if not (missing or empty or broken):
        return
    parts = []
    for label, names in (("missing", missing), ("empty", empty), ("cut short", broken)):
        if names:
            shown = ", ".join(names[:_SHOWN]) + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")
            parts.append(f"{len(names)} {label} ({shown})")
    free = shutil.disk_usage(site).free
    hint = ("the disk is full or nearly: free some space and build again" if free < 50_000_000 else
            "a program failed without saying so; check the disk (free space, errors) and build again")
    raise BuildError(f"the new site is incomplete: {'; '.join(parts)}; {free // 1_000_000} MB free on its disk",
                     hint)


def _broken_search_files(site: Path, name: str) -> list[str]:
    bundle = site / name
    broken = []
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        languages = entry["languages"]
        for language in languages.values():
            if not (bundle / f"pagefind.{language['hash']}.pf_meta").is_file():
                broken.append(f"{name}/pagefind.{language['hash']}.pf_meta")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        broken.append(f"{name}/pagefind-entry.json")
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and (path.suffix.startswith(".pf_") or path.suffix == ".pagefind"):
            try:
                gzip.decompress(path.read_bytes())
            except (OSError, EOFError, zlib.error):
                broken.append(path.relative_to(site).as_posix())
    return broken
