"""Built at test time rather than committed (too big, binary or invisible).

A response file named with a Cyrillic "е" (U+0435) in "kent": the name looks right and is not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CASE = Path(__file__).parent


def make(data: Path) -> None:
    shutil.copyfile(CASE.parent / "control-character" / "force_responses" / "kent.yaml",
                    data / "force_responses" / "k\u0435nt.yaml")
