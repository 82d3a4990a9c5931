"""A small, valid data directory written from dicts: for tests that need exact line numbers or their own data.

``write_data_dir`` writes the base (the tracker, five organisations, the group ``forces``, one report and
the recommendations given); the other functions add to it what a test needs: an organisation, a second
report, a response document by any owner on any report, an assessments file. Every file is written with
``yaml.safe_dump`` in a fixed key order, so a test can find its lines, and every function returns the
path it wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

#: The id of the report ``write_data_dir`` writes.
REPORT = "test-report"
#: The forces of the base: id, name, police area, region, country.
FORCES = [
    ("essex", "Essex Police", "Essex", "Eastern", "England"),
    ("gwent", "Gwent Police", "Gwent", "Wales", "Wales"),
    ("kent", "Kent Police", "Kent", "South East", "England"),
]
#: Which response folder each kind of organisation keeps its documents in (as data/kinds.py declares).
_FOLDERS = {
    "territorial-police-force": "force_responses", "other-police-force": "force_responses",
    "fire-and-rescue-service": "fire_responses",
}


def _dump(path: Path, content: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return path


def _owners(rec_data: list[dict]) -> list[str]:
    """The owners of some recommendations, each once, in order: a report's scope."""
    return list(dict.fromkeys(owner for d in rec_data for owner in d["owners"]))


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def force(fid: str, name: str, area: str, region: str, country: str) -> dict:
    """A territorial police force answered for by its police and crime commissioner."""
    return {"id": fid, "name": name, "abbreviation": None, "other_names": [], "kind": "territorial-police-force",
            "country": country, "region": region, "description": None,
            "governance": [{"role": "pcc", "title": f"Police and Crime Commissioner for {area}", "from": None,
                            "to": None}]}


def organisation(oid: str, name: str, kind: str, country: str = "England", abbreviation: str | None = None,
                 governance: Sequence[dict] = ()) -> dict:
    """Any organisation (a national body, a department, a fire and rescue service, ...)."""
    return {"id": oid, "name": name, "abbreviation": abbreviation, "other_names": [], "kind": kind,
            "country": country, "region": None, "description": None, "governance": list(governance)}


def recommendation(d: dict, report: str = REPORT) -> dict:
    """A recommendation from a short dict: ``number``, ``owners``, ``text``, ``actions`` and, optionally,
    ``report``, ``id`` (where ``number`` is None), ``deadline``, ``deadline_as_printed``, ``section``."""
    label = d["number"] if d["number"] is not None else d.get("id")
    rec = {"report": d.get("report", report), "number": d["number"]}
    if d.get("id") is not None:
        rec["id"] = d["id"]
    rec.update({"short_title": d.get("short_title", f"Recommendation {label}"),
                "deadline": d.get("deadline", "2026-10-31"),
                "deadline_as_printed": d.get("deadline_as_printed", "31 October 2026"),
                "owners": list(d["owners"]), "section": d.get("section", "teams"), "text": d["text"],
                "actions": list(d["actions"]), "summary_variant": None})
    return rec


def report(rid: str = REPORT, *, title: str = "A test report", published: str = "2026-04",
           published_as_printed: str = "April 2026", scope: Iterable[str] = ("forces", "college-of-policing"),
           regime: str = "s55", publishers: Iterable[str] = ("hmicfrs",),
           sections: Sequence[dict] = ({"id": "teams", "chapter": "Teams", "title": "Teams need staff"},)) -> dict:
    return {"id": rid, "title": title, "publishers": list(publishers), "author": None, "series": "Spotlight",
            "published": published, "published_as_printed": published_as_printed, "url": None,
            "source_document": None, "summary": "A summary.", "scope": list(scope), "regime": regime,
            "known_from": None, "sections": [dict(s) for s in sections]}


def write_data_dir(root: Path, rec_data: list[dict], responses_dir: bool = False) -> Path:
    """A minimal valid data directory: the tracker, three forces (essex, gwent, kent), the inspectorate
    (hmicfrs), the College of Policing, the group ``forces`` (every territorial force in England and
    Wales), the report ``test-report`` and the given recommendations of it.

    ``responses_dir`` also creates ``force_responses/test-report/``, where the forces' documents go.
    """
    root.mkdir(parents=True, exist_ok=True)
    _dump(root / "site.yaml", {"name": "Test tracker", "description": "Tracks the recommendations of a test report.",
                               "legacy_report": None})
    _dump(root / "organisations.yaml", {"as_at": "2026-11-01", "organisations": [
        *(force(*row) for row in FORCES),
        organisation("hmicfrs", "HMICFRS", "inspectorate", "England and Wales", "HMICFRS"),
        organisation("college-of-policing", "College of Policing", "professional-body", "England and Wales"),
    ]})
    _dump(root / "groups.yaml", {"groups": [
        {"id": "forces", "name": "Every territorial police force in England and Wales",
         "kinds": ["territorial-police-force"], "countries": ["England", "Wales"]},
    ]})
    _dump(root / "reports.yaml", {"reports": [report(scope=_owners(rec_data))]})
    _dump(root / "recommendations.yaml", {"recommendations": [recommendation(d) for d in rec_data]})
    if responses_dir:
        (root / "force_responses" / REPORT).mkdir(parents=True, exist_ok=True)
    return root


def add_organisation(root: Path, entry: dict) -> Path:
    """Append an organisation (see :func:`organisation` and :func:`force`) to organisations.yaml."""
    path = root / "organisations.yaml"
    content = _read(path)
    content["organisations"].append(entry)
    return _dump(path, content)


def add_group(root: Path, gid: str, name: str, *, members: Iterable[str] | None = None,
              kinds: Iterable[str] | None = None, countries: Iterable[str] | None = None) -> Path:
    """Append a group, by list (``members``) or by rule (``kinds``, ``countries``), to groups.yaml."""
    path = root / "groups.yaml"
    content = _read(path)
    group: dict[str, Any] = {"id": gid, "name": name}
    if kinds is not None:
        group["kinds"] = list(kinds)
    if countries is not None:
        group["countries"] = list(countries)
    if members is not None:
        group["members"] = list(members)
    content["groups"].append(group)
    return _dump(path, content)


def add_report(root: Path, rid: str, rec_data: list[dict], **fields: Any) -> Path:
    """Append a second (third, ...) report to reports.yaml and its recommendations to recommendations.yaml.

    ``fields`` are :func:`report`'s (``published``, ``scope``, ``regime``, ...); ``scope`` defaults to the
    owners of ``rec_data``.
    """
    fields.setdefault("scope", _owners(rec_data))
    path = root / "reports.yaml"
    content = _read(path)
    content["reports"].append(report(rid, **fields))
    _dump(path, content)
    recs = root / "recommendations.yaml"
    content = _read(recs)
    content["recommendations"] += [recommendation(d, rid) for d in rec_data]
    _dump(recs, content)
    return path


def answer(number: int | str | list, action: str = "We have done this.", implementation: str = "not-stated",
           evidence: str | None = None, **more: Any) -> dict:
    """One entry of a response document: the recommendation (or a list for a shared answer) and its answer."""
    return {"recommendation": number, "action": action, "implementation": implementation, "evidence": evidence,
            **more}


def response_path(root: Path, owner: str, report_id: str = REPORT, label: str | None = None) -> Path:
    """Where the document of ``owner`` on ``report_id`` belongs: the folder for the owner's kind of
    organisation (read from organisations.yaml), then REPORT/OWNER.yaml or REPORT/OWNER--LABEL.yaml."""
    kinds = {o["id"]: o["kind"] for o in _read(root / "organisations.yaml")["organisations"]}
    folder = _FOLDERS.get(kinds.get(owner, "territorial-police-force"), "national_responses")
    name = owner if label is None else f"{owner}--{label}"
    return root / folder / report_id / f"{name}.yaml"


def write_response(root: Path, owner: str, answers: Sequence[dict], report_id: str = REPORT, *,
                   kind: str = "first-comments", label: str | None = None, published: str | None = "2026-07-01",
                   author: str | None = None, title: str | None = None, foreword: str | None = None,
                   path: Path | None = None) -> Path:
    """Write a response document by ``owner`` on ``report_id`` where it belongs (or at ``path``).

    ``answers`` are entries as :func:`answer` makes them. A later document takes a ``label`` (its file is
    OWNER--LABEL.yaml) and a ``kind`` of ``update`` or ``action-plan``.
    """
    target = path or response_path(root, owner, report_id, label)
    return _dump(target, {
        "owner": owner, "report": report_id, "kind": kind, "author": author or f"The author for {owner}",
        "published": published,
        "source": {"title": title if title is not None else f"Response from {owner}", "url": None,
                   "document": None},
        "foreword": foreword, "responses": [dict(a) for a in answers],
    })


def evidence(title: str = "Inspection update", url: str | None = "https://example.org/update",
             quote: str | None = None, report_id: str | None = None) -> dict:
    return {"title": title, "url": url, "report": report_id, "quote": quote}


def verdict(number: int | str, owner: str, verdict_: str = "closed-implemented", date: str = "2026-11-20", *,
            by: str = "hmicfrs", superseded_by: str | None = None, evidence_: dict | None = None,
            note: str | None = None) -> dict:
    """One verdict of the inspectorate on ``owner``'s duty under recommendation ``number``."""
    return {"recommendation": number, "owner": owner, "date": date, "verdict": verdict_, "by": by,
            "superseded_by": superseded_by, "evidence": evidence_ or evidence(), "note": note}


def revision(number: int | str, deadline: str, decided: str = "2026-09-01", owner: str | None = None, *,
             deadline_as_printed: str | None = None, reason: str = "More time was agreed.",
             source: dict | None = None) -> dict:
    """One revision of a recommendation's deadline (for one owner, or for every owner when ``owner`` is None)."""
    return {"recommendation": number, "owner": owner, "decided": decided, "deadline": deadline,
            "deadline_as_printed": deadline_as_printed or deadline, "reason": reason, "source": source or evidence()}


def write_assessments(root: Path, report_id: str = REPORT, verdicts: Sequence[dict] = (),
                      deadline_revisions: Sequence[dict] = ()) -> Path:
    """Write assessments/REPORT.yaml: the inspectorate's verdicts and deadline revisions on one report."""
    return _dump(root / "assessments" / f"{report_id}.yaml", {
        "report": report_id, "verdicts": [dict(v) for v in verdicts],
        "deadline_revisions": [dict(r) for r in deadline_revisions]})
