"""Turn schema-valid file contents into the typed :class:`~rectrack.data.model.Dataset`.

Runs only after the schema and cross-reference checks passed, so it can index freely: a KeyError here
would be a bug in the schemas, not bad data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rectrack.data.model import (
    Body,
    CaseStudy,
    Dataset,
    Figure,
    FigureRow,
    Force,
    ForceResponse,
    GlossaryTerm,
    PartialDate,
    PolicingBody,
    Recommendation,
    RecommendationResponse,
    Report,
    Section,
    Source,
    Statistic,
    SummaryVariant,
    Verdict,
)


def parse_partial_date(text: str) -> PartialDate:
    parts = [int(p) for p in text.split("-")]
    return PartialDate(*parts)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def build_dataset(files: dict[str, Any], responses: list[dict[str, Any]]) -> Dataset:
    """``files`` maps each kind (report, bodies, ...) to its parsed content; absent optional files are {}."""
    report_data = files["report"]
    report = Report(
        id=report_data["id"],
        title=report_data["title"],
        publisher=report_data["publisher"],
        series=report_data["series"],
        published=parse_partial_date(report_data["published"]),
        published_as_printed=report_data["published_as_printed"],
        source_document=report_data.get("source_document"),
        summary=report_data["summary"],
        sections=tuple(Section(s["id"], s["chapter"], s["title"]) for s in report_data["sections"]),
    )
    case_studies = tuple(
        CaseStudy(
            id=c["id"], title=c["title"], force=c["force"], section=c["section"],
            recommendations=tuple(c["recommendations"]), themes=tuple(c["themes"]), text=c["text"],
        )
        for c in files.get("case_studies", {}).get("case_studies", [])
    )
    by_recommendation: dict[int, list[str]] = {}
    for case in case_studies:
        for number in case.recommendations:
            by_recommendation.setdefault(number, []).append(case.id)
    rec_data = files["recommendations"]
    recommendations = tuple(
        sorted(
            (
                Recommendation(
                    report=rec_data["report"],
                    number=r["number"],
                    short_title=r["short_title"],
                    deadline=date.fromisoformat(r["deadline"]),
                    deadline_as_printed=r["deadline_as_printed"],
                    owners=tuple(r["owners"]),
                    section=r["section"],
                    text=r["text"],
                    actions=tuple(r["actions"]),
                    summary_variant=_variant(r.get("summary_variant")),
                    case_studies=tuple(by_recommendation.get(r["number"], ())),
                )
                for r in rec_data["recommendations"]
            ),
            key=lambda rec: rec.number,
        )
    )
    forces = tuple(
        sorted(
            (
                Force(
                    id=f["id"], name=f["name"], other_names=tuple(f["other_names"]),
                    policing_body=PolicingBody(f["policing_body"]["kind"], f["policing_body"]["title"]),
                    region=f["region"], country=f["country"],
                )
                for f in files["forces"]["forces"]
            ),
            key=lambda force: force.id,
        )
    )
    bodies = tuple(
        Body(b["id"], b["name"], b.get("abbreviation"), b["kind"], b["description"]) for b in files["bodies"]["bodies"]
    )
    glossary = tuple(
        sorted(
            (
                GlossaryTerm(t["id"], t["term"], t.get("abbreviation"), t["definition"], t["definition_source"])
                for t in files.get("glossary", {}).get("terms", [])
            ),
            key=lambda term: term.term.casefold(),
        )
    )
    stats_data = files.get("statistics", {})
    statistics = tuple(
        Statistic(s["id"], s["label"], s["value"], s["unit"], s.get("period"), s["quote"], s.get("section"))
        for s in stats_data.get("statistics", [])
    )
    figures = tuple(
        Figure(
            id=f["id"], number=f["number"], title=f["title"], source=f["source"], series=tuple(f["series"]),
            rows=tuple(FigureRow(r["label"], tuple(r["values"]), r["quote"]) for r in f["rows"]),
        )
        for f in stats_data.get("figures", [])
    )
    return Dataset(
        report=report,
        bodies=bodies,
        recommendations=recommendations,
        case_studies=case_studies,
        forces=forces,
        responses=tuple(sorted((_response(r) for r in responses), key=lambda r: r.force)),
        glossary=glossary,
        statistics=statistics,
        figures=figures,
    )


def _variant(data: dict | None) -> SummaryVariant | None:
    if not data:
        return None
    return SummaryVariant(data["text"], tuple(data["actions"]), data["differences"])


def _response(data: dict[str, Any]) -> ForceResponse:
    source = data["source"]
    return ForceResponse(
        force=data["force"],
        report=data["report"],
        author=data["author"],
        published=_date(data.get("published")),
        source=Source(source["title"], source.get("url"), source.get("document")),
        foreword=data.get("foreword") or "",
        responses=tuple(
            sorted(
                (
                    RecommendationResponse(
                        recommendation=r["recommendation"],
                        action=r["action"],
                        implementation=r["implementation"],
                        evidence=r.get("evidence"),
                        note=r.get("note"),
                        inspectorate=_verdict(r.get("inspectorate")),
                    )
                    for r in data["responses"]
                    if r["action"].strip()  # an empty action is an unfilled draft entry (validator warns)
                ),
                key=lambda r: r.recommendation,
            )
        ),
    )


def _verdict(data: dict | None) -> Verdict | None:
    if not data:
        return None
    return Verdict(data["verdict"], _date(data.get("date")), data.get("note"))
