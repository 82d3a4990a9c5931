"""The typed, frozen model of a tracker's data.

These dataclasses mirror the JSON Schemas in ``schemas/`` field for field: the schemas say what a data
file may contain, the model is what the rest of the code may rely on once validation has passed.
Nothing here reads files or knows about pages; ``load``/``validate`` build a :class:`Dataset`,
``derive`` and ``render`` only read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

#: The form of every id and of every name built from one (files, folders, URLs): lower-case letters
#: and digits in hyphen-separated words. Always used with ``fullmatch`` (``$`` would let "kent\n" pass).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The owner id meaning "every territorial force, each separately".
FORCES = "forces"

IMPLEMENTATION_STATES = ("not-started", "in-progress", "implemented", "not-stated")
VERDICTS = ("open", "closed", "superseded")


@dataclass(frozen=True)
class PartialDate:
    """A date printed with only the precision its source gives (year, year-month or full day).

    The report says "April 2026" and no day: storing 2026-04-01 would invent a fact, so the day (and
    month) stay ``None`` and anything computed from the date must handle that.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def exact(self) -> date | None:
        """The calendar date, or None when the source did not give a day."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class Section:
    id: str
    chapter: str
    title: str


@dataclass(frozen=True)
class Report:
    id: str
    title: str
    publisher: str
    series: str
    published: PartialDate
    published_as_printed: str
    source_document: str | None
    summary: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    abbreviation: str | None
    kind: str
    description: str


@dataclass(frozen=True)
class SummaryVariant:
    text: str
    actions: tuple[str, ...]
    differences: str


@dataclass(frozen=True)
class Recommendation:
    report: str
    number: int
    short_title: str
    deadline: date
    deadline_as_printed: str
    owners: tuple[str, ...]
    section: str
    text: str
    actions: tuple[str, ...]
    summary_variant: SummaryVariant | None = None
    #: Case studies that name this recommendation; filled from case_studies.yaml (declared once there).
    case_studies: tuple[str, ...] = ()

    @property
    def for_forces(self) -> bool:
        return FORCES in self.owners

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(o for o in self.owners if o != FORCES)


@dataclass(frozen=True)
class CaseStudy:
    id: str
    title: str
    force: str
    section: str
    recommendations: tuple[int, ...]
    themes: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class PolicingBody:
    kind: str
    title: str


@dataclass(frozen=True)
class Force:
    id: str
    name: str
    other_names: tuple[str, ...]
    policing_body: PolicingBody
    region: str
    country: str


@dataclass(frozen=True)
class Verdict:
    """The inspectorate's own view of a response: kept apart from the force's claim."""

    verdict: str
    date: date | None
    note: str | None


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    document: str | None


@dataclass(frozen=True)
class RecommendationResponse:
    recommendation: int
    action: str
    implementation: str
    evidence: str | None
    note: str | None = None
    inspectorate: Verdict | None = None


@dataclass(frozen=True)
class ForceResponse:
    force: str
    report: str
    author: str
    published: date | None
    source: Source
    foreword: str
    responses: tuple[RecommendationResponse, ...]

    def for_recommendation(self, number: int) -> RecommendationResponse | None:
        for response in self.responses:
            if response.recommendation == number:
                return response
        return None


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    abbreviation: str | None
    definition: str
    definition_source: str


@dataclass(frozen=True)
class Statistic:
    id: str
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
    number: int
    title: str
    source: str
    series: tuple[str, ...]
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True)
class Dataset:
    """Everything in one data directory, validated and cross-referenced."""

    report: Report
    bodies: tuple[Body, ...]
    recommendations: tuple[Recommendation, ...]
    case_studies: tuple[CaseStudy, ...]
    forces: tuple[Force, ...]
    responses: tuple[ForceResponse, ...]
    glossary: tuple[GlossaryTerm, ...]
    statistics: tuple[Statistic, ...]
    figures: tuple[Figure, ...]
    _index: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)

    def force(self, force_id: str) -> Force:
        return self._lookup("force", self.forces, force_id)

    def body(self, body_id: str) -> Body:
        return self._lookup("body", self.bodies, body_id)

    def case_study(self, case_id: str) -> CaseStudy:
        return self._lookup("case_study", self.case_studies, case_id)

    def recommendation(self, number: int) -> Recommendation:
        return self._lookup("recommendation", self.recommendations, number, key="number")

    def response_of(self, force_id: str) -> ForceResponse | None:
        table = self._table("response", self.responses, "force")
        return table.get(force_id)

    def _table(self, name: str, items: tuple, key: str) -> dict:
        # Lookups are by id on every page; build each index once (the dataclass is frozen, the dict is not).
        if name not in self._index:
            self._index[name] = {getattr(item, key): item for item in items}
        return self._index[name]

    def _lookup(self, name: str, items: tuple, wanted: object, key: str = "id"):
        return self._table(name, items, key)[wanted]
