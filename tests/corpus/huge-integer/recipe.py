"""Built at test time rather than committed (too big, binary or invisible).

A 5,000-digit number (more digits than Python converts by default).
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    with path.open("a", encoding="utf-8") as out:
        out.write("  - {recommendation: " + "9" * 5000 + ', action: "Done.", implementation: not-stated}\n')
