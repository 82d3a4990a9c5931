"""What an import produces, independent of any file format: the neutral result every writer reads.

An answer keeps where each piece of its text came from and which rule put it there, so the review
listing can show an editor exactly what to check, and a writer for any data format (the current
one-file-per-force layout, or dated documents per report and owner) can be fed from the same result.
"""

from __future__ import annotations

from dataclasses import dataclass

from rectrack.authoring.blocks import Location, Removed


@dataclass(frozen=True)
class Source:
    """One piece of evidence for an answer: where it is in the document and the rule that placed it."""

    where: Location
    rule: str


@dataclass(frozen=True)
class Entry:
    """A response attributed to one or more recommendations: the action text as printed, label removed."""

    recommendations: tuple[int, ...]
    action: str
    #: The label as printed ("Action planned/taken"), the table's column header, or None if unlabelled.
    label: str | None
    where: Location
    #: What the document's own columns say (status, target_date, lead), verbatim; never a claim.
    as_printed: tuple[tuple[str, str], ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def recommendation(self) -> int:
        return self.recommendations[0]

    @property
    def status_text(self) -> str | None:
        return dict(self.as_printed).get("status")


@dataclass(frozen=True)
class Unplaced:
    """Text the importer could not place with confidence, and why (``weak``: placed, by a rule that may be wrong)."""

    text: str
    where: Location
    reason: str
    weak: bool = False


@dataclass(frozen=True)
class Placed:
    """How one block of the document was placed, for the ``--explain`` listing."""

    text: str
    where: Location
    role: str  # foreword, heading, quote, answer, conclusion, sign-off, date, header row...
    rule: str
    recommendations: tuple[int, ...] = ()


@dataclass(frozen=True)
class DocumentDate:
    """A date printed in the document (a sign-off or cover date): offered, never assumed."""

    iso: str | None  # None when only month and year are printed
    as_printed: str
    where: Location
    found_in: str  # "sign-off" | "cover"


@dataclass(frozen=True)
class Deferred:
    """Recommendations the document says it will answer later (or leaves an empty row for)."""

    recommendations: tuple[int, ...]
    text: str
    where: Location


@dataclass(frozen=True)
class ImportResult:
    title: str | None
    foreword: str
    entries: tuple[Entry, ...]
    unplaced: tuple[Unplaced, ...]
    placements: tuple[Placed, ...] = ()
    removed: tuple[Removed, ...] = ()
    dates: tuple[DocumentDate, ...] = ()
    deferred: tuple[Deferred, ...] = ()
    conclusion: str = ""
    signoff: str = ""

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(n for entry in self.entries for n in entry.recommendations)

    @property
    def not_placed(self) -> tuple[Unplaced, ...]:
        return tuple(u for u in self.unplaced if not u.weak)

    @property
    def weak(self) -> tuple[Unplaced, ...]:
        return tuple(u for u in self.unplaced if u.weak)

    @property
    def confident(self) -> bool:
        """True when every paragraph was placed by a rule that cannot be wrong about it: exit 0."""
        return not self.unplaced

    @property
    def published(self) -> DocumentDate | None:
        """The date to offer as the publication date: the sign-off's, else the cover's (full dates only)."""
        for kind in ("sign-off", "cover"):
            for found in self.dates:
                if found.found_in == kind and found.iso:
                    return found
        return None
