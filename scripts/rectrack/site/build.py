"""Build the site: validate, derive, render the docs tree, run MkDocs, add downloads and search, swap in.

Order matters and is the whole point of this module:
1. the complete model is built and checked before any output is written;
2. the docs tree goes to ``build/docs`` (never into ``content/``, which would make ``serve`` reload
   endlessly), rewriting only files whose bytes changed;
3. MkDocs, the downloads and Pagefind all write into a fresh temporary directory beside ``site/``;
4. only when all of that succeeded is the temporary directory swapped in. A failed build leaves the
   previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from rectrack import export
from rectrack.site import engine
from rectrack.data.check import Checked, load_and_validate
from rectrack.derive import Tracker, derive
from rectrack.errors import BuildError, EngineError
from rectrack.site.engine import build_date
from rectrack.render.fieldref import reference_page
from rectrack.data.problems import Problem
from rectrack.data.schema import schema_dir

#: Hand-written help pages (content/) grouped under one "Help" entry, so the navigation stays small.
HELP_PAGES = (
    ("How to publish your response", "publish.md"),
    ("For inspectors", "inspectors.md"),
    ("Data file reference", "reference.md"),
    ("Accessibility statement", "accessibility.md"),
)




@dataclass
class BuildPaths:
    """Where everything lives; defaults follow the repository layout (mkdocs.yml at the top)."""

    config: Path = Path("mkdocs.yml")
    data: Path = Path("data")
    site: Path | None = None
    work: Path | None = None

    @property
    def root(self) -> Path:
        return self.config.resolve().parent

    @property
    def site_dir(self) -> Path:
        return (self.site or self.root / "site").resolve()

    @property
    def work_dir(self) -> Path:
        return (self.work or self.root / "build").resolve()

    @property
    def docs_dir(self) -> Path:
        return self.work_dir / "docs"


@dataclass
class BuildResult:
    site: Path
    pages: int
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def prepare(paths: BuildPaths, as_of: date, checked: Checked | None = None,
            timings: dict[str, float] | None = None) -> tuple[Tracker, Path, int]:
    """Validate, derive and write the docs tree and engine config; returns (tracker, config, pages).

    Split from :func:`build` so that ``serve`` and the benchmark can run the engine themselves.
    """
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    checked = checked or load_and_validate(paths.data)
    if checked.dataset is None:
        raise BuildError("the data has errors", problems=checked.problems)
    timings["load+validate"] = time.perf_counter() - started

    started = time.perf_counter()
    from rectrack.render import pages as render_pages  # imported late: validate/export do not need templates

    tracker = derive(checked.dataset, as_of)
    rendered = render_pages.render_pages(tracker, paths.work_dir / "cache" / "templates")
    rendered.setdefault("reference.md", reference_page())
    tree = _docs_tree(paths, rendered)
    _sync_tree(tree, paths.docs_dir)
    nav: list = [{title: target} for title, target in render_pages.NAV]
    help_pages = [{title: name} for title, name in HELP_PAGES if name in tree]
    if help_pages:
        nav.append({"Help": help_pages})
    config = _write_engine_config(paths, tracker, nav)
    timings["derive+render"] = time.perf_counter() - started
    return tracker, config, len(rendered)


def build(paths: BuildPaths, as_of: date, checked: Checked | None = None, search: bool = True,
          helper: engine.EngineProcess | None = None) -> BuildResult:
    """The whole build; with ``helper`` (started early by the CLI), MkDocs runs in that process."""
    timings: dict[str, float] = {}
    overall = time.perf_counter()
    tracker, config, count = prepare(paths, as_of, checked, timings)
    site = paths.site_dir
    site.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        started = time.perf_counter()
        if helper is not None:
            helper.run(config, temp, as_of)
        else:
            with build_date(as_of):
                run_mkdocs(config, temp)
        timings["mkdocs"] = time.perf_counter() - started
        started = time.perf_counter()
        export.write_files(export.download_files(tracker, schema_dir().glob("*.schema.json")), temp / "downloads")
        if search:
            run_pagefind(temp)
        timings["downloads+search"] = time.perf_counter() - started
        _swap(temp, site)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    timings["total"] = time.perf_counter() - overall
    return BuildResult(site, count, timings)


def _docs_tree(paths: BuildPaths, rendered: dict[str, str]) -> dict[str, bytes]:
    """Every file of the docs dir: hand-written content/, the package's assets, then generated pages."""
    tree: dict[str, bytes] = {}
    content = paths.root / "content"
    assets = Path(__file__).resolve().parents[1] / "assets"
    for base, prefix in ((content, ""), (assets, "assets/")):
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    tree[prefix + path.relative_to(base).as_posix()] = path.read_bytes()
    for name, text in rendered.items():
        if name in tree:
            raise BuildError(f"generated page {name} would overwrite content/{name}; rename the hand-written page")
        tree[name] = text.encode("utf-8")
    return tree


def _sync_tree(tree: dict[str, bytes], target: Path) -> None:
    """Make ``target`` hold exactly ``tree``, rewriting only changed files (keeps live reload quiet)."""
    target.mkdir(parents=True, exist_ok=True)
    for name, content in tree.items():
        path = target / name
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    wanted = {target / name for name in tree}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _write_engine_config(paths: BuildPaths, tracker: Tracker, nav: list) -> Path:
    """A complete mkdocs.yml for the rendered tree (plain YAML, so Zensical or ProperDocs can read it too).

    ``use_directory_urls`` is forced on: generated pages link with final directory URLs
    (``rectrack.render.markdown.relative``), which would break with ``.html`` URLs.
    """
    base = yaml.safe_load(paths.config.read_text("utf-8")) or {}
    base["docs_dir"] = str(paths.docs_dir)
    base["site_dir"] = str(paths.site_dir)
    theme = base.setdefault("theme", {})
    overrides = paths.root / "overrides"
    if overrides.is_dir():
        theme["custom_dir"] = str(overrides)
    base["nav"] = nav
    base["use_directory_urls"] = True
    extra = base.setdefault("extra", {})
    extra["as_of"] = tracker.as_of.isoformat()
    extra["as_of_label"] = f"{tracker.as_of:%-d %B %Y}"
    extra["report_title"] = tracker.dataset.report.title
    config = paths.work_dir / "mkdocs.yml"
    text = yaml.safe_dump(base, sort_keys=False, allow_unicode=True)
    if not config.exists() or config.read_text("utf-8") != text:
        config.write_text(text, "utf-8")
    return config


def run_mkdocs(config: Path, site_dir: Path, strict: bool = True) -> None:
    """Run MkDocs in this process (see :func:`rectrack.site.engine.run_mkdocs`); raises :class:`EngineError`."""
    engine.run_mkdocs(config, site_dir, strict)


#: The packages that ship Pagefind's binary, in the order ``python -m pagefind`` tries them.
_PAGEFIND_BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")


#: What Pagefind writes that the site never loads: its ready-made interfaces and its web worker. The
#: search page has its own small interface over ``pagefind.js`` and runs it with ``noWorker``
#: (see ``assets/rectrack.js``), so these would only be dead weight (about 460 KB) in every upload.
UNUSED_PAGEFIND_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)


def run_pagefind(site_dir: Path) -> None:
    """Index the built pages with Pagefind (a chunked index: readers fetch only what a query needs)."""
    env = dict(os.environ, PAGEFIND_SITE=str(site_dir))
    result = _run_pagefind(["--site", str(site_dir), "--silent"], env)
    if result.returncode != 0:
        raise BuildError(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
    for name in UNUSED_PAGEFIND_FILES:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)


def _run_pagefind(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the Pagefind binary itself, or ``python -m pagefind`` when it cannot be found or started.

    ``python -m pagefind`` only starts a second interpreter to look the binary up and exec it, which
    costs a tenth of a second or more per build. The fallback keeps every other case (a binary only on
    PATH, a broken install) exactly as before, including the error text a failed run reports.
    """
    binary = pagefind_binary()
    if binary is not None:
        try:
            return subprocess.run([str(binary), *args], capture_output=True, text=True, env=env)
        except OSError:  # missing or not executable after all: let Pagefind's own launcher report it
            pass
    return subprocess.run([sys.executable, "-m", "pagefind", *args], capture_output=True, text=True, env=env)


def pagefind_binary() -> Path | None:
    """The binary ``python -m pagefind`` would exec, found the way its ``__main__`` finds it.

    ``PAGEFIND_BINARY_PATH`` first, then the first binary package installed. ``None`` (use the
    launcher) when neither gives one; the launcher's last resort, a ``pagefind`` on PATH, and its
    errors for a broken install are left to it.
    """
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured is not None:
        return Path(configured)
    for package in _PAGEFIND_BINARY_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        try:
            return Path(module.get_executable()).resolve()
        except (OSError, AttributeError):  # a broken install: the launcher fails on it as it always did
            return None
    return None


def _swap(new: Path, site: Path) -> None:
    """Replace ``site`` by ``new`` with two renames, so readers never see a half-written tree."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    new.rename(site)
    new_mode = 0o755
    site.chmod(new_mode)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
