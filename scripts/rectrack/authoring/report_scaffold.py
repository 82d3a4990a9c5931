"""The text ``rectrack new-report`` adds: a report entry, and a commented template for its recommendations.

Values come from the command's options; what the editor has not said yet is written as "not stated"
(null, []) so that the data stays valid while the rest is filled in. The recommendations template is
comments only, because a recommendation's wording cannot be left blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from rectrack.authoring.writer import scalar


def report_entry(report_id: str, title: str, published: str, as_printed: str, publishers: Sequence[str],
                 regime: str) -> str:
    lines = [
        "  # Added by `rectrack new-report`: fill in url, scope (who must respond) and sections.",
        f"  - id: {scalar(report_id)}",
        f"    title: {scalar(title, 4, text=True)}",
        f"    publishers: [{', '.join(publishers)}]",
        "    author: null",
        "    series: null",
        f"    published: {scalar(published, 4, text=True)}",
        f"    published_as_printed: {scalar(as_printed, 4, text=True)}",
        "    url: null",
        "    source_document: null",
        "    summary: null",
        "    scope: []",
        f"    regime: {regime}",
        "    known_from: null",
        "    sections: []",
    ]
    return "\n".join(lines) + "\n"


def recommendations_template(report_id: str) -> str:
    lines = [
        f"  # Recommendations of {report_id}: copy this block once per recommendation, remove the '# ',",
        "  # and fill it in (text and actions word for word; short_title is editorial).",
        f"  # - report: {report_id}",
        "  #   number: 1",
        "  #   short_title: \"A short title of at most 70 characters\"",
        "  #   deadline: \"YYYY-MM-DD\"            # or null where none is stated",
        "  #   deadline_as_printed: \"31 October 2027\"",
        "  #   owners: [forces]                   # organisation or group ids",
        "  #   section: null",
        "  #   text: \"By 31 October 2027, forces should:\"",
        "  #   actions: []",
        "  #   summary_variant: null",
    ]
    return "\n".join(lines) + "\n"
