"""The docs tree is copied into the build's working folder: exactly the tree, and only what changed."""

from __future__ import annotations

import os
from pathlib import Path

from rectrack.site.tree import sync_tree


def _everything(folder: Path) -> tuple[dict[str, bytes], set[str]]:
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    folders = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}
    return files, folders


def test_a_new_folder_gets_exactly_the_tree(tmp_path: Path) -> None:
    tree = {"index.md": b"# Home", "reports/a/index.md": b"# A", "reports/a/recommendations/1.md": b"# 1",
            "assets/empty.css": b""}
    sync_tree(tree, tmp_path / "docs")
    files, folders = _everything(tmp_path / "docs")
    assert files == tree
    assert folders == {"reports", "reports/a", "reports/a/recommendations", "assets"}


def test_a_used_folder_ends_up_holding_exactly_the_tree_and_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    sync_tree({"index.md": b"# Home", "old/gone/page.md": b"# Gone", "old/kept.md": b"# Kept",
               "changed.md": b"before", "lone/deep/er/page.md": b"x"}, docs)
    (docs / "empty" / "nested").mkdir(parents=True)
    for path in docs.rglob("*.md"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    tree = {"index.md": b"# Home", "old/kept.md": b"# Kept", "changed.md": b"after", "new/page.md": b"# New"}
    sync_tree(tree, docs)
    files, folders = _everything(docs)
    assert files == tree
    assert folders == {"old", "new"}
    assert (docs / "index.md").stat().st_mtime_ns == 1_000_000_000  # the live preview's reload stays quiet
    assert (docs / "old" / "kept.md").stat().st_mtime_ns == 1_000_000_000
    assert (docs / "changed.md").stat().st_mtime_ns != 1_000_000_000
