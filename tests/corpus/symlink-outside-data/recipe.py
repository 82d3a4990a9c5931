"""Built at test time rather than committed (too big, binary or invisible).

kent.yaml is a symbolic link to /etc/passwd, outside the data directory (a pull request can commit
such a link): the file must not be read, so nothing of it can reach a message, an annotation or the site.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    (data / "force_responses" / "hmicfrs-2026-ocsa-mosovo" / "kent.yaml").symlink_to("/etc/passwd")
