"""The inspectors' terminal view of a Tracker: overdue by owner, due soon, missing responses.

Kept apart from the CLI so that tests can read the same rows the command prints.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rectrack.derive import DUE_SOON_DAYS, Tracker
from rectrack.text import long_date
from rectrack.wording import countdown, response_label, s55_reason


@dataclass(frozen=True)
class StatusRow:
    section: str  # overdue | due-soon | missing-response
    owner: str
    owner_name: str
    recommendation: int | None
    deadline: str | None
    days: int | None
    detail: str


def status_rows(tracker: Tracker) -> list[StatusRow]:
    dataset = tracker.dataset
    names = {f.id: f.name for f in dataset.forces} | {b.id: b.name for b in dataset.bodies}
    rows: list[StatusRow] = []
    overdue = [a for a in tracker.assignments if a.state == "overdue"]
    # Oldest first: the most days past the deadline at the top, then by owner for a stable order.
    for a in sorted(overdue, key=lambda a: (a.days, a.owner, a.recommendation.number)):
        rows.append(StatusRow("overdue", a.owner, names[a.owner], a.recommendation.number,
                              a.recommendation.deadline.isoformat(), a.days,
                              f"{countdown(a.days)}; {response_label(a).lower()}"))
    soon = [a for a in tracker.assignments if a.state in ("due-today", "due-soon")]
    for a in sorted(soon, key=lambda a: (a.days, a.owner, a.recommendation.number)):
        rows.append(StatusRow("due-soon", a.owner, names[a.owner], a.recommendation.number,
                              a.recommendation.deadline.isoformat(), a.days, countdown(a.days)))
    for force in tracker.forces:
        if force.response is None and force.clock is not None and force.clock.state in ("missing", "awaited",
                                                                                          "not-computable"):
            rows.append(StatusRow("missing-response", force.owner, names[force.owner], None, None, None,
                                  f"s55 {force.clock.state}: {s55_reason(force.clock)}"))
    return rows


HEADINGS = {
    "overdue": "Overdue, by owner (oldest first)",
    "due-soon": f"Due in the next {DUE_SOON_DAYS} days",
    "missing-response": "PCC responses not recorded",
}


def status_report(tracker: Tracker, fmt: str) -> str:
    rows = status_rows(tracker)
    if fmt == "json":
        return json.dumps({"as_of": tracker.as_of.isoformat(), "rows": [r.__dict__ for r in rows]},
                          indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["section", "owner", "owner_name", "recommendation", "deadline", "days", "detail"])
        for r in rows:
            writer.writerow([r.section, r.owner, r.owner_name, r.recommendation or "", r.deadline or "",
                             "" if r.days is None else r.days, r.detail])
        return buffer.getvalue()
    lines = [f"Status as at {long_date(tracker.as_of)}", ""]
    for section, heading in HEADINGS.items():
        chosen = [r for r in rows if r.section == section]
        lines.append(f"{heading}: {len(chosen)}")
        if section == "overdue":
            by_owner: dict[str, list[StatusRow]] = {}
            for r in chosen:
                by_owner.setdefault(r.owner_name, []).append(r)
            for owner, items in by_owner.items():
                numbers = ", ".join(f"{r.recommendation} ({-r.days}d)" for r in items if r.days is not None)
                lines.append(f"  {owner}: {numbers}")
        else:
            for r in chosen:
                what = f"recommendation {r.recommendation} " if r.recommendation else ""
                lines.append(f"  {r.owner_name}: {what}{r.detail}")
        lines.append("")
    return "\n".join(lines)
