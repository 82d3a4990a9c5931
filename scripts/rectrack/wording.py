"""Every label and phrase the tracker uses for its states, claims, verdicts and owners: one table each.

``derive`` decides states and knows no words; the pages, the terminal view and the downloads all
say things the same way because they all take their words from here.
"""

from __future__ import annotations

from rectrack.data.model import Statistic
from rectrack.derive import DUE_SOON_DAYS, Assignment, OwnerStatus, RecommendationStatus, S55Clock
from rectrack.text import long_date, month_year, number, plural

#: The states of a duty (one owner, one recommendation), in their canonical order.
STATE_LABELS = {
    "closed": "Closed by the inspectorate",
    "implemented": "Implemented (claimed)",
    "overdue": "Overdue",
    "due-today": "Due today",
    "due-soon": "Due soon",
    "upcoming": "Upcoming",
}
#: One or two words for the matrix cells; the legend on that page spells each one out.
STATE_SHORT = {
    "closed": "Closed",
    "implemented": "Claimed",
    "overdue": "Overdue",
    "due-today": "Today",
    "due-soon": "Soon",
    "upcoming": "Later",
}
STATE_HELP = {
    "closed": "the inspectorate has closed (or superseded) the recommendation for this owner",
    "implemented": "the owner's published response says it is implemented; not verified by the inspectorate",
    "overdue": "the deadline has passed and no implementation is claimed",
    "due-today": "the deadline is today",
    "due-soon": f"the deadline is within the next {DUE_SOON_DAYS} days",
    "upcoming": f"the deadline is more than {DUE_SOON_DAYS} days away",
}
#: An owner's own claim about a recommendation, as its response states it.
IMPLEMENTATION_LABELS = {
    "implemented": "Implemented (claimed)",
    "in-progress": "In progress (claimed)",
    "not-started": "Not started (claimed)",
    "not-stated": "Not stated",
}
#: A response's claim in a matrix cell, under the status word (the key on the page explains).
CLAIM_SHORT = {"in-progress": "in progress", "not-started": "not started", "not-stated": "not stated",
               "implemented": "implemented"}
NO_CLAIM = "No claim"
#: The inspectorate's verdicts.
VERDICT_LABELS = {
    "open": "Open",
    "closed": "Closed",
    "superseded": "Superseded",
}
NO_VERDICT = "No verdict recorded"
#: The section 55 states of a force's comments.
S55_LABELS = {
    "on-time": "Published on time",
    "late": "Published late",
    "missing": "No response published",
    "awaited": "Awaited",
    "not-computable": "Cannot be determined",
}
S55_HELP = {
    "on-time": "the comments were published within the statutory period",
    "late": "the comments were published after the last day of the statutory period",
    "missing": "the statutory period has ended and no published comments are recorded here",
    "awaited": "the statutory period has not ended and no published comments are recorded here yet",
    "not-computable": "the dates available (for example a publication month without a day) do not show "
                      "whether the comments were on time",
}
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
#: How the owner "every territorial force" is named.
FORCES_OWNER = "Every police force"
NO_RESPONSE = "No response published"
RESPONSE_PUBLISHED = "Response published"
NOT_ANSWERED = "Not answered in the published response"


def countdown(days: int) -> str:
    """``-23`` -> "overdue by 23 days"; the wording every page and the terminal view share."""
    if days < 0:
        return f"overdue by {plural(-days, 'day')}"
    if days == 0:
        return "due today"
    return f"due in {plural(days, 'day')}"


def deadline_phrase(state: str, days: int) -> str:
    """The countdown, except that a duty already claimed or closed is not called "overdue"."""
    if state in ("implemented", "closed") and days < 0:
        return f"deadline passed {plural(-days, 'day')} ago"
    return countdown(days)


def response_label(a: Assignment) -> str:
    """Whether the owner has answered this recommendation: answered, skipped it, or published nothing."""
    if a.response:
        return RESPONSE_PUBLISHED
    if a.has_response_document:
        return NOT_ANSWERED
    return NO_RESPONSE


def response_published(owner: OwnerStatus) -> str:
    if owner.response is None:
        return NO_RESPONSE
    if owner.response.published is None:
        return "Published (date not stated)"
    return f"Published {long_date(owner.response.published)}"


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


def s55_reason(clock: S55Clock) -> str:
    """Why a force's section 55 state is what it is, honest about what the dates allow us to know."""
    if clock.basis == "year-only":
        return "the report's publication date gives only the year"
    assert clock.first is not None and clock.last is not None
    if clock.report_month is None:
        when = f"the last day was {long_date(clock.last)}"
    else:
        when = (f"the report gives only its month of publication ({month_year(clock.report_month)}), so the last "
                f"day falls between {long_date(clock.first)} and {long_date(clock.last)}")
    if clock.basis == "no-response":
        if clock.state == "missing":
            return f"no response is recorded here; {when}"
        if clock.state == "awaited":
            return f"no response is recorded yet; {when}"
        return f"no response is recorded yet and {when}"
    if clock.basis == "undated-response":
        return f"the response does not state its publication date; {when}"
    assert clock.published is not None
    published = f"published {long_date(clock.published)}; {when}"
    if clock.state == "not-computable":
        return f"{published}, so it cannot be said whether this was on time"
    return published


def stat_value(stat: Statistic) -> str:
    """A key figure as the report would print it: "73,047", "66%", "12 months"."""
    value = number(stat.value)
    if stat.unit == "percent":
        return f"{value}%"
    if stat.unit in ("months", "years"):
        return f"{value} {stat.unit if stat.value != 1 else stat.unit[:-1]}"
    return value
