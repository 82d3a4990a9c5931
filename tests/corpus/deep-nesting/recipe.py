"""Built at test time rather than committed (too big, binary or invisible).

100,000 nested brackets (crashed libyaml's composer before it was guarded).
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    text = "# deep\nowner: " + "[" * 100_000 + "]" * 100_000 + "\n"
    (data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml").write_text(text, "utf-8")
