"""Checks of the dated documents: owners' response documents and the inspectorate's assessments.

A response document must sit where its owner and report say (``force_responses/REPORT/OWNER.yaml``,
in the folder for its kind of organisation), answer only recommendations addressed to its owner, and
back every claim with a quote from its own text. What it leaves out is a fact, not a defect: an
untouched template is a draft (nothing is published from it), and a published response that skips
recommendations is incomplete, which the site shows. Both are notices, so ``--strict`` passes them.
"""

from __future__ import annotations

from datetime import date

from rectrack.data.crossref import Checker, Registry, organisation_only
from rectrack.data.kinds import response_folder
from rectrack.data.load import DocumentFile, LoadedData
from rectrack.data.model import S55_KINDS, local_id
from rectrack.data.problems import Code, Severity
from rectrack.data.read import LoadedFile
from rectrack.text import normalise, number_ranges


def is_filled(entry: dict) -> bool:
    """An entry counts as an answer once its action has text: an empty one is an unfilled template entry."""
    return bool(entry["action"].strip())


def answered_ids(entry: dict) -> list[str]:
    """The recommendations one entry answers (one, or several for a shared answer), as local ids."""
    value = entry["recommendation"]
    return [local_id(v) for v in value] if isinstance(value, list) else [local_id(value)]


def check(c: Checker, data: LoadedData, registry: Registry) -> None:
    first_comments: dict[tuple[str, str], str] = {}
    # OWNER.yaml before OWNER--LABEL.yaml: of two first comments, the labelled file is the one in error
    for document in sorted(data.documents, key=lambda d: (d.name != d.owner, d.loaded.display)):
        _document(c, document, registry, first_comments)
    for report, loaded in sorted(data.assessments.items()):
        _assessments(c, report, loaded, registry)


def _document(c: Checker, document: DocumentFile, registry: Registry,
              first_comments: dict[tuple[str, str], str]) -> None:
    loaded = document.loaded
    data = loaded.data
    owner, report = data["owner"], data["report"]
    if owner != document.owner:
        c.report(loaded, ("owner",), Code.FILE_NAME_MISMATCH,
                 f"the file is named {document.name}.yaml but says owner {owner!r}",
                 f"rename the file to {owner}.yaml (or {owner}--LABEL.yaml for a later document), or correct 'owner'")
    if report != document.report:
        c.report(loaded, ("report",), Code.FILE_NAME_MISMATCH,
                 f"the file is in the folder {document.report}/ but says report {report!r}",
                 f"move it to {document.kind.path}/{report}/, or correct 'report'")
    org = None
    if "organisations" in registry.known:
        if owner in registry.groups:
            c.report(loaded, ("owner",), Code.NOT_AN_ORGANISATION,
                     f"'{owner}' is a group; a response is published by one organisation",
                     "each member of the group publishes its own response: name the organisation")
        elif c.exists(loaded, ("owner",), owner, registry.organisations, "organisation"):
            org = registry.organisations[owner]
            right = response_folder(org["kind"])
            if right.name != document.kind.name:
                c.report(loaded, ("owner",), Code.MISPLACED_FILE,
                         f"{org['name']} is a {org['kind'].replace('-', ' ')}, so its responses belong in "
                         f"{right.path}/, not {document.kind.path}/",
                         f"move the file to {right.path}/{report}/{document.name}.yaml")
    rec_table = registry.recommendations_of(report)
    if "reports" in registry.known:
        if not c.exists(loaded, ("report",), report, registry.reports, "report"):
            rec_table = None
        elif data["published"] and report in registry.published:  # an impossible date is reported on the report
            published = registry.published[report]
            if data["published"] < published.earliest.isoformat():
                c.report(loaded, ("published",), Code.BEFORE_REPORT,
                         f"published {data['published']}, before the report itself ({published.iso()})",
                         "check the date: a response cannot come before the report it answers",
                         severity=Severity.WARNING)
    if data["kind"] == "first-comments":
        key = (report, owner)
        if key in first_comments:
            c.report(loaded, ("kind",), Code.DUPLICATE_DOCUMENT,
                     f"{owner} already has first comments on this report ({first_comments[key]})",
                     "a later document is an `update` or an `action-plan`: change `kind`")
        first_comments.setdefault(key, loaded.display)
    c.document_path(loaded, ("source", "document"), data["source"].get("document"))
    filled = [entry for entry in data["responses"] if is_filled(entry)]
    if not filled:
        c.report(loaded, ("responses",), Code.DRAFT,
                 "no answer is filled in yet: this is a draft, and nothing is published from it",
                 "paste the document's text for each recommendation into `action`", severity=Severity.NOTICE,
                 key=True)
        return
    if not data["source"]["title"].strip():
        c.report(loaded, ("source", "title"), Code.UNFILLED, "the document's title is not filled in yet",
                 "copy the title of the published document into source.title", severity=Severity.WARNING)
    answered = _entries(c, loaded, data, rec_table, registry, org)
    if data["kind"] == "first-comments" and rec_table is not None and "organisations" in registry.known:
        owed = sorted((local for local, rec in rec_table.items() if owner in registry.owners(rec["owners"])),
                      key=_order)
        missing = [local for local in owed if local not in answered]
        if missing:
            statutory = (org is not None and org["kind"] in S55_KINDS
                         and registry.reports[report]["regime"] == "s55")
            hint = ("Police Act 1996 s55(5B): the comments must say, for each recommendation, what action has "
                    "been or is proposed to be taken, or why none; the site shows which are unanswered"
                    if statutory else "the site shows which recommendations it leaves unanswered")
            c.report(loaded, ("responses",), Code.UNANSWERED,
                     f"no answer to recommendation(s) {_listing(missing)}", hint, severity=Severity.NOTICE, key=True)


def _order(local: str) -> tuple[int, str]:
    return (int(local), "") if local.isdigit() else (10_000, local)


def _listing(locals_: list[str]) -> str:
    numbers = [int(x) for x in locals_ if x.isdigit()]
    others = [x for x in locals_ if not x.isdigit()]
    return ", ".join(([number_ranges(numbers)] if numbers else []) + others)


def _entries(c: Checker, loaded: LoadedFile, data: dict, rec_table: dict[str, dict] | None, registry: Registry,
             org: dict | None) -> set[str]:
    answered: dict[str, int] = {}
    for index, entry in enumerate(data["responses"]):
        here = ("responses", index)
        ids = answered_ids(entry)
        if not is_filled(entry):
            c.report(loaded, here + ("action",), Code.UNFILLED,
                     f"recommendation {', '.join(ids)} has no answer yet, so it is shown as not answered",
                     "paste the document's text for this recommendation, or delete the entry",
                     severity=Severity.NOTICE)
            continue
        for position, local in enumerate(ids):
            where = here + (("recommendation", position) if isinstance(entry["recommendation"], list)
                            else ("recommendation",))
            if local in answered:
                c.report(loaded, where, Code.DUPLICATE_RESPONSE,
                         f"recommendation {local} is answered twice (first as item {answered[local] + 1})",
                         "merge the two entries into one")
                continue
            answered[local] = index
            if rec_table is None or not c.exists(loaded, where, local, rec_table,
                                                 "recommendation", report=data["report"]):
                continue
            rec = rec_table[local]
            if org is not None and org["id"] not in registry.owners(rec["owners"]):
                owners = ", ".join(rec["owners"]) or "no owner stated"
                c.report(loaded, where, Code.NOT_AN_OWNER,
                         f"recommendation {local} is not addressed to {org['name']}, so its response cannot answer it",
                         f"recommendation {local} is for: {owners}")
        _claim(c, loaded, here, entry)
    return set(answered)


def _claim(c: Checker, loaded: LoadedFile, here: tuple, entry: dict) -> None:
    state = entry["implementation"]
    evidence = entry.get("evidence")
    if state == "not-stated":
        if evidence:
            c.report(loaded, here + ("evidence",), Code.EVIDENCE_WITHOUT_CLAIM,
                     "evidence is given but implementation is 'not-stated'",
                     "set implementation to what the quote shows, or remove the evidence", severity=Severity.WARNING)
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


def _assessments(c: Checker, name: str, loaded: LoadedFile, registry: Registry) -> None:
    data = loaded.data
    report = data["report"]
    if report != name:
        c.report(loaded, ("report",), Code.FILE_NAME_MISMATCH,
                 f"the file is named {name}.yaml but says report {report!r}",
                 f"rename the file to {report}.yaml, or correct 'report'")
    rec_table = registry.recommendations_of(report)
    if "reports" in registry.known and not c.exists(loaded, ("report",), report, registry.reports, "report"):
        rec_table = None
    for index, verdict in enumerate(data.get("verdicts") or []):
        here = ("verdicts", index)
        _assessed(c, loaded, here, verdict["recommendation"], verdict["owner"], rec_table, registry, report)
        when = c.partial_date(loaded, here + ("date",), verdict["date"])
        published = registry.published.get(report)
        if when is not None and published is not None and when.latest < published.earliest:
            c.report(loaded, here + ("date",), Code.BEFORE_REPORT,
                     f"dated {when.iso()}, before the report itself ({published.iso()})",
                     "check the date: a verdict on a recommendation cannot come before the report that made it",
                     severity=Severity.WARNING)
        if "organisations" in registry.known:
            organisation_only(c, loaded, here + ("by",), verdict["by"], registry, "verdict's author")
        target = verdict.get("superseded_by")
        if verdict["verdict"] == "superseded" and not target:
            c.report(loaded, here + ("superseded_by",), Code.SUPERSEDED_BY,
                     "a superseded verdict must name the recommendation that replaces it",
                     "add superseded_by: REPORT-ID/NUMBER")
        elif verdict["verdict"] != "superseded" and target:
            c.report(loaded, here + ("superseded_by",), Code.SUPERSEDED_BY,
                     f"only a superseded verdict names a replacement (this one is '{verdict['verdict']}')",
                     "set superseded_by: null, or the verdict to superseded")
        elif target == f"{report}/{local_id(verdict['recommendation'])}":
            c.report(loaded, here + ("superseded_by",), Code.SUPERSEDED_BY,
                     "a recommendation cannot be superseded by itself",
                     "name the recommendation that replaces it (REPORT-ID/NUMBER)")
        elif target:
            _scoped(c, loaded, here + ("superseded_by",), target, registry)
        evidence_report = verdict["evidence"].get("report")
        if evidence_report and "reports" in registry.known:
            c.exists(loaded, here + ("evidence", "report"), evidence_report, registry.reports, "report")
    for index, revision in enumerate(data.get("deadline_revisions") or []):
        here = ("deadline_revisions", index)
        _assessed(c, loaded, here, revision["recommendation"], revision.get("owner"), rec_table, registry, report)
        published = registry.published.get(report)
        decided = date.fromisoformat(revision["decided"])
        if published is not None and decided < published.earliest:
            c.report(loaded, here + ("decided",), Code.BEFORE_REPORT,
                     f"decided on {revision['decided']}, before the report itself ({published.iso()})",
                     "check the date: a deadline cannot be revised before the report that set it",
                     severity=Severity.WARNING)
        if revision["deadline"] < revision["decided"]:
            c.report(loaded, here + ("deadline",), Code.OUT_OF_RANGE,
                     f"the new deadline ({revision['deadline']}) is before the day it was decided "
                     f"({revision['decided']})",
                     "check the two dates", severity=Severity.WARNING)


def _assessed(c: Checker, loaded: LoadedFile, here: tuple, number: int | str, owner: str | None,
              rec_table: dict[str, dict] | None, registry: Registry, report: str) -> dict | None:
    """The recommendation an assessment is about, checking that ``owner`` (when given) is one of its owners."""
    local = local_id(number)
    if rec_table is None or not c.exists(loaded, here + ("recommendation",), local, rec_table,
                                         "recommendation", report=report):
        return None
    rec = rec_table[local]
    if owner is not None and "organisations" in registry.known:
        if not c.exists(loaded, here + ("owner",), owner, set(registry.organisations) | set(registry.groups),
                        "organisation or group"):
            return rec
        owners = registry.owners(rec["owners"])
        named = registry.owners([owner])
        if not named & owners:
            c.report(loaded, here + ("owner",), Code.NOT_AN_OWNER,
                     f"recommendation {local} is not addressed to '{owner}'",
                     f"recommendation {local} is for: {', '.join(rec['owners']) or 'no owner stated'}")
        elif named - owners:
            # Said, not refused: 'every force' on a recommendation for all forces but one is a fair way to
            # write it, but the members it leaves out must not vanish without a word.
            left_out = sorted(named - owners)
            c.report(loaded, here + ("owner",), Code.PART_OF_GROUP,
                     f"recommendation {local} is addressed to {len(named & owners)} of the {len(named)} members of "
                     f"'{owner}'; this entry does not apply to {', '.join(left_out)}",
                     "nothing to do if that is meant; to say it exactly, name the organisations it applies to",
                     severity=Severity.NOTICE)
    return rec


def _scoped(c: Checker, loaded: LoadedFile, path: tuple, scoped: str, registry: Registry) -> None:
    report, _, local = scoped.partition("/")
    if "reports" in registry.known and c.exists(loaded, path, report, registry.reports, "report"):
        c.exists(loaded, path, local, registry.local_ids(report), "recommendation", report=report)

