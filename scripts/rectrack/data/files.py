"""Which files in a folder Rectrack may read: not editors' leftovers, not links that leave the folder.

Both rules serve the data folder (``rectrack.data.load``) and the project's pages and theme
(``rectrack.site.tree``), so that they are the same everywhere.

- **Editors' leftovers** are lock, backup and swap files that word processors and text editors leave
  beside the file being edited: Office's ``~$name``, Emacs' ``.#name`` and ``name~``, Vim's
  ``.name.swp``. They are never content; they are ignored with a warning (not an error: an editor
  with the file open must not block a build).
- **Links leaving the folder**: a symbolic link, committed in a pull request, can point at any file
  of the machine that builds (``/etc/passwd``, a key). A file reached through a link whose target is
  outside the folder is never read, so its content cannot reach a message, an annotation or the site.
"""

from __future__ import annotations

import re
from pathlib import Path

_LEFTOVER = re.compile(r"^(~\$.*|\.#.*|.*~|\..*\.sw[a-p])$", re.DOTALL)


def editor_leftover(name: str) -> bool:
    """True for an editor's lock, backup or swap file (``~$a.yaml``, ``.#a.yaml``, ``a.yaml~``, ``.a.yaml.swp``)."""
    return bool(_LEFTOVER.match(name))


def leaves(path: Path, folder: Path) -> bool:
    """True when ``path``, with every link in it followed, is not inside ``folder`` (followed too)."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop: it cannot be read anyway, and must not be tried
        return True


def links_leaving(folder: Path, boundary: Path, _seen: set[Path] | None = None) -> list[Path]:
    """Every link under ``folder`` (the folder itself included) whose target is outside ``boundary``.

    Links that stay inside are followed, as the engine's template loader would follow them.
    """
    if folder.is_symlink() and leaves(folder, boundary):
        return [folder]
    seen = _seen if _seen is not None else set()
    real = folder.resolve()
    if real in seen or not folder.is_dir():
        return []
    seen.add(real)
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink() and leaves(path, boundary):
            found.append(path)
        elif path.is_dir():
            found += links_leaving(path, boundary, seen)
    return found
