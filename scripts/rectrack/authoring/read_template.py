"""Read back a filled-in Word template (:mod:`rectrack.word_template`): every box, exactly, or say why not.

A template is recognised by its reference line ("rectrack-template/1/REPORT/ORG"), or, when that line
was deleted, by its boxes' labels. It is read against the :class:`~rectrack.word_template.Layout` made
from the current data for the same report and organisation, so the reader knows every box by its
label and every other line the template prints. What it cannot place is a problem with where it is
and what to do, never dropped: text typed outside the boxes (under a heading, in the instructions),
in the label column, in a row or column the template does not have, a box given twice, an
implementation that is not one of the allowed values, a date it cannot read, or a claim or evidence
for a recommendation whose response box is empty.

The box's text is taken as the Word reader gives it (:mod:`.read_docx`: tracked changes accepted,
paragraphs separated by a blank line, list items as "- " lines, placeholders of empty drop-down and
date boxes not text), so an answer reads the same whether it came from this template or a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rectrack.authoring import patterns as P
from rectrack.authoring.blocks import Location, Paragraph, ReadDocument, Table
from rectrack.authoring.matcher import Matcher
from rectrack.authoring.result import Unplaced
from rectrack.authoring.writer import DraftEntry, ResponseDraft
from rectrack.data.model import IMPLEMENTATION_STATES, Dataset, Organisation, Report
from rectrack.text import normalise
from rectrack.word_template import REFERENCE, VERSION, Box, Layout, layout_for, rec_reference
from rectrack.wording import TEMPLATE_ANSWER_FIELDS, TEMPLATE_CHOICES

#: A box label of any template ("Your response to recommendation 17"), to tell a box of another
#: organisation's template (or of a recommendation no longer addressed to this one) from stray text.
_ANY_LABEL = re.compile(
    r"^(?:" + "|".join(re.escape(label).replace(r"\{rec\}", rf"recommendation\s+(?P<r{i}>\S+)")
                       for i, (_, label, _, _) in enumerate(TEMPLATE_ANSWER_FIELDS)) + r")$",
    re.IGNORECASE,
)
_NUMBERED_HEADING = re.compile(r"^Recommendation (?P<number>\d+): ")


@dataclass(frozen=True)
class Mark:
    """What a template's reference line says: the layout's version, the report and the organisation."""

    version: int
    report: str
    owner: str
    where: Location


@dataclass(frozen=True)
class TemplateRead:
    """The response file's content read from the template, and everything that could not be placed."""

    draft: ResponseDraft
    #: Every piece of text that could not be placed, with where it is and why (any one means exit 1).
    problems: tuple[Unplaced, ...]
    #: The recommendations answered (local ids), and those whose boxes were left empty, in order.
    answered: tuple[str, ...]
    unanswered: tuple[str, ...]


def template_mark(document: ReadDocument) -> Mark | None:
    """The reference line's facts, if the document has one."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            found = REFERENCE.search(block.text)
            if found:
                return Mark(int(found.group("version")), found.group("report"), found.group("owner"), block.where)
    return None


def looks_like_template(document: ReadDocument) -> bool:
    """True when a table has a template's box labels: a template whose reference line was deleted."""
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                if row and _ANY_LABEL.match(_first_paragraph(row[0])):
                    return True
    return False


def template_layout(dataset: Dataset, report: Report, owner: Organisation) -> Layout:
    """The layout of the template for ``owner`` on ``report``, made as the site makes it, from the same data."""
    return layout_for(dataset, report, owner)


def read_template(document: ReadDocument, plan: Layout, kind: str = "first-comments") -> TemplateRead:
    """Every box of ``document`` read against ``plan``; ``kind`` is what the document is (first comments...)."""
    reader = _Reader(plan)
    for block in document.blocks:
        if isinstance(block, Table):
            reader.table(block)
        else:
            reader.paragraph(block)
    return reader.result(kind)


class _Reader:
    def __init__(self, plan: Layout) -> None:
        self.plan = plan
        self.boxes = {_key(box.label): box for box in plan.boxes}
        self.fixed = {_key(line) for line in plan.fixed_lines()}
        self.numbers = {item.recommendation.number for item in plan.items if item.recommendation.number is not None}
        self.matcher = Matcher([item.recommendation for item in plan.items])
        self.values: dict[Box, tuple[str, Location]] = {}
        self.problems: list[Unplaced] = []
        self.after = "at the top, before the first heading"

    def problem(self, text: str, where: Location, reason: str) -> None:
        self.problems.append(Unplaced(text, where, reason))

    # Outside the boxes ------------------------------------------------------------------------------

    def paragraph(self, block: Paragraph) -> None:
        for line in block.text.split("\n"):
            text = line[2:] if line.startswith("- ") else line
            if text.strip() and not self._expected(text):
                self.problem(text, block.where, f"it is outside the shaded boxes ({self.after}), so it is not "
                             "read; type it into the box it belongs to")
        if block.heading or _NUMBERED_HEADING.match(block.text):
            self.after = f"after the heading “{block.text}”"

    def _expected(self, text: str) -> bool:
        """A line the template prints: its own words, or a recommendation's wording as it stood when made."""
        key = _key(text)
        if key in self.fixed or REFERENCE.search(text):
            return True
        heading = _NUMBERED_HEADING.match(text)
        if heading and int(heading.group("number")) in self.numbers:
            return True
        return any(self.matcher.quotes(text, n) for n in self.numbers)

    # The boxes --------------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        for row, where in zip(table.rows, table.row_locations, strict=True):
            if not any(cell.strip() for cell in row):
                continue
            label, *hints = row[0].split("\n\n")
            box = self.boxes.get(_key(label))
            if box is None:
                self._foreign_row(row, label, where)
                continue
            at = Location(f"{where}, the box “{box.label}”")
            for hint in hints:
                if _key(hint) != _key(box.hint):
                    self.problem(hint, at, "it is in the left-hand column, beside the box, so it is not read; "
                                 "type it into the shaded box on the right")
            for extra in row[2:]:
                if extra.strip():
                    self.problem(extra, at, "it is in a column the template does not have, so it is not read; "
                                 "type it into the shaded box")
            value = row[1].strip() if len(row) > 1 else ""
            if box in self.values:
                if value:
                    self.problem(value, at, f"the box “{box.label}” appears twice (at {self.values[box][1]} too); "
                                 "keep one, with the whole answer in it")
                continue
            self.values[box] = (value, at)

    def _foreign_row(self, row: tuple[str, ...], label: str, where: Location) -> None:
        text = " | ".join(cell for cell in row if cell.strip())
        other = _ANY_LABEL.match(label.strip())
        if other:
            ref = next(v for v in other.groupdict().values() if v)
            self.problem(text, where, f"the template for {self.plan.owner.name} on this report has no box for "
                         f"recommendation {ref} (it is not addressed to {self.plan.owner.name}, or this row comes "
                         "from another organisation's template)")
            return
        self.problem(text, where, "it is in a row the template does not have, so it is not read; type it into "
                     "the shaded box it belongs to")

    # What the boxes say -----------------------------------------------------------------------------

    def text(self, box: Box) -> tuple[str, Location]:
        return self.values.get(box, ("", Location(f"the box “{box.label}”")))

    def result(self, kind: str) -> TemplateRead:
        plan = self.plan
        fields = {key: plan.document_box(key) for key in ("title", "url", "author", "foreword", "published")}
        title = self.text(fields["title"])[0]
        url = self.text(fields["url"])[0] or None
        author = self.text(fields["author"])[0] or fields["author"].prefill
        foreword = self.text(fields["foreword"])[0] or None
        published_text, published_at = self.text(fields["published"])
        published = None
        if published_text:
            published = _date(published_text)
            if published is None:
                self.problem(published_text, published_at, "it is not a date the tracker can read; write it as "
                             "31 December 2026 (day, month in words, year)")
        entries: list[DraftEntry] = []
        answered: list[str] = []
        unanswered: list[str] = []
        for item in plan.items:
            action_box, claim_box, evidence_box = item.boxes
            action, _ = self.text(action_box)
            claim_text, claim_at = self.text(claim_box)
            evidence, evidence_at = self.text(evidence_box)
            claim = _claim(claim_text) if claim_text else "not-stated"
            if claim is None:
                self.problem(claim_text, claim_at, "it is not one of the allowed values: "
                             + ", ".join(TEMPLATE_CHOICES[s].lower() for s in IMPLEMENTATION_STATES))
            rec = item.recommendation
            if not action:
                given = [what for what, there in (("an implementation", claim not in (None, "not-stated")),
                                                  ("evidence", bool(evidence))) if there]
                if given:
                    self.problem(evidence or claim_text, evidence_at if evidence else claim_at,
                                 f"{' and '.join(given)} is given for {rec_reference(rec)}, but its box "
                                 f"“{action_box.label}” is empty; paste the response's text there")
                unanswered.append(rec.local)
                continue
            answered.append(rec.local)
            entries.append(DraftEntry(recommendations=(rec.number if rec.number is not None else rec.local,),
                                      action=action, implementation=claim or "not-stated",
                                      evidence=evidence or None))
        draft = ResponseDraft(owner=plan.owner.id, report=plan.report.id, author=author, source_title=title,
                              kind=kind, foreword=foreword, published=published.isoformat() if published else None,
                              source_url=url, responses=tuple(entries))
        return TemplateRead(draft, tuple(self.problems), tuple(answered), tuple(unanswered))


def check_mark(mark: Mark | None, report_id: str | None, owner_id: str) -> list[str]:
    """Why ``mark`` does not fit the organisation (and report, if given) the import was asked for."""
    if mark is None:
        return []
    problems = []
    if mark.version != VERSION:
        problems.append(f"the template was made by version {mark.version} of the template, and this tracker reads "
                        f"version {VERSION}: download a new template and copy the answers into it")
    if report_id is not None and mark.report != report_id:
        problems.append(f"the template is for report '{mark.report}', not '{report_id}'")
    if mark.owner != owner_id:
        problems.append(f"the template is for '{mark.owner}', not '{owner_id}'")
    return problems


def _key(text: str) -> str:
    return normalise(text).casefold()


def _first_paragraph(cell: str) -> str:
    return cell.split("\n\n")[0].strip()


def _claim(text: str) -> str | None:
    """An implementation state from what the box says: "In progress", "in-progress", "IN PROGRESS"."""
    wanted = re.sub(r"[\s_-]+", " ", text.strip().casefold())
    for state in IMPLEMENTATION_STATES:
        if wanted in (state.replace("-", " "), TEMPLATE_CHOICES[state].casefold()):
            return state
    return None


_NUMERIC = re.compile(r"^(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})$")
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")


def _date(text: str) -> date | None:
    """A full date from "31 December 2026", "Thursday 31 December 2026", "2026-12-31" or "31/12/2026" (UK order)."""
    text = " ".join(text.split())
    found = P.parse_date(text)
    if found is not None:
        return date.fromisoformat(found[0]) if found[0] else None
    match = _ISO.match(text) or _NUMERIC.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
