"""Built at test time rather than committed (too big, binary or invisible).

A response file named with a Cyrillic "е" (U+0435) in "kent": the name looks right and is not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CASE = Path(__file__).parent


def make(data: Path) -> None:
    folder = ("force_responses", "hmicfrs-2026-ocsa-mosovo")
    shutil.copyfile(CASE.parent.joinpath("control-character", *folder, "kent.yaml"),
                    data.joinpath(*folder, "k\u0435nt.yaml"))
