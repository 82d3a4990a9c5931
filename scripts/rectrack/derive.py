"""Time states, counts and the statutory clock, derived from the data and one "as at" date.

Nothing here is stored in data files: overdue today is not overdue yesterday. ``derive`` is a pure
function of the dataset and ``as_of``; the CLI picks the date (default: today in Europe/London), which
is what makes builds reproducible and tests exact. This is the one place where "overdue" is decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from rectrack.data.model import (
    FORCES,
    Dataset,
    ForceResponse,
    PartialDate,
    Recommendation,
    RecommendationResponse,
)

#: "Due soon" means the deadline falls within this many days of the as-at date.
DUE_SOON_DAYS = 60
#: Police Act 1996 s55(5A): comments are due within 56 days *beginning with* the day of publication,
#: so the last day is publication + 55 days.
S55_PERIOD_DAYS = 56

#: The states of a duty, in their canonical order (closure first, then a claim, then the deadline).
STATES = ("closed", "implemented", "overdue", "due-today", "due-soon", "upcoming")


def time_state(days: int) -> str:
    """The state of a deadline ``days`` away (negative once past), before any claim or closure."""
    if days < 0:
        return "overdue"
    if days == 0:
        return "due-today"
    if days <= DUE_SOON_DAYS:
        return "due-soon"
    return "upcoming"


@dataclass(frozen=True)
class Assignment:
    """One owner's duty to act on one recommendation: the unit that has a time state."""

    recommendation: Recommendation
    owner: str
    owner_kind: str  # "force" or "body"
    days: int
    state: str
    response: RecommendationResponse | None = None
    #: True when the owner has a published response document at all (it may skip this recommendation).
    has_response_document: bool = False

    @property
    def implementation(self) -> str:
        return self.response.implementation if self.response else "not-stated"

    @property
    def verdict(self) -> str | None:
        if self.response and self.response.inspectorate:
            return self.response.inspectorate.verdict
        return None


@dataclass(frozen=True)
class S55Clock:
    """Whether a local policing body published its comments within the statutory 56 days.

    The facts only; :func:`rectrack.wording.s55_reason` says them in words.
    """

    state: str  # on-time | late | missing | awaited | not-computable
    #: What the state rests on: year-only | no-response | undated-response | dated-response.
    basis: str
    #: The earliest and latest the last day can be (the same day when the report's day is known).
    first: date | None = None
    last: date | None = None
    #: The report's month, when it gives only the month of publication.
    report_month: date | None = None
    #: The response's publication date, when it states one.
    published: date | None = None

    @property
    def last_day(self) -> date | None:
        return self.last if self.first == self.last else None

    @property
    def last_day_range(self) -> tuple[date, date] | None:
        if self.first is None or self.last is None or self.first == self.last:
            return None
        return (self.first, self.last)


@dataclass(frozen=True)
class RecommendationStatus:
    recommendation: Recommendation
    days: int
    deadline_state: str
    assignments: tuple[Assignment, ...]

    def count(self, state: str) -> int:
        return sum(1 for a in self.assignments if a.state == state)

    @property
    def responded(self) -> int:
        return sum(1 for a in self.assignments if a.response is not None)

    @property
    def implemented(self) -> int:
        return sum(1 for a in self.assignments if a.implementation == "implemented")

    @property
    def closed(self) -> int:
        return self.count("closed")

    @property
    def overall_state(self) -> str:
        """Closed when every owner is closed; implemented when every owner claims it; else the deadline's."""
        states = {a.state for a in self.assignments}
        if states == {"closed"}:
            return "closed"
        if states <= {"closed", "implemented"}:
            return "implemented"
        return self.deadline_state


@dataclass(frozen=True)
class OwnerStatus:
    owner: str
    owner_kind: str
    assignments: tuple[Assignment, ...]
    response: ForceResponse | None = None
    clock: S55Clock | None = None

    def count(self, state: str) -> int:
        return sum(1 for a in self.assignments if a.state == state)


@dataclass(frozen=True)
class Tracker:
    dataset: Dataset
    as_of: date
    recommendations: tuple[RecommendationStatus, ...]
    forces: tuple[OwnerStatus, ...]
    bodies: tuple[OwnerStatus, ...]
    _by_owner: dict[str, OwnerStatus] = field(default_factory=dict, repr=False, compare=False)

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        return tuple(a for r in self.recommendations for a in r.assignments)

    def owner(self, owner_id: str) -> OwnerStatus:
        if not self._by_owner:
            self._by_owner.update({o.owner: o for o in self.forces + self.bodies})
        return self._by_owner[owner_id]

    def status_of(self, number: int) -> RecommendationStatus:
        for status in self.recommendations:
            if status.recommendation.number == number:
                return status
        raise KeyError(number)

    @property
    def forces_responded(self) -> int:
        return sum(1 for f in self.forces if f.response is not None)

    def by_overall_state(self) -> dict[str, int]:
        counts = {state: 0 for state in STATES}
        for status in self.recommendations:
            counts[status.overall_state] += 1
        return counts

    def next_deadlines(self, limit: int = 5) -> list[RecommendationStatus]:
        future = [r for r in self.recommendations if r.days >= 0 and r.overall_state not in ("closed", "implemented")]
        return sorted(future, key=lambda r: (r.days, r.recommendation.number))[:limit]

    def most_overdue(self, limit: int = 5) -> list[RecommendationStatus]:
        late = [r for r in self.recommendations if r.count("overdue")]
        return sorted(late, key=lambda r: (r.days, -r.count("overdue"), r.recommendation.number))[:limit]


def _assignment(rec: Recommendation, owner: str, kind: str, as_of: date,
                response: RecommendationResponse | None, has_document: bool) -> Assignment:
    days = (rec.deadline - as_of).days
    state = time_state(days)
    if response is not None:
        if response.inspectorate and response.inspectorate.verdict in ("closed", "superseded"):
            state = "closed"
        elif response.implementation == "implemented":
            state = "implemented"
    return Assignment(rec, owner, kind, days, state, response, has_document)


def s55_clock(published: PartialDate, response: ForceResponse | None, as_of: date) -> S55Clock:
    """The s55(5A) state of one force's comments, honest about what the dates allow us to know."""
    exact = published.exact
    month = None
    if exact is not None:
        first = last = exact + timedelta(days=S55_PERIOD_DAYS - 1)
    elif published.month is not None:
        month = date(published.year, published.month, 1)
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        first = month + timedelta(days=S55_PERIOD_DAYS - 1)
        last = end + timedelta(days=S55_PERIOD_DAYS - 1)
    else:
        return S55Clock("not-computable", "year-only")
    if response is None:
        state = "missing" if as_of > last else "awaited" if as_of < first else "not-computable"
        return S55Clock(state, "no-response", first, last, month)
    if response.published is None:
        return S55Clock("not-computable", "undated-response", first, last, month)
    when = response.published
    state = "on-time" if when <= first else "late" if when > last else "not-computable"
    return S55Clock(state, "dated-response", first, last, month, when)


def derive(dataset: Dataset, as_of: date) -> Tracker:
    responses = {r.force: r for r in dataset.responses}
    statuses = []
    for rec in dataset.recommendations:
        assignments = []
        for owner in rec.owners:
            if owner == FORCES:
                for force in dataset.forces:
                    document = responses.get(force.id)
                    answer = document.for_recommendation(rec.number) if document else None
                    assignments.append(_assignment(rec, force.id, "force", as_of, answer, document is not None))
            else:
                assignments.append(_assignment(rec, owner, "body", as_of, None, False))
        days = (rec.deadline - as_of).days
        statuses.append(RecommendationStatus(rec, days, time_state(days), tuple(assignments)))
    by_owner: dict[str, list[Assignment]] = {}
    for status in statuses:
        for a in status.assignments:
            by_owner.setdefault(a.owner, []).append(a)
    forces = tuple(
        OwnerStatus(f.id, "force", tuple(by_owner.get(f.id, ())), responses.get(f.id),
                    s55_clock(dataset.report.published, responses.get(f.id), as_of))
        for f in dataset.forces
    )
    bodies = tuple(OwnerStatus(b.id, "body", tuple(by_owner.get(b.id, ()))) for b in dataset.bodies
                   if b.id in by_owner)
    return Tracker(dataset, as_of, tuple(statuses), forces, bodies)
