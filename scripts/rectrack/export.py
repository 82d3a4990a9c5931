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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rectrack.data.kinds import COMMON_SCHEMA, KINDS, FileKind
from rectrack.data.model import FORCES, Dataset
from rectrack.data.schema import schema_dir
from rectrack.derive import Tracker


def recommendation_rows(dataset: Dataset) -> list[dict]:
    return [
        {
            "id": r.number,
            "report": r.report,
            "short_title": r.short_title,
            "deadline": r.deadline.isoformat(),
            "deadline_as_printed": r.deadline_as_printed,
            "owners": list(r.owners),
            "section": r.section,
            "text": r.text,
            "actions": list(r.actions),
            "case_studies": list(r.case_studies),
        }
        for r in dataset.recommendations
    ]


def case_study_rows(dataset: Dataset) -> list[dict]:
    return [
        {
            "id": c.id,
            "title": c.title,
            "force": c.force,
            "section": c.section,
            "recommendations": list(c.recommendations),
            "themes": list(c.themes),
            "text": c.text,
        }
        for c in dataset.case_studies
    ]


def response_rows(dataset: Dataset) -> list[dict]:
    rows = []
    for document in dataset.responses:
        for r in document.responses:
            verdict = r.inspectorate
            rows.append({
                "owner": document.force,
                "recommendation": r.recommendation,
                "action": r.action,
                "implementation": r.implementation,
                "evidence": r.evidence,
                "note": r.note,
                "inspectorate": verdict.verdict if verdict else None,
                "inspectorate_date": verdict.date.isoformat() if verdict and verdict.date else None,
                "inspectorate_note": verdict.note if verdict else None,
                "published": document.published.isoformat() if document.published else None,
            })
    return rows


def force_rows(dataset: Dataset) -> list[dict]:
    return [
        {
            "id": f.id,
            "name": f.name,
            "other_names": list(f.other_names),
            "policing_body": f.policing_body.title,
            "policing_body_kind": f.policing_body.kind,
            "region": f.region,
            "country": f.country,
        }
        for f in dataset.forces
    ]


def status_rows(tracker: Tracker) -> list[dict]:
    """One row per owner and recommendation: each force for force-directed ones, each body otherwise."""
    return [
        {
            "owner": a.owner,
            "owner_kind": a.owner_kind,
            "recommendation": a.recommendation.number,
            "deadline": a.recommendation.deadline.isoformat(),
            "as_of": tracker.as_of.isoformat(),
            "days": a.days,
            "response": "published" if a.response else "none",
            "implementation": a.implementation,
            "inspectorate": a.verdict,
            "state": a.state,
        }
        for a in tracker.assignments
    ]


def to_json(rows: list[dict]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def to_csv(rows: list[dict]) -> bytes:
    """Spreadsheet-friendly CSV: lists joined with "; ", UTF-8 with BOM so Excel reads accents."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
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


def deadlines_ics(tracker: Tracker) -> bytes:
    """All-day events, one per recommendation deadline; UIDs are stable so calendars update in place."""
    dataset = tracker.dataset
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rectrack//Recommendation deadlines//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ics_text(dataset.report.title)}"]
    stamp = tracker.as_of.strftime("%Y%m%dT000000Z")
    for r in dataset.recommendations:
        owners = ", ".join("all forces" if o == FORCES else dataset.body(o).name for o in r.owners)
        day = r.deadline
        lines += [
            "BEGIN:VEVENT",
            f"UID:{dataset.report.id}-recommendation-{r.number}@rectrack",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"SUMMARY:{_ics_text(f'Recommendation {r.number} due: {r.short_title}')}",
            f"DESCRIPTION:{_ics_text(f'Owners: {owners}. ' + r.text + ' ' + ' '.join(r.actions))}",
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


def _table(name: str, rows: Callable[[Tracker], list[dict]], holds: str, row: str) -> tuple[Download, Download]:
    """A data table as a JSON file and the same rows as a CSV file (``row``: what one row is)."""
    return (Download(f"{name}.json", holds, lambda tracker: to_json(rows(tracker))),
            Download(f"{name}.csv", f"The same, one row per {row}.", lambda tracker: to_csv(rows(tracker))))


#: The tables ``rectrack export`` writes and the site offers, in the order the downloads page lists them.
TABLES: tuple[Download, ...] = (
    *_table("recommendations", lambda t: recommendation_rows(t.dataset),
            "Every recommendation: its number, verbatim text and bullets, deadline (as printed and as a "
            "date), owners, report section and linked case studies.", "recommendation, for spreadsheets"),
    *_table("status", status_rows,
            "One record per owner and recommendation on the as-at date: its state, days to the deadline, "
            "whether a response is published, the implementation claim and the inspectorate verdict.",
            "owner and recommendation"),
    *_table("responses", lambda t: response_rows(t.dataset),
            "Every published response, with each answer's verbatim action, claim and evidence.",
            "answered recommendation"),
    *_table("forces", lambda t: force_rows(t.dataset),
            "The territorial police forces, their regions and local policing bodies.", "force"),
    *_table("case-studies", lambda t: case_study_rows(t.dataset),
            "The report's good-practice case studies, verbatim, with editorial tags.", "case study"),
)


def _schema_download(kind: FileKind | None) -> Download:
    name = kind.schema if kind else COMMON_SCHEMA
    holds = f"JSON Schema for {kind.holds}." if kind else "JSON Schema for the definitions the other schemas share."
    return Download(f"schemas/{name}", holds, lambda tracker: (schema_dir() / name).read_bytes())


#: Everything in the site's downloads/ folder except the archive of all of it.
DOWNLOADS: tuple[Download, ...] = (
    TABLES
    + (Download("deadlines.ics", "The recommendation deadlines as a calendar you can subscribe to or import.",
                deadlines_ics),)
    + tuple(_schema_download(kind) for kind in KINDS) + (_schema_download(None),)
)
ARCHIVE = "rectrack-data.zip"
ARCHIVE_HOLDS = "All of the files above in one archive."


def data_files(tracker: Tracker) -> dict[str, bytes]:
    """What ``rectrack export`` writes: the data tables as JSON and CSV, the same bytes as the site's."""
    return {d.name: d.build(tracker) for d in TABLES}


def download_files(tracker: Tracker) -> dict[str, bytes]:
    """Everything the site's downloads/ folder holds, including an archive of all of it."""
    files = {d.name: d.build(tracker) for d in DOWNLOADS}
    files[ARCHIVE] = _zip(files)
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
