"""Turn an import into the content of a response file (the current one-file-per-force format).

Kept apart from parsing because it is where the importer's one policy decision lives: nothing it
read is taken as a claim about implementation. Every entry starts ``not-stated`` with no evidence,
even when the document has a status column, because the status model requires an editor to quote
the words that support a claim. What the document's own columns say is kept as a comment.

The current format has one recommendation per entry, so an answer given once for several
recommendations is written once per recommendation, each saying which others share it.
"""

from __future__ import annotations

from rectrack.authoring.result import Entry, ImportResult
from rectrack.authoring.writer import DraftEntry, ResponseDraft
from rectrack.data.model import Force

#: How the as-printed columns are named in comments.
COLUMN_NAMES = {"status": "status", "target_date": "target date", "lead": "lead"}


def as_printed_remark(entry: Entry) -> tuple[str, ...]:
    if not entry.as_printed:
        return ()
    if tuple(key for key, _ in entry.as_printed) == ("status",):
        return (f"The document's status column says: {entry.as_printed[0][1]}",)
    said = "; ".join(f"{COLUMN_NAMES.get(key, key)}: {value}" for key, value in entry.as_printed)
    return (f"The document's columns say (as printed, not an implementation claim): {said}",)


def draft_from_import(
    result: ImportResult,
    force: Force,
    report_id: str,
    *,
    author: str | None = None,
    source_document: str | None = None,
) -> ResponseDraft:
    """The response file content for ``force`` from ``result``; ``author`` defaults to its policing body."""
    entries: list[DraftEntry] = []
    for entry in result.entries:
        for number in entry.recommendations:
            remarks = as_printed_remark(entry)
            others = [n for n in entry.recommendations if n != number]
            if others:
                shared = ", ".join(str(n) for n in entry.recommendations)
                remarks = (f"The document answers recommendations {shared} together; the same text is "
                           "written for each.", *remarks)
            entries.append(DraftEntry(recommendation=number, action=entry.action, remarks=remarks))
    entries.sort(key=lambda e: e.recommendation)
    published = result.published
    return ResponseDraft(
        force=force.id,
        report=report_id,
        author=author or force.policing_body.title,
        source_title=result.title or "",
        foreword=result.foreword or None,
        published=published.iso if published else None,
        source_document=source_document,
        responses=tuple(entries),
    )


def header_lines(result: ImportResult) -> list[str]:
    """Comment lines for the top of the file: what was read from the document and must be checked."""
    lines: list[str] = []
    published = result.published
    if published is not None:
        lines.append(f"published: read from the document's {published.found_in} ({published.where}): "
                     f"{published.as_printed!r}; check it is the publication date.")
    return lines
