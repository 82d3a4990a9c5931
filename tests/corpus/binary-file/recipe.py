"""Built at test time rather than committed (too big, binary or invisible).

A binary file (a PNG) saved under a .yaml name.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    # PNG signature + IHDR: the first NUL byte follows two line feeds, so it is on line 3
    (data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
