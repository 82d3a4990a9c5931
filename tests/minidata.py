"""A small, valid data directory written from dicts: for command tests that need exact line numbers."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_data_dir(root: Path, rec_data: list[dict], responses_dir: bool = False) -> Path:
    """A minimal valid data directory: a report, the given recommendations, three forces."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "report.yaml": {
            "id": "test-report", "title": "A test report", "publisher": "hmicfrs", "series": "Spotlight",
            "published": "2026-04", "published_as_printed": "April 2026", "summary": "A summary.",
            "sections": [{"id": "teams", "chapter": "Teams", "title": "Teams need staff"}],
        },
        "bodies.yaml": {"bodies": [
            {"id": "hmicfrs", "name": "HMICFRS", "abbreviation": "HMICFRS", "kind": "inspectorate",
             "description": "The inspectorate."},
            {"id": "college-of-policing", "name": "College of Policing", "abbreviation": None,
             "kind": "professional-body", "description": "The professional body for policing."},
        ]},
        "recommendations.yaml": {"report": "test-report", "recommendations": [
            {"number": d["number"], "short_title": f"Recommendation {d['number']}", "deadline": "2026-10-31",
             "deadline_as_printed": "31 October 2026", "owners": d["owners"], "section": "teams",
             "text": d["text"], "actions": d["actions"], "summary_variant": None}
            for d in rec_data
        ]},
        "forces.yaml": {"as_at": "2026-11-01", "forces": [
            {"id": fid, "name": name, "other_names": [],
             "policing_body": {"kind": "pcc", "title": f"Police and Crime Commissioner for {area}"},
             "region": region, "country": country}
            for fid, name, area, region, country in [
                ("essex", "Essex Police", "Essex", "Eastern", "England"),
                ("gwent", "Gwent Police", "Gwent", "Wales", "Wales"),
                ("kent", "Kent Police", "Kent", "South East", "England"),
            ]
        ]},
    }
    for name, content in files.items():
        (root / name).write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if responses_dir:
        (root / "force_responses").mkdir(exist_ok=True)
    return root
