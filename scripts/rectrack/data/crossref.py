"""Checks that span files: ids unique, references resolve, owners and groups make sense.

The schema can only judge one file at a time; these rules need the whole data directory. Each rule
reports at the position of the value that is wrong, so an editor can jump straight to it. The
response documents and assessments have their own module (:mod:`rectrack.data.documents`), which
this one calls with the registry it has built.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rectrack.data.load import LoadedData
from rectrack.data.model import PartialDate, local_id
from rectrack.data.problems import Code, Problem, Severity
from rectrack.data.read import LoadedFile, dotted
from rectrack.text import number_ranges


class Checker:
    """Collects problems, each at the position of the value concerned."""

    def __init__(self, data: LoadedData) -> None:
        self.data = data
        self.problems: list[Problem] = []

    def report(self, loaded: LoadedFile, path: tuple, code: Code, message: str, hint: str = "",
               severity: Severity = Severity.ERROR, key: bool = False) -> None:
        line, column = loaded.where(path, key=key)
        self.problems.append(Problem(loaded.display, line, column, code, message, hint, dotted(path), severity))

    def unique(self, loaded: LoadedFile, items: list[dict], list_key: str, field_name: str = "id",
               key: Any = None) -> set:
        """The set of values of ``field_name``; a repeated one is reported (``key`` computes the value)."""
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            value = key(item) if key else item.get(field_name)
            if value in seen:
                self.report(loaded, (list_key, index, field_name), Code.DUPLICATE_ID,
                            f"{field_name} {_show(value)} is used twice (first as item {seen[value] + 1})",
                            f"every {field_name} must be unique: rename or remove one")
            else:
                seen[value] = index
        return set(seen)

    def exists(self, loaded: LoadedFile, path: tuple, value: Any, known: Iterable, what: str,
               report: str | None = None) -> bool:
        """``value`` is one of ``known``; else report it, as "{what} {value} [of report '{report}']"."""
        known = set(known)
        if value in known:
            return True
        numbers = {int(k) for k in known if str(k).isdigit()}
        if numbers and len(numbers) == len(known):
            listing = number_ranges(numbers)
            hint = f"use a number from {listing}"
        else:
            close = difflib.get_close_matches(str(value), sorted(map(str, known)), n=3)
            listing = _listing(sorted(map(str, known)))
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"known: {listing}"
        of = f" of report '{report}'" if report else ""
        self.report(loaded, path, Code.UNKNOWN_REFERENCE,
                    f"{what} {_show(value)}{of} does not exist (known: {listing})", hint)
        return False

    def partial_date(self, loaded: LoadedFile, path: tuple, text: str) -> PartialDate | None:
        try:
            return PartialDate.parse(text)
        except ValueError:
            self.report(loaded, path, Code.IMPOSSIBLE_DATE, f"{text!r} is not a real calendar date",
                        "check the month and day")
            return None

    def document_path(self, loaded: LoadedFile, path: tuple, document: str | None) -> None:
        if document and ".." in document.split("/"):  # the schema's pattern admits ".." segments
            self.report(loaded, path, Code.UNSAFE_PATH, f"source document {document!r} points outside the data "
                        "directory", "write the path from the data directory down, without '..', e.g. "
                        "sources/kent-response.md")
            return
        if document and not (self.data.root / document).is_file():
            self.report(loaded, path, Code.MISSING_DOCUMENT, f"source document {document!r} was not found",
                        f"the path is relative to {self.data.root}; copy the document there or set null",
                        severity=Severity.WARNING)


def _show(value: Any) -> str:
    """A value as the editor typed it: numbers (a recommendation's, even as text) bare, ids quoted."""
    return str(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else repr(value)


def _listing(names: list[str], limit: int = 300) -> str:
    """Known ids for a message: whole ids up to about ``limit`` characters, then how many more (an id cut
    in the middle reads as one that exists)."""
    shown: list[str] = []
    length = 0
    for name in names:
        if shown and length + len(name) > limit:
            break
        shown.append(name)
        length += len(name) + 2
    more = len(names) - len(shown)
    return (", ".join(shown) or "none") + (f" and {more} more" if more else "")


@dataclass
class Registry:
    """What the single files declare, for checking references to them (only kinds that passed their schema)."""

    organisations: dict[str, dict] = field(default_factory=dict)
    groups: dict[str, dict] = field(default_factory=dict)
    #: The organisations each group stands for, resolved from its rule or list.
    members: dict[str, set[str]] = field(default_factory=dict)
    reports: dict[str, dict] = field(default_factory=dict)
    #: report id -> when it was published, for the reports whose date is a real one.
    published: dict[str, PartialDate] = field(default_factory=dict)
    #: report id -> local recommendation id -> the recommendation as written.
    recommendations: dict[str, dict[str, dict]] = field(default_factory=dict)
    #: Which of the kinds above are known (absent or broken files are not checked against).
    known: set[str] = field(default_factory=set)

    def owners(self, owner_ids: Iterable[str]) -> set[str]:
        """The organisations a list of owner ids stands for (groups expanded)."""
        out: set[str] = set()
        for owner in owner_ids:
            out |= self.members.get(owner, {owner})
        return out

    def local_ids(self, report: str) -> set[str]:
        return set(self.recommendations.get(report, {}))

    def recommendations_of(self, report: str) -> dict[str, dict] | None:
        """A report's recommendations by local id (none yet is an empty table), or None when they cannot be
        checked (recommendations.yaml absent or broken)."""
        return self.recommendations.get(report, {}) if "recommendations" in self.known else None


def recommendation_local_id(rec: dict) -> str | None:
    """The id of a recommendation within its report: its number, or its slug where it has none."""
    if rec.get("number") is not None:
        return local_id(rec["number"])
    return rec.get("id")


def check(data: LoadedData) -> list[Problem]:
    """Every cross-file problem; kinds that failed their schema are skipped (already reported)."""
    from rectrack.data import documents

    c = Checker(data)
    registry = Registry()
    files = data.files
    if "organisations" in files:
        _organisations(c, files["organisations"], registry)
    if "groups" in files:
        _groups(c, files["groups"], registry)
    if "reports" in files:
        _reports(c, files["reports"], registry)
    if "recommendations" in files:
        _recommendations(c, files["recommendations"], registry)
    if "site" in files and files["site"].data.get("legacy_report") and "reports" in registry.known:
        c.exists(files["site"], ("legacy_report",), files["site"].data["legacy_report"], registry.reports, "report")
    if "site" in files and files["site"].data.get("accessibility"):
        _statement(c, files["site"])
    if "case_studies" in files:
        _case_studies(c, files["case_studies"], registry)
    if "glossary" in files:
        _glossary(c, files["glossary"], registry)
    if "statistics" in files:
        _statistics(c, files["statistics"], registry)
    documents.check(c, data, registry)
    return c.problems


def _statement(c: Checker, loaded: LoadedFile) -> None:
    """The accessibility statement's known issues have unique ids, and its compliance status agrees with them:
    a statement must not say "fully compliant" above a listed failure, nor "partially" with none listed."""
    statement = loaded.data["accessibility"]
    issues = statement.get("known_issues") or []
    seen: dict[str, int] = {}
    for index, issue in enumerate(issues):
        if issue.get("id") in seen:
            c.report(loaded, ("accessibility", "known_issues", index, "id"), Code.DUPLICATE_ID,
                     f"known issue {_show(issue['id'])} is listed twice (first as item {seen[issue['id']] + 1})",
                     "every known issue needs its own id: rename or merge them")
        seen.setdefault(issue.get("id"), index)
    failures = [i for i in issues if i.get("criterion")]
    compliance = statement.get("compliance")
    if compliance == "fully" and failures:
        c.report(loaded, ("accessibility", "compliance"), Code.STATEMENT_CONTRADICTION,
                 f"the site is said to be fully compliant, but {len(failures)} known issue(s) name a WCAG criterion "
                 f"they fail ({failures[0].get('id')})", "say 'partially', or remove the issues once they are fixed")
    elif compliance in ("partially", "not") and not failures:
        c.report(loaded, ("accessibility", "compliance"), Code.STATEMENT_CONTRADICTION,
                 f"the site is said to be {compliance} compliant, but no known issue names a WCAG criterion it fails",
                 "list each failure under known_issues with its criterion, or say 'fully'")


def _organisations(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    items = loaded.data["organisations"]
    c.unique(loaded, items, "organisations")
    registry.organisations = {o["id"]: o for o in items}
    registry.known.add("organisations")
    for index, org in enumerate(items):
        for g_index, entry in enumerate(org["governance"]):
            if entry["from"] and entry["to"] and entry["to"] < entry["from"]:
                c.report(loaded, ("organisations", index, "governance", g_index, "to"), Code.OUT_OF_RANGE,
                         f"'to' ({entry['to']}) is before 'from' ({entry['from']})", "check the two dates")


#: What an empty list in a group's definition would stand for (so it is refused).
_EMPTY_MEANS = {"kinds": "organisations of every kind", "countries": "organisations in every country",
                "members": "no organisation"}


def _groups(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    """Register every group, each mistake reported once.

    A group in error still stands for its members (its list, its rule, or both; every organisation when
    it gives neither), so that the owners, scopes, verdicts and answers that name it are not reported
    again as unknown or not addressed to their authors. A second group of the same id is reported by
    ``unique`` and does not replace the first.
    """
    items = loaded.data["groups"]
    c.unique(loaded, items, "groups")
    for index, group in enumerate(items):
        here = ("groups", index)
        if group["id"] in registry.groups:
            continue
        if group["id"] in registry.organisations:
            c.report(loaded, here + ("id",), Code.DUPLICATE_ID,
                     f"id '{group['id']}' is also an organisation's id (organisations.yaml)",
                     "organisations and groups share one set of ids: rename the group")
        by_rule = "kinds" in group or "countries" in group
        by_list = "members" in group
        if by_rule == by_list:
            c.report(loaded, here, Code.BAD_GROUP,
                     f"group '{group['id']}' must be defined either by a rule (kinds, countries) or by a list "
                     "(members)", "give `kinds` (and `countries`) for a rule, or `members` for a list, not both")
        for key in ("kinds", "countries", "members"):
            if key in group and not group[key]:
                # An empty rule matches everything and an empty list nothing: neither is what was meant.
                c.report(loaded, here + (key,), Code.BAD_GROUP,
                         f"group '{group['id']}' has an empty '{key}' list, which would make it stand for "
                         f"{_EMPTY_MEANS[key]}",
                         f"list at least one, or leave '{key}' out")
        members: set[str] = set()
        if by_list:
            for m_index, member in enumerate(group["members"]):
                if "organisations" in registry.known and c.exists(
                        loaded, here + ("members", m_index), member, registry.organisations, "organisation"):
                    members.add(member)
        if by_rule or not by_list:
            kinds = set(group.get("kinds") or [])
            countries = set(group.get("countries") or [])
            members |= {o["id"] for o in registry.organisations.values()
                        if (not kinds or o["kind"] in kinds) and (not countries or o["country"] in countries)}
        registry.groups[group["id"]] = group
        registry.members[group["id"]] = members
    registry.known.add("groups")


def _owner_ids(registry: Registry) -> set[str]:
    return set(registry.organisations) | set(registry.groups)


def _reports(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    items = loaded.data["reports"]
    c.unique(loaded, items, "reports")
    registry.reports = {r["id"]: r for r in items}
    registry.known.add("reports")
    for index, report in enumerate(items):
        here = ("reports", index)
        when = c.partial_date(loaded, here + ("published",), report["published"])
        if when is not None:
            registry.published.setdefault(report["id"], when)
        seen: dict[str, int] = {}
        for s_index, section in enumerate(report["sections"]):
            if section["id"] in seen:
                c.report(loaded, here + ("sections", s_index, "id"), Code.DUPLICATE_ID,
                         f"section id '{section['id']}' is used twice in this report", "rename one")
            seen.setdefault(section["id"], s_index)
        if "organisations" in registry.known:
            for p_index, publisher in enumerate(report["publishers"]):
                organisation_only(c, loaded, here + ("publishers", p_index), publisher, registry, "publisher")
            for s_index, owner in enumerate(report["scope"]):
                c.exists(loaded, here + ("scope", s_index), owner, _owner_ids(registry), "organisation or group")
        known_from = report.get("known_from")
        if known_from:
            c.exists(loaded, here + ("known_from", "report"), known_from["report"], registry.reports, "report")
        c.document_path(loaded, here + ("source_document",), report.get("source_document"))


def organisation_only(c: Checker, loaded: LoadedFile, path: tuple, value: str, registry: Registry,
                       what: str) -> bool:
    """``value`` must name one organisation, not a group."""
    if value in registry.groups:
        c.report(loaded, path, Code.NOT_AN_ORGANISATION,
                 f"'{value}' is a group; a {what} is one organisation",
                 f"name the organisation itself (organisations.yaml), not the group '{value}'")
        return False
    return c.exists(loaded, path, value, registry.organisations, "organisation")


def _recommendations(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    items = loaded.data["recommendations"]
    for index, rec in enumerate(items):
        here = ("recommendations", index)
        if rec["number"] is None and not rec.get("id"):
            c.report(loaded, here + ("number",), Code.MISSING_ID,
                     "a recommendation without a number needs an id", "add `id: a-short-name` (lower case, hyphens)")
            continue
        if rec["number"] is not None and rec.get("id"):
            c.report(loaded, here + ("id",), Code.MISSING_ID,
                     f"recommendation {rec['number']} has a number, so it takes no id",
                     "remove `id` (it is used only where the report gives no number)")
        report = rec["report"]
        if "reports" in registry.known and not c.exists(loaded, here + ("report",), report, registry.reports,
                                                        "report"):
            continue
        local = recommendation_local_id(rec)
        assert local is not None
        table = registry.recommendations.setdefault(report, {})
        if local in table:
            c.report(loaded, here + ("number" if rec["number"] is not None else "id",), Code.DUPLICATE_ID,
                     f"report '{report}' has two recommendations {local}",
                     "each recommendation of a report needs its own number")
            continue
        table[local] = rec
        if "organisations" in registry.known:
            for o_index, owner in enumerate(rec["owners"]):
                c.exists(loaded, here + ("owners", o_index), owner, _owner_ids(registry), "owner")
        if "reports" in registry.known:
            sections = {s["id"] for s in registry.reports[report]["sections"]}
            if rec["section"] is not None:
                c.exists(loaded, here + ("section",), rec["section"], sections, "section", report=report)
            if rec.get("quoted_from"):
                c.exists(loaded, here + ("quoted_from",), rec["quoted_from"], registry.reports, "report")
    registry.known.add("recommendations")
    for index, rec in enumerate(items):  # related ones may come later in the file
        for r_index, related in enumerate(rec.get("related") or []):
            report, _, local = related.partition("/")
            if report in registry.recommendations or report in registry.reports:
                c.exists(loaded, ("recommendations", index, "related", r_index), local,
                         registry.recommendations.get(report, {}), "recommendation", report=report)
            elif "reports" in registry.known:
                c.exists(loaded, ("recommendations", index, "related", r_index), report, registry.reports, "report")


def _in_report(c: Checker, loaded: LoadedFile, path: tuple, report: str, registry: Registry) -> bool:
    return "reports" not in registry.known or c.exists(loaded, path, report, registry.reports, "report")


def _case_studies(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    items = loaded.data["case_studies"]
    c.unique(loaded, items, "case_studies")
    for index, case in enumerate(items):
        here = ("case_studies", index)
        if "organisations" in registry.known:
            for o_index, org in enumerate(case["organisations"]):
                organisation_only(c, loaded, here + ("organisations", o_index), org, registry, "case study's source")
        if not _in_report(c, loaded, here + ("report",), case["report"], registry) or "reports" not in registry.known:
            continue
        report = registry.reports[case["report"]]
        c.exists(loaded, here + ("section",), case["section"], {s["id"] for s in report["sections"]},
                 "section", report=case["report"])
        if "recommendations" in registry.known:
            for r_index, number in enumerate(case["recommendations"]):
                c.exists(loaded, here + ("recommendations", r_index), local_id(number),
                         registry.local_ids(case["report"]), "recommendation", report=case["report"])


def _glossary(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    items = loaded.data["terms"]
    c.unique(loaded, items, "terms")
    for index, term in enumerate(items):
        report = term.get("report")
        if term["definition_source"] == "report" and not report:
            c.report(loaded, ("terms", index, "report"), Code.MISSING_FIELD,
                     "a definition quoted from a report needs the report's id",
                     "add `report: REPORT-ID` (reports.yaml)")
        elif term["definition_source"] == "editorial" and report:
            c.report(loaded, ("terms", index, "report"), Code.SCHEMA,
                     "an editorial definition is not quoted from a report", "set `report: null`")
        elif report:
            _in_report(c, loaded, ("terms", index, "report"), report, registry)


def _statistics(c: Checker, loaded: LoadedFile, registry: Registry) -> None:
    c.unique(loaded, loaded.data["statistics"], "statistics")
    c.unique(loaded, loaded.data.get("figures", []), "figures")
    for index, stat in enumerate(loaded.data["statistics"]):
        here = ("statistics", index)
        if _in_report(c, loaded, here + ("report",), stat["report"], registry) and "reports" in registry.known \
                and stat.get("section") is not None:
            sections = {s["id"] for s in registry.reports[stat["report"]]["sections"]}
            c.exists(loaded, here + ("section",), stat["section"], sections, "section", report=stat["report"])
    for index, figure in enumerate(loaded.data.get("figures", [])):
        _in_report(c, loaded, ("figures", index, "report"), figure["report"], registry)
        for r_index, row in enumerate(figure["rows"]):
            if len(row["values"]) != len(figure["series"]):
                c.report(loaded, ("figures", index, "rows", r_index, "values"), Code.FIGURE_SHAPE,
                         f"{len(row['values'])} values for {len(figure['series'])} series",
                         "give one value per entry in 'series'")
