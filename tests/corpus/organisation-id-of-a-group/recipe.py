"""Built at test time rather than committed (the organisations file is long).

Replaces the one-report format's 'reserved-id' case (a national body with the id 'forces'): in the
national-tracker model organisations and groups share one set of ids, and 'forces' is the group of
every territorial force, so an organisation with that id would make every owner 'forces' mean two
things.
"""

from __future__ import annotations

from pathlib import Path

ORGANISATION = """\
  - id: forces
    name: "All forces"
    abbreviation: null
    other_names: []
    kind: national-policing-body
    country: England and Wales
    region: null
    description: "Every force."
    governance: []
"""


def make(data: Path) -> None:
    path = data / "organisations.yaml"
    path.write_text(path.read_text("utf-8") + ORGANISATION, "utf-8")
