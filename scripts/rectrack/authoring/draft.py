"""Turn an import into the content of a response file.

Kept apart from parsing because it is where the importer's one policy decision lives: nothing it
read is taken as a claim about implementation. Every entry starts ``not-stated`` with no evidence,
even when the document has a status column, because the status model requires an editor to quote
the words that support a claim.
"""

from __future__ import annotations

from rectrack.authoring.parse import ImportResult
from rectrack.authoring.writer import DraftEntry, ResponseDraft
from rectrack.data.model import Force


def draft_from_import(
    result: ImportResult,
    force: Force,
    report_id: str,
    *,
    author: str | None = None,
    source_document: str | None = None,
) -> ResponseDraft:
    """The response file content for ``force`` from ``result``; ``author`` defaults to its policing body."""
    entries = tuple(
        DraftEntry(
            recommendation=entry.recommendation,
            action=entry.action,
            remarks=(f"The document's status column says: {entry.status_text}",) if entry.status_text else (),
        )
        for entry in result.entries
    )
    return ResponseDraft(
        force=force.id,
        report=report_id,
        author=author or force.policing_body.title,
        source_title=result.title or "",
        foreword=result.foreword or None,
        source_document=source_document,
        responses=entries,
    )
