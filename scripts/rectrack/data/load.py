"""Find the data files of a data directory, parse each, and check it against its schema.

The result keeps every parsed file (with positions) so that the cross-reference checks can point at
the exact line of a bad reference, and so that nothing downstream ever re-reads YAML. Which files
exist, and where, is the kinds table's business (:mod:`rectrack.data.kinds`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rectrack.background import Background
from rectrack.data import schema
from rectrack.data.files import editor_leftover, leaves
from rectrack.data.kinds import KINDS, LABEL_SEPARATOR, SINGLE, FileKind
from rectrack.data.model import SLUG
from rectrack.data.problems import Code, Problem, Severity, display_path
from rectrack.data.read import LoadedFile, load_file, odd_characters_hint, visible
from rectrack.errors import DataDirError


@dataclass(frozen=True)
class DocumentFile:
    """A response document's file: its kind of folder, and the report and name its place gives it."""

    kind: FileKind
    report: str
    #: The file's stem: OWNER, or OWNER--LABEL for a later document.
    name: str
    loaded: LoadedFile

    @property
    def owner(self) -> str:
        return self.name.split(LABEL_SEPARATOR, 1)[0]


@dataclass
class LoadedData:
    """Every file that parsed and passed its schema: single files by kind, documents, assessments by report."""

    root: Path
    files: dict[str, LoadedFile] = field(default_factory=dict)
    documents: list[DocumentFile] = field(default_factory=list)
    assessments: dict[str, LoadedFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Kinds whose file exists but failed to parse or validate: cross-checks against them are skipped.
    broken: set[str] = field(default_factory=set)


def load_directory(root: Path, schemas: Path | None = None) -> LoadedData:
    if not root.exists():
        raise DataDirError(f"data directory '{root}' does not exist")
    if not root.is_dir():
        raise DataDirError(f"'{root}' is not a directory")
    out = LoadedData(root)
    for kind in SINGLE:
        path = root / kind.path
        if not path.exists() and not path.is_symlink():
            if kind.required:
                out.problems.append(Problem(display_path(path), 1, 1, Code.MISSING_FILE,
                                            f"required file {kind.path} is missing",
                                            f"create {kind.path} in {display_path(root)}"))
                out.broken.add(kind.name)
            continue
        _load_one(path, kind, out, schemas, _keeper(out.files, kind.name))
    _look_for_stray_yaml(root, out)
    for kind in KINDS:
        folder = root / kind.path
        if kind.layout == "report/owner" and folder.is_dir():
            _load_documents(folder, kind, out, schemas)
        elif kind.layout == "report" and folder.is_dir():
            for path in _yaml_files(folder, out, "name the file after the report's id, e.g. "
                                                 "hmicfrs-2026-ocsa-mosovo.yaml"):
                _load_one(path, kind, out, schemas, _keeper(out.assessments, path.stem))
    return out


def _keeper(table: dict[str, LoadedFile], key: str) -> Callable[[LoadedFile], None]:
    """Keep a file that passed its schema in ``table`` under ``key``."""
    def keep(loaded: LoadedFile) -> None:
        table[key] = loaded
    return keep


def _load_documents(folder: Path, kind: FileKind, out: LoadedData, schemas: Path | None) -> None:
    tasks: list[tuple[str, Path]] = []
    for report_dir in sorted(folder.iterdir()):
        if editor_leftover(report_dir.name):
            out.problems.append(_leftover(report_dir))
            continue
        if report_dir.is_symlink() and leaves(report_dir, out.root):
            out.problems.append(_link_outside(report_dir))
            continue
        if report_dir.suffix in (".yaml", ".yml") and report_dir.is_file():
            out.problems.append(Problem(display_path(report_dir), 1, 1, Code.MISPLACED_FILE,
                                        f"{report_dir.name} is not inside a report's folder",
                                        f"move it to {kind.path}/REPORT-ID/{report_dir.name}, where REPORT-ID "
                                        "is the id of the report it answers (reports.yaml)"))
            continue
        if not report_dir.is_dir() or report_dir.name.startswith("."):
            continue
        if not SLUG.fullmatch(report_dir.name):
            out.problems.append(Problem(display_path(report_dir), 1, 1, Code.BAD_FILE_NAME,
                                        f"folder '{visible(report_dir.name, ascii_only=True)}' is not a report id",
                                        odd_characters_hint(report_dir.name,
                                                            "name the folder after the report's id in reports.yaml")))
            continue
        hint = "name it OWNER.yaml (first comments) or OWNER--LABEL.yaml (a later document), e.g. kent--update-1.yaml"
        tasks += [(report_dir.name, path) for path in _yaml_files(report_dir, out, hint, allow_label=True)]
    # Most of a national tracker's files are documents: read and checked on both cores (the problems
    # and the documents are kept in the order of the files, as read one by one).
    results = _in_halves([path for _, path in tasks], lambda part: [
        _read_checked(one, kind, out.root, schemas) for one in part])
    for (report, path), result in zip(tasks, results, strict=True):
        def keep(loaded: LoadedFile, report: str = report, name: str = path.stem) -> None:
            out.documents.append(DocumentFile(kind, report, name, loaded))
        _keep_checked(result, path, kind, out, keep)


def _yaml_files(folder: Path, out: LoadedData, hint: str, allow_label: bool = False) -> list[Path]:
    """The YAML files of a folder named as ids; others are reported (hidden, .yml and .json ones are ignored)."""
    chosen = []
    for path in sorted(folder.iterdir()):
        shown = display_path(path)
        if editor_leftover(path.name):
            out.problems.append(_leftover(path))
            continue
        if path.suffix in (".yml", ".json") or (path.suffix == ".yaml" and path.name.startswith(".")):
            out.problems.append(Problem(shown, 1, 1, Code.IGNORED_FILE, f"{path.name} is ignored", hint,
                                        severity=Severity.WARNING))
            continue
        if path.suffix != ".yaml":
            continue
        parts = path.stem.split(LABEL_SEPARATOR) if allow_label else [path.stem]
        if len(parts) > 2 or not all(SLUG.fullmatch(part) for part in parts):
            out.problems.append(Problem(shown, 1, 1, Code.BAD_FILE_NAME,
                                        f"'{visible(path.name, ascii_only=True)}' is not named as an id",
                                        odd_characters_hint(path.name, hint)))
            continue
        chosen.append(path)
    return chosen


def _load_one(path: Path, kind: FileKind, out: LoadedData, schemas: Path | None,
              keep: Callable[[LoadedFile], None]) -> None:
    _keep_checked(_read_checked(path, kind, out.root, schemas), path, kind, out, keep)


#: A file read and checked: the file if it passed, and its problems.
Checked = tuple[LoadedFile | None, list[Problem]]


def _read_checked(path: Path, kind: FileKind, root: Path, schemas: Path | None) -> Checked:
    """Read ``path`` and check it against its schema, touching nothing shared (it may run in a child)."""
    if leaves(path, root):  # checked before anything is read: the target's content must never show
        return None, [_link_outside(path)]
    loaded, problems = load_file(path, display_path(path))
    if loaded is None:
        return None, problems
    found = schema.check(loaded, kind.name, schemas)
    return (loaded if not (found or problems) else None), problems + found


def _keep_checked(result: Checked, path: Path, kind: FileKind, out: LoadedData,
                  keep: Callable[[LoadedFile], None]) -> None:
    loaded, problems = result
    out.problems.extend(problems)
    if loaded is None:
        out.broken.add(kind.name if not kind.many else f"{kind.name}:{display_path(path)}")
        return
    keep(loaded)


#: Below this many files, a second process costs more than it saves.
PARALLEL_FROM = 64
T = TypeVar("T")
R = TypeVar("R")


def _in_halves(items: list[T], work: Callable[[list[T]], list[R]]) -> list[R]:
    """``work(items)``, its second half done in a forked child while this process does the first."""
    if len(items) < PARALLEL_FROM:
        return work(items)
    middle = len(items) // 2
    with Background(lambda: work(items[middle:]), "reading the data files") as other:
        first = work(items[:middle])
        return first + other.result()


def _link_outside(path: Path) -> Problem:
    return Problem(display_path(path), 1, 1, Code.LINK_OUTSIDE,
                   "this is a link to a file outside the data folder; it is not read",
                   "put the file itself here instead of a link (links are followed only within the data folder)")


def _leftover(path: Path) -> Problem:
    return Problem(display_path(path), 1, 1, Code.IGNORED_FILE,
                   f"{path.name} is ignored: it looks like a lock or backup file left by an editor "
                   "(Word or Excel ~$, Emacs .# or ~, Vim .swp)",
                   "close the file in the editor that has it open, or delete the leftover; it is never read",
                   severity=Severity.WARNING)


def _look_for_stray_yaml(root: Path, out: LoadedData) -> None:
    known = {kind.path for kind in SINGLE}
    for path in sorted(root.iterdir()):
        if editor_leftover(path.name):
            out.problems.append(_leftover(path))
            continue
        if path.match("*.y*ml") and path.name not in known:
            out.problems.append(Problem(display_path(path), 1, 1, Code.IGNORED_FILE,
                                        f"{path.name} is not a Rectrack data file",
                                        f"known files: {', '.join(sorted(known))}", severity=Severity.WARNING))
