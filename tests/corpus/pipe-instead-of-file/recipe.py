"""Built at test time rather than committed (too big, binary or invisible).

kent.yaml is a named pipe: reading it would wait for ever.
"""

from __future__ import annotations

import os
from pathlib import Path


def make(data: Path) -> None:
    os.mkfifo(data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml")
