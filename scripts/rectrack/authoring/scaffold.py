"""Start a new force response file for an editor to fill in by hand.

When a response is published on a web page that cannot be imported, the editor still should not
have to know the file format: the scaffold lists every recommendation the force must answer, with
its wording as a comment, and leaves only the blanks to fill. It is written by the same writer as
imports (:mod:`rectrack.authoring.writer`), so both kinds of file look the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from rectrack.authoring.draft import default_author
from rectrack.authoring.writer import NOT_STATED, DraftEntry, ResponseDraft, render_response
from rectrack.data.model import IMPLEMENTATION_STATES, Organisation, Recommendation, Report


def scaffold_header() -> list[str]:
    """The comment at the top of a new file: what to fill in, and the rules validation will apply."""
    states = ", ".join(IMPLEMENTATION_STATES)
    return [
        "New response file: fill in the blanks, then run `rectrack validate`.",
        "- source.title: the response document's title, copied exactly; source.url: where it is published.",
        "- action: the response's text for each recommendation, copied exactly (label such as "
        "'Action planned/taken:' removed). Delete entries the response does not answer.",
        f"- implementation: what the response itself says, one of: {states}.",
        f"- evidence: a quote copied word for word from `action` that supports `implementation`; "
        f"leave it null only when implementation is {NOT_STATED}.",
    ]


def scaffold_response(owner: Organisation, report: Report, recommendations: Sequence[Recommendation],
                      kind: str = "first-comments") -> str:
    """The text of a new response file for ``owner`` on ``report``: one blank entry per recommendation
    addressed to it (``recommendations`` are those, in the report's order)."""
    entries = tuple(DraftEntry(recommendations=(rec.number if rec.number is not None else rec.local,), action="")
                    for rec in recommendations)
    draft = ResponseDraft(
        owner=owner.id,
        report=report.id,
        kind=kind,
        author=default_author(owner, report),
        source_title="",
        responses=entries,
    )
    return render_response(draft, recommendations, header=scaffold_header())
