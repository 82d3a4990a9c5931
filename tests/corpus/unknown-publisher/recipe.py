"""Built at test time rather than committed (the reports file is long).

The shipped report's publisher misspelt as 'hmicfr' (the organisation's id is hmicfrs).
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "reports.yaml"
    path.write_text(path.read_text("utf-8").replace("publishers: [hmicfrs]", "publishers: [hmicfr]", 1), "utf-8")
