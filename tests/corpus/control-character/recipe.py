"""Built at test time rather than committed (too big, binary or invisible).

An invisible control character (BEL, pasted from another program) on line 9.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("the Kent tool for every", "the Kent\x07 tool for every"), "utf-8")
