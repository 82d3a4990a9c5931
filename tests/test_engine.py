"""The engine stage (MkDocs in this process): strict warnings in MkDocs' words, a pinned build date
that leaves the process environment alone, and a failed engine build that publishes nothing."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from constants import AS_OF, DATA, REPO
from rectrack.background import can_fork
from rectrack.errors import BuildError, EngineError
from rectrack.site import engine, engine_split
from rectrack.site.build import build
from rectrack.site.project import load_project


def _broken_site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[missing](no-such-page.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "T", "docs_dir": str(docs), "strict": True, "plugins": [],
                                      "theme": {"name": "material", "font": False}}), encoding="utf-8")
    return config


def test_strict_warnings_fail_in_mkdocs_words(tmp_path: Path) -> None:
    with pytest.raises(EngineError) as caught:
        engine.run_mkdocs(_broken_site(tmp_path), tmp_path / "site", AS_OF)
    assert "MkDocs failed" in caught.value.message and "no-such-page.md" in caught.value.message


def test_a_failed_engine_build_is_a_build_error_and_publishes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "zz-broken.md").write_text("# Broken\n\n[missing](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(load_project(root / "mkdocs.yml", DATA, tmp_path / "site"), AS_OF, search=False)
    assert "no-such-page.md" in caught.value.message
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]


def test_the_build_date_is_pinned_without_touching_the_environment(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs sees midnight UTC of the as-at date as "now"; ``os.environ`` is the same throughout, so
    nothing the build starts (Pagefind) or anything else in the process sees a changed environment."""
    import material.templates  # noqa: F401  (Material sets NO_MKDOCS_2_WARNING on import: not ours)
    from mkdocs import utils

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # a caller's own value must not be replaced either
    before = dict(os.environ)
    seen: dict[str, object] = {}

    def spy(config, **kwargs) -> None:
        seen["environ"] = dict(os.environ)
        seen["now"] = utils.get_build_datetime()
        seen["date"] = utils.get_build_date()

    monkeypatch.setattr(engine_split, "build", spy)
    engine.run_mkdocs(_broken_site(tmp_path), tmp_path / "site", date(2026, 11, 23))
    assert seen["now"] == datetime(2026, 11, 23, tzinfo=UTC)
    assert seen["date"] == "2026-11-23"
    assert seen["environ"] == before == dict(os.environ)
    assert utils.get_build_datetime() == datetime.fromtimestamp(1790000000, UTC)  # restored afterwards


def test_engine_settings_name_the_rendered_tree_and_leave_the_project_settings_alone(tmp_path: Path) -> None:
    base = {"site_name": "T", "theme": {"name": "material"}, "extra": {"generator": False}}
    settings = engine.settings_for(base, docs_dir=tmp_path / "docs", site_dir=tmp_path / "site",
                                   overrides=tmp_path / "overrides", nav=[{"Home": "index.md"}],
                                   as_of=date(2026, 5, 1), site_name="Fire & <Rescue>", site_description="D")
    assert base == {"site_name": "T", "theme": {"name": "material"}, "extra": {"generator": False}}
    assert settings["theme"] == {"name": "material", "custom_dir": str(tmp_path / "overrides")}
    assert settings["extra"] == {"generator": False, "as_of": "2026-05-01", "as_of_label": "1 May 2026"}
    # the name comes from the data (site.yaml), made inert as every page title is (render/titles.py)
    assert settings["site_name"] == "Fire &amp; \u2039Rescue\u203a" and settings["site_description"] == "D"
    assert settings["use_directory_urls"] is True


def _good_site(tmp_path: Path) -> Path:
    config = _broken_site(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA page.\n", encoding="utf-8")
    # More than one page: MkDocs on standby then shares them out to a child of its own (engine_split).
    (tmp_path / "docs" / "second.md").write_text("# Second\n\n[Home](index.md)\n", encoding="utf-8")
    return config


forking = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


@forking
def test_mkdocs_on_standby_builds_the_same_site_as_mkdocs_here(tmp_path: Path) -> None:
    """The build command loads MkDocs in a forked child while it checks the data (engine.Standby),
    then has it build there: the same files, byte for byte, as MkDocs in this process."""
    config = _good_site(tmp_path)
    with engine.Standby(config, fork=True) as standby:
        assert standby._process is not None and standby._process.pid != os.getpid()
        standby.run(config, tmp_path / "there", AS_OF)
    engine.run_mkdocs(config, tmp_path / "here", AS_OF)
    there = {p.relative_to(tmp_path / "there"): p.read_bytes() for p in (tmp_path / "there").rglob("*") if p.is_file()}
    here = {p.relative_to(tmp_path / "here"): p.read_bytes() for p in (tmp_path / "here").rglob("*") if p.is_file()}
    assert there and there == here


@pytest.mark.parametrize("fork", [pytest.param(True, marks=forking), False])
def test_mkdocs_on_standby_fails_in_mkdocs_words(tmp_path: Path, fork: bool) -> None:
    config = _broken_site(tmp_path)
    with engine.Standby(config, fork=fork) as standby, pytest.raises(EngineError) as caught:
        standby.run(config, tmp_path / "site", AS_OF)
    assert "MkDocs failed" in caught.value.message and "no-such-page.md" in caught.value.message


@forking
def test_a_standby_that_dies_is_an_engine_error_and_one_never_used_is_stopped(tmp_path: Path) -> None:
    config = _good_site(tmp_path)
    with engine.Standby(config, fork=True) as standby:
        process = standby._process
        process.kill()
        process.join()
        with pytest.raises(EngineError) as caught:
            standby.run(config, tmp_path / "site", AS_OF)
    assert "stopped without finishing" in caught.value.message
    with engine.Standby(config, fork=True) as unused:
        process = unused._process
        assert process.is_alive()
    assert not process.is_alive()
