"""The docs tree the engine builds from: hand-written content, the package's assets, the generated pages.

It is rendered into a working folder (``build/docs``), never into ``content/``: ``serve`` watches
``content/``, and writing there would make it reload for ever. Only files whose bytes changed are
rewritten, which keeps the engine's live reload quiet.
"""

from __future__ import annotations

from pathlib import Path

from rectrack.errors import BuildError

#: The package's own front-end files, published under ``assets/``.
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def docs_tree(content: Path, rendered: dict[str, str]) -> dict[str, bytes]:
    """Every file of the docs tree by its relative path: content, then assets, then generated pages."""
    tree: dict[str, bytes] = {}
    for base, prefix in ((content, ""), (ASSETS, "assets/")):
        for path in sorted(base.rglob("*")):
            if path.is_file():
                tree[prefix + path.relative_to(base).as_posix()] = path.read_bytes()
    for name, text in rendered.items():
        if name in tree:
            raise BuildError(f"generated page {name} would overwrite {content.name}/{name}; "
                             "rename the hand-written page")
        tree[name] = text.encode("utf-8")
    return tree


def sync_tree(tree: dict[str, bytes], target: Path) -> None:
    """Make ``target`` hold exactly ``tree``, rewriting only the files that changed."""
    target.mkdir(parents=True, exist_ok=True)
    for name, content in tree.items():
        path = target / name
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    wanted = {target / name for name in tree}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
