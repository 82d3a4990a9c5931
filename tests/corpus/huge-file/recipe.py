"""Built at test time rather than committed (too big, binary or invisible).

A 3 MB file.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    with path.open("a", encoding="utf-8") as out:
        out.write(("# " + "x" * 98 + "\n") * 30_000)
