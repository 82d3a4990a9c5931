"""How the tracker's facts are put into words, where more than one page says the same thing.

Keeping each phrase in one place keeps the pages consistent: a force's response reads the same on
its own page, on the recommendation's page and in the matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from rectrack.data.model import FORCES, Force, Recommendation, Statistic
from rectrack.derive import STATES, Assignment, OwnerStatus, RecommendationStatus, Tracker, countdown
from rectrack.render.components import NO_VERDICT, VERDICT_LABELS, badge
from rectrack.render.markdown import md
from rectrack.render.templating import long_date, plural

#: A response's claim in a matrix cell, under the status word (the key on the page explains).
CLAIM_SHORT = {"in-progress": "in progress", "not-started": "not started", "not-stated": "not stated",
               "implemented": "implemented"}
POLICING_BODY_KINDS = {
    "pcc": "Police and crime commissioner",
    "pfcc": "Police, fire and crime commissioner",
    "mayor": "Mayor",
    "police-authority": "Police authority",
}
BODY_KINDS = {
    "professional-body": "Professional body",
    "national-policing-body": "National policing body",
    "government-department": "Government department",
    "inspectorate": "Inspectorate",
}
FORCES_OWNER = "Every police force"


def states_present(states: Iterable[str], order: tuple[str, ...] = STATES) -> list[str]:
    """The states that occur, in the canonical order (filters and legends list only those)."""
    seen = set(states)
    return [s for s in order if s in seen]


def ordered_owners(tracker: Tracker) -> list[str]:
    """Every owner named by a recommendation: forces first, then bodies by id."""
    owners = {o for status in tracker.recommendations for o in status.recommendation.owners}
    return sorted(owners, key=lambda o: (o != FORCES, o))


def responses_text(status: RecommendationStatus) -> str:
    """"3 of 40 forces responded"; national bodies have no responses in the data model yet."""
    forces = [a for a in status.assignments if a.owner_kind == "force"]
    bodies = [a for a in status.assignments if a.owner_kind == "body"]
    parts = []
    if forces:
        parts.append(f"{sum(1 for a in forces if a.response)} of {plural(len(forces), 'force')} responded")
    if bodies:
        parts.append("national bodies: no responses recorded" if forces else "No responses recorded")
    return "; ".join(parts)


def implemented_text(status: RecommendationStatus) -> str:
    return f"{status.implemented} of {len(status.assignments)} claim it"


def verdict_text(a: Assignment) -> Markup:
    """The inspectorate's verdict with its date, or plainly that there is none."""
    if a.response is None or a.response.inspectorate is None:
        return Markup(md(NO_VERDICT))
    verdict = a.response.inspectorate
    text = VERDICT_LABELS.get(verdict.verdict, verdict.verdict)
    if verdict.date:
        text += f" on {long_date(verdict.date)}"
    return badge(verdict.verdict, text, family="verdict")


def response_published(owner: OwnerStatus) -> str:
    if owner.response is None:
        return "No response published"
    if owner.response.published is None:
        return "Published (date not stated)"
    return f"Published {long_date(owner.response.published)}"


def state_counts(assignments: Iterable[Assignment]) -> list[tuple[Markup, int]]:
    counts = Counter(a.state for a in assignments)
    return [(badge(s), counts[s]) for s in STATES if counts[s]]


def deadline_phrase(state: str, days: int) -> str:
    """The countdown, except that a duty already claimed or closed is not called "overdue"."""
    if state in ("implemented", "closed") and days < 0:
        return f"deadline passed {plural(-days, 'day')} ago"
    return countdown(days)


def deadline_cell(rec: Recommendation, state: str, days: int) -> Markup:
    return Markup(f"{md(rec.deadline_as_printed)}<br>{md(deadline_phrase(state, days))}")


def regions(forces: Iterable[Force]) -> list[tuple[str, str]]:
    """(filter value, label) for each police region, alphabetically."""
    return [(token(name), name) for name in sorted({f.region for f in forces})]


def countries(forces: Iterable[Force]) -> str:
    """"England and Wales", from the forces themselves."""
    names = sorted({f.country for f in forces})
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def token(text: str) -> str:
    """A filter value from data text: lower-case words joined by hyphens (never shown, never a URL)."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def theme_label(theme: str) -> str:
    return theme.replace("-", " ").capitalize()


def stat_value(stat: Statistic) -> str:
    """A key figure as the report would print it: "73,047", "66%", "12 months"."""
    value = stat.value
    number = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".rstrip("0").rstrip(".")
    if stat.unit == "percent":
        return f"{number}%"
    if stat.unit in ("months", "years"):
        return f"{number} {stat.unit if value != 1 else stat.unit[:-1]}"
    return number
