"""Put a finished site in place of the old one, so that readers never see a half-written tree."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

#: The mode of the published folder (``mkdtemp`` creates the new one private to its owner).
SITE_MODE = 0o755


def swap_in(new: Path, site: Path) -> None:
    """Replace ``site`` by ``new`` with two renames; ``new`` must be beside ``site``."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    new.rename(site)
    site.chmod(SITE_MODE)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
