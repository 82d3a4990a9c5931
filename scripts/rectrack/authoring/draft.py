"""Turn an import into the content of a response document's file.

Kept apart from parsing because it is where the importer's one policy decision lives: nothing it
read is taken as a claim about implementation. Every entry starts ``not-stated`` with no evidence,
even when the document has a status column, because the status model requires an editor to quote
the words that support a claim. What the document's own columns say is kept, verbatim, as
``as_printed``; an answer given once for several recommendations is written once, for all of them.
"""

from __future__ import annotations

from rectrack.authoring.result import ImportResult
from rectrack.authoring.writer import DraftEntry, ResponseDraft
from rectrack.data.model import Organisation, Report


def draft_from_import(
    result: ImportResult,
    owner: Organisation,
    report: Report,
    *,
    kind: str = "first-comments",
    author: str | None = None,
    source_document: str | None = None,
) -> ResponseDraft:
    """The response file content for ``owner`` from ``result``; ``author`` defaults to who answers for it."""
    entries = sorted(
        (DraftEntry(recommendations=tuple(entry.recommendations), action=entry.action,
                    as_printed=tuple(entry.as_printed)) for entry in result.entries),
        key=lambda e: min(int(str(n)) if str(n).isdigit() else 0 for n in e.recommendations))
    published = result.published
    return ResponseDraft(
        owner=owner.id,
        report=report.id,
        kind=kind,
        author=author or default_author(owner, report),
        source_title=result.title or "",
        foreword=result.foreword or None,
        published=published.iso if published else None,
        source_document=source_document,
        responses=tuple(entries),
    )


def default_author(owner: Organisation, report: Report) -> str:
    """Who answers for ``owner`` when the report was published (a force's local policing body), else itself."""
    answerer = owner.answerer(report.published.earliest)
    return answerer.title if answerer else owner.name


def header_lines(result: ImportResult) -> list[str]:
    """Comment lines for the top of the file: what was read from the document and must be checked."""
    lines: list[str] = []
    published = result.published
    if published is not None:
        lines.append(f"published: read from the document's {published.found_in} ({published.where}): "
                     f"{published.as_printed!r}; check it is the publication date.")
    return lines
