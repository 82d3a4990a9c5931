"""The typed, frozen model of a tracker's data: many reports, every kind of owner, change over time.

These dataclasses mirror the JSON Schemas in ``schemas/`` field for field: the schemas say what a data
file may contain, the model is what the rest of the code may rely on once validation has passed.
Nothing here reads files, knows the date, or knows about pages: ``data.construct`` builds a
:class:`Dataset`, ``derive`` and ``render`` only read it. Its lookups are built once, when the dataset
is made (:meth:`Dataset.build`), and never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rectrack.data.sources import SourceDocument

#: The form of every id and of every name built from one (files, folders, URLs): lower-case letters
#: and digits in hyphen-separated words. Always used with ``fullmatch`` (``$`` would let "kent\n" pass).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The kinds of organisation, in the order pages list them.
ORGANISATION_KINDS = (
    "territorial-police-force", "other-police-force", "fire-and-rescue-service", "national-policing-body",
    "professional-body", "government-department", "law-enforcement-agency", "inspectorate",
)
#: Whose local policing body answers a report under Police Act 1996 s55 (police areas' forces).
S55_KINDS = frozenset({"territorial-police-force"})
IMPLEMENTATION_STATES = ("not-started", "in-progress", "implemented", "not-stated")
DOCUMENT_KINDS = ("first-comments", "update", "action-plan")
VERDICTS = ("open", "closed-implemented", "closed-not-implemented", "superseded", "not-stated")
#: Verdicts that end a duty: the recommendation is closed for that owner.
CLOSING_VERDICTS = frozenset({"closed-implemented", "closed-not-implemented", "superseded"})
REGIMES = ("s55", "no-statutory-clock", "none", "not-stated")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date printed with only the precision its source gives (year, year-month or full day).

    The report says "April 2026" and no day: storing 2026-04-01 would invent a fact, so the day (and
    month) stay ``None`` and anything computed from the date must handle that.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``"2026"``, ``"2026-04"`` or ``"2026-04-15"``; raises ValueError for a day or month that does not exist."""
        parts = [int(p) for p in text.split("-")]
        value = cls(*parts)
        # raises for 2026-02-30, month 13, and month or day 00 (a given 0 is not "no month")
        date(value.year, 1 if value.month is None else value.month, 1 if value.day is None else value.day)
        return value

    @property
    def exact(self) -> date | None:
        """The calendar date, or None when the source did not give a day."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def earliest(self) -> date:
        """The first day the date can mean: an event "in April 2026" may have happened from 1 April."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day the date can mean."""
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            following = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return following - timedelta(days=1)
        return date(self.year, 12, 31)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class KnownIssue:
    """Content of the site that is not accessible, as the accessibility statement lists it."""

    id: str
    problem: str
    #: The WCAG 2.2 success criterion it fails ("2.1.1 Keyboard"); None for a limit that fails none.
    criterion: str | None = None
    plan: str | None = None


@dataclass(frozen=True)
class Accessibility:
    """What the accessibility statement says of this copy (``site.yaml`` ``accessibility``); None: not stated."""

    #: "fully", "partially" or "not" compliant with WCAG 2.2 AA.
    compliance: str | None = None
    known_issues: tuple[KnownIssue, ...] = ()
    reply_within_days: int | None = None
    prepared: date | None = None
    reviewed: date | None = None
    tested: date | None = None
    tested_by: str | None = None


@dataclass(frozen=True)
class Licence:
    """The terms for reusing the tracker's own editorial data; never the quoted texts (None: none chosen)."""

    name: str | None = None
    url: str | None = None
    attribution: str | None = None


@dataclass(frozen=True)
class Site:
    """The tracker itself: its name and what it tracks (``data/site.yaml``)."""

    name: str
    description: str
    #: The report whose addresses from before the tracker held several reports redirect to its pages.
    legacy_report: str | None = None
    #: How readers reach the maintainers (None: not set up, and the site says so).
    contact_email: str | None = None
    contact_url: str | None = None
    #: The repository the data is kept in, and the branch the site is built from (None: none set up).
    repository_url: str | None = None
    repository_branch: str = "main"
    #: Who runs this copy (None: not set up, and the accessibility statement says so).
    run_by: str | None = None
    accessibility: Accessibility = field(default_factory=Accessibility)
    licence: Licence = field(default_factory=Licence)


@dataclass(frozen=True)
class Governance:
    """Who answers for an organisation from ``start`` to ``end`` (either open: not stated or still so)."""

    role: str
    title: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    abbreviation: str | None
    other_names: tuple[str, ...]
    kind: str
    country: str
    region: str | None
    description: str | None
    governance: tuple[Governance, ...]

    def answerer(self, day: date) -> Governance | None:
        """Who answers for the organisation on ``day`` (for a force: its local policing body), if anyone."""
        return next((g for g in self.governance if g.covers(day)), None)


@dataclass(frozen=True)
class Group:
    """A named set of organisations; ``members`` is resolved (rule or list) when the dataset is built."""

    id: str
    name: str
    kinds: tuple[str, ...]
    countries: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    id: str
    chapter: str
    title: str


@dataclass(frozen=True)
class KnownFrom:
    """An earlier report known only from what a later one says: that report, and its words."""

    report: str
    quote: str


@dataclass(frozen=True)
class Report:
    id: str
    title: str
    publishers: tuple[str, ...]
    author: str | None
    series: str | None
    published: PartialDate
    published_as_printed: str
    url: str | None
    source_document: str | None
    summary: str | None
    scope: tuple[str, ...]
    regime: str
    known_from: KnownFrom | None
    sections: tuple[Section, ...]
    #: The copyright or licence notice the report prints, verbatim (None: none printed or recorded).
    rights: str | None = None

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class SummaryVariant:
    text: str
    actions: tuple[str, ...]
    differences: str


def scoped_id(report: str, local: str) -> str:
    """A recommendation's id across reports: ``hmicfrs-2026-ocsa-mosovo/4``."""
    return f"{report}/{local}"


def local_id(value: int | str) -> str:
    """A recommendation's id within its report as text: its number, or its slug where it has none."""
    return str(value)


@dataclass(frozen=True)
class Recommendation:
    report: str
    number: int | None
    #: Its id within the report: the number as text, or the slug given where there is no number.
    local: str
    short_title: str
    deadline: date | None
    deadline_as_printed: str | None
    owners: tuple[str, ...]
    section: str | None
    text: str
    actions: tuple[str, ...]
    quoted_from: str | None = None
    related: tuple[str, ...] = ()
    summary_variant: SummaryVariant | None = None
    #: Case studies that name this recommendation; filled from case_studies.yaml (declared once there).
    case_studies: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return scoped_id(self.report, self.local)


@dataclass(frozen=True)
class CaseStudy:
    id: str
    report: str
    title: str
    organisations: tuple[str, ...]
    section: str
    #: Local ids of the recommendations of the same report it illustrates (editorial).
    recommendations: tuple[str, ...]
    themes: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    document: str | None


@dataclass(frozen=True)
class AsPrinted:
    """What a document's own columns say about an answer, verbatim: never an implementation claim."""

    status: str | None
    target_date: str | None
    lead: str | None


@dataclass(frozen=True)
class Answer:
    """One document's answer to one recommendation (a shared answer appears once per recommendation)."""

    recommendation: str
    action: str
    implementation: str
    evidence: str | None
    note: str | None = None
    as_printed: AsPrinted | None = None
    #: Every recommendation this one answer was given for, when it answers several at once.
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseDocument:
    """One published document by which an owner answers a report: first comments, an update, an action plan."""

    #: Unique within (report, owner): the file's name (``kent`` or ``kent--update-2027-01``).
    name: str
    owner: str
    report: str
    kind: str
    author: str
    published: date | None
    source: Source
    foreword: str | None
    answers: tuple[Answer, ...]

    def answer(self, recommendation: str) -> Answer | None:
        return next((a for a in self.answers if a.recommendation == recommendation), None)

    @property
    def answered(self) -> tuple[str, ...]:
        return tuple(a.recommendation for a in self.answers)


@dataclass(frozen=True)
class Evidence:
    title: str
    url: str | None
    report: str | None
    quote: str | None


@dataclass(frozen=True)
class Verdict:
    """The inspectorate's own dated view of one owner's duty: kept apart from the owner's claim."""

    recommendation: str  # scoped id
    owner: str  # organisation id (a group in the data is expanded to its members)
    date: PartialDate
    verdict: str
    by: str
    superseded_by: str | None
    evidence: Evidence
    note: str | None
    #: The owner as the data names it: the organisation, or the group the verdict was given for.
    given_for: str = ""

    @property
    def closes(self) -> bool:
        return self.verdict in CLOSING_VERDICTS


@dataclass(frozen=True)
class DeadlineRevision:
    recommendation: str  # scoped id
    owner: str | None  # organisation id, or None for every owner
    decided: date
    deadline: date
    deadline_as_printed: str
    reason: str
    source: Evidence


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    abbreviation: str | None
    definition: str
    definition_source: str
    report: str | None


@dataclass(frozen=True)
class Statistic:
    id: str
    report: str
    label: str
    value: float | int
    unit: str
    period: str | None
    quote: str
    section: str | None


@dataclass(frozen=True)
class FigureRow:
    label: str
    values: tuple[float | int, ...]
    quote: str


@dataclass(frozen=True)
class Figure:
    id: str
    report: str
    number: int
    title: str
    source: str
    series: tuple[str, ...]
    rows: tuple[FigureRow, ...]


def _lookup() -> Any:
    """A dataset's lookup table: empty until :meth:`Dataset.build` fills it."""
    return field(repr=False, compare=False, default_factory=lambda: MappingProxyType({}))


def _index(items: Iterable, key: str) -> Mapping:
    return MappingProxyType({getattr(item, key): item for item in items})


def _grouped(reports: Iterable[Report], recommendations: Iterable[Recommendation],
             ) -> Mapping[str, tuple[Recommendation, ...]]:
    """Each report's recommendations in the data's order, in one pass over them."""
    grouped: dict[str, list[Recommendation]] = {report.id: [] for report in reports}
    for rec in recommendations:
        if rec.report in grouped:
            grouped[rec.report].append(rec)
    return MappingProxyType({report_id: tuple(recs) for report_id, recs in grouped.items()})


def _backlinks(recommendations: Iterable[Recommendation]) -> Mapping[str, tuple[Recommendation, ...]]:
    pointing: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        for target in dict.fromkeys(rec.related):
            pointing.setdefault(target, []).append(rec)
    return MappingProxyType({target: tuple(recs) for target, recs in pointing.items()})


@dataclass(frozen=True)
class Dataset:
    """Everything in one data directory, validated and cross-referenced. Build it with :meth:`build`."""

    site: Site
    organisations: tuple[Organisation, ...]
    groups: tuple[Group, ...]
    reports: tuple[Report, ...]
    recommendations: tuple[Recommendation, ...]
    case_studies: tuple[CaseStudy, ...]
    documents: tuple[ResponseDocument, ...]
    verdicts: tuple[Verdict, ...]
    revisions: tuple[DeadlineRevision, ...]
    glossary: tuple[GlossaryTerm, ...]
    statistics: tuple[Statistic, ...]
    figures: tuple[Figure, ...]
    #: The copies of source documents the data names and keeps, by the path the data gives them.
    sources: Mapping[str, SourceDocument] = field(default_factory=lambda: MappingProxyType({}))
    _organisations: Mapping[str, Organisation] = _lookup()
    _groups: Mapping[str, Group] = _lookup()
    _reports: Mapping[str, Report] = _lookup()
    _recommendations: Mapping[str, Recommendation] = _lookup()
    _case_studies: Mapping[str, CaseStudy] = _lookup()
    #: Each report's recommendations, in the data's order (a national tracker has hundreds of reports: no scan of
    #: every recommendation for each one).
    _by_report: Mapping[str, tuple[Recommendation, ...]] = _lookup()
    #: The recommendations that name each one as related (the other direction of ``Recommendation.related``).
    _related_to: Mapping[str, tuple[Recommendation, ...]] = _lookup()

    @classmethod
    def build(cls, **parts: object) -> Dataset:
        """The dataset with its lookups made once, here: nothing is cached later behind a frozen face."""
        base = cls(**parts)  # type: ignore[arg-type]
        return cls(
            **parts,  # type: ignore[arg-type]
            _organisations=_index(base.organisations, "id"),
            _groups=_index(base.groups, "id"),
            _reports=_index(base.reports, "id"),
            _recommendations=_index(base.recommendations, "id"),
            _case_studies=_index(base.case_studies, "id"),
            _by_report=_grouped(base.reports, base.recommendations),
            _related_to=_backlinks(base.recommendations),
        )

    def organisation(self, org_id: str) -> Organisation:
        return self._organisations[org_id]

    def group(self, group_id: str) -> Group | None:
        return self._groups.get(group_id)

    def report(self, report_id: str) -> Report:
        return self._reports[report_id]

    def recommendation(self, rec_id: str) -> Recommendation:
        return self._recommendations[rec_id]

    def recommendations_of(self, report_id: str) -> tuple[Recommendation, ...]:
        """The recommendations of one report, in the order the data gives them."""
        return self._by_report[report_id]

    def related_to(self, rec_id: str) -> tuple[Recommendation, ...]:
        """The recommendations whose ``related`` names ``rec_id``, in the data's order."""
        return self._related_to.get(rec_id, ())

    def addressed_to(self, report_id: str, org_id: str) -> tuple[Recommendation, ...]:
        """The recommendations of a report that ``org_id`` must act on, as an owner itself or as a member of
        an owning group, in the report's order."""
        return tuple(r for r in self._by_report[report_id] if any(org_id in self.members(o) for o in r.owners))

    def case_study(self, case_id: str) -> CaseStudy:
        return self._case_studies[case_id]

    def members(self, owner_id: str) -> tuple[str, ...]:
        """The organisations an owner id stands for: a group's members, or the organisation itself."""
        group = self._groups.get(owner_id)
        return group.members if group else (owner_id,)

    def owner_name(self, owner_id: str) -> str:
        group = self._groups.get(owner_id)
        return group.name if group else self._organisations[owner_id].name
