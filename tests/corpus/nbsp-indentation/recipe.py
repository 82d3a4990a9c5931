"""Built at test time rather than committed (too big, binary or invisible).

Line 11 of kent.yaml is indented with a non-breaking space (U+00A0, pasted from Word or a web page)
before its ordinary space; YAML sees it as text, not indentation.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  - {recommendation: 4,", "\u00a0 - {recommendation: 4,"), "utf-8")
