"""Checks that span files: ids unique, references resolve, evidence really quoted, s55 completeness.

The schema can only judge one file at a time; these rules need the whole data directory. Each rule
reports at the position of the value that is wrong, so an editor can jump straight to it.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from rectrack.data.load import LoadedData
from rectrack.data.model import FORCES
from rectrack.data.problems import Code, Problem, Severity
from rectrack.data.read import LoadedFile, dotted
from rectrack.text import normalise, number_ranges


class _Checker:
    def __init__(self, data: LoadedData) -> None:
        self.data = data
        self.problems: list[Problem] = []

    def report(self, loaded: LoadedFile, path: tuple, code: Code, message: str, hint: str = "",
               severity: Severity = Severity.ERROR, key: bool = False) -> None:
        line, column = loaded.where(path, key=key)
        self.problems.append(Problem(loaded.display, line, column, code, message, hint, dotted(path), severity))

    def unique(self, loaded: LoadedFile, items: list[dict], list_key: str, field: str = "id") -> set:
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            value = item.get(field)
            if value in seen:
                self.report(loaded, (list_key, index, field), Code.DUPLICATE_ID,
                            f"{field} {value!r} is used twice (first as item {seen[value] + 1})",
                            f"every {field} must be unique: rename or remove one")
            else:
                seen[value] = index
        return set(seen)

    def exists(self, loaded: LoadedFile, path: tuple, value: Any, known: set, what: str) -> bool:
        if value in known:
            return True
        if all(isinstance(k, int) for k in known) and known:
            listing = number_ranges(known)
            hint = f"use a number from {listing}"
        else:
            close = difflib.get_close_matches(str(value), sorted(map(str, known)), n=3)
            listing = ", ".join(sorted(map(str, known)))[:300]
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"known: {listing}"
        self.report(loaded, path, Code.UNKNOWN_REFERENCE, f"{what} {value!r} does not exist (known: {listing})", hint)
        return False


def check(data: LoadedData) -> list[Problem]:
    """Every cross-file problem; kinds that failed their schema are skipped (already reported)."""
    c = _Checker(data)
    files = data.files
    body_ids: set = set()
    section_ids: set = set()
    force_ids: set = set()
    numbers: set = set()
    force_directed: set = set()
    report_id = None

    if "bodies" in files:
        loaded = files["bodies"]
        body_ids = c.unique(loaded, loaded.data["bodies"], "bodies")
        if FORCES in body_ids:
            index = next(i for i, body in enumerate(loaded.data["bodies"]) if body["id"] == FORCES)
            c.report(loaded, ("bodies", index, "id"), Code.RESERVED_ID, f"'{FORCES}' is reserved for 'every force'",
                     "give the body another id")
    if "forces" in files:
        loaded = files["forces"]
        force_ids = c.unique(loaded, loaded.data["forces"], "forces")
    if "report" in files:
        loaded = files["report"]
        report_id = loaded.data["id"]
        section_ids = c.unique(loaded, loaded.data["sections"], "sections")
        _check_partial_date(c, loaded, ("published",), loaded.data["published"])
        if "bodies" in files:
            c.exists(loaded, ("publisher",), loaded.data["publisher"], body_ids, "body")
        _check_document(c, loaded, ("source_document",), loaded.data.get("source_document"))
    if "recommendations" in files:
        loaded = files["recommendations"]
        items = loaded.data["recommendations"]
        numbers = c.unique(loaded, items, "recommendations", "number")
        if report_id is not None and loaded.data["report"] != report_id:
            c.exists(loaded, ("report",), loaded.data["report"], {report_id}, "report")
        for index, rec in enumerate(items):
            if FORCES in rec["owners"]:
                force_directed.add(rec["number"])
            for o_index, owner in enumerate(rec["owners"]):
                if owner != FORCES and "bodies" in files:
                    c.exists(loaded, ("recommendations", index, "owners", o_index), owner,
                             body_ids | {FORCES}, "owner")
            if "report" in files:
                c.exists(loaded, ("recommendations", index, "section"), rec["section"], section_ids, "section")
    if "case_studies" in files:
        loaded = files["case_studies"]
        items = loaded.data["case_studies"]
        c.unique(loaded, items, "case_studies")
        for index, case in enumerate(items):
            if "forces" in files:
                c.exists(loaded, ("case_studies", index, "force"), case["force"], force_ids, "force")
            if "report" in files:
                c.exists(loaded, ("case_studies", index, "section"), case["section"], section_ids, "section")
            if "recommendations" in files:
                for r_index, number in enumerate(case["recommendations"]):
                    c.exists(loaded, ("case_studies", index, "recommendations", r_index), number, numbers,
                             "recommendation")
    if "glossary" in files:
        loaded = files["glossary"]
        c.unique(loaded, loaded.data["terms"], "terms")
    if "statistics" in files:
        loaded = files["statistics"]
        c.unique(loaded, loaded.data["statistics"], "statistics")
        c.unique(loaded, loaded.data.get("figures", []), "figures")
        for index, stat in enumerate(loaded.data["statistics"]):
            if stat.get("section") is not None and "report" in files:
                c.exists(loaded, ("statistics", index, "section"), stat["section"], section_ids, "section")
        for index, figure in enumerate(loaded.data.get("figures", [])):
            for r_index, row in enumerate(figure["rows"]):
                if len(row["values"]) != len(figure["series"]):
                    c.report(loaded, ("figures", index, "rows", r_index, "values"), Code.FIGURE_SHAPE,
                             f"{len(row['values'])} values for {len(figure['series'])} series",
                             "give one value per entry in 'series'")
    for stem, loaded in data.responses.items():
        _check_response(c, loaded, stem, force_ids if "forces" in files else None, report_id,
                        numbers if "recommendations" in files else None, force_directed)
    return c.problems


def _check_partial_date(c: _Checker, loaded: LoadedFile, path: tuple, text: str) -> None:
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        c.report(loaded, path, Code.IMPOSSIBLE_DATE, f"{text!r} is not a real calendar date", "check the month and day")


def _check_document(c: _Checker, loaded: LoadedFile, path: tuple, document: str | None) -> None:
    if document and ".." in document.split("/"):  # the schema's pattern admits ".." segments
        c.report(loaded, path, Code.UNSAFE_PATH, f"source document {document!r} points outside the data directory",
                 "write the path from the data directory down, without '..', e.g. sources/kent-response.md")
        return
    if document and not (c.data.root / document).is_file():
        c.report(loaded, path, Code.MISSING_DOCUMENT, f"source document {document!r} was not found",
                 f"the path is relative to {c.data.root}; copy the document there or set null",
                 severity=Severity.WARNING)


def _check_response(c: _Checker, loaded: LoadedFile, stem: str, force_ids: set | None, report_id: str | None,
                    numbers: set | None, force_directed: set) -> None:
    data = loaded.data
    if data["force"] != stem:
        c.report(loaded, ("force",), Code.FILE_NAME_MISMATCH,
                 f"the file is named {stem}.yaml but says force {data['force']!r}",
                 f"rename the file to {data['force']}.yaml or correct 'force'")
    if force_ids is not None:
        c.exists(loaded, ("force",), data["force"], force_ids, "force")
    if report_id is not None:
        c.exists(loaded, ("report",), data["report"], {report_id}, "report")
    _check_document(c, loaded, ("source", "document"), data["source"].get("document"))
    if not data["source"]["title"].strip():
        c.report(loaded, ("source", "title"), Code.UNFILLED, "the response document's title is not filled in yet",
                 "copy the title of the published response into source.title", severity=Severity.WARNING)
    answered: dict[int, int] = {}
    for index, entry in enumerate(data["responses"]):
        here = ("responses", index)
        number = entry["recommendation"]
        if not entry["action"].strip():
            c.report(loaded, here + ("action",), Code.UNFILLED,
                     f"recommendation {number} has no action text yet, so it is not shown as answered",
                     "paste the response's text for this recommendation, or delete the entry",
                     severity=Severity.WARNING)
            continue
        if number in answered:
            c.report(loaded, here + ("recommendation",), Code.DUPLICATE_RESPONSE,
                     f"recommendation {number} is answered twice (first as item {answered[number] + 1})",
                     "merge the two entries into one")
        answered.setdefault(number, index)
        if numbers is not None and c.exists(loaded, here + ("recommendation",), number, numbers, "recommendation"):
            if number not in force_directed:
                c.report(loaded, here + ("recommendation",), Code.NOT_FOR_FORCES,
                         f"recommendation {number} is not addressed to forces, so a force cannot answer it",
                         f"forces answer only {number_ranges(force_directed) or 'none'}")
        _check_claim(c, loaded, here, entry)
        verdict = entry.get("inspectorate")
        if verdict:
            if verdict["verdict"] in ("closed", "superseded") and not verdict.get("date"):
                c.report(loaded, here + ("inspectorate", "verdict"), Code.VERDICT_NEEDS_DATE,
                         f"a '{verdict['verdict']}' verdict needs the date it was given",
                         'add date: "YYYY-MM-DD" under inspectorate')
            if verdict["verdict"] == "closed" and not (verdict.get("note") or "").strip():
                c.report(loaded, here + ("inspectorate", "verdict"), Code.VERDICT_NEEDS_NOTE,
                         "a 'closed' verdict needs a note saying why the inspectorate closed it",
                         "add note: \"...\" under inspectorate")
    if numbers is not None:
        missing = sorted(force_directed - set(answered))
        if missing:
            c.report(loaded, ("responses",), Code.UNANSWERED,
                     f"no entry for recommendation(s) {number_ranges(missing)}",
                     "Police Act 1996 s55(5B): the comments must say, for each recommendation, what action "
                     "has been or is proposed to be taken, or why none; add an entry for each",
                     severity=Severity.WARNING, key=True)


def _check_claim(c: _Checker, loaded: LoadedFile, here: tuple, entry: dict) -> None:
    state = entry["implementation"]
    evidence = entry.get("evidence")
    if state == "not-stated":
        if evidence:
            c.report(loaded, here + ("evidence",), Code.EVIDENCE_WITHOUT_CLAIM,
                     "evidence is given but implementation is 'not-stated'",
                     "set implementation to what the quote shows, or remove the evidence",
                     severity=Severity.WARNING)
        return
    if not evidence or not evidence.strip():
        c.report(loaded, here + ("implementation",), Code.MISSING_EVIDENCE,
                 f"implementation '{state}' needs evidence: a quote from the action text",
                 "copy the sentence of 'action' that shows this into evidence: \"...\"")
        return
    if normalise(evidence) not in normalise(entry["action"]):
        c.report(loaded, here + ("evidence",), Code.EVIDENCE_NOT_IN_ACTION,
                 "the evidence quote does not occur in the action text",
                 "copy the words exactly from 'action' (line breaks and curly quotes do not matter)")
