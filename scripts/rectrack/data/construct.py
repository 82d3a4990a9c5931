"""Turn schema-valid, cross-checked file contents into the typed :class:`~rectrack.data.model.Dataset`.

Runs only after the schema and cross-reference checks passed, so it can index freely: a KeyError here
would be a bug in the checks, not bad data. It resolves what the files leave implicit: a group's
members from its rule, one answer per recommendation where one answer was given for several, and
verdicts on a group as one verdict per member. Draft documents (no answer filled in) publish nothing
and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from rectrack.data.documents import answered_ids, is_filled
from rectrack.data.load import DocumentFile, LoadedData
from rectrack.data.model import (
    Accessibility,
    Answer,
    AsPrinted,
    CaseStudy,
    Dataset,
    DeadlineRevision,
    Evidence,
    Figure,
    FigureRow,
    GlossaryTerm,
    Governance,
    Group,
    KnownFrom,
    KnownIssue,
    Licence,
    Organisation,
    PartialDate,
    Recommendation,
    Report,
    ResponseDocument,
    Section,
    Site,
    Source,
    Statistic,
    SummaryVariant,
    Verdict,
    local_id,
    scoped_id,
)
from rectrack.data.sources import SourceDocument


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _items(files: dict[str, Any], kind: str, key: str) -> list[dict]:
    return list((files.get(kind) or {}).get(key) or [])


def build_dataset(loaded: LoadedData, sources: Mapping[str, SourceDocument] | None = None) -> Dataset:
    """The dataset of ``loaded``, with the copies of source documents read from it (``sources``)."""
    files = {kind: f.data for kind, f in loaded.files.items()}
    organisations = tuple(sorted((_organisation(o) for o in files["organisations"]["organisations"]),
                                 key=lambda o: o.id))
    groups = tuple(_group(g, organisations) for g in _items(files, "groups", "groups"))
    members = {g.id: g.members for g in groups}
    reports = tuple(_report(r) for r in files["reports"]["reports"])
    case_studies = tuple(_case_study(c) for c in _items(files, "case_studies", "case_studies"))
    by_recommendation: dict[str, list[str]] = {}
    for case in case_studies:
        for local in case.recommendations:
            by_recommendation.setdefault(scoped_id(case.report, local), []).append(case.id)
    report_order = {r.id: i for i, r in enumerate(reports)}
    recommendations = tuple(sorted(
        (_recommendation(r, by_recommendation) for r in files["recommendations"]["recommendations"]),
        key=lambda rec: (report_order[rec.report], rec.number is None, rec.number or 0, rec.local)))
    documents = tuple(sorted((d for d in (_document(f) for f in loaded.documents) if d is not None),
                             key=lambda d: (d.report, d.owner, d.published or date.min, d.name)))
    verdicts: list[Verdict] = []
    revisions: list[DeadlineRevision] = []
    for _, assessment in sorted(loaded.assessments.items()):
        verdicts += _verdicts(assessment.data, members)
        revisions += _revisions(assessment.data, members)
    stats = files.get("statistics") or {}
    return Dataset.build(
        site=_site(files["site"]),
        organisations=organisations,
        groups=groups,
        reports=reports,
        recommendations=recommendations,
        case_studies=case_studies,
        documents=documents,
        verdicts=tuple(verdicts),
        revisions=tuple(revisions),
        glossary=tuple(sorted((_term(t) for t in _items(files, "glossary", "terms")),
                              key=lambda term: term.term.casefold())),
        statistics=tuple(Statistic(s["id"], s["report"], s["label"], s["value"], s["unit"], s.get("period"),
                                   s["quote"], s.get("section")) for s in stats.get("statistics") or []),
        figures=tuple(Figure(f["id"], f["report"], f["number"], f["title"], f["source"], tuple(f["series"]),
                             tuple(FigureRow(r["label"], tuple(r["values"]), r["quote"]) for r in f["rows"]))
                      for f in stats.get("figures") or []),
        sources=MappingProxyType(dict(sources or {})),
    )


def _site(data: dict[str, Any]) -> Site:
    contact = data.get("contact") or {}
    repository = data.get("repository") or {}
    statement = data.get("accessibility") or {}
    licence = data.get("licence") or {}
    return Site(data["name"], data["description"], data.get("legacy_report"),
                contact_email=contact.get("email"), contact_url=contact.get("url"),
                repository_url=repository.get("url"), repository_branch=repository.get("branch") or "main",
                run_by=data.get("run_by"),
                accessibility=Accessibility(
                    compliance=statement.get("compliance"),
                    known_issues=tuple(KnownIssue(i["id"], i["problem"], i.get("criterion"), i.get("plan"))
                                       for i in statement.get("known_issues") or ()),
                    reply_within_days=statement.get("reply_within_days"),
                    prepared=_date(statement.get("prepared")), reviewed=_date(statement.get("reviewed")),
                    tested=_date(statement.get("tested")), tested_by=statement.get("tested_by")),
                licence=Licence(licence.get("name"), licence.get("url"), licence.get("attribution")))


def _organisation(data: dict) -> Organisation:
    return Organisation(
        id=data["id"], name=data["name"], abbreviation=data.get("abbreviation"),
        other_names=tuple(data.get("other_names") or ()), kind=data["kind"], country=data["country"],
        region=data.get("region"), description=data.get("description"),
        governance=tuple(Governance(g["role"], g["title"], _date(g["from"]), _date(g["to"]))
                         for g in data["governance"]),
    )


def _group(data: dict, organisations: tuple[Organisation, ...]) -> Group:
    kinds = tuple(data.get("kinds") or ())
    countries = tuple(data.get("countries") or ())
    if "members" in data:
        members = tuple(data["members"])
    else:
        members = tuple(o.id for o in organisations
                        if (not kinds or o.kind in kinds) and (not countries or o.country in countries))
    return Group(data["id"], data["name"], kinds, countries, members)


def _report(data: dict) -> Report:
    known = data.get("known_from")
    return Report(
        id=data["id"], title=data["title"], publishers=tuple(data["publishers"]), author=data.get("author"),
        series=data["series"], published=PartialDate.parse(data["published"]),
        published_as_printed=data["published_as_printed"], url=data["url"],
        source_document=data.get("source_document"), summary=data.get("summary"), scope=tuple(data["scope"]),
        regime=data["regime"], known_from=KnownFrom(known["report"], known["quote"]) if known else None,
        sections=tuple(Section(s["id"], s["chapter"], s["title"]) for s in data["sections"]),
        rights=data.get("rights"),
    )


def _recommendation(data: dict, by_recommendation: dict[str, list[str]]) -> Recommendation:
    local = local_id(data["number"]) if data["number"] is not None else data["id"]
    variant = data.get("summary_variant")
    return Recommendation(
        report=data["report"], number=data["number"], local=local, short_title=data["short_title"],
        deadline=_date(data["deadline"]), deadline_as_printed=data["deadline_as_printed"],
        owners=tuple(data["owners"]), section=data["section"], text=data["text"], actions=tuple(data["actions"]),
        quoted_from=data.get("quoted_from"), related=tuple(data.get("related") or ()),
        summary_variant=SummaryVariant(variant["text"], tuple(variant["actions"]), variant["differences"])
        if variant else None,
        case_studies=tuple(by_recommendation.get(scoped_id(data["report"], local), ())),
    )


def _case_study(data: dict) -> CaseStudy:
    return CaseStudy(
        id=data["id"], report=data["report"], title=data["title"], organisations=tuple(data["organisations"]),
        section=data["section"], recommendations=tuple(local_id(n) for n in data["recommendations"]),
        themes=tuple(data["themes"]), text=data["text"],
    )


def _term(data: dict) -> GlossaryTerm:
    return GlossaryTerm(data["id"], data["term"], data.get("abbreviation"), data["definition"],
                        data["definition_source"], data.get("report"))


def _document(file: DocumentFile) -> ResponseDocument | None:
    """The document as published, or None for a draft (no answer filled in): a draft publishes nothing."""
    data = file.loaded.data
    answers: list[Answer] = []
    for entry in data["responses"]:
        if not is_filled(entry):
            continue
        ids = answered_ids(entry)
        printed = entry.get("as_printed")
        for local in ids:
            answers.append(Answer(
                recommendation=local, action=entry["action"], implementation=entry["implementation"],
                evidence=entry.get("evidence"), note=entry.get("note"),
                as_printed=AsPrinted(printed.get("status"), printed.get("target_date"), printed.get("lead"))
                if printed else None,
                shared_with=tuple(ids) if len(ids) > 1 else (),
            ))
    if not answers:
        return None
    source = data["source"]
    return ResponseDocument(
        name=file.name, owner=data["owner"], report=data["report"], kind=data["kind"], author=data["author"],
        published=_date(data["published"]), source=Source(source["title"], source.get("url"), source.get("document")),
        foreword=data.get("foreword") or None,
        answers=tuple(sorted(answers, key=lambda a: (not a.recommendation.isdigit(),
                                                     int(a.recommendation) if a.recommendation.isdigit() else 0,
                                                     a.recommendation))),
    )


def _evidence(data: dict) -> Evidence:
    return Evidence(data["title"], data.get("url"), data.get("report"), data.get("quote"))


def _verdicts(data: dict, members: dict[str, tuple[str, ...]]) -> list[Verdict]:
    out = []
    for v in data.get("verdicts") or []:
        for owner in members.get(v["owner"], (v["owner"],)):
            out.append(Verdict(
                recommendation=scoped_id(data["report"], local_id(v["recommendation"])), owner=owner,
                date=PartialDate.parse(v["date"]), verdict=v["verdict"], by=v["by"],
                superseded_by=v.get("superseded_by"), evidence=_evidence(v["evidence"]), note=v.get("note"),
                given_for=v["owner"],
            ))
    return out


def _revisions(data: dict, members: dict[str, tuple[str, ...]]) -> list[DeadlineRevision]:
    out = []
    for r in data.get("deadline_revisions") or []:
        owners: tuple[str | None, ...] = members.get(r["owner"], (r["owner"],)) if r.get("owner") else (None,)
        for owner in owners:
            out.append(DeadlineRevision(
                recommendation=scoped_id(data["report"], local_id(r["recommendation"])), owner=owner,
                decided=date.fromisoformat(r["decided"]), deadline=date.fromisoformat(r["deadline"]),
                deadline_as_printed=r["deadline_as_printed"], reason=r["reason"], source=_evidence(r["source"]),
            ))
    return out
