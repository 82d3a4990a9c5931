"""What each of the site's counts counts: the members of every list a count links to.

A page that shows a count ("42 with no published response", "7 of 20 recommendations overdue") takes
the number from here, and :mod:`rectrack.render.list_pages` writes the same members out as the list
the count links to; so the number and the list cannot drift apart. A list exists (and its count is a
link) only when it has members: a zero is plain text.

Keys are our own names, used in URLs (:mod:`rectrack.render.urls`) and as filter values:

- status and deadline lists, of a report's recommendations or of duties: a state (``STATES``),
  ``due-within`` or ``passed`` (:func:`rectrack.derive.deadline_keys`);
- response lists, of organisations: ``responded``, ``incomplete``, ``no-response``; on a report also
  ``s55-STATE`` (the section 55 state of a force's comments).
"""

from __future__ import annotations

from rectrack.derive import DEADLINE_KEYS, STATES, Duty, OwnerReport, RecommendationStatus, Tracker, deadline_keys
from rectrack.wording import RESPONSE_LISTS, S55_LABELS

#: Status lists first, then the deadline lists that are not also a status.
STATUS_KEYS = STATES + tuple(k for k in DEADLINE_KEYS if k not in STATES)
RESPONSE_KEYS = tuple(RESPONSE_LISTS)
S55_KEYS = tuple(f"s55-{state}" for state in S55_LABELS)


def on_status_list(key: str, state: str, days: int | None) -> bool:
    return state == key if key in STATES else key in deadline_keys(state, days)


def recommendations_on(statuses: tuple[RecommendationStatus, ...], key: str) -> list[RecommendationStatus]:
    """The recommendations on status or deadline list ``key`` (by each one's overall state)."""
    return [r for r in statuses if on_status_list(key, r.overall_state, r.days)]


def duties_on(duties: tuple[Duty, ...], key: str) -> list[Duty]:
    return [d for d in duties if on_status_list(key, d.state, d.days)]


def reports_answered(owned: tuple[OwnerReport, ...]) -> list[OwnerReport]:
    """Of one organisation's reports (``Tracker.owner_reports``), those with a published response from it
    recorded: its list ``answered``."""
    return [o for o in owned if o.documents]


def duties_overdue(owned: tuple[OwnerReport, ...]) -> list[Duty]:
    """One organisation's overdue duties across its reports: its list ``overdue``."""
    return [d for o in owned for d in duties_on(o.duties, "overdue")]


def owners_on(owners: tuple[OwnerReport, ...], key: str) -> list[OwnerReport]:
    """The organisations of one report on response list ``key`` (or section 55 list ``s55-STATE``)."""
    if key.startswith("s55-"):
        return [o for o in owners if o.clock is not None and f"s55-{o.clock.state}" == key]
    return [o for o in owners if _response_matches(key, (o.response,))]


def organisations_on(tracker: Tracker, key: str | None) -> list[str]:
    """Organisation ids with a duty on any report (``key`` None), or on response list ``key`` across
    reports: "responded" has a response to at least one report, "no-response" to none, "incomplete" has
    at least one response that leaves some of its recommendations unanswered."""
    responses: dict[str, list[str]] = {}
    for report in tracker.reports:
        for owner in report.owners:
            responses.setdefault(owner.owner.id, []).append(owner.response)
    return [o.id for o in tracker.dataset.organisations if o.id in responses
            and (key is None or _response_matches(key, tuple(responses[o.id])))]


def _response_matches(key: str, responses: tuple[str, ...]) -> bool:
    if key == "responded":
        return any(r != "none" for r in responses)
    if key == "incomplete":
        return "incomplete" in responses
    if key == "no-response":
        return all(r == "none" for r in responses)
    raise ValueError(f"not a response list: {key!r}")
