"""The inspectors' terminal view of a Tracker: overdue by owner, due soon, responses not recorded.

The table is for people; ``--format json`` and ``--format csv`` give exactly the records of the site's
``status`` and ``clocks`` downloads (one format for machines, wherever they read it).
"""

from __future__ import annotations

import json

from rectrack import export
from rectrack.derive import DUE_SOON_DAYS, Tracker
from rectrack.text import long_date
from rectrack.wording import countdown, recommendation_name, response_label, s55_reason

HEADINGS = {
    "overdue": "Overdue, by owner (oldest first)",
    "due-soon": f"Due in the next {DUE_SOON_DAYS} days",
    "missing-response": "Section 55 comments not recorded",
}


def status_report(tracker: Tracker, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"as_of": tracker.as_of.isoformat(), "status": export.status_rows(tracker),
                           "clocks": export.clock_rows(tracker)}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return export.to_csv(export.status_rows(tracker)).decode("utf-8-sig").replace("\r\n", "\n")
    return _table(tracker)


def _table(tracker: Tracker) -> str:
    lines = [f"Status as at {long_date(tracker.as_of)}", ""]
    duties = tracker.duties
    overdue = sorted((d for d in duties if d.state == "overdue"),
                     key=lambda d: (d.days, d.owner.name, d.recommendation.id))
    lines.append(f"{HEADINGS['overdue']}: {len(overdue)}")
    by_owner: dict[str, list[str]] = {}
    for d in overdue:
        by_owner.setdefault(d.owner.name, []).append(
            f"{recommendation_name(d.recommendation)} of {d.recommendation.report} ({-(d.days or 0)}d; "
            f"{response_label(d).lower()})")
    lines += [f"  {owner}: {', '.join(items)}" for owner, items in by_owner.items()]
    lines.append("")
    soon = sorted((d for d in duties if d.state in ("due-today", "due-soon")),
                  key=lambda d: (d.days, d.owner.name, d.recommendation.id))
    lines.append(f"{HEADINGS['due-soon']}: {len(soon)}")
    lines += [f"  {d.owner.name}: {recommendation_name(d.recommendation)} of {d.recommendation.report} "
              f"{countdown(d.days)}" for d in soon]
    lines.append("")
    missing = [o for r in tracker.reports for o in r.owners
               if o.clock is not None and o.first_comments is None and o.clock.state in ("missing", "not-computable")]
    lines.append(f"{HEADINGS['missing-response']}: {len(missing)}")
    lines += [f"  {o.owner.name} on {o.report.id}: s55 {o.clock.state}: {s55_reason(o.clock)}"
              for o in missing if o.clock]
    lines.append("")
    return "\n".join(lines)
