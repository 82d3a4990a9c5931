"""Every state of the tracker as at one date: duties, responses, verdicts, deadlines, clocks, events.

Nothing here is stored in data files: overdue today is not overdue yesterday. ``derive`` is a pure
function of the dataset and ``as_of`` (the CLI picks the date: default today in Europe/London), which
makes builds reproducible and tests exact. This is the one place where "overdue" is decided.

**Point in time.** Only what is dated on or before ``as_of`` exists for a derivation: a report
published later is not shown at all, a response document, verdict or deadline revision dated later
has not happened yet. A date known only to the month (or year) counts from its first possible day.
A document that states no date is taken as published with its report (its place in time is unknown,
and hiding it would hide a real answer), and is ordered before the dated ones.

**The unit is the duty**: one recommendation and one organisation that must act on it (a group owner
is one duty per member). Its state comes from, in order: the inspectorate's latest verdict (a
closing one closes it), the owner's latest answer (a claim of implementation), then its current
deadline (the latest revision decided by ``as_of``, else the printed one).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from rectrack.data.model import (
    S55_KINDS,
    Answer,
    Dataset,
    DeadlineRevision,
    Governance,
    Organisation,
    PartialDate,
    Recommendation,
    Report,
    ResponseDocument,
    Verdict,
)

#: "Due soon" means the deadline falls within this many days of the as-at date.
DUE_SOON_DAYS = 60
#: Police Act 1996 s55(5A): comments are due within 56 days *beginning with* the day of publication,
#: so the last day is publication + 55 days.
S55_PERIOD_DAYS = 56

#: The states of a duty, in their canonical order (closure first, then a claim, then the deadline).
STATES = ("closed", "implemented", "overdue", "due-today", "due-soon", "upcoming", "no-deadline")
#: The states in which a duty still needs doing.
OPEN_STATES = frozenset({"overdue", "due-today", "due-soon", "upcoming", "no-deadline"})


def time_state(days: int | None) -> str:
    """The state of a deadline ``days`` away (negative once past, None when no deadline is stated)."""
    if days is None:
        return "no-deadline"
    if days < 0:
        return "overdue"
    if days == 0:
        return "due-today"
    if days <= DUE_SOON_DAYS:
        return "due-soon"
    return "upcoming"


#: The deadline lists and filters, beside the states: overdue, due within ``DUE_SOON_DAYS`` (today
#: included), and every deadline that has passed whatever the claim or verdict.
DEADLINE_KEYS = ("overdue", "due-within", "passed")


def deadline_keys(state: str, days: int | None) -> tuple[str, ...]:
    """Which deadline lists a duty (or recommendation) in ``state``, ``days`` from its deadline, is on."""
    keys = []
    if state == "overdue":
        keys.append("overdue")
    if state in ("due-today", "due-soon"):
        keys.append("due-within")
    if days is not None and days < 0:
        keys.append("passed")
    return tuple(keys)


def happened(when: PartialDate | date | None, as_of: date) -> bool:
    """Is an event dated ``when`` on or before ``as_of``? An undated one is taken as always there."""
    if when is None:
        return True
    day = when.earliest if isinstance(when, PartialDate) else when
    return day <= as_of


@dataclass(frozen=True)
class Answered:
    """One answer in a duty's history: the document it is in, and what it says."""

    document: ResponseDocument
    answer: Answer


@dataclass(frozen=True)
class Duty:
    """One organisation's duty to act on one recommendation: the unit that has a state."""

    recommendation: Recommendation
    owner: Organisation
    #: The deadline in force on the as-at date (revised or printed), and how it is printed.
    deadline: date | None
    deadline_as_printed: str | None
    #: Revisions of the deadline decided by the as-at date, oldest first.
    revisions: tuple[DeadlineRevision, ...]
    days: int | None
    state: str
    #: Every answer by the as-at date, oldest first; the last is the current one.
    history: tuple[Answered, ...]
    #: The inspectorate's verdicts by the as-at date, oldest first; the last is the current one.
    verdicts: tuple[Verdict, ...]
    #: True when the owner has published any document on the report (it may skip this recommendation).
    has_document: bool

    @property
    def answer(self) -> Answer | None:
        return self.history[-1].answer if self.history else None

    @property
    def answered_in(self) -> ResponseDocument | None:
        return self.history[-1].document if self.history else None

    @property
    def verdict(self) -> Verdict | None:
        return self.verdicts[-1] if self.verdicts else None

    @property
    def implementation(self) -> str:
        return self.answer.implementation if self.answer else "not-stated"

    @property
    def responded(self) -> bool:
        return bool(self.history)


#: What a section 55 state can rest on: a report dated by year only, no response, a response without a
#: date, or a dated response.
S55_BASES = ("year-only", "no-response", "undated-response", "dated-response")


@dataclass(frozen=True)
class S55Clock:
    """Whether a local policing body published its comments within the statutory 56 days.

    The facts only; :func:`rectrack.wording.s55_reason` says them in words.
    """

    state: str  # on-time | late | missing | awaited | not-computable
    #: What the state rests on: one of S55_BASES.
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


def s55_clock(published: PartialDate, response: ResponseDocument | None, as_of: date) -> S55Clock:
    """The s55(5A) state of one force's first comments, honest about what the dates allow us to know."""
    exact = published.exact
    month = None
    if exact is not None:
        first = last = exact + timedelta(days=S55_PERIOD_DAYS - 1)
    elif published.month is not None:
        month = date(published.year, published.month, 1)
        end = month.replace(day=calendar.monthrange(published.year, published.month)[1])
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


@dataclass(frozen=True)
class RecommendationStatus:
    recommendation: Recommendation
    #: Days to the deadline that decides its state (None when none is stated), and that deadline's time
    #: state: the most urgent open duty's deadline in force, else the deadline in force for every owner
    #: (revised or printed). A revision moves the recommendation's countdown, not only its owners'.
    days: int | None
    deadline_state: str
    duties: tuple[Duty, ...]

    def count(self, state: str) -> int:
        return sum(1 for d in self.duties if d.state == state)

    @property
    def responded(self) -> int:
        return sum(1 for d in self.duties if d.responded)

    @property
    def implemented(self) -> int:
        return sum(1 for d in self.duties if d.implementation == "implemented")

    @property
    def closed(self) -> int:
        return self.count("closed")

    @property
    def overall_state(self) -> str:
        """Closed when every owner is closed; implemented when every owner claims it; else the deadline's."""
        states = {d.state for d in self.duties}
        if states and states == {"closed"}:
            return "closed"
        if states and states <= {"closed", "implemented"}:
            return "implemented"
        return self.deadline_state


@dataclass(frozen=True)
class OwnerReport:
    """One organisation on one report: its duties, its documents by the as-at date, its statutory clock."""

    report: Report
    owner: Organisation
    duties: tuple[Duty, ...]
    #: Published documents by the as-at date, oldest first.
    documents: tuple[ResponseDocument, ...]
    #: Who answers for the organisation on the report's publication day (a force's local policing body).
    answerer: Governance | None
    #: The s55 clock, for a police force on a report under s55; None otherwise.
    clock: S55Clock | None

    def count(self, state: str) -> int:
        return sum(1 for d in self.duties if d.state == state)

    @property
    def first_comments(self) -> ResponseDocument | None:
        return next((d for d in self.documents if d.kind == "first-comments"), None)

    @property
    def latest_document(self) -> ResponseDocument | None:
        return self.documents[-1] if self.documents else None

    @property
    def answered(self) -> int:
        return sum(1 for d in self.duties if d.responded)

    @property
    def unanswered(self) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if not d.responded)

    @property
    def response(self) -> str:
        """"none" (nothing published), "incomplete" (published, but some of its recommendations are not
        answered in any document) or "complete": what the response lists and filters group by."""
        if not self.documents:
            return "none"
        return "incomplete" if self.unanswered else "complete"


@dataclass(frozen=True)
class ReportStatus:
    report: Report
    recommendations: tuple[RecommendationStatus, ...]
    #: Every organisation with a duty on the report, in the order of the registry (by id).
    owners: tuple[OwnerReport, ...]

    @property
    def duties(self) -> tuple[Duty, ...]:
        return tuple(d for r in self.recommendations for d in r.duties)

    def by_overall_state(self) -> dict[str, int]:
        counts = {state: 0 for state in STATES}
        for status in self.recommendations:
            counts[status.overall_state] += 1
        return counts

    def owner(self, org_id: str) -> OwnerReport | None:
        return next((o for o in self.owners if o.owner.id == org_id), None)


@dataclass(frozen=True)
class Event:
    """Something that happened on a day, for the changes page and the feed (newest first).

    One event may concern several organisations: a deadline passing for every force that had not
    claimed the recommendation, or one verdict given for a group.
    """

    when: date
    #: The date as precisely as the source gives it (a verdict "as of February 2026").
    when_as: PartialDate
    kind: str  # report-published | document-published | verdict | deadline-revised | became-overdue
    report: Report
    recommendation: Recommendation | None = None
    owners: tuple[Organisation, ...] = ()
    document: ResponseDocument | None = None
    verdict: Verdict | None = None
    revision: DeadlineRevision | None = None
    #: The group the event was given for, when the data names one (a verdict on "every force").
    group: str | None = None

    @property
    def key(self) -> str:
        """Stable across builds, unique per event: the feed's entry ids are made from it."""
        parts = [self.kind, self.report.id, self.recommendation.local if self.recommendation else "",
                 self.group or ",".join(o.id for o in self.owners)[:200],
                 self.document.name if self.document else "", self.when_as.iso()]
        return ":".join(parts)


@dataclass(frozen=True)
class Tracker:
    dataset: Dataset
    as_of: date
    #: The reports published by the as-at date, in the order of reports.yaml.
    reports: tuple[ReportStatus, ...]
    #: Everything that happened by the as-at date, newest first.
    events: tuple[Event, ...]
    _reports: Mapping[str, ReportStatus]

    def report(self, report_id: str) -> ReportStatus:
        return self._reports[report_id]

    def shown(self, report_id: str) -> bool:
        return report_id in self._reports

    @property
    def recommendations(self) -> tuple[RecommendationStatus, ...]:
        return tuple(r for report in self.reports for r in report.recommendations)

    @property
    def duties(self) -> tuple[Duty, ...]:
        return tuple(d for report in self.reports for d in report.duties)

    def owner_reports(self, org_id: str) -> tuple[OwnerReport, ...]:
        """An organisation across reports: one entry per report it has duties on, newest report first."""
        found = [o for report in self.reports for o in report.owners if o.owner.id == org_id]
        return tuple(sorted(found, key=lambda o: o.report.published.earliest, reverse=True))


def _current_deadline(rec: Recommendation, owner: str | None, revisions: Iterable[DeadlineRevision],
                      as_of: date) -> tuple[date | None, str | None, tuple[DeadlineRevision, ...]]:
    """The deadline in force for ``owner`` (None: for every owner, so only revisions made for all count)."""
    mine = sorted((r for r in revisions if r.owner in (None, owner) and r.decided <= as_of),
                  key=lambda r: r.decided)
    if mine:
        return mine[-1].deadline, mine[-1].deadline_as_printed, tuple(mine)
    return rec.deadline, rec.deadline_as_printed, ()


def _duty(rec: Recommendation, org: Organisation, documents: tuple[ResponseDocument, ...],
          verdicts: list[Verdict], revisions: list[DeadlineRevision], as_of: date) -> Duty:
    deadline, printed, applied = _current_deadline(rec, org.id, revisions, as_of)
    days = (deadline - as_of).days if deadline else None
    history = tuple(Answered(doc, answer) for doc in documents
                    if (answer := doc.answer(rec.local)) is not None)
    mine = tuple(sorted((v for v in verdicts if v.owner == org.id and happened(v.date, as_of)),
                        key=lambda v: v.date.earliest))
    state = time_state(days)
    if mine and mine[-1].closes:
        state = "closed"
    elif history and history[-1].answer.implementation == "implemented":
        state = "implemented"
    return Duty(rec, org, deadline, printed, applied, days, state, history, mine, bool(documents))


def _recommendation_days(rec: Recommendation, duties: list[Duty], revisions: list[DeadlineRevision],
                         as_of: date) -> int | None:
    """Days to the deadline that decides a recommendation's state: its most urgent open duty's, so that
    it is overdue only when an owner is; with none open, the deadline in force for every owner."""
    open_duties = [d for d in duties if d.state in OPEN_STATES]
    if open_duties:
        return min(open_duties, key=lambda d: (STATES.index(d.state), d.days if d.days is not None else 0)).days
    deadline = _current_deadline(rec, None, revisions, as_of)[0]
    return (deadline - as_of).days if deadline else None


def _document_order(doc: ResponseDocument) -> tuple:
    """Undated documents first (they are taken as published with the report), then by date."""
    return (doc.published is not None, doc.published or date.min, doc.kind != "first-comments", doc.name)


def derive(dataset: Dataset, as_of: date) -> Tracker:
    verdicts_by_rec: dict[str, list[Verdict]] = {}
    for v in dataset.verdicts:
        verdicts_by_rec.setdefault(v.recommendation, []).append(v)
    revisions_by_rec: dict[str, list[DeadlineRevision]] = {}
    for r in dataset.revisions:
        revisions_by_rec.setdefault(r.recommendation, []).append(r)
    documents: dict[tuple[str, str], list[ResponseDocument]] = {}
    for doc in dataset.documents:
        if happened(doc.published, as_of):
            documents.setdefault((doc.report, doc.owner), []).append(doc)
    ordered = {key: tuple(sorted(docs, key=_document_order)) for key, docs in documents.items()}

    statuses: list[ReportStatus] = []
    for report in dataset.reports:
        if not happened(report.published, as_of):
            continue
        recs = dataset.recommendations_of(report.id)
        rec_statuses = []
        by_owner: dict[str, list[Duty]] = {}
        for rec in recs:
            duties = []
            for owner_id in dict.fromkeys(m for o in rec.owners for m in dataset.members(o)):
                org = dataset.organisation(owner_id)
                duty = _duty(rec, org, ordered.get((report.id, owner_id), ()),
                             verdicts_by_rec.get(rec.id, []), revisions_by_rec.get(rec.id, []), as_of)
                duties.append(duty)
                by_owner.setdefault(owner_id, []).append(duty)
            days = _recommendation_days(rec, duties, revisions_by_rec.get(rec.id, []), as_of)
            rec_statuses.append(RecommendationStatus(rec, days, time_state(days), tuple(duties)))
        owners = []
        for org in dataset.organisations:
            if org.id not in by_owner:
                continue
            docs = ordered.get((report.id, org.id), ())
            answerer = org.answerer(report.published.earliest)
            clock = None
            if report.regime == "s55" and org.kind in S55_KINDS:
                first = next((d for d in docs if d.kind == "first-comments"), None)
                clock = s55_clock(report.published, first, as_of)
            owners.append(OwnerReport(report, org, tuple(by_owner[org.id]), docs, answerer, clock))
        statuses.append(ReportStatus(report, tuple(rec_statuses), tuple(owners)))
    events = _events(dataset, statuses, as_of)
    return Tracker(dataset, as_of, tuple(statuses), events, MappingProxyType({s.report.id: s for s in statuses}))


def _events(dataset: Dataset, statuses: list[ReportStatus], as_of: date) -> tuple[Event, ...]:
    """What happened by ``as_of``, newest first; "became overdue" is the day after a missed deadline."""
    events: list[Event] = []
    for status in statuses:
        report = status.report
        events.append(Event(report.published.earliest, report.published, "report-published", report))
        for owner in status.owners:
            for doc in owner.documents:
                if doc.published is not None:
                    events.append(Event(doc.published, _day(doc.published), "document-published", report,
                                        owners=(owner.owner,), document=doc))
        for rec_status in status.recommendations:
            rec = rec_status.recommendation
            verdicts: dict[tuple, list[Duty]] = {}
            revisions: dict[tuple, list[Duty]] = {}
            overdue: dict[date, list[Duty]] = {}
            for duty in rec_status.duties:
                for verdict in duty.verdicts:
                    verdicts.setdefault((verdict.given_for, verdict.date, verdict.verdict, verdict.evidence),
                                        []).append(duty)
                for revision in duty.revisions:
                    revisions.setdefault((revision.decided, revision.deadline, revision.reason), []).append(duty)
                for overdue_on in _became_overdue(duty, as_of):
                    overdue.setdefault(overdue_on, []).append(duty)
            for (given_for, when, _, _), duties in verdicts.items():
                verdict = next(v for v in duties[0].verdicts if v.given_for == given_for and v.date == when)
                group = given_for if dataset.group(given_for) else None
                events.append(Event(when.earliest, when, "verdict", report, rec, tuple(d.owner for d in duties),
                                    verdict=verdict, group=group))
            for (decided, _, _), duties in revisions.items():
                revision = next(r for r in duties[0].revisions if r.decided == decided)
                events.append(Event(decided, _day(decided), "deadline-revised", report, rec,
                                    tuple(d.owner for d in duties), revision=revision))
            for day, duties in overdue.items():
                events.append(Event(day, _day(day), "became-overdue", report, rec, tuple(d.owner for d in duties)))
    order = {"verdict": 0, "deadline-revised": 1, "document-published": 2, "became-overdue": 3,
             "report-published": 4}
    # Newest first; within a day, by kind, report and recommendation in the report's own order.
    events.sort(key=lambda e: (-e.when.toordinal(), order[e.kind], e.report.id,
                               _rec_order(e.recommendation), ",".join(o.id for o in e.owners)))
    return tuple(events)


def _rec_order(rec: Recommendation | None) -> tuple[int, str]:
    if rec is None:
        return (0, "")
    return (rec.number if rec.number is not None else 10_000, rec.local)


def _day(value: date) -> PartialDate:
    return PartialDate(value.year, value.month, value.day)


def _became_overdue(duty: Duty, as_of: date) -> list[date]:
    """The days a duty became overdue by ``as_of``, from what had happened by each: the day after a
    deadline in force passed with nothing claimed or closed, and the day a later update withdrew a
    claim or a verdict reopened it once a deadline had passed.

    A state changes only on such a day or on the day a document, verdict or revision is dated, so the
    state on each of those days, in order, says when it turned overdue.
    """
    days = {deadline + timedelta(days=1) for deadline in _deadlines_over_time(duty)}
    days |= {a.document.published for a in duty.history if a.document.published is not None}
    days |= {v.date.earliest for v in duty.verdicts} | {r.decided for r in duty.revisions}
    out: list[date] = []
    before = None
    for day in sorted(d for d in days if d <= as_of):
        state = _state_on(duty, day)
        if state == "overdue" and before != "overdue":
            out.append(day)
        before = state
    return out


def _state_on(duty: Duty, day: date) -> str:
    """The duty's state on ``day``, from the answers, verdicts and revisions dated by then."""
    verdicts = [v for v in duty.verdicts if happened(v.date, day)]
    if verdicts and verdicts[-1].closes:
        return "closed"
    answers = [a for a in duty.history if happened(a.document.published, day)]
    if answers and answers[-1].answer.implementation == "implemented":
        return "implemented"
    deadline = _deadline_on(duty, day)
    return time_state((deadline - day).days if deadline else None)


def _deadlines_over_time(duty: Duty) -> list[date]:
    """The printed deadline and each revised one, in the order they were in force."""
    out = [duty.recommendation.deadline] if duty.recommendation.deadline else []
    out += [r.deadline for r in duty.revisions]
    return out


def _deadline_on(duty: Duty, day: date) -> date | None:
    applied = [r for r in duty.revisions if r.decided <= day]
    return applied[-1].deadline if applied else duty.recommendation.deadline
