"""Built at test time rather than committed (too big, binary or invisible).

kent.yaml saved by Windows Notepad as "Unicode": UTF-16 (little-endian, with a byte-order mark).
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
