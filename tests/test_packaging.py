"""The package works installed as a wheel: it carries the schemas and finds them inside itself.

``schemas/`` at the top of the repository is the only copy; ``pyproject.toml`` maps it into the package
as ``rectrack.schemas``. The wheel is built offline (no build isolation, the test environment's
setuptools) from a copy of the sources, and installed without its dependencies into a fresh virtual
environment, which borrows them from this one through a ``.pth`` line (a path line: the editable
install's finder in this environment is not activated there).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from constants import DATA, REPO

pytestmark = pytest.mark.xdist_group("build")


def test_every_package_and_data_folder_under_scripts_is_listed_for_setuptools() -> None:
    """Every package, and every folder of package data (setuptools warns on each install of one it is
    not told of), is listed; nothing else is."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    scripts = REPO / "scripts"
    found = {".".join(init.parent.relative_to(scripts).parts) for init in scripts.rglob("__init__.py")}
    data = {".".join(folder.relative_to(scripts).parts) for folder in (scripts / "rectrack").rglob("*")
            if folder.is_dir() and folder.name != "__pycache__" and not (folder / "__init__.py").exists()}
    assert listed == found | data | {"rectrack.schemas"}


def test_the_wheel_carries_the_schemas_and_validates_the_shipped_data_from_a_fresh_environment(
        tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("scripts", "schemas"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w",
                            str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((tmp_path / "dist").glob("rectrack-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (REPO / "schemas").glob("*.schema.json"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("rectrack/schemas/") and n.endswith(".json")) \
        == shipped

    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True, timeout=120)
    python = fresh / "bin" / "python"
    installed = subprocess.run([*pip, "--python", str(python), "install", "--no-index", "--no-deps", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-3000:]
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")

    elsewhere = tmp_path / "elsewhere"  # far from the repository: nothing to climb to
    shutil.copytree(DATA, elsewhere / "data")
    where = subprocess.run([str(python), "-c", "from rectrack.data.schema import schema_dir; print(schema_dir())"],
                           cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == Path(purelib) / "rectrack" / "schemas"
    result = subprocess.run([str(fresh / "bin" / "rectrack"), "validate", "data"], cwd=elsewhere,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 0 error(s)"), result.stdout
