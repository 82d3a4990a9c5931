"""Built at test time rather than committed (too big, binary or invisible).

A 50,000-character action text (the limit is 20,000).
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    with path.open("a", encoding="utf-8") as out:
        out.write('  - {recommendation: 3, action: "' + "word " * 10_000 + '", implementation: not-stated}\n')
