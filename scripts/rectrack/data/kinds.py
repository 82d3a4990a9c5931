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
    #: The file's name in the data directory, or the folder's name for a kind of many files.
    path: str
    schema: str
    #: What a file of this kind holds, in a few words ("the organisations"): the downloads page says it.
    holds: str
    required: bool = False
    #: How the files of a folder are laid out: "report/owner" (REPORT/OWNER.yaml) or "report"
    #: (REPORT.yaml); "" for a single file.
    layout: str = ""
    #: For response folders: the kinds of organisation whose documents belong there.
    owner_kinds: tuple[str, ...] = ()

    @property
    def many(self) -> bool:
        return bool(self.layout)


_POLICE = ("territorial-police-force", "other-police-force")
_FIRE = ("fire-and-rescue-service",)
_NATIONAL = ("national-policing-body", "professional-body", "government-department", "law-enforcement-agency",
             "inspectorate")

KINDS: tuple[FileKind, ...] = (
    FileKind("site", "site.yaml", "site.schema.json", "the tracker's name and description", required=True),
    FileKind("organisations", "organisations.yaml", "organisations.schema.json", "the organisations", required=True),
    FileKind("groups", "groups.yaml", "groups.schema.json", "the groups of organisations"),
    FileKind("reports", "reports.yaml", "reports.schema.json", "the reports", required=True),
    FileKind("recommendations", "recommendations.yaml", "recommendations.schema.json", "the recommendations",
             required=True),
    FileKind("case_studies", "case_studies.yaml", "case_studies.schema.json", "the case studies"),
    FileKind("glossary", "glossary.yaml", "glossary.schema.json", "the glossary"),
    FileKind("statistics", "statistics.yaml", "statistics.schema.json", "the key figures"),
    FileKind("force_responses", "force_responses", "response.schema.json", "one response document",
             layout="report/owner", owner_kinds=_POLICE),
    FileKind("national_responses", "national_responses", "response.schema.json", "one response document",
             layout="report/owner", owner_kinds=_NATIONAL),
    FileKind("fire_responses", "fire_responses", "response.schema.json", "one response document",
             layout="report/owner", owner_kinds=_FIRE),
    FileKind("assessments", "assessments", "assessments.schema.json",
             "the inspectorate's verdicts and deadline revisions on one report", layout="report"),
)
#: The schema every other schema refers to for shared definitions (not a kind of file).
COMMON_SCHEMA = "common.schema.json"

BY_NAME = {kind.name: kind for kind in KINDS}
#: Single files, in the order the loader reads them.
SINGLE = tuple(kind for kind in KINDS if not kind.many)
#: The folders of response documents, one per family of owner.
RESPONSE_FOLDERS = tuple(kind for kind in KINDS if kind.layout == "report/owner")
ASSESSMENTS = BY_NAME["assessments"]
#: Each schema file once, in the order of the table (the downloads and the field reference list them).
SCHEMAS: tuple[str, ...] = tuple(dict.fromkeys(kind.schema for kind in KINDS))


def response_folder(owner_kind: str) -> FileKind:
    """The folder an owner of this kind keeps its response documents in."""
    return next(kind for kind in RESPONSE_FOLDERS if owner_kind in kind.owner_kinds)


#: How a later document's file name joins the owner's id and its label: ``kent--update-2027-01``.
LABEL_SEPARATOR = "--"
