"""Built at test time rather than committed (a symbolic link).

A report's folder of responses that is a link to a folder outside the data directory (/etc): refused
unread, so no file there can reach a message or the site.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    (data / "force_responses" / "hmicfrs-2025-ocsa-mosovo").symlink_to("/etc", target_is_directory=True)
