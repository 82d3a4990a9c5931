"""Never lose a file, never leak one, never publish a broken site (issue 13).

Each test is one way a build used to go wrong with ordinary mistakes or ordinary machine trouble: an
output folder that holds other things, links out of the project, a full disk, a rename that fails, two
builds at once, a killed build, read-only or immutable folders. Where the machine allows it, the
trouble is real (a small tmpfs, a read-only mount, in a private mount namespace made by ``unshare``);
otherwise it is injected where the operating system would report it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser.sitebuild import AS_OF, make_root
from click.testing import CliRunner
from rectrack.cli import cli
from rectrack.site import lock, outdir, pagefind, swap

pytestmark = pytest.mark.xdist_group("build")
RECTRACK = Path(sys.executable).with_name("rectrack")


# --- helpers ---------------------------------------------------------------------------------------

def digest(root: Path) -> dict[str, str]:
    """Every file, folder and link under ``root`` with its bytes' hash: equal digests, equal trees."""
    out = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[key] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[key] = "dir"
        else:
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def build(root: Path, *args: str, as_of: str = AS_OF):
    """``rectrack build`` in-process from the project folder ``root`` (its data, config and site)."""
    old = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, ["build", "--as-of", as_of, *args])
    finally:
        os.chdir(old)


def run(root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300):
    """The real executable, from ``root``: for what only a process shows (exit code, no traceback)."""
    return subprocess.run([str(RECTRACK), *args], cwd=root, capture_output=True, text=True, timeout=timeout,
                          env={k: v for k, v in {**os.environ, **(env or {})}.items() if k != "RECTRACK_DEBUG"})


def assert_refused(result, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # an expected error, not a crash
    assert "internal error" not in result.output


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A project with a complete site built by Rectrack, made once; tests work on copies of it."""
    root = make_root(tmp_path_factory.mktemp("built") / "project")
    result = build(root)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A private copy of the built project (``site/`` included)."""
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    return root


def leftovers(root: Path) -> list[str]:
    """What a build may leave besides the project's own files, the site, the cache and the lock file."""
    found = sorted(p.name for p in root.iterdir() if p.name not in ("mkdocs.yml", "content", "overrides", "data",
                                                                    "site", "build"))
    work = root / "build"
    if work.is_dir():
        found += sorted(f"build/{p.name}" for p in work.iterdir() if p.name not in ("cache", lock.LOCK_FILE, lock.RUNS))
        if (work / lock.RUNS).is_dir():
            found += sorted(f"build/{lock.RUNS}/{p.name}" for p in (work / lock.RUNS).iterdir())
    return found


# --- the output folder --------------------------------------------------------------------------------

def test_site_dir_at_the_project_deletes_nothing(project: Path) -> None:
    before = digest(project)
    result = build(project, "--site-dir", ".")
    assert_refused(result, 2)
    assert "is the project folder" in result.output
    assert digest(project) == before


def test_site_dir_containing_the_project_deletes_nothing(project: Path) -> None:
    (project.parent / "notes.txt").write_text("mine\n", "utf-8")
    before = digest(project.parent)
    result = build(project, "--site-dir", "..")
    assert_refused(result, 2)
    assert "contains the project folder" in result.output
    assert digest(project.parent) == before


@pytest.mark.parametrize("where,what", [("data", "the data folder"), ("data/out", "the data folder"),
                                        ("content", "the content folder"), ("overrides", "the theme overrides"),
                                        ("build", "Rectrack's working folder")])
def test_site_dir_in_the_project_s_own_folders_deletes_nothing(project: Path, where: str, what: str) -> None:
    before = digest(project)
    result = build(project, "--site-dir", where)
    assert_refused(result, 2)
    assert what in result.output
    assert digest(project) == before


def test_a_foreign_web_folder_is_not_emptied(project: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("<p>someone else's site</p>\n", "utf-8")
    (www / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    before = digest(www)
    result = build(project, "--site-dir", str(www))
    assert_refused(result, 2)
    assert "not empty" in result.output and outdir.MARKER in result.output
    assert digest(www) == before


def test_a_file_as_site_dir_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "site.txt").write_text("x\n", "utf-8")
    result = build(project, "--site-dir", str(tmp_path / "site.txt"))
    assert_refused(result, 2)
    assert (tmp_path / "site.txt").read_text("utf-8") == "x\n"


def test_an_empty_folder_and_rectrack_s_own_site_are_built_into(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(project, "--no-search", "--site-dir", str(empty)).exit_code == 0
    assert (empty / outdir.MARKER).is_file() and (empty / "index.html").is_file()
    assert build(project, "--no-search", "--site-dir", str(empty)).exit_code == 0  # now it is ours


# --- links leaving the project, editors' leftovers in the pages -----------------------------------------

def test_a_content_file_linked_outside_the_project_is_refused_and_not_shown(project: Path) -> None:
    (project / "content" / "passwords.md").symlink_to("/etc/passwd")
    before = digest(project / "site")
    result = build(project)
    assert_refused(result, 1)
    assert "content/passwords.md" in result.output and "outside the project" in result.output
    assert "root:" not in result.output
    assert digest(project / "site") == before


def test_an_overrides_file_linked_outside_the_project_is_refused(project: Path) -> None:
    (project / "overrides" / "hosts.txt").symlink_to("/etc/hosts")
    before = digest(project / "site")
    result = build(project)
    assert_refused(result, 1)
    assert "overrides/hosts.txt" in result.output
    assert digest(project / "site") == before


def test_links_inside_the_project_are_followed(project: Path) -> None:
    (project / "notes.md").write_text("# Notes\n\nKept beside the config.\n", "utf-8")
    (project / "content" / "notes.md").symlink_to(project / "notes.md")
    result = build(project, "--no-search")
    assert result.exit_code == 0, result.output
    assert "Kept beside the config." in (project / "site" / "notes" / "index.html").read_text("utf-8")


def test_editors_leftovers_in_content_are_warned_about_and_not_published(project: Path) -> None:
    content = project / "content"
    shutil.copyfile(content / "publish.md", content / "publish.md~")
    (content / "~$publish.md").write_bytes(b"\x08J. Smith" + b"\x00" * 45)
    result = build(project, "--no-search")
    assert result.exit_code == 0, result.output
    assert "content/publish.md~" in result.output and "content/~$publish.md" in result.output
    published = {p.name for p in (project / "site").rglob("*")}
    assert not {"publish.md~", "~$publish.md", "~$publish"} & published


# --- the new site is checked before the swap ------------------------------------------------------------

@pytest.mark.parametrize("bundle", ["pagefind", "pagefind-responses/2026"])
def test_an_empty_search_file_stops_the_swap(project: Path, monkeypatch: pytest.MonkeyPatch, bundle: str) -> None:
    """What Pagefind does on a full disk: it writes empty files and exits 0 (in either search's bundle)."""
    real_index = pagefind.index

    def index_on_a_full_disk(site_dir: Path, *rest) -> None:
        real_index(site_dir, *rest)
        for name in ("pagefind.js", "pagefind-entry.json"):
            (site_dir / bundle / name).write_bytes(b"")

    monkeypatch.setattr(pagefind, "index", index_on_a_full_disk)
    before = digest(project / "site")
    result = build(project)
    assert_refused(result, 1)
    assert f"{bundle}/pagefind.js" in result.output and "existing site was left unchanged" in result.output
    assert digest(project / "site") == before
    assert leftovers(project) == []


def test_a_missing_page_stops_the_swap(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_index = pagefind.index

    def index_and_lose_a_page(site_dir: Path, *rest) -> None:
        (site_dir / "forces" / "kent" / "index.html").unlink()
        real_index(site_dir, *rest)

    monkeypatch.setattr(pagefind, "index", index_and_lose_a_page)
    before = digest(project / "site")
    result = build(project)
    assert_refused(result, 1)
    assert "forces/kent/index.html" in result.output
    assert digest(project / "site") == before


# --- the swap -----------------------------------------------------------------------------------------

def _failing_rename(monkeypatch: pytest.MonkeyPatch, when, code: int = errno.EBUSY) -> None:
    real = os.rename

    def rename(src, dst, *args, **kwargs):
        if when(Path(src), Path(dst)):
            raise OSError(code, os.strerror(code), str(src))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(swap.os, "rename", rename)


def test_a_failing_final_rename_puts_the_old_site_back(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A virus scanner or a sync client holding a file of the new site when it is renamed into place."""
    site = project / "site"
    _failing_rename(monkeypatch, lambda src, dst: dst == site and swap.NEW in src.name)
    before = digest(site)
    result = build(project)
    assert_refused(result, 1)
    assert "in use by another program" in result.output and "previous site was put back" in result.output
    assert digest(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_a_site_that_cannot_be_moved_aside_is_left_as_it_was(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = project / "site"
    _failing_rename(monkeypatch, lambda src, dst: src == site, errno.EPERM)
    before = digest(site)
    result = build(project)
    assert_refused(result, 1)
    assert "not permitted" in result.output and "existing site was left unchanged" in result.output
    assert digest(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_an_old_site_that_cannot_be_deleted_is_reported(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if swap.OLD in Path(path).name:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(swap.shutil, "rmtree", rmtree)
    result = build(project, "--no-search")
    assert result.exit_code == 0, result.output
    [old] = [p for p in project.iterdir() if swap.OLD in p.name]
    assert f"the previous site could not be deleted: {old}" in result.output


def test_a_killed_swap_is_repaired_by_the_next_build(project: Path) -> None:
    """Killed between its two renames, a build leaves no site/, only the old one moved aside."""
    site = project / "site"
    aside = project / f".site{swap.OLD}1234-killed"
    site.rename(aside)
    before = digest(aside)
    (project / "content" / "zz-broken.md").write_text("# Broken\n\n[missing](no-such-page.md)\n", "utf-8")
    result = build(project)  # fails late (MkDocs), after the repair
    assert_refused(result, 1)
    assert digest(site) == before and not aside.exists()


# --- one build at a time -----------------------------------------------------------------------------

def test_a_second_build_is_refused_while_one_runs(project: Path) -> None:
    before = digest(project / "site")
    with lock.one_build_at_a_time(project / "build", "2026-01-02"):
        result = build(project)
    assert_refused(result, 1)
    assert "another build of this project is running" in result.output
    assert f"process {os.getpid()}" in result.output and "started at 20" in result.output
    assert digest(project / "site") == before


def _as_of_dates(site: Path) -> set[str]:
    dates = set()
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        start = text.find('class="rt-asat"')
        if start != -1:
            marker = text.find('datetime="', start) + len('datetime="')
            dates.add(text[marker:marker + 10])
    return dates


def test_two_builds_at_once_end_with_one_complete_site_of_one_date(project: Path) -> None:
    processes = [subprocess.Popen([str(RECTRACK), "build", "--as-of", as_of], cwd=project, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for as_of in ("2026-11-23", "2026-12-24")]
    outputs = [(p.wait(timeout=300), p.stdout.read()) for p in processes]
    for code, output in outputs:
        assert code in (0, 1), output
        assert "Traceback" not in output and "internal error" not in output
        if code == 1:
            assert "another build of this project is running" in output, output
    assert any(code == 0 for code, _ in outputs), outputs
    site = project / "site"
    dates = _as_of_dates(site)
    assert len(dates) == 1, dates
    data_status = json.loads((site / "downloads" / "status.json").read_text("utf-8"))
    assert data_status and (site / "pagefind" / "pagefind.js").stat().st_size > 0
    assert leftovers(project) == []


# --- leftovers ----------------------------------------------------------------------------------------

def test_a_killed_build_leaves_nothing_once_the_next_build_has_run(project: Path) -> None:
    process = subprocess.Popen([str(RECTRACK), "build", "--as-of", AS_OF], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        staged = [p for p in project.iterdir() if swap.NEW in p.name or p.name.startswith(".site-new-")]
        if staged and any(staged[0].rglob("index.html")):
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert [p for p in project.iterdir() if p.name.startswith(".")], "the kill came too late to test anything"
    result = build(project, "--no-search")
    assert result.exit_code == 0, result.output
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []
    assert leftovers(project) == []


def test_stale_working_folders_are_removed_and_live_ones_kept(project: Path) -> None:
    runs = project / "build" / lock.RUNS
    with lock.working_folder(project / "build", "serve") as live:
        stale = runs / "build-99999-dead"
        (stale / "docs").mkdir(parents=True)
        (stale / "docs" / "index.md").write_text("# old\n", "utf-8")
        result = build(project, "--no-search")
        assert result.exit_code == 0, result.output
        assert not stale.exists()
        assert live.is_dir()
    assert not live.exists()


# --- the machine's own trouble: full disks, read-only and immutable folders, mount points ----------------
#
# Real file systems where the machine allows it: each scenario runs in a private mount namespace
# (``unshare -m``; as an ordinary user ``unshare -rm``), so its mounts vanish with it whatever happens.

def _unshare() -> list[str] | None:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return None
    for command in (["unshare", "-m"], ["unshare", "-rm"]):
        probe = subprocess.run([*command, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || "
                                "mount -t tmpfs -o size=64k tmpfs \"$TMPDIR\""], capture_output=True,
                               env={**os.environ, "TMPDIR": os.environ.get("TMPDIR", "/tmp")})
        if probe.returncode == 0:
            return command
    return None


UNSHARE = _unshare()
needs_mounts = pytest.mark.skipif(UNSHARE is None, reason="cannot make a private mount namespace here")

#: Runs inside the namespace: mount what the scenario says, build, report exit code, output and digests.
_SCENARIO = r"""
import hashlib, json, os, subprocess, sys
rectrack, site, setup, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4:]
def sh(command):
    subprocess.run(["sh", "-c", command], check=True)
def digest(root):
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            key = os.path.relpath(path, root)
            out[key] = "dir" if os.path.isdir(path) else hashlib.sha256(open(path, "rb").read()).hexdigest()
    return out
for command in setup:
    sh(command)
before = digest(site)
result = subprocess.run([rectrack, "build", "--as-of", "2026-11-23", *args], capture_output=True, text=True)
print(json.dumps({"code": result.returncode, "output": result.stdout + result.stderr, "before": before,
                  "after": digest(site), "mount": os.path.ismount(site),
                  "beside": sorted(os.listdir(os.path.dirname(site))), "inside": sorted(os.listdir(site))}))
"""


def in_namespace(project: Path, site: Path, setup: list[str], *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "RECTRACK_DEBUG"}
    result = subprocess.run([*UNSHARE, sys.executable, "-c", _SCENARIO, str(RECTRACK), str(site), json.dumps(setup),
                             *args], cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_mounts
@pytest.mark.parametrize("room,says", [(40, "no space left on the device"), (97, "the new site is incomplete")])
def test_a_disk_full_build_leaves_the_old_site_and_says_why(project: Path, tmp_path: Path, room: int,
                                                            says: str) -> None:
    """A small tmpfs holds the old site and room for ROOM% of a new one: MkDocs fails writing (40), or
    Pagefind, the last to write, silently writes empty files and exits 0 (97: its bundle is about a
    tenth of the site); either way the old site stays and the exit is 1."""
    disk = tmp_path / "disk"
    disk.mkdir()
    setup = [f"mount -t tmpfs -o size=64m tmpfs {disk}", f"cp -a {project / 'site'} {disk}/site",
             f"used=$(df -k --output=used {disk} | tail -1); mount -o remount,size=$((used + used * {room} / 100))k "
             f"{disk}"]
    outcome = in_namespace(project, disk / "site", setup, "--site-dir", str(disk / "site"))
    assert outcome["code"] == 1, outcome["output"]
    assert "internal error" not in outcome["output"] and "Traceback" not in outcome["output"]
    assert says in outcome["output"] and "existing site was left unchanged" in outcome["output"]
    assert "free some space" in outcome["output"]
    assert outcome["after"] == outcome["before"]
    assert outcome["beside"] == ["site"]


@needs_mounts
def test_a_full_working_folder_is_reported_as_such(project: Path) -> None:
    outcome = in_namespace(project, project / "site", [f"mount -t tmpfs -o size=8k tmpfs {project / 'build'}"])
    assert outcome["code"] == 1, outcome["output"]
    assert "no space left" in outcome["output"] and "internal error" not in outcome["output"]
    assert outcome["after"] == outcome["before"]


@needs_mounts
def test_a_read_only_project_is_reported_as_such(project: Path) -> None:
    setup = [f"mount --bind {project} {project}", f"mount -o remount,ro,bind {project}"]
    outcome = in_namespace(project, project / "site", setup)
    assert outcome["code"] == 1, outcome["output"]
    assert "read-only file system" in outcome["output"] and "internal error" not in outcome["output"]
    assert outcome["after"] == outcome["before"]


@needs_mounts
def test_a_site_that_is_a_mount_point_has_its_contents_replaced(project: Path) -> None:
    site = project / "site"
    setup = [f"mv {site} {project}/old", f"mkdir {site}", f"mount -t tmpfs -o size=64m tmpfs {site}",
             f"cp -a {project}/old/. {site}/", f"echo stale > {site}/stale.txt"]
    outcome = in_namespace(project, site, setup, "--no-search")
    assert outcome["code"] == 0, outcome["output"]
    assert outcome["mount"], "the site must still be the mount point"
    assert "stale.txt" not in outcome["inside"] and outdir.MARKER in outcome["inside"]
    assert "index.html" in outcome["inside"] and not [n for n in outcome["inside"] if swap.NEW in n or swap.OLD in n]


@needs_mounts
def test_a_read_only_mounted_site_is_left_as_it_was(project: Path) -> None:
    site = project / "site"
    setup = [f"mv {site} {project}/old", f"mkdir {site}", f"mount -t tmpfs -o size=64m tmpfs {site}",
             f"cp -a {project}/old/. {site}/", f"mount -o remount,ro {site}"]
    outcome = in_namespace(project, site, setup)
    assert outcome["code"] == 1, outcome["output"]
    assert "read-only file system" in outcome["output"] and "internal error" not in outcome["output"]
    assert outcome["after"] == outcome["before"]


def test_an_immutable_site_is_left_as_it_was(project: Path) -> None:
    site = project / "site"
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(site)]).returncode != 0:
        pytest.skip("chattr +i is not possible here")
    try:
        before = digest(site)
        result = run(project, "build", "--as-of", AS_OF)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "immutable" in result.stderr and "internal error" not in result.stderr
        assert digest(site) == before
    finally:
        subprocess.run(["chattr", "-i", str(site)], check=True)
