"""Built at test time rather than committed (the recommendations file is long).

The earlier report's recommendation loses its id; it has no number either, so nothing names it. Its
assessment is deleted with it (assessments/hmicfrs-2023-online-csae.yaml.DELETE), so that the one
problem is the recommendation's own.
"""

from __future__ import annotations

from pathlib import Path


def make(data: Path) -> None:
    path = data / "recommendations.yaml"
    text = path.read_text("utf-8").replace("    id: npcc-prioritisation-tool\n", "", 1)
    path.write_text(text, "utf-8")
