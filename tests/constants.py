"""Constants every test shares: where things are, which command to run, and the date the checks speak for."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SOURCES = DATA / "sources"
#: The ``rectrack`` command of the Python running the tests (the project's venv).
RECTRACK = Path(sys.executable).with_name("rectrack")
#: The as-at date of the acceptance checks: 23 days after the 31 October 2026 deadlines.
AS_OF = date(2026, 11, 23)
AS_OF_ISO = AS_OF.isoformat()
