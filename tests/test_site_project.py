"""A build reads the project of its config: the folders mkdocs.yml names are relative to mkdocs.yml.

So ``--config elsewhere/mkdocs.yml`` builds the project at ``elsewhere/`` (its content, its overrides),
and a config whose folders are not there is refused with their names, never built without its help pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from constants import DATA, REPO
from rectrack.cli import cli
from rectrack.errors import UsageError
from rectrack.site.project import load_project

pytestmark = pytest.mark.xdist_group("build")


def _project(root: Path) -> Path:
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def test_folders_are_read_from_the_config_s_folder_whatever_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "elsewhere")
    (tmp_path / "cwd" / "content").mkdir(parents=True)  # a content/ beside the working directory is not it
    monkeypatch.chdir(tmp_path / "cwd")
    project = load_project(Path("../elsewhere/mkdocs.yml"), Path("data"))
    assert project.config == config
    assert project.content == tmp_path / "elsewhere" / "content"
    assert project.overrides == tmp_path / "elsewhere" / "overrides"
    assert project.site == tmp_path / "elsewhere" / "site"
    assert project.work == tmp_path / "elsewhere" / "build"
    assert project.data == tmp_path / "cwd" / "data"  # --data stays relative to where the command runs


@pytest.mark.parametrize("missing", ["content", "overrides"])
def test_a_config_whose_folders_are_not_there_is_refused_naming_them(tmp_path: Path, missing: str) -> None:
    config = _project(tmp_path / "elsewhere")
    shutil.rmtree(tmp_path / "elsewhere" / missing)
    with pytest.raises(UsageError) as caught:
        load_project(config, DATA)
    assert str(tmp_path / "elsewhere" / missing) in caught.value.message
    assert ("docs_dir: content" if missing == "content" else "theme.custom_dir: overrides") in caught.value.message


def test_build_with_a_config_from_another_folder_stops_with_exit_2_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The defect: a copied mkdocs.yml built a site without the help pages (and the safe page title), exit 0."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "configs").mkdir()
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "configs" / "mkdocs.yml")
    result = CliRunner().invoke(cli, ["build", "--as-of", "2026-11-23", "--data", str(DATA),
                                      "--config", "configs/mkdocs.yml", "--site-dir", "out"])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'configs' / 'content'} is not a folder" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["configs", "mkdocs.yml"]


def test_build_with_a_config_from_another_folder_uses_that_project_s_pages(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "elsewhere")
    marker = "Written for the project elsewhere"
    publish = tmp_path / "elsewhere" / "content" / "publish.md"
    publish.write_text(publish.read_text("utf-8") + f"\n{marker}.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--as-of", "2026-11-23", "--data", str(DATA), "--no-search",
                                      "--config", str(config)])
    assert result.exit_code == 0, result.output
    site = tmp_path / "elsewhere" / "site"
    assert marker in (site / "publish" / "index.html").read_text("utf-8")
    assert "<title>" in (site / "index.html").read_text("utf-8")
    assert not (tmp_path / "site").exists() and not (tmp_path / "build").exists()
