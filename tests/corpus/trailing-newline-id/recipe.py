"""Built at test time rather than committed (too big, binary or invisible).

A force id with a trailing line break, written as a quoted YAML string: "avon-and-somerset\\n". A
pattern anchored with a bare `$` lets it through (Python's `$` matches before a final newline), and
the build would make a folder whose name ends in a line break.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "organisations.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  - id: avon-and-somerset\n", '  - id: "avon-and-somerset\\n"\n', 1), "utf-8")
