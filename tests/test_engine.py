"""The MkDocs helper process: same site as an in-process build, same errors, never left running."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, DATA, REPO
from rectrack.errors import BuildError, EngineError
from rectrack.site.build import BuildPaths, build
from rectrack.site.engine import EngineProcess


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_helper_process_builds_the_same_site_as_an_in_process_build(tmp_path: Path) -> None:
    paths = [BuildPaths(config=REPO / "mkdocs.yml", data=DATA, site=tmp_path / name, work=tmp_path / f"work-{name}")
             for name in ("in-process", "helper")]
    build(paths[0], AS_OF, search=False)
    with EngineProcess.start() as helper:
        build(paths[1], AS_OF, search=False, helper=helper)
    first, second = _files(tmp_path / "in-process"), _files(tmp_path / "helper")
    assert len(first) > 100 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _broken_site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[missing](no-such-page.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "T", "docs_dir": str(docs), "strict": True, "plugins": [],
                                      "theme": {"name": "material", "font": False}}), encoding="utf-8")
    return config


def test_helper_reports_strict_warnings_in_mkdocs_words(tmp_path: Path) -> None:
    config = _broken_site(tmp_path)
    with EngineProcess.start() as helper, pytest.raises(EngineError) as caught:
        helper.run(config, tmp_path / "site", date(2026, 11, 23))
    assert "MkDocs failed" in caught.value.message and "no-such-page.md" in caught.value.message


def test_a_failed_build_through_the_helper_is_a_build_error(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    for name in ("mkdocs.yml",):
        (root / name).write_bytes((REPO / name).read_bytes())
    (root / "content").mkdir()
    (root / "content" / "zz-broken.md").write_text("# Broken\n\n[missing](no-such-page.md)\n", encoding="utf-8")
    with EngineProcess.start() as helper, pytest.raises(BuildError) as caught:
        build(BuildPaths(config=root / "mkdocs.yml", data=DATA, site=tmp_path / "site"), AS_OF, search=False,
              helper=helper)
    assert "no-such-page.md" in caught.value.message
    assert not (tmp_path / "site").exists()


def test_helper_never_given_a_job_is_stopped_at_once() -> None:
    started = time.perf_counter()
    with EngineProcess.start() as helper:
        pass
    assert helper.process.returncode is not None
    assert time.perf_counter() - started < 5


def test_a_helper_that_died_is_reported_not_waited_for(tmp_path: Path) -> None:
    config = _broken_site(tmp_path)
    with EngineProcess.start() as helper:
        helper.process.kill()
        helper.process.wait()
        with pytest.raises(EngineError) as caught:
            helper.run(config, tmp_path / "site", date(2026, 11, 23))
    assert "helper process stopped" in caught.value.message
