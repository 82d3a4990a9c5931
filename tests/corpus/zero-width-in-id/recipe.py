"""Built at test time rather than committed (too big, binary or invisible).

The force id on line 2 holds a zero-width space (U+200B) between "ke" and "nt": invisible in any editor.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    path.write_text(path.read_text("utf-8").replace("owner: kent\n", "owner: ke\u200bnt\n"), "utf-8")
