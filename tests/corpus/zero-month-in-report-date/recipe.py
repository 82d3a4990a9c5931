"""Built at test time rather than committed (the reports file is long).

The shipped report published "2026-00": month zero. It has the form of a partial date, and once slipped
through as January (0 was read as "no month"), so the build then failed with an internal error.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "reports.yaml"
    path.write_text(path.read_text("utf-8").replace('published: "2026-04"', 'published: "2026-00"', 1), "utf-8")
