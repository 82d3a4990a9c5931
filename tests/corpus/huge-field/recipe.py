"""Built at test time rather than committed (too big, binary or invisible).

A 50,000-character action text (the limit is 20,000).
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    with (data / "force_responses" / "kent.yaml").open("a", encoding="utf-8") as out:
        out.write('  - {recommendation: 3, action: "' + "word " * 10_000 + '", implementation: not-stated}\n')
