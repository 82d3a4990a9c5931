"""Built at test time rather than committed (too big, binary or invisible).

kent.yaml is a symbolic link to /dev/zero, an endless stream of NUL bytes.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    (data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml").symlink_to("/dev/zero")
