"""MkDocs' build with its pages shared out over processes (``rectrack.site.engine_split``): the very
site MkDocs' own build makes, every warning and error of a child's pages told once in this process,
links to anchors checked across processes, and MkDocs' own build wherever a plugin is named."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
import yaml
from constants import AS_OF, DATA, REPO
from fixtures import add_second_report
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from rectrack.background import can_fork
from rectrack.site import engine, engine_split
from rectrack.site.build import prepare
from rectrack.site.project import load_project

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _engine_config(tmp_path: Path, second_report: bool) -> Path:
    """The engine config (and docs tree) ``rectrack build`` writes for the shipped data, or for the shipped
    data with the fictional second report laid over it."""
    data = DATA
    if second_report:
        data = tmp_path / "data"
        shutil.copytree(DATA, data)
        add_second_report(data)
    project = load_project(REPO / "mkdocs.yml", data, site=tmp_path / "unused-site", work=tmp_path / "work")
    return prepare(project, AS_OF, tmp_path / "work" / "tree").config


@pytest.mark.parametrize("second_report", [False, True], ids=["shipped", "with-second-report"])
def test_the_shared_out_build_is_mkdocs_own_build_byte_for_byte(tmp_path: Path, second_report: bool) -> None:
    config = _engine_config(tmp_path, second_report)
    built = {}
    for name, run in (("mkdocs", mkdocs_build.build), ("two", lambda c: engine_split.build(c, shares=2)),
                      ("three", lambda c: engine_split.build(c, shares=3))):
        with engine.build_date(AS_OF):
            run(load_config(str(config), site_dir=str(tmp_path / name), strict=True))
        built[name] = _files(tmp_path / name)
    assert len(built["mkdocs"]) > 400
    for name in ("two", "three"):
        assert sorted(built[name]) == sorted(built["mkdocs"]), f"{name}: not the same files"
        different = [path for path in built["mkdocs"] if built[name][path] != built["mkdocs"][path]]
        assert not different, f"{name}: {len(different)} files differ from MkDocs' own, first {different[:3]}"


def _site(tmp_path: Path, pages: dict[str, str], **settings: object) -> Path:
    """A docs tree of ``pages`` whose navigation names the first page only (unless ``nav`` is given):
    the pages the navigation shows are read before the others are shared out."""
    settings.setdefault("nav", [{"Start": next(iter(pages))}])
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "T", "docs_dir": str(docs), "strict": True, "plugins": [],
                                      "theme": {"name": "material", "font": False},
                                      "validation": {"anchors": "warn"}, **settings}), encoding="utf-8")
    return config


@pytest.fixture
def told() -> Iterator[list[logging.LogRecord]]:
    """Every record MkDocs' loggers hand to their handlers in this process."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def _shares(config: Path, shares: int) -> list[str]:
    """Which pages each share gets, in the order MkDocs lists them (as ``engine_split`` deals them)."""
    from mkdocs.structure.files import get_files

    pages = [f.src_uri for f in get_files(load_config(str(config))).documentation_pages()]
    return [",".join(pages[i::shares]) for i in range(shares)]


def test_every_warning_of_a_childs_pages_is_told_once_here_and_fails_the_strict_build(
        tmp_path: Path, told: list[logging.LogRecord]) -> None:
    names = [f"p{n}.md" for n in range(6)]
    config = _site(tmp_path, {name: f"# Page {name}\n\n[gone](missing-{name})\n" for name in names})
    assert _shares(config, 2)[1] == "p1.md,p3.md,p5.md"  # the child's share
    with pytest.raises(Abort, match="Aborted with 6 warnings in strict mode"):
        engine_split.build(load_config(str(config), site_dir=str(tmp_path / "site")), shares=2)
    messages = [r.getMessage() for r in told if r.levelno == logging.WARNING]
    for name in names:
        assert sum(f"missing-{name}" in m for m in messages) == 1, (name, messages)


_LOGGING = {"none": "",
            "a handler on MkDocs' logger": "logging.getLogger('mkdocs').addHandler(logging.StreamHandler())",
            "a handler on the root logger": "logging.basicConfig()"}


@pytest.mark.parametrize("setup", list(_LOGGING))
def test_a_childs_warnings_are_shown_as_often_as_by_mkdocs_own_build(tmp_path: Path, setup: str) -> None:
    """However the process set up its logging (none: Python prints warnings itself; a handler, as
    ``mkdocs build`` sets up, or on the root logger), each warning is printed on standard error as
    often as MkDocs' own build prints it: the child's by this process, replayed, not by the child too."""
    config = _site(tmp_path, {f"p{n}.md": f"# Page {n}\n\n[gone](missing-{n}.md)\n" for n in range(4)})
    printed = {}
    for how in ("mkdocs_build.build(config)", "engine_split.build(config, shares=2)"):
        script = (f"import logging, sys\n{_LOGGING[setup]}\nfrom mkdocs.commands import build as mkdocs_build\n"
                  "from mkdocs.config import load_config\nfrom rectrack.site import engine_split\n"
                  f"config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)\n{how}\n")
        done = subprocess.run([sys.executable, "-c", script, str(config), str(tmp_path / "site")],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert done.returncode == 0, done.stderr
        printed[how] = [done.stderr.count(f"'missing-{n}.md'") for n in range(4)]
    own, split = printed.values()
    assert min(own) >= 1 and split == own, printed


def test_links_to_anchors_are_checked_across_the_processes(tmp_path: Path, told: list[logging.LogRecord]) -> None:
    """p0 (converted here) and p1 (in the child) link to each other's anchors: real ones pass, missing
    ones are reported, whichever process converted either page."""
    config = _site(tmp_path, {
        "p0.md": "# Zero\n\n## Here\n\n[real](p1.md#there) [not](p1.md#nowhere-in-p1)\n",
        "p1.md": "# One\n\n## There\n\n[real](p0.md#here) [not](p0.md#nowhere-in-p0)\n",
    })
    assert _shares(config, 2) == ["p0.md", "p1.md"]
    with pytest.raises(Abort, match="Aborted with 2 warnings"):
        engine_split.build(load_config(str(config), site_dir=str(tmp_path / "site")), shares=2)
    messages = sorted(r.getMessage() for r in told if r.levelno == logging.WARNING)
    assert len(messages) == 2, messages
    assert "'p0.md' contains a link 'p1.md#nowhere-in-p1'" in messages[0]
    assert "'p1.md' contains a link 'p0.md#nowhere-in-p0'" in messages[1]


def test_the_titles_the_navigation_shows_are_read_before_the_pages_are_shared_out(tmp_path: Path) -> None:
    """The navigation names p1 (built in the child) without a title: every page, p0 built here included,
    shows the title p1's own heading gives, as in MkDocs' own build."""
    pages = {f"p{n}.md": f"# Heading of page {n}\n\nText.\n" for n in range(4)}
    config = _site(tmp_path, pages, nav=["p0.md", "p1.md"])
    assert _shares(config, 2)[1] == "p1.md,p3.md"
    engine_split.build(load_config(str(config), site_dir=str(tmp_path / "split")), shares=2)
    mkdocs_build.build(load_config(str(config), site_dir=str(tmp_path / "own")))
    assert "Heading of page 1" in (tmp_path / "split" / "p0" / "index.html").read_text("utf-8")
    split, own = _files(tmp_path / "split"), _files(tmp_path / "own")
    split.pop("sitemap.xml.gz"), own.pop("sitemap.xml.gz")  # stamped with the time of building
    assert split == own


def test_an_error_on_a_childs_page_is_raised_here_after_mkdocs_words_for_it(
        tmp_path: Path, told: list[logging.LogRecord]) -> None:
    config = _site(tmp_path, {"p0.md": "# Zero\n", "p1.md": "---\ntemplate: no-such-template.html\n---\n# One\n"})
    assert _shares(config, 2) == ["p0.md", "p1.md"]
    with pytest.raises(jinja2.TemplateNotFound, match="no-such-template.html"):
        engine_split.build(load_config(str(config), site_dir=str(tmp_path / "site")), shares=2)
    errors = [r.getMessage() for r in told if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].startswith("Error building page 'p1.md': 'no-such-template.html' not found")


def test_a_config_with_a_plugin_is_built_by_mkdocs_itself(tmp_path: Path) -> None:
    """A plugin's events see every page, in one process: MkDocs' own build runs (here Material's search
    plugin, whose index only it writes)."""
    config = _site(tmp_path, {"p0.md": "# Zero\n", "p1.md": "# One\n"}, plugins=["search"])
    engine_split.build(load_config(str(config), site_dir=str(tmp_path / "site")), shares=2)
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()
    assert (tmp_path / "site" / "p1" / "index.html").is_file()


def test_a_child_that_dies_is_a_machine_error_naming_its_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A child killed mid-build (the machine's out-of-memory killer, say) fails the build with the
    machine's error, never a site with pages missing."""
    import signal

    from rectrack.errors import MachineError

    real = engine_split._share

    def dies_in_the_child(part, context, child=False):
        if child:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(part, context, child)

    monkeypatch.setattr(engine_split, "_share", dies_in_the_child)
    config = _site(tmp_path, {f"p{n}.md": f"# Page {n}\n" for n in range(4)})
    with pytest.raises(MachineError) as caught:
        engine.run_mkdocs(config, tmp_path / "site", AS_OF)
    assert "MkDocs' pages (share 2 of" in caught.value.message and "stopped without finishing" in caught.value.message
