"""Built at test time rather than committed (too big, binary or invisible).

The shipped report's folder of responses renamed with a Cyrillic "о" (U+043E) in "mosovo": the name
looks right and is not a report id.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    folder = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo"
    folder.rename(folder.with_name("hmicfrs-2026-ocsa-m\u043esovo"))
