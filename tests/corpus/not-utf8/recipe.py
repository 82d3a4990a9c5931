"""Built at test time rather than committed (too big, binary or invisible).

A file saved in Windows-1252: the pound sign is byte 0xA3 on line 4.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    text = path.read_text("utf-8").replace("for Kent", "for Kent (\u00a3 budget)")
    path.write_bytes(text.encode("cp1252"))
