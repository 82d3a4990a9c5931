"""The docs tree the engine builds from (hand-written content, the package's assets, the generated
pages) and the theme overrides the engine reads.

Both are copied into the build's working folder, never used in place: ``serve`` watches ``content/``
(writing there would make it reload for ever), and the engine must read nothing of the project that
Rectrack has not checked. Checked means: no file reached through a link that leaves the project (a
committed link to ``/etc/passwd`` would otherwise be published), and no editors' leftovers
(``~$publish.md``, ``publish.md~``: skipped with a warning). Only files whose bytes changed are
rewritten, which keeps the engine's live reload quiet.
"""

from __future__ import annotations

import os
from pathlib import Path

from rectrack.data.files import editor_leftover, links_leaving
from rectrack.data.problems import Code, Problem, Severity, display_path
from rectrack.errors import BuildError

#: The package's own front-end files, published under ``assets/``.
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def project_files(folder: Path, project: Path, warnings: list[Problem]) -> dict[str, bytes]:
    """The files of a project folder by relative path; :class:`BuildError` for links leaving ``project``."""
    outside = links_leaving(folder, project)
    if outside:
        names = ", ".join(display_path(path) for path in outside[:5])
        raise BuildError(f"{names}: a link to a file outside the project; Rectrack does not read or publish it",
                         hint="put the file itself in the project instead of a link")
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(editor_leftover(part) for part in relative.parts):
            if editor_leftover(path.name):
                warnings.append(Problem(display_path(path), 1, 1, Code.IGNORED_FILE,
                                        f"{path.name} is not published: it looks like a lock or backup file left "
                                        "by an editor", "close the file in the editor, or delete the leftover",
                                        severity=Severity.WARNING))
            continue
        if path.is_file():
            files[relative.as_posix()] = path.read_bytes()
    return files


def docs_tree(content: Path, project: Path, rendered: dict[str, str], warnings: list[Problem]) -> dict[str, bytes]:
    """Every file of the docs tree by its relative path: content, then assets, then generated pages."""
    tree = project_files(content, project, warnings)
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            tree["assets/" + path.relative_to(ASSETS).as_posix()] = path.read_bytes()
    for name, text in rendered.items():
        if name in tree:
            raise BuildError(f"generated page {name} would overwrite {content.name}/{name}; "
                             "rename the hand-written page")
        tree[name] = text.encode("utf-8")
    return tree


def sync_tree(tree: dict[str, bytes], target: Path) -> None:
    """Make ``target`` hold exactly ``tree``, rewriting only the files that changed.

    One walk of what is there, and each folder made once: a national tracker's tree has over ten
    thousand pages, and a stat, a ``mkdir`` and a search of a set of paths per page took seconds."""
    target.mkdir(parents=True, exist_ok=True)
    existing = files_under(target).keys()
    folders = {""}
    for name, content in tree.items():
        path = target / name
        if name in existing and path.read_bytes() == content:
            continue
        folder = name.rpartition("/")[0]
        if folder not in folders:
            (target / folder).mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        path.write_bytes(content)
    if not existing:
        return
    for name in existing - tree.keys():
        (target / name).unlink()
    for root, dirs, files in os.walk(target, topdown=False):
        if root != str(target) and not files and not any(os.path.exists(os.path.join(root, d)) for d in dirs):
            os.rmdir(root)


def files_under(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` (links to files included, as ``is_file`` counts them) by its path relative
    to it (``/`` between parts), with its size: one walk, where a stat per expected path took seconds."""
    sizes = {}
    for root, _, files in os.walk(folder):
        relative = os.path.relpath(root, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in files:
            try:
                sizes[prefix + name] = os.stat(os.path.join(root, name)).st_size
            except OSError:  # a dangling link: not a file
                continue
    return sizes
