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
from collections.abc import Iterable
from pathlib import Path

from rectrack.data.model import FORCES, Dataset
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
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def data_files(dataset: Dataset) -> dict[str, bytes]:
    """The export contract of ``rectrack export``: the data as JSON and CSV."""
    files: dict[str, bytes] = {}
    for name, rows in (
        ("recommendations", recommendation_rows(dataset)),
        ("case-studies", case_study_rows(dataset)),
        ("responses", response_rows(dataset)),
        ("forces", force_rows(dataset)),
    ):
        files[f"{name}.json"] = to_json(rows)
        files[f"{name}.csv"] = to_csv(rows)
    return files


def download_files(tracker: Tracker, schema_files: Iterable[Path]) -> dict[str, bytes]:
    """Everything the site's downloads/ folder holds, including a zip of all of it."""
    files = data_files(tracker.dataset)
    status = status_rows(tracker)
    files["status.json"] = to_json(status)
    files["status.csv"] = to_csv(status)
    files["deadlines.ics"] = deadlines_ics(tracker)
    for path in sorted(schema_files):
        files[f"schemas/{path.name}"] = path.read_bytes()
    files["rectrack-data.zip"] = _zip(files)
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
