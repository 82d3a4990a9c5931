"""Machine-readable exports: JSON and CSV of the data, the derived status, and an iCalendar of deadlines.

The same functions feed ``rectrack export OUT_DIR`` and the site's ``downloads/`` folder, so the
published files and the command line never disagree. Output is byte-stable for the same input and
as-at date (sorted keys, fixed line endings, no timestamps), which keeps builds reproducible.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rectrack.data.kinds import COMMON_SCHEMA, KINDS, SCHEMAS
from rectrack.data.model import (
    DOCUMENT_KINDS,
    IMPLEMENTATION_STATES,
    ORGANISATION_KINDS,
    SLUG,
    VERDICTS,
    Recommendation,
)
from rectrack.data.schema import schema_dir
from rectrack.derive import S55_BASES, STATES, Duty, Tracker
from rectrack.word_template import layout_for, template_docx
from rectrack.wording import FILE_TYPES, RESPONSE_VALUES, S55_HELP, S55_LABELS


def _current_deadline(tracker: Tracker, rec: Recommendation) -> str | None:
    """The deadline in force for every owner on the as-at date: the latest revision for all, else the printed one."""
    revised = sorted((r for r in tracker.dataset.revisions
                      if r.recommendation == rec.id and r.owner is None and r.decided <= tracker.as_of),
                     key=lambda r: r.decided)
    deadline = revised[-1].deadline if revised else rec.deadline
    return deadline.isoformat() if deadline else None


def _names(tracker: Tracker, owners: tuple[str, ...]) -> list[str]:
    return [tracker.dataset.owner_name(o) for o in owners]


def recommendation_rows(tracker: Tracker) -> list[dict]:
    return [
        {
            "report": s.recommendation.report,
            "number": s.recommendation.number,
            "id": s.recommendation.id,
            "short_title": s.recommendation.short_title,
            "deadline": _current_deadline(tracker, s.recommendation),
            "deadline_as_printed": s.recommendation.deadline_as_printed,
            "owners": list(s.recommendation.owners),
            "owner_names": _names(tracker, s.recommendation.owners),
            "section": s.recommendation.section,
            "text": s.recommendation.text,
            "actions": list(s.recommendation.actions),
            "case_studies": list(s.recommendation.case_studies),
            "as_of": tracker.as_of.isoformat(),
            "state": s.overall_state,
            "days": s.days,
            "duties": len(s.duties),
            "answered": s.responded,
            "claimed_implemented": s.implemented,
            "closed": s.count("closed"),
            "overdue": s.count("overdue"),
        }
        for s in tracker.recommendations
    ]


def case_study_rows(tracker: Tracker) -> list[dict]:
    return [
        {
            "id": c.id,
            "report": c.report,
            "title": c.title,
            "organisations": list(c.organisations),
            "organisation_names": _names(tracker, c.organisations),
            "section": c.section,
            "recommendations": [f"{c.report}/{local}" for local in c.recommendations],
            "themes": list(c.themes),
            "text": c.text,
        }
        for c in tracker.dataset.case_studies if tracker.shown(c.report)
    ]


def document_rows(tracker: Tracker) -> list[dict]:
    return [
        {
            "report": o.report.id,
            "owner": o.owner.id,
            "owner_name": o.owner.name,
            "document": d.name,
            "kind": d.kind,
            "author": d.author,
            "published": d.published.isoformat() if d.published else None,
            "title": d.source.title,
            "url": d.source.url,
            "answers": len(d.answers),
        }
        for r in tracker.reports for o in r.owners for d in o.documents
    ]


def response_rows(tracker: Tracker) -> list[dict]:
    """Every answer in every published document by the as-at date, oldest first per duty."""
    return [
        {
            "report": d.recommendation.report,
            "recommendation": d.recommendation.id,
            "number": d.recommendation.number,
            "owner": d.owner.id,
            "owner_name": d.owner.name,
            "document": a.document.name,
            "kind": a.document.kind,
            "published": a.document.published.isoformat() if a.document.published else None,
            "action": a.answer.action,
            "implementation": a.answer.implementation,
            "evidence": a.answer.evidence,
            "note": a.answer.note,
            "current": position == len(d.history) - 1,
        }
        for d in tracker.duties for position, a in enumerate(d.history)
    ]


def verdict_rows(tracker: Tracker) -> list[dict]:
    return [
        {
            "report": d.recommendation.report,
            "recommendation": d.recommendation.id,
            "owner": d.owner.id,
            "owner_name": d.owner.name,
            "date": v.date.iso(),
            "verdict": v.verdict,
            "by": v.by,
            "superseded_by": v.superseded_by,
            "evidence_title": v.evidence.title,
            "evidence_url": v.evidence.url,
            "evidence_quote": v.evidence.quote,
            "note": v.note,
        }
        for d in tracker.duties for v in d.verdicts
    ]


def revision_rows(tracker: Tracker) -> list[dict]:
    return [
        {
            "report": d.recommendation.report,
            "recommendation": d.recommendation.id,
            "owner": d.owner.id,
            "owner_name": d.owner.name,
            "decided": r.decided.isoformat(),
            "deadline": r.deadline.isoformat(),
            "deadline_as_printed": r.deadline_as_printed,
            "reason": r.reason,
            "source_title": r.source.title,
            "source_url": r.source.url,
        }
        for d in tracker.duties for r in d.revisions
    ]


def organisation_rows(tracker: Tracker) -> list[dict]:
    rows = []
    for o in tracker.dataset.organisations:
        answerer = o.answerer(tracker.as_of)
        rows.append({
            "id": o.id,
            "name": o.name,
            "abbreviation": o.abbreviation,
            "kind": o.kind,
            "country": o.country,
            "region": o.region,
            "answered_for_by": answerer.title if answerer else None,
            "answered_for_by_role": answerer.role if answerer else None,
        })
    return rows


def clock_rows(tracker: Tracker) -> list[dict]:
    """One row per police force and report under s55: its first comments and the state of the 56-day clock."""
    return [
        {
            "report": o.report.id,
            "owner": o.owner.id,
            "owner_name": o.owner.name,
            "answered_for_by": o.answerer.title if o.answerer else None,
            "as_of": tracker.as_of.isoformat(),
            "first_comments": (o.first_comments.published.isoformat()
                               if o.first_comments and o.first_comments.published else None),
            "responded": o.first_comments is not None,
            "last_day_earliest": o.clock.first.isoformat() if o.clock.first else None,
            "last_day_latest": o.clock.last.isoformat() if o.clock.last else None,
            "s55": o.clock.state,
            "s55_basis": o.clock.basis,
        }
        for r in tracker.reports for o in r.owners if o.clock is not None
    ]


def response_value(duty: Duty) -> str:
    """status.csv's ``response``: answered, a document that skips this recommendation, or no response at all."""
    if duty.responded:
        return "answered"
    return "not-answered" if duty.has_document else "no-response"


def status_rows(tracker: Tracker) -> list[dict]:
    """One row per duty (recommendation and owner) on the as-at date."""
    return [
        {
            "report": d.recommendation.report,
            "recommendation": d.recommendation.id,
            "number": d.recommendation.number,
            "owner": d.owner.id,
            "owner_name": d.owner.name,
            "owner_kind": d.owner.kind,
            "deadline": d.deadline.isoformat() if d.deadline else None,
            "as_of": tracker.as_of.isoformat(),
            "days": d.days,
            "response": response_value(d),
            "implementation": d.implementation if d.responded else None,
            "verdict": d.verdict.verdict if d.verdict else None,
            "state": d.state,
        }
        for d in tracker.duties
    ]


def to_json(rows: list[dict]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def to_csv(rows: list[dict], columns: Sequence[str] | None = None) -> bytes:
    """Spreadsheet-friendly CSV: lists joined with "; ", UTF-8 with BOM so Excel reads accents.

    ``columns`` gives the header even when there are no rows (an empty table still says what it holds).
    """
    buffer = io.StringIO()
    fieldnames = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fieldnames:
        writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


#: What spreadsheets read as the start of a formula (OWASP's CSV injection list): = + - @, tab and CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """One CSV cell: numbers as numbers, true/false, lists joined with "; ", and text guarded.

    Data text is untrusted, and a cell starting with = + - @ (or tab, CR) is run as a formula by
    spreadsheets, so such *text* gets a leading apostrophe. Numbers never do: -31 days stays the
    number -31 (a guard on it turned 301 of 399 ``days`` into text).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text


def deadlines_ics(tracker: Tracker, report_id: str | None = None) -> bytes:
    """All-day events, one per deadline in force (of one report, or of all); UIDs stay stable so calendars
    update in place. A recommendation with no deadline stated has no event."""
    dataset = tracker.dataset
    name = dataset.report(report_id).title if report_id else dataset.site.name
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rectrack//Recommendation deadlines//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ics_text(name)}"]
    stamp = tracker.as_of.strftime("%Y%m%dT000000Z")
    for status in tracker.recommendations:
        r = status.recommendation
        if report_id and r.report != report_id:
            continue  # before the deadline: one calendar per report must not look at every report's revisions
        deadline = _current_deadline(tracker, r)
        if deadline is None:
            continue
        owners = ", ".join(dataset.owner_name(o) for o in r.owners) or "not stated"
        day = deadline.replace("-", "")
        title = f"Recommendation {r.number}" if r.number is not None else r.short_title
        description = f"{dataset.report(r.report).title}. Owners: {owners}. {r.text} {' '.join(r.actions)}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{r.report}-recommendation-{r.local}@rectrack",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day}",
            f"SUMMARY:{_ics_text(f'{title} due: {r.short_title}')}",
            f"DESCRIPTION:{_ics_text(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets are folded with CRLF + space (never inside a character)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


@dataclass(frozen=True)
class Column:
    """One column of a data table: its name, its type, and what it holds.

    Declared once, here, beside the row function that fills it: the CSV header, the downloads page's
    list of columns and ``datapackage.json`` (a Frictionless Table Schema field each) are all made from
    it. ``type`` is a Table Schema type (string, integer, boolean, date); ``values`` the closed list a
    column may take; ``joined``: a list, JSON array in the JSON file, joined with "; " in the CSV.
    """

    name: str
    type: str
    description: str
    values: tuple[str, ...] = ()
    joined: bool = False
    pattern: str | None = None


def _c(name: str, type_: str, description: str, values: Iterable[str] = (), *, joined: bool = False,
       pattern: str | None = None) -> Column:
    return Column(name, type_, description, tuple(values), joined, pattern)


@dataclass(frozen=True)
class Download:
    """One file of the site's downloads/ folder: its name, what it holds, and how it is made.

    The downloads page is written from this table and from the bytes each file really has (its size
    is measured from them), so the page cannot promise what a file lacks.
    """

    name: str
    holds: str
    #: None for the files made from the others (the data package, the archive): see download_files.
    build: Callable[[Tracker], bytes] | None
    #: For a data table: its columns, in order (the CSV header, and what each JSON record holds).
    fields: tuple[Column, ...] = ()
    #: For a data table: the name the table has in both of its files, and what one row is.
    table: str = ""
    row: str = ""
    #: For a data table: the columns that identify a row (the Table Schema's primary key).
    key: tuple[str, ...] = ()
    #: False for one of a family of files each linked from its own page (the Word templates): the
    #: downloads page describes the family once, and the archive of the data leaves them out.
    listed: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.fields)

    @property
    def kind(self) -> str:
        """What kind of file it is, in words (CSV, JSON, iCalendar, ZIP, JSON Schema), from its name."""
        return next(label for suffix, label in sorted(FILE_TYPES.items(), key=lambda item: -len(item[0]))
                    if self.name.endswith(suffix))


def _table(name: str, rows: Callable[[Tracker], list[dict]], holds: str, row: str,
           fields: Sequence[Column], key: Sequence[str] = ()) -> tuple[Download, Download]:
    """A data table as a JSON file and the same rows as a CSV file (``row``: what one row is)."""
    declared = tuple(fields)
    names = tuple(c.name for c in declared)
    return (Download(f"{name}.json", holds, lambda tracker: to_json(rows(tracker)), declared, name, row, tuple(key)),
            Download(f"{name}.csv", f"The same, one row per {row}, for spreadsheets.",
                     lambda tracker: to_csv(rows(tracker), names), declared, name, row, tuple(key)))


_SCOPED = "The recommendation's id: REPORT/NUMBER, or REPORT/ID for one the report does not number."
_REPORT = "The report's id (its web address on this site is reports/REPORT/)."
_OWNER = "The organisation's id (organisations.csv)."
_OWNER_NAME = "The organisation's name."
_AS_OF = "The date the states are worked out for (the site's “status as at” date)."
_PARTIAL = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_S55 = tuple(S55_LABELS)

#: The tables ``rectrack export`` writes and the site offers, in the order the downloads page lists them.
TABLES: tuple[Download, ...] = (
    *_table("recommendations", recommendation_rows,
            "Every recommendation of every report shown, with its state on the as-at date.", "recommendation", (
                _c("report", "string", _REPORT),
                _c("number", "integer", "Its number as printed; empty where the report does not number it."),
                _c("id", "string", _SCOPED),
                _c("short_title", "string", "A short title written for this site (editorial)."),
                _c("deadline", "date", "The deadline in force for every owner on the as-at date (revised or as "
                                       "printed); empty where none is stated."),
                _c("deadline_as_printed", "string", "The deadline as the report prints it."),
                _c("owners", "string", "Who must act: organisation and group ids.", joined=True),
                _c("owner_names", "string", "Their names, in the same order.", joined=True),
                _c("section", "string", "The id of the report section it is in."),
                _c("text", "string", "The recommendation's wording, verbatim."),
                _c("actions", "string", "Its bullet points, verbatim.", joined=True),
                _c("case_studies", "string", "Ids of the case studies linked to it (editorial).", joined=True),
                _c("as_of", "date", _AS_OF),
                _c("state", "string", "Its overall state: closed when closed for every owner, implemented when "
                                      "every owner has closed it or claims it, else the state of its deadline.",
                   STATES),
                _c("days", "integer", "Days from the as-at date to the deadline that decides its state "
                                      "(negative once passed); empty where no deadline is stated."),
                _c("duties", "integer", "How many organisations must act on it (a group counts each member)."),
                _c("answered", "integer", "How many of them have answered it in a published response."),
                _c("claimed_implemented", "integer", "How many of them claim it is implemented."),
                _c("closed", "integer", "For how many the inspectorate has closed it."),
                _c("overdue", "integer", "For how many it is overdue."),
            ), key=("id",)),
    *_table("status", status_rows,
            "One record per owner and recommendation on the as-at date: the deadline in force, days to it, "
            "whether the owner has answered, its claim, the inspectorate's latest verdict and the state.",
            "owner and recommendation", (
                _c("report", "string", _REPORT),
                _c("recommendation", "string", _SCOPED),
                _c("number", "integer", "The recommendation's number; empty where the report does not number it."),
                _c("owner", "string", _OWNER),
                _c("owner_name", "string", _OWNER_NAME),
                _c("owner_kind", "string", "The kind of organisation.", ORGANISATION_KINDS),
                _c("deadline", "date", "The deadline in force for this owner on the as-at date; empty where none "
                                       "is stated."),
                _c("as_of", "date", _AS_OF),
                _c("days", "integer", "Days from the as-at date to the deadline (negative once passed); empty "
                                      "where no deadline is stated."),
                _c("response", "string", "; ".join(f"{k}: {v}" for k, v in RESPONSE_VALUES.items()) + ".",
                   RESPONSE_VALUES),
                _c("implementation", "string", "What the owner's latest answer claims; empty when it has not "
                                               "answered (see response).", IMPLEMENTATION_STATES),
                _c("verdict", "string", "The inspectorate's latest verdict; empty when none is recorded.",
                   VERDICTS),
                _c("state", "string", "The duty's state on the as-at date.", STATES),
            ), key=("recommendation", "owner")),
    *_table("clocks", clock_rows,
            "The section 55 state on the as-at date of each police force on each report under section 55: "
            "whether its first comments are recorded, their date, and the window for the last day.",
            "force and report", (
                _c("report", "string", _REPORT),
                _c("owner", "string", _OWNER),
                _c("owner_name", "string", _OWNER_NAME),
                _c("answered_for_by", "string", "Its local policing body when the report was published."),
                _c("as_of", "date", _AS_OF),
                _c("first_comments", "date", "The date its published first comments give; empty where none "
                                             "are recorded or they give no date."),
                _c("responded", "boolean", "Whether its first comments are recorded."),
                _c("last_day_earliest", "date", "The earliest the last day of the 56 days can be."),
                _c("last_day_latest", "date", "The latest it can be (the same day when the report gives its "
                                              "day of publication)."),
                _c("s55", "string", "The section 55 state: " + "; ".join(
                    f"{k}: {S55_HELP[k]}" for k in _S55) + ".", _S55),
                _c("s55_basis", "string", "What the state rests on.", S55_BASES),
            ), key=("report", "owner")),
    *_table("documents", document_rows,
            "Every published response document by the as-at date: its report, owner, kind, author, date, "
            "title, web address and how many recommendations it answers.", "document", (
                _c("report", "string", _REPORT),
                _c("owner", "string", _OWNER),
                _c("owner_name", "string", _OWNER_NAME),
                _c("document", "string", "The document's id among its owner's documents on the report."),
                _c("kind", "string", "What kind of document it is.", DOCUMENT_KINDS),
                _c("author", "string", "Who published it, as it says."),
                _c("published", "date", "Its date; empty where it gives none."),
                _c("title", "string", "Its title, verbatim."),
                _c("url", "string", "Its web address, where recorded."),
                _c("answers", "integer", "How many recommendations it answers."),
            )),
    *_table("responses", response_rows,
            "Every answer in those documents, with the verbatim action, the claim and its evidence; "
            "`current` marks each duty's latest answer.", "answer", (
                _c("report", "string", _REPORT),
                _c("recommendation", "string", _SCOPED),
                _c("number", "integer", "The recommendation's number; empty where the report does not number it."),
                _c("owner", "string", _OWNER),
                _c("owner_name", "string", _OWNER_NAME),
                _c("document", "string", "The document the answer is in (documents.csv)."),
                _c("kind", "string", "What kind of document it is.", DOCUMENT_KINDS),
                _c("published", "date", "The document's date; empty where it gives none."),
                _c("action", "string", "What the document says, verbatim."),
                _c("implementation", "string", "What it claims.", IMPLEMENTATION_STATES),
                _c("evidence", "string", "The words of the answer that the claim rests on, verbatim."),
                _c("note", "string", "An editor's note (editorial)."),
                _c("current", "boolean", "Whether this is the owner's latest answer to the recommendation."),
            )),
    *_table("verdicts", verdict_rows,
            "The inspectorate's dated verdicts by the as-at date, with their evidence.", "verdict and owner", (
                _c("report", "string", _REPORT),
                _c("recommendation", "string", _SCOPED),
                _c("owner", "string", _OWNER),
                _c("owner_name", "string", _OWNER_NAME),
                _c("date", "string", "Its date, with the precision its source gives: YYYY-MM-DD, YYYY-MM or YYYY.",
                   pattern=_PARTIAL),
                _c("verdict", "string", "The verdict.", VERDICTS),
                _c("by", "string", "The id of the organisation that gave it."),
                _c("superseded_by", "string", "The recommendation that replaced it, for a superseded one."),
                _c("evidence_title", "string", "The title of the document it is given in, verbatim."),
                _c("evidence_url", "string", "That document's web address, where recorded."),
                _c("evidence_quote", "string", "The words it rests on, verbatim."),
                _c("note", "string", "An editor's note (editorial)."),
            )),
    *_table("deadline-revisions", revision_rows,
            "Deadlines revised by the as-at date: when, the new deadline, the reason and its source.",
            "revision and owner", (
                _c("report", "string", _REPORT),
                _c("recommendation", "string", _SCOPED),
                _c("owner", "string", _OWNER),
                _c("owner_name", "string", _OWNER_NAME),
                _c("decided", "date", "The day the new deadline was decided."),
                _c("deadline", "date", "The new deadline."),
                _c("deadline_as_printed", "string", "The new deadline as its source prints it."),
                _c("reason", "string", "The reason given."),
                _c("source_title", "string", "The title of the document that gives it, verbatim."),
                _c("source_url", "string", "That document's web address, where recorded."),
            )),
    *_table("organisations", organisation_rows,
            "Every organisation the tracker names: its kind, country, region and who answers for it.",
            "organisation", (
                _c("id", "string", "Its id."),
                _c("name", "string", "Its name."),
                _c("abbreviation", "string", "Its usual abbreviation, if it has one."),
                _c("kind", "string", "The kind of organisation.", ORGANISATION_KINDS),
                _c("country", "string", "Where it operates."),
                _c("region", "string", "Its region, where it has one."),
                _c("answered_for_by", "string", "Who answers for it on the as-at date (a force's local policing "
                                                "body)."),
                _c("answered_for_by_role", "string", "That body's role."),
            ), key=("id",)),
    *_table("case-studies", case_study_rows,
            "The reports' good-practice case studies, verbatim, with editorial tags and linked "
            "recommendations (REPORT/NUMBER).", "case study", (
                _c("id", "string", "Its id."),
                _c("report", "string", _REPORT),
                _c("title", "string", "Its title, verbatim."),
                _c("organisations", "string", "The ids of the organisations it is from.", joined=True),
                _c("organisation_names", "string", "Their names, in the same order.", joined=True),
                _c("section", "string", "The id of the report section it is in."),
                _c("recommendations", "string", "The recommendations it is linked to (editorial).", joined=True),
                _c("themes", "string", "Its themes (editorial).", joined=True),
                _c("text", "string", "Its text, verbatim."),
            ), key=("id",)),
)


def _schema_download(name: str) -> Download:
    kind = next((k for k in KINDS if k.schema == name), None)
    holds = f"JSON Schema for {kind.holds}." if kind else "JSON Schema for the definitions the other schemas share."
    return Download(f"schemas/{name}", holds, lambda tracker: (schema_dir() / name).read_bytes())


def report_calendar(report_id: str) -> Download:
    return Download(f"deadlines-{report_id}.ics", "The deadlines of one report, as a calendar.",
                    lambda tracker: deadlines_ics(tracker, report_id))


#: The files made from the others: a description of every CSV file, and an archive of everything.
DATAPACKAGE = "datapackage.json"
ARCHIVE = "rectrack-data.zip"
PACKAGE = Download(DATAPACKAGE, "A Frictionless Data Package: every CSV file above, described column by column "
                   "(name, type and meaning), with its size and checksum, so the tables load into the tools that "
                   "read data packages.", None)
ARCHIVE_DOWNLOAD = Download(ARCHIVE, "All of the files above in one archive.", None)

#: The site's downloads/ folder, in the order the downloads page lists it (calendars per report are added
#: by :func:`downloads_for`).
DOWNLOADS: tuple[Download, ...] = (
    TABLES
    + (Download("deadlines.ics", "Every deadline in force, of every report, as a calendar you can subscribe to "
                "or import.", deadlines_ics),)
    + tuple(_schema_download(name) for name in SCHEMAS) + (_schema_download(COMMON_SCHEMA),)
)


#: The folder of downloads/ holding the Word templates, and what they are (the downloads page says it once).
TEMPLATES_FOLDER = "response-templates"
WORD_TEMPLATES_HOLD = ("A Word template for each organisation on each report addressed to it: the recommendations it "
                       "must answer, with their wording, and a box for each answer, to fill in and send back.")


def word_template_name(report_id: str, org_id: str) -> str:
    """Where the template for ``org_id`` on ``report_id`` lives under downloads/ (both are validated slugs)."""
    if not (SLUG.fullmatch(report_id) and SLUG.fullmatch(org_id)):
        raise ValueError(f"not ids, refusing to make a file name from them: {report_id!r}, {org_id!r}")
    return f"{TEMPLATES_FOLDER}/{report_id}/{org_id}.docx"


def word_template(report_id: str, org_id: str) -> Download:
    def build(tracker: Tracker) -> bytes:
        dataset = tracker.dataset
        return template_docx(layout_for(dataset, dataset.report(report_id), dataset.organisation(org_id)))

    return Download(word_template_name(report_id, org_id), WORD_TEMPLATES_HOLD, build, listed=False)


def data_files(tracker: Tracker) -> dict[str, bytes]:
    """What ``rectrack export`` writes: the data tables as JSON and CSV and their data package, the same
    bytes as the site's."""
    files = {d.name: d.build(tracker) for d in TABLES if d.build is not None}
    files[DATAPACKAGE] = datapackage(tracker, files)
    return files


def downloads_for(tracker: Tracker) -> tuple[Download, ...]:
    """The downloads table of one build: the fixed files, one calendar per report shown, the data package,
    the archive, and the Word template of each organisation on each report shown that addresses it."""
    return (DOWNLOADS + tuple(report_calendar(s.report.id) for s in tracker.reports) + (PACKAGE, ARCHIVE_DOWNLOAD)
            + tuple(word_template(s.report.id, o.owner.id) for s in tracker.reports for o in s.owners))


def download_files(tracker: Tracker) -> dict[str, bytes]:
    """The listed files of the site's downloads/ folder, by name: each listed file of :func:`downloads_for`,
    the data package and the archive of them all. The Word templates are :func:`word_templates`."""
    table = [d for d in downloads_for(tracker) if d.listed]
    files = {d.name: d.build(tracker) for d in table if d.build is not None}
    files[DATAPACKAGE] = datapackage(tracker, files)
    files[ARCHIVE] = _zip({d.name: files[d.name] for d in table if d.name in files})
    return files


def word_templates(tracker: Tracker) -> dict[str, bytes]:
    """The rest of downloads/: the Word template of each organisation on each report, by name.

    Apart from :func:`download_files` because no page needs their bytes (the downloads page counts them,
    the pages link to them by name), so the build makes them while MkDocs runs, on the core it leaves idle.
    """
    return {d.name: d.build(tracker) for d in downloads_for(tracker) if not d.listed and d.build is not None}


def datapackage(tracker: Tracker, files: dict[str, bytes]) -> bytes:
    """``datapackage.json`` (Frictionless Data Package v1, tabular): one resource per CSV file in ``files``,
    its Table Schema made from the columns declared in :data:`TABLES`, its size and SHA-256 from its bytes.

    A licence is named only when ``site.yaml`` gives one with its address; it covers the editorial data
    (the package's sources are the reports, whose own terms the tracker does not change).
    """
    site = tracker.dataset.site
    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": "rectrack-data",
        "title": site.name,
        "description": f"{site.description} States as at {tracker.as_of.isoformat()}.",
        "resources": [_resource(d, files[d.name]) for d in TABLES if d.name.endswith(".csv") and d.name in files],
        "sources": [{"title": s.report.title, **({"path": s.report.url} if s.report.url else {})}
                    for s in tracker.reports],
    }
    if site.licence.url:
        package["licenses"] = [{"path": site.licence.url, "title": site.licence.name or site.licence.url}]
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _resource(table: Download, content: bytes) -> dict[str, object]:
    json_sibling = next(d for d in TABLES if d.table == table.table and d.name.endswith(".json"))
    schema: dict[str, object] = {"fields": [_field(c) for c in table.fields], "missingValues": [""]}
    if table.key:
        schema["primaryKey"] = list(table.key)
    return {
        "name": table.table,
        "path": table.name,
        "profile": "tabular-data-resource",
        "title": f"{table.table}.csv",
        "description": f"{json_sibling.holds} One row per {table.row}.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": {"delimiter": ",", "doubleQuote": True, "lineTerminator": "\r\n", "header": True},
        "schema": schema,
    }


def _field(column: Column) -> dict[str, object]:
    description = column.description + (" Several are separated by “; ”." if column.joined else "")
    field: dict[str, object] = {"name": column.name, "type": column.type, "description": description}
    if column.type == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, object] = {}
    if column.values:
        constraints["enum"] = list(column.values)
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_files(files: dict[str, bytes], out_dir: Path) -> None:
    for name, content in files.items():
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
