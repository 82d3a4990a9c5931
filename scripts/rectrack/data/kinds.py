"""The kinds of data file a data directory holds: declared once, read by the loader, the schema
checker, the field reference and the downloads.

Adding a kind of file means adding one row here and its schema in ``schemas/``; nothing else lists
file names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    """One kind of data file: where it lives, which schema it must satisfy, and what it holds."""

    name: str
    #: The file's name in the data directory, or the folder's name when ``many``.
    path: str
    schema: str
    #: What the file holds, in a few words ("the national bodies"): used on the downloads page.
    holds: str
    required: bool = False
    #: A folder of files (one per owner), rather than one file.
    many: bool = False


KINDS: tuple[FileKind, ...] = (
    FileKind("report", "report.yaml", "report.schema.json", "the report", required=True),
    FileKind("bodies", "bodies.yaml", "bodies.schema.json", "the national bodies", required=True),
    FileKind("recommendations", "recommendations.yaml", "recommendations.schema.json", "the recommendations",
             required=True),
    FileKind("case_studies", "case_studies.yaml", "case_studies.schema.json", "the case studies"),
    FileKind("forces", "forces.yaml", "forces.schema.json", "the police forces", required=True),
    FileKind("force_response", "force_responses", "force_response.schema.json", "one published response",
             many=True),
    FileKind("glossary", "glossary.yaml", "glossary.schema.json", "the glossary"),
    FileKind("statistics", "statistics.yaml", "statistics.schema.json", "the key figures"),
)
#: The schema every other schema refers to for shared definitions (not a kind of file).
COMMON_SCHEMA = "common.schema.json"

BY_NAME = {kind.name: kind for kind in KINDS}
#: Single files, in the order the loader reads them.
SINGLE = tuple(kind for kind in KINDS if not kind.many)
#: The folder of response files.
RESPONSES = BY_NAME["force_response"]
