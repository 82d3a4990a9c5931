"""Built at test time rather than committed (the reports file is long).

The shipped report published "2026-02-30": the form is right, the day does not exist.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "reports.yaml"
    path.write_text(path.read_text("utf-8").replace('published: "2026-04"', 'published: "2026-02-30"', 1), "utf-8")
