"""Machine-readable exports: JSON and CSV of the data, the derived status, and an iCalendar of deadlines.

The same functions feed ``rectrack export OUT_DIR`` and the site's ``downloads/`` folder, so the
published files and the command line never disagree. Output is byte-stable for the same input and
as-at date (sorted keys, fixed line endings, no timestamps), which keeps builds reproducible.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rectrack.data.kinds import COMMON_SCHEMA, KINDS, SCHEMAS
from rectrack.data.model import SLUG, Recommendation
from rectrack.data.schema import schema_dir
from rectrack.derive import Tracker
from rectrack.word_template import layout_for, template_docx


def _current_deadline(tracker: Tracker, rec: Recommendation) -> str | None:
    """The deadline in force for every owner on the as-at date: the latest revision for all, else the printed one."""
    revised = sorted((r for r in tracker.dataset.revisions
                      if r.recommendation == rec.id and r.owner is None and r.decided <= tracker.as_of),
                     key=lambda r: r.decided)
    deadline = revised[-1].deadline if revised else rec.deadline
    return deadline.isoformat() if deadline else None


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
            "section": s.recommendation.section,
            "text": s.recommendation.text,
            "actions": list(s.recommendation.actions),
            "case_studies": list(s.recommendation.case_studies),
            "state": s.overall_state,
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
            "first_comments": (o.first_comments.published.isoformat()
                               if o.first_comments and o.first_comments.published else None),
            "responded": o.first_comments is not None,
            "last_day_earliest": o.clock.first.isoformat() if o.clock and o.clock.first else None,
            "last_day_latest": o.clock.last.isoformat() if o.clock and o.clock.last else None,
            "s55": o.clock.state if o.clock else None,
        }
        for r in tracker.reports for o in r.owners if o.clock is not None
    ]


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
            "response": "answered" if d.responded else "not-answered" if d.has_document else "none",
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


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    text = str(value)
    # A cell starting with = + - @ is run as a formula by spreadsheets: data text is untrusted.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
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
class Download:
    """One file of the site's downloads/ folder: its name, what it holds, and how it is made.

    The downloads page is written from this table and from the bytes each file really has (its
    fields are read back from the built file), so the page cannot promise what a file lacks.
    """

    name: str
    holds: str
    build: Callable[[Tracker], bytes]
    #: For a data table: its columns, in order (the CSV header, and what each JSON record holds).
    columns: tuple[str, ...] = ()
    #: False for one of a family of files each linked from its own page (the Word templates): the
    #: downloads page describes the family once, and the archive of the data leaves them out.
    listed: bool = True


def _table(name: str, rows: Callable[[Tracker], list[dict]], holds: str, row: str,
           columns: str) -> tuple[Download, Download]:
    """A data table as a JSON file and the same rows as a CSV file (``row``: what one row is;
    ``columns``: the record's fields, space-separated, as the row function writes them)."""
    names = tuple(columns.split())
    return (Download(f"{name}.json", holds, lambda tracker: to_json(rows(tracker)), names),
            Download(f"{name}.csv", f"The same, one row per {row}.", lambda tracker: to_csv(rows(tracker), names),
                     names))


#: The tables ``rectrack export`` writes and the site offers, in the order the downloads page lists them.
TABLES: tuple[Download, ...] = (
    *_table("recommendations", recommendation_rows,
            "Every recommendation of every report shown: its report, number and id (REPORT/NUMBER), verbatim "
            "text and bullets, the deadline in force (as a date) and as printed, owners, report section, "
            "linked case studies, and its overall state on the as-at date.", "recommendation, for spreadsheets",
            "report number id short_title deadline deadline_as_printed owners section text actions case_studies state"),
    *_table("status", status_rows,
            "One record per owner and recommendation on the as-at date: the deadline in force, days to it, "
            "whether the owner has answered, its implementation claim, the inspectorate's latest verdict and "
            "the state.", "owner and recommendation",
            "report recommendation number owner owner_name owner_kind deadline as_of days response implementation "
            "verdict state"),
    *_table("clocks", clock_rows,
            "The section 55 state on the as-at date of each police force on each report under section 55: "
            "whether its first comments are recorded, their date, and the window for the last day.",
            "force and report",
            "report owner owner_name answered_for_by first_comments responded last_day_earliest last_day_latest s55"),
    *_table("documents", document_rows,
            "Every published response document by the as-at date: its report, owner, kind, author, date, "
            "title, web address and how many recommendations it answers.", "document",
            "report owner owner_name document kind author published title url answers"),
    *_table("responses", response_rows,
            "Every answer in those documents, with the verbatim action, the claim and its evidence; "
            "`current` marks each duty's latest answer.", "answer",
            "report recommendation number owner document kind published action implementation evidence note current"),
    *_table("verdicts", verdict_rows,
            "The inspectorate's dated verdicts by the as-at date, with their evidence.", "verdict and owner",
            "report recommendation owner date verdict by superseded_by evidence_title evidence_url "
            "evidence_quote note"),
    *_table("deadline-revisions", revision_rows,
            "Deadlines revised by the as-at date: when, the new deadline, the reason and its source.",
            "revision and owner",
            "report recommendation owner decided deadline deadline_as_printed reason source_title source_url"),
    *_table("organisations", organisation_rows,
            "Every organisation the tracker names: its kind, country, region and who answers for it.",
            "organisation",
            "id name abbreviation kind country region answered_for_by answered_for_by_role"),
    *_table("case-studies", case_study_rows,
            "The reports' good-practice case studies, verbatim, with editorial tags and linked "
            "recommendations (REPORT/NUMBER).", "case study",
            "id report title organisations section recommendations themes text"),
)


def _schema_download(name: str) -> Download:
    kind = next((k for k in KINDS if k.schema == name), None)
    holds = f"JSON Schema for {kind.holds}." if kind else "JSON Schema for the definitions the other schemas share."
    return Download(f"schemas/{name}", holds, lambda tracker: (schema_dir() / name).read_bytes())


def report_calendar(report_id: str) -> Download:
    return Download(f"deadlines-{report_id}.ics", "The deadlines of one report, as a calendar.",
                    lambda tracker: deadlines_ics(tracker, report_id))


#: Everything in the site's downloads/ folder except the archive of all of it.
DOWNLOADS: tuple[Download, ...] = (
    TABLES
    + (Download("deadlines.ics", "Every deadline in force, of every report, as a calendar you can subscribe to "
                "or import.", deadlines_ics),)
    + tuple(_schema_download(name) for name in SCHEMAS) + (_schema_download(COMMON_SCHEMA),)
)
ARCHIVE = "rectrack-data.zip"
ARCHIVE_HOLDS = "All of the files above in one archive."


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
    """What ``rectrack export`` writes: the data tables as JSON and CSV, the same bytes as the site's."""
    return {d.name: d.build(tracker) for d in TABLES}


def downloads_for(tracker: Tracker) -> tuple[Download, ...]:
    """The downloads table of one build: the fixed files, one calendar per report shown, and the Word
    template of each organisation on each report shown that addresses it."""
    return (DOWNLOADS + tuple(report_calendar(s.report.id) for s in tracker.reports)
            + tuple(word_template(s.report.id, o.owner.id) for s in tracker.reports for o in s.owners))


def download_files(tracker: Tracker) -> dict[str, bytes]:
    """Everything the site's downloads/ folder holds, including an archive of the listed files."""
    table = downloads_for(tracker)
    files = {d.name: d.build(tracker) for d in table}
    files[ARCHIVE] = _zip({d.name: files[d.name] for d in table if d.listed})
    return files


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
