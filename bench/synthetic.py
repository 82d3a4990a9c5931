"""A realistic, larger tracker for the benchmark: what the shipped data grows into.

``generate(out_dir, scale)`` writes a complete data directory that passes ``rectrack validate``:

* the report gets ``scale`` times its 11 sections and 16 recommendations (``scale`` "reports' worth":
  the data model holds one report per data directory, so several reports become one long report, with
  unique numbers, deadlines spread before and after the benchmark's as-at date, and the body owners
  rotated);
* every one of the 43 forces answers every force-directed recommendation, with multi-paragraph action
  text remixed from the real Devon and Cornwall response plus sentence templates, an implementation
  claim whose evidence is a sentence of that action, and, for some, an inspectorate verdict;
* ``240 * scale`` case studies remixed from the report's 25, attributed across the forces;
* the glossary grows by a few editorial terms per batch; forces, bodies and statistics are the shipped ones.

The output is deterministic for a given ``scale`` and ``seed``. Run it on its own to keep a copy:
``python bench/synthetic.py OUT_DIR --scale 8``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from rectrack.data.read import load_file

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"
#: Case studies (and glossary terms) per "report's worth". With the page set of Rectrack's renderer
#: (one page per recommendation, force, body and case study, plus 11 index pages) scale 8 then gives
#: 128 recommendations, 1,920 case studies and over 2,000 pages.
CASES_PER_BATCH = 240
TERMS_PER_BATCH = 6
#: The date the benchmark builds "as at"; deadlines are spread on both sides of it.
AS_OF = date(2026, 11, 23)

_FORCE_SUFFIXES = (" Police Service", " Constabulary", " Police")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘'(])")

# Sentence templates for the parts of a response that the real one does not cover. {force} is the
# force's name, {area} its area, the rest are filled from the lists below.
_OPENINGS = [
    "{force} has reviewed its current practice against this recommendation and the findings were reported "
    "to the {board} in {month}.",
    "The Chief Constable has appointed a {rank} as the strategic lead for this recommendation, who reports "
    "progress to the {board} every {period}.",
    "Work on this recommendation is overseen by the {board}, which last met in {month} and agreed a "
    "delivery plan with clear milestones.",
    "I have discussed this recommendation with the Chief Constable at my {period} accountability meeting, "
    "and I am assured that it is being given appropriate priority in {area}.",
    "A gap analysis against this recommendation was completed in {month} and identified {n} areas where "
    "practice in {area} needed to change.",
]
_MIDDLES = [
    "Since {month}, {team} officers have received additional training delivered jointly with {partner}, "
    "and {pct}% of the team has now completed it.",
    "An audit of {n} cases in {month} found that {pct}% met the required standard; the remaining cases "
    "were returned to supervisors with actions and will be re-audited.",
    "The force has invested in {tool}, which is now used by the {team} team to record decisions and to "
    "track actions to completion.",
    "Performance is reviewed {period} at the {board}, using a dashboard that draws directly on force "
    "systems so that managers can see caseloads, overdue actions and risk levels.",
    "The force works closely with {partner}, and a joint working protocol was agreed in {month} setting "
    "out how information is shared and how cases are escalated.",
    "Staffing in the {team} team has increased by {n} posts over the last year, and recruitment to the "
    "remaining vacancies is under way.",
    "Supervisors review every case at least every {days} days, and the review is recorded on the case "
    "management system.",
    "Learning from reviews is shared across {area} through the {board} and through {period} briefings "
    "to frontline officers.",
]
_MONITOR = ("I will continue to monitor progress against this recommendation through my {period} "
            "accountability meetings with the Chief Constable.")
#: Closing sentences that agree with the claim the entry makes.
_CLOSINGS = {
    "implemented": ["This recommendation is considered to be met, and compliance will be tested through the "
                    "force's internal audit programme.", _MONITOR],
    "in-progress": ["The force expects to complete the remaining work by {month_later}.",
                    "Further work is planned and progress will be reported to me through the {board}.", _MONITOR],
    "not-started": ["Work has not yet started on this part of the recommendation, pending national guidance.",
                    "The force will start this work once the {board} has agreed the resources, by {month_later}."],
    "not-stated": ["Further work is planned and progress will be reported to me through the {board}.", _MONITOR],
}
_FILL = {
    "board": ["Public Protection Board", "Force Performance Board", "Strategic Safeguarding Board",
              "Vulnerability Governance Board", "Crime and Justice Board"],
    "rank": ["Detective Chief Superintendent", "Detective Superintendent", "Assistant Chief Constable",
             "Detective Chief Inspector"],
    "period": ["monthly", "quarterly", "six-weekly", "fortnightly"],
    "team": ["POLIT", "MOSOVO", "OCSAE", "Public Protection Unit", "ViSOR Intelligence Unit"],
    "partner": ["the Probation Service", "the local authority", "the Lucy Faithfull Foundation",
                "the regional organised crime unit", "the National Crime Agency", "children's social care"],
    "tool": ["a new case management application", "an electronic planner", "automated ViSOR extracts",
             "a QlikSense performance app", "a risk triage tool"],
    "month": ["January 2026", "March 2026", "May 2026", "June 2026", "July 2026", "September 2026"],
    "month_later": ["December 2026", "March 2027", "June 2027", "September 2027"],
}
_EXTRA_TERMS = [
    ("digital media investigator", "DMI", "An officer or member of staff trained to identify, secure and "
     "examine digital evidence during an investigation."),
    ("regional organised crime unit", "ROCU", "A unit shared by the forces of a police region that "
     "investigates serious and organised crime across force boundaries."),
    ("multi-agency safeguarding hub", "MASH", "A team in which police, children's services, health and "
     "other agencies share information to decide how to protect a child or adult at risk."),
    ("sexual risk order", "SRO", "A civil order a court can make against someone who has not been "
     "convicted of a sexual offence but poses a risk of sexual harm."),
    ("serious further offence", "SFO", "A serious violent or sexual offence committed by someone under "
     "probation supervision, which triggers a review."),
    ("internal management review", "IMR", "A review by an agency of its own handling of a case, often "
     "contributing to a wider multi-agency review."),
    ("case management system", None, "Software a team uses to record, allocate and track its cases."),
    ("digital forensic unit", "DFU", "The part of a force that extracts and examines data from seized "
     "phones, computers and other devices."),
    ("officer in the case", "OIC", "The officer responsible for an investigation from allocation to outcome."),
    ("police open source intelligence", "OSINT", "Intelligence gathered from publicly available sources, "
     "such as websites and social media."),
    ("unannounced visit", None, "A home visit to a registered sex offender made without telling them in advance."),
    ("workforce plan", None, "A force's plan for how many officers and staff, with which skills, it will "
     "need in each team over the coming years."),
]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Plain YAML the strict loader accepts: never anchors/aliases, multi-line text as literal blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(path: Path, schema: str, data: dict) -> None:
    pointer = f"# yaml-language-server: $schema={schema}\n"
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000)
    path.write_text(pointer + body, "utf-8")


def _read(name: str, source: Path) -> Any:
    loaded, problems = load_file(source / name, name)
    if loaded is None or problems:
        raise ValueError(f"cannot read shipped {name}: {problems}")
    return loaded.data


def _area(force: dict) -> str:
    if force["id"] == "metropolitan":
        return "London"
    name = force["name"]
    for suffix in _FORCE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _fill(template: str, rng: random.Random, force: dict) -> str:
    values = {key: rng.choice(options) for key, options in _FILL.items()}
    values.update(force=force["name"], area=_area(force), n=rng.randint(3, 40), pct=rng.randint(55, 99),
                  days=rng.choice([14, 28, 30, 60]))
    return template.format(**values)


def _localise(text: str, force: dict) -> str:
    """The Devon and Cornwall text, as if another force had written it."""
    return (text.replace("Devon and Cornwall Police", force["name"])
                .replace("Devon and Cornwall police", force["name"])
                .replace("Devon and Cornwall", _area(force))
                .replace("DCP", _area(force)))


def _action(rng: random.Random, force: dict, real: str | None, state: str) -> str:
    """Three to seven paragraphs: one to three of the real response's, localised, among templated ones."""
    paragraphs = []
    if real:
        own = [p for p in re.split(r"\n\s*\n", real.strip()) if p.strip()]
        keep = rng.sample(own, k=max(1, min(len(own), rng.randint(1, 3))))
        paragraphs += [_localise(p, force) for p in keep]
    opening = _fill(rng.choice(_OPENINGS), rng, force)
    middles = [" ".join(_fill(t, rng, force) for t in rng.sample(_MIDDLES, k=rng.randint(1, 3)))
               for _ in range(rng.randint(1, 2))]
    paragraphs = [opening] + paragraphs + middles
    if rng.random() < 0.7:
        paragraphs.append(_fill(_CLOSINGS[state][rng.randrange(len(_CLOSINGS[state]))], rng, force))
    return "\n\n".join(paragraphs) + "\n"


def _claim(rng: random.Random, force: dict, real: str | None, number: int, as_of: date) -> dict:
    state = rng.choices(["implemented", "in-progress", "not-started", "not-stated"], [35, 35, 10, 20])[0]
    action = _action(rng, force, real, state)
    entry: dict[str, Any] = {"recommendation": number, "action": action, "implementation": state}
    if state == "not-stated":
        entry["evidence"] = None
    else:
        sentences = [s for p in action.split("\n\n") for s in _SENTENCE.split(p.strip()) if len(s) > 40]
        entry["evidence"] = rng.choice(sentences).strip()
    entry["note"] = ("The response does not give a date for completing this work."
                     if rng.random() < 0.15 else None)
    roll = rng.random()
    if roll < 0.06:
        given = as_of - timedelta(days=rng.randint(1, 120))
        entry["inspectorate"] = {"verdict": "closed", "date": given.isoformat(),
                                 "note": "Inspectors reviewed the force's evidence during a revisit and are "
                                         "satisfied that the recommendation has been met."}
    elif roll < 0.09:
        given = as_of - timedelta(days=rng.randint(1, 200))
        entry["inspectorate"] = {"verdict": "superseded", "date": given.isoformat(),
                                 "note": "Replaced by a recommendation in a later inspection report."}
    elif roll < 0.16:
        entry["inspectorate"] = {"verdict": "open", "date": None, "note": None}
    return entry


def _printed(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _with_suffix(text: str, suffix: str, limit: int) -> str:
    return text[: limit - len(suffix)].rstrip() + suffix


def generate(out_dir: Path | str, scale: int = 8, seed: int = 2026, source: Path = SHIPPED) -> Path:
    """Write a data directory ``scale`` reports' worth large into ``out_dir``/data and return its path."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    data = Path(out_dir) / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "force_responses").mkdir(parents=True)
    for name in ("forces.yaml", "bodies.yaml", "statistics.yaml"):
        shutil.copyfile(source / name, data / name)
    if (source / "sources").is_dir():
        shutil.copytree(source / "sources", data / "sources")

    report = _read("report.yaml", source)
    recs = _read("recommendations.yaml", source)
    cases = _read("case_studies.yaml", source)["case_studies"]
    glossary = _read("glossary.yaml", source)["terms"]
    forces = _read("forces.yaml", source)["forces"]
    bodies = [b["id"] for b in _read("bodies.yaml", source)["bodies"] if b["kind"] != "inspectorate"]
    real = {r["recommendation"]: r["action"]
            for r in _read("force_responses/devon-and-cornwall.yaml", source)["responses"]}
    per_batch = max(r["number"] for r in recs["recommendations"])

    def section_id(section: str, batch: int) -> str:
        return section if batch == 0 else f"{section}-r{batch + 1}"

    def number(original: int, batch: int) -> int:
        return original + batch * per_batch

    sections = []
    for batch in range(scale):
        for s in report["sections"]:
            title = s["title"] if batch == 0 else _with_suffix(s["title"], f" (report {batch + 1})", 300)
            sections.append({"id": section_id(s["id"], batch), "chapter": s["chapter"], "title": title})
    _dump(data / "report.yaml", "../schemas/report.schema.json", {**report, "sections": sections})

    recommendations = []
    for batch in range(scale):
        # Spread deadlines: earlier batches are past due at AS_OF, later ones months away.
        shift = timedelta(days=91 * (batch - scale // 2) + rng.randint(-20, 20)) if batch else timedelta(0)
        for rec in recs["recommendations"]:
            deadline = date.fromisoformat(rec["deadline"]) + shift
            owners = list(rec["owners"])
            if "forces" not in owners and batch:
                owners = rng.sample(bodies, k=min(len(bodies), len(owners)))
            recommendations.append({
                "number": number(rec["number"], batch),
                "short_title": (rec["short_title"] if batch == 0
                                else _with_suffix(rec["short_title"], f" ({batch + 1})", 70)),
                "deadline": deadline.isoformat(),
                "deadline_as_printed": _printed(deadline),
                "owners": owners,
                "section": section_id(rec["section"], batch),
                "text": rec["text"].replace(rec["deadline_as_printed"], _printed(deadline)),
                "actions": rec["actions"],
                "summary_variant": rec["summary_variant"] if batch == 0 else None,
            })
    _dump(data / "recommendations.yaml", "../schemas/recommendations.schema.json",
          {"report": recs["report"], "recommendations": recommendations})

    by_id = {f["id"]: f for f in forces}
    studies = []
    for index in range(CASES_PER_BATCH * scale):
        case = cases[index % len(cases)]
        copy = index // len(cases)
        batch = index % scale
        force = forces[(index * 7) % len(forces)] if copy else by_id[case["force"]]
        original = by_id[case["force"]]
        title, text = case["title"], case["text"]
        if force is not original:
            for name in (original["name"], *original["other_names"]):
                title, text = title.replace(name, force["name"]), text.replace(name, force["name"])
        if copy:
            # Copies keep the opening paragraph(s) only: case_studies.yaml must stay under the loader's
            # 2 MB file limit (yamlload.MAX_FILE_BYTES) even with 1,920 case studies.
            title = _with_suffix(title, f" ({copy + 1})", 300)
            paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
            kept = paragraphs[:1] if len(paragraphs[0]) > 300 else paragraphs[:2]
            text = "\n\n".join(kept + [_fill(rng.choice(_MIDDLES), rng, force)]) + "\n"
        studies.append({
            "id": case["id"] if not copy else f"{case['id'][:70]}-{copy + 1}",
            "title": title,
            "force": force["id"],
            "section": section_id(case["section"], batch),
            "recommendations": [number(n, batch) for n in case["recommendations"]],
            "themes": case["themes"],
            "text": text,
        })
    _dump(data / "case_studies.yaml", "../schemas/case_studies.schema.json", {"case_studies": studies})

    terms = list(glossary)
    known = {t["id"] for t in terms}
    for term, abbreviation, definition in _EXTRA_TERMS[: TERMS_PER_BATCH * (scale - 1)]:
        slug = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
        if slug not in known:
            terms.append({"id": slug, "term": term, "abbreviation": abbreviation, "definition": definition,
                          "definition_source": "editorial"})
    _dump(data / "glossary.yaml", "../schemas/glossary.schema.json", {"terms": terms})

    force_directed = [r for r in recommendations if "forces" in r["owners"]]
    for force in forces:
        responses = [_claim(rng, force, real.get((r["number"] - 1) % per_batch + 1), r["number"], AS_OF)
                     for r in force_directed]
        published = (date(2026, 5, 20) + timedelta(days=rng.randint(0, 90))).isoformat() if rng.random() < 0.8 else None
        foreword = "\n\n".join(_fill(t, rng, force) for t in rng.sample(_OPENINGS + _MIDDLES, k=3)) + "\n"
        _dump(data / "force_responses" / f"{force['id']}.yaml", "../../schemas/force_response.schema.json", {
            "force": force["id"],
            "report": report["id"],
            "author": force["policing_body"]["title"],
            "published": published,
            "source": {"title": f"Response from the {force['policing_body']['title']} to {report['title']}"[:300],
                       "url": f"https://www.example.org/{force['id']}/hmicfrs-response" if rng.random() < 0.5 else None,
                       "document": None},
            "foreword": foreword,
            "responses": responses,
        })
    return data


def expected_counts(scale: int, source: Path = SHIPPED) -> dict[str, int]:
    """What ``generate`` writes at ``scale``: the numbers the tests and the benchmark table quote."""
    recs = _read("recommendations.yaml", source)["recommendations"]
    glossary = _read("glossary.yaml", source)["terms"]
    forces = _read("forces.yaml", source)["forces"]
    known = {t["id"] for t in glossary}
    extra = [t for t in _EXTRA_TERMS[: TERMS_PER_BATCH * (scale - 1)]
             if re.sub(r"[^a-z0-9]+", "-", t[0].lower()).strip("-") not in known]
    force_directed = sum(1 for r in recs if "forces" in r["owners"]) * scale
    return {
        "recommendations": len(recs) * scale,
        "force_directed": force_directed,
        "forces": len(forces),
        "responses": len(forces) * force_directed,
        "case_studies": CASES_PER_BATCH * scale,
        "glossary": len(glossary) + len(extra),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(generate(args.out_dir, args.scale, args.seed))


if __name__ == "__main__":
    main()
