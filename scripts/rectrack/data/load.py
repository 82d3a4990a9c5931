"""Find the data files of a data directory, parse each, and check it against its schema.

The result keeps every parsed file (with positions) so that the cross-reference checks can point at
the exact line of a bad reference, and so that nothing downstream ever re-reads YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rectrack.data import schema
from rectrack.data.files import editor_leftover, leaves
from rectrack.data.kinds import RESPONSES, SINGLE
from rectrack.data.model import SLUG
from rectrack.data.problems import Code, Problem, Severity, display_path
from rectrack.data.read import LoadedFile, load_file, odd_characters_hint, visible
from rectrack.errors import DataDirError

#: The folder of response files (from the kinds table).
RESPONSES_DIR = RESPONSES.path


@dataclass
class LoadedData:
    """Every file that parsed and passed its schema, keyed by kind; responses keyed by file stem."""

    root: Path
    files: dict[str, LoadedFile] = field(default_factory=dict)
    responses: dict[str, LoadedFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Kinds whose file exists but failed to parse or validate: cross-checks against them are skipped.
    broken: set[str] = field(default_factory=set)


def load_directory(root: Path, schemas: Path | None = None) -> LoadedData:
    if not root.exists():
        raise DataDirError(f"data directory '{root}' does not exist")
    if not root.is_dir():
        raise DataDirError(f"'{root}' is not a directory")
    out = LoadedData(root)
    for file_kind in SINGLE:
        kind, name = file_kind.name, file_kind.path
        path = root / name
        shown = display_path(path)
        if not path.exists() and not path.is_symlink():
            if file_kind.required:
                out.problems.append(Problem(shown, 1, 1, Code.MISSING_FILE, f"required file {name} is missing",
                                            f"create {name} in {display_path(root)}"))
                out.broken.add(kind)
            continue
        _load_one(path, shown, kind, out, schemas, lambda loaded, k=kind: out.files.__setitem__(k, loaded))
    _look_for_stray_yaml(root, out)
    responses = root / RESPONSES_DIR
    if responses.is_dir():
        for path in sorted(responses.iterdir()):
            shown = display_path(path)
            if editor_leftover(path.name):
                out.problems.append(_leftover(path))
                continue
            if path.suffix in (".yml", ".json") or (path.suffix == ".yaml" and path.name.startswith(".")):
                out.problems.append(Problem(shown, 1, 1, Code.IGNORED_FILE, f"{path.name} is ignored",
                                            "response files must be named FORCE-ID.yaml", severity=Severity.WARNING))
                continue
            if path.suffix != ".yaml":
                continue
            if not SLUG.fullmatch(path.stem):
                out.problems.append(Problem(shown, 1, 1, Code.BAD_FILE_NAME,
                                            f"'{visible(path.name, ascii_only=True)}' is not a force id followed "
                                            "by .yaml", odd_characters_hint(
                                                path.name, "name the file after the force's id, e.g. "
                                                "devon-and-cornwall.yaml")))
                continue
            _load_one(path, shown, "force_response", out, schemas,
                      lambda loaded, s=path.stem: out.responses.__setitem__(s, loaded))
    return out


def _load_one(path: Path, shown: str, kind: str, out: LoadedData, schemas: Path | None, keep) -> None:
    if leaves(path, out.root):  # checked before anything is read: the target's content must never show
        out.problems.append(Problem(shown, 1, 1, Code.LINK_OUTSIDE,
                                    "this is a link to a file outside the data folder; it is not read",
                                    "put the file itself here instead of a link (links are followed only "
                                    "within the data folder)"))
        out.broken.add(kind)
        return
    loaded, problems = load_file(path, shown)
    out.problems.extend(problems)
    if loaded is None:
        out.broken.add(kind)
        return
    found = schema.check(loaded, kind, schemas)
    out.problems.extend(found)
    if found or problems:
        out.broken.add(kind if kind != "force_response" else f"force_response:{path.stem}")
        return
    keep(loaded)


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
