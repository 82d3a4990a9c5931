"""A national tracker for the benchmark: many reports over several years, every kind of owner, change over time.

``generate(out_dir, reports=N, seed=S)`` writes a complete data directory (``out_dir/data``) that
passes ``rectrack validate --strict``:

* ``reports`` reports with recommendations to answer. The first is the shipped report, unchanged
  (its recommendations, sections, case studies, figures and Devon and Cornwall's real response);
  the others are remixed from it and published from January 2022 to shortly before the
  benchmark's as-at date, in three shapes:

  - **every force** (most): recommendations for the group of every territorial force, with some for
    national bodies; a Police Act 1996 s55 report;
  - **named forces**: three forces of one region by name (``owners: [kent, essex, sussex]``), with
    perhaps one national body; s55;
  - **national**: national bodies only; no statutory clock.

  The first three synthetic reports take one shape each (so a tracker of 4 reports has them all),
  the rest are drawn 6:3:1. Each report numbers its recommendations from 1 (every report has a
  recommendation 1), gives deadlines 6 to 18 months after publication (a few none), and has its own
  case studies, remixed from the shipped 25 and attributed to forces (the named ones, where the
  report names forces).
* The two earlier reports the shipped one cites (known only from its words) are kept as shipped,
  with their quoted assessments; nobody answers them.
* **Every force answers each force-directed recommendation** of every report addressed to it, in its
  first comments (``force_responses/REPORT/FORCE.yaml``): two to five paragraphs remixed from the
  real Devon and Cornwall answer to the same recommendation plus sentence templates, an
  implementation claim whose evidence is a sentence of that answer. Most are dated 2 to 11 weeks
  after the report (some late for s55, a few undated). Some forces publish an update or an action
  plan later (``FORCE--update-YYYY-MM-DD.yaml``), moving claims on; most national bodies answer too
  (``national_responses/``).
* The inspectorate's assessments (``assessments/REPORT.yaml``) on older reports: verdicts on some
  forces (closed as implemented or not, open, superseded by a later report's recommendation), on
  every force at once, and on national bodies whether or not they answered; deadline revisions for
  every owner or one force.
* Organisations, groups, statistics and the site are the shipped ones; the glossary gains a few
  editorial terms.

Dates after the as-at date (late updates, verdicts) are deliberate: the build must hide them.
The output is the same for the same arguments. Run it on its own to keep a copy:
``python bench/synthetic.py OUT_DIR --reports 3``.
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from rectrack.data.read import MAX_FILE_BYTES, load_file

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"
SHIPPED_REPORT = "hmicfrs-2026-ocsa-mosovo"
#: Reports in the default benchmark set: with the page set of Rectrack's renderer (a page per report,
#: recommendation, (report, organisation), organisation, case study, ...) this gives over 8,000 pages.
DEFAULT_REPORTS = 170
#: The date the benchmark builds "as at".
AS_OF = date(2026, 11, 23)
#: Synthetic reports are published between these days.
FIRST_PUBLISHED = date(2022, 1, 10)
LAST_PUBLISHED = date(2026, 10, 30)
#: The shapes of synthetic report, and how often each is drawn.
SHAPES = {"every-force": 6, "named-forces": 3, "national": 1}
#: Case studies per synthetic report of each shape (inclusive range).
CASE_STUDIES = {"every-force": (8, 16), "named-forces": (2, 5), "national": (1, 2)}
#: The files that hold every report's items at once (each must stay under the loader's size limit).
SINGLE_FILES = ("reports.yaml", "recommendations.yaml", "case_studies.yaml")

_FORCE_SUFFIXES = (" Police Service", " Constabulary", " Police")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘'(])")

# Synthetic report subjects: (id word, title). Titles are invented for the benchmark, never shipped.
_SUBJECTS = [
    ("stalking", "the police response to stalking and harassment"),
    ("domestic-abuse", "how well the police protect victims of domestic abuse"),
    ("vetting", "vetting, misconduct and misogyny in the police service"),
    ("custody", "the treatment of people held in police custody"),
    ("missing-children", "the police response to children who go missing from home"),
    ("fraud", "the police response to fraud"),
    ("roads-policing", "roads policing and the investigation of serious collisions"),
    ("neighbourhood", "neighbourhood policing and community engagement"),
    ("county-lines", "the policing of county lines drug supply"),
    ("firearms-licensing", "the police management of firearms licensing"),
    ("digital-forensics", "digital forensic capacity and the examination of devices"),
    ("youth-violence", "the police response to serious youth violence"),
    ("hate-crime", "the police response to hate crime"),
    ("modern-slavery", "the police response to modern slavery and human trafficking"),
    ("mental-health", "the police response to people with mental ill health"),
    ("call-handling", "police call handling and the response to emergency calls"),
    ("cybercrime", "the police response to cybercrime"),
    ("rape-investigation", "the investigation of rape and serious sexual offences"),
    ("victims-code", "how well the police meet the Victims' Code"),
    ("stop-and-search", "the use of stop and search powers"),
    ("workforce", "police workforce planning and officer wellbeing"),
    ("offender-management", "the management of violent offenders in the community"),
    ("intelligence", "the use of intelligence to tackle serious and organised crime"),
    ("counter-corruption", "counter-corruption arrangements in the police service"),
]
_REVISITS = ["", ": a revisit", ": a follow-up inspection", ": progress since our last inspection"]

# Sentence templates for the parts of a response that the real one does not cover. {force} is the
# force's name, {area} its area, the rest are filled from _FILL.
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
# A national body's answer: {force} is the body's name.
_NATIONAL = [
    "{force} accepts this recommendation and has set up a working group with representatives of forces, "
    "the {board} and {partner}.",
    "A consultation with forces closed in {month}; {n} forces responded and their views are informing the "
    "revised guidance.",
    "{force} has commissioned an evaluation of current practice, which will report by {month_later}.",
    "The work is overseen by a {rank} seconded to {force}, who reports progress {period}.",
    "Draft guidance was shared with forces in {month} and the final version will be published by {month_later}.",
]
_UPDATE_OPENINGS = [
    "Since our first response, the force has completed the work described and the {board} reviewed the "
    "evidence in {month}.",
    "This update reports the progress made since our first comments on this recommendation.",
    "The actions set out in our first response have been taken forward under the {board}.",
]
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
    "month": ["January", "March", "May", "June", "July", "September", "November"],
    "month_later": ["December", "March", "June", "September"],
}
_REVISION_REASONS = [
    "The national guidance the recommendation depends on was delayed, so forces could not complete the "
    "work by the original date.",
    "The inspectorate agreed a later date after the force set out a costed plan for the new system.",
    "Extended to allow the work to be aligned with the national programme.",
]
_VERDICT_QUOTES = {
    "closed-implemented": "We reviewed the force's evidence during our revisit and are satisfied that the "
                          "recommendation has been implemented.",
    "closed-not-implemented": "The force has decided not to carry out this recommendation; we have closed it "
                              "and will consider the risk in future inspections.",
    "open": "The work is under way but is not yet complete; the recommendation remains open.",
    "superseded": "This recommendation has been replaced by a recommendation in a later report.",
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
    path.parent.mkdir(parents=True, exist_ok=True)
    pointer = f"# yaml-language-server: $schema={schema}\n"
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000)
    path.write_text(pointer + body, "utf-8")


def _read(name: str, source: Path) -> Any:
    loaded, problems = load_file(source / name, name)
    if loaded is None or problems:
        raise ValueError(f"cannot read shipped {name}: {problems}")
    return loaded.data


def _printed(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# -- the plan: which reports, of which shape, when ---------------------------------------------------

@dataclass
class Planned:
    """One report to generate: its shape, id, date and the forces or bodies it is addressed to."""

    index: int
    shape: str  # shipped | every-force | named-forces | national
    id: str
    published: date
    #: Whether the report gives only the month of publication (as the shipped one does).
    month_only: bool
    named: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    #: local id -> the shipped recommendation it is remixed from (its number).
    origin: dict[str, int] = field(default_factory=dict)


def plan(reports: int, seed: int, source: Path = SHIPPED) -> list[Planned]:
    """The reports ``generate`` writes, in order (the shipped one first): deterministic for ``seed``."""
    if reports < 1:
        raise ValueError("reports must be at least 1")
    rng = random.Random(f"{seed}-plan")
    shipped = next(r for r in _read("reports.yaml", source)["reports"] if r["id"] == SHIPPED_REPORT)
    organisations = _read("organisations.yaml", source)["organisations"]
    regions: dict[str, list[str]] = {}
    for org in organisations:
        if org["kind"] == "territorial-police-force" and org["region"]:
            regions.setdefault(org["region"], []).append(org["id"])
    regional = sorted(r for r, members in regions.items() if len(members) >= 3)
    bodies = [o["id"] for o in organisations if o["kind"] in {"professional-body", "national-policing-body",
                                                                "government-department"}]
    first = _partial(shipped["published"])
    planned = [Planned(0, "shipped", SHIPPED_REPORT, first, month_only=len(shipped["published"]) < 10)]
    count = reports - 1
    span = (LAST_PUBLISHED - FIRST_PUBLISHED).days
    used: set[str] = {SHIPPED_REPORT}
    shapes, weights = list(SHAPES), list(SHAPES.values())
    for index in range(1, count + 1):
        # Evenly spread over the years, a little jitter, so every year has its share.
        day = FIRST_PUBLISHED + timedelta(days=span * (index - 1) // max(1, count - 1) + rng.randint(-6, 6))
        day = min(max(day, FIRST_PUBLISHED), LAST_PUBLISHED)
        # The first three synthetic reports take one shape each, so that a small tracker has all three.
        shape = shapes[index - 1] if index <= len(shapes) else rng.choices(shapes, weights)[0]
        subject, _ = _SUBJECTS[(index - 1) % len(_SUBJECTS)]
        report_id = f"hmicfrs-{day.year}-{subject}"
        suffix = 2
        while report_id in used:
            report_id, suffix = f"hmicfrs-{day.year}-{subject}-{suffix}", suffix + 1
        used.add(report_id)
        item = Planned(index, shape, report_id, day, month_only=rng.random() < 0.15)
        if shape == "named-forces":
            item.named = tuple(sorted(rng.sample(regions[rng.choice(regional)], 3)))
            item.bodies = tuple(rng.sample(bodies, rng.choice([0, 0, 1])))
        elif shape == "national":
            item.bodies = tuple(rng.sample(bodies, rng.randint(1, len(bodies))))
        else:
            item.bodies = tuple(rng.sample(bodies, rng.randint(0, len(bodies))))
        planned.append(item)
    return planned


def _partial(text: str) -> date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


# -- the generator -----------------------------------------------------------------------------------

class _Generator:
    """Everything ``generate`` writes, built in memory report by report, then dumped."""

    def __init__(self, seed: int, source: Path, case_studies: int | None) -> None:
        self.rng = random.Random(seed)
        self.source = source
        self.case_study_count = case_studies
        self.reports_file = _read("reports.yaml", source)["reports"]
        self.recs_file = _read("recommendations.yaml", source)["recommendations"]
        self.cases = _read("case_studies.yaml", source)["case_studies"]
        self.glossary = _read("glossary.yaml", source)["terms"]
        self.organisations = {o["id"]: o for o in _read("organisations.yaml", source)["organisations"]}
        self.forces = [o for o in self.organisations.values() if o["kind"] == "territorial-police-force"]
        self.shipped = next(r for r in self.reports_file if r["id"] == SHIPPED_REPORT)
        self.shipped_recs = [r for r in self.recs_file if r["report"] == SHIPPED_REPORT]
        real_doc = _read(f"force_responses/{SHIPPED_REPORT}/devon-and-cornwall.yaml", source)
        self.real_doc = real_doc
        self.real = {r["recommendation"]: r["action"] for r in real_doc["responses"]
                     if isinstance(r["recommendation"], int)}
        self.reports: list[dict] = []
        self.recommendations: list[dict] = []
        self.case_studies: list[dict] = []
        #: (folder, report id, file name) -> document
        self.documents: dict[tuple[str, str, str], dict] = {}
        self.assessments: dict[str, dict[str, list]] = {}
        self.case_ids: set[str] = {c["id"] for c in self.cases}
        self.shipped_cases = [c for c in self.cases if c["report"] == SHIPPED_REPORT]

    # -- reports and recommendations --

    def report(self, item: Planned) -> list[dict]:
        """The report's entry, its recommendations and case studies; returns its recommendations."""
        if item.shape == "shipped":
            recs = [dict(r) for r in self.shipped_recs]
            self.reports.append(self.shipped)
            self.recommendations += recs
            self.case_studies += [c for c in self.cases if c["report"] == SHIPPED_REPORT]
            item.origin = {str(r["number"]): r["number"] for r in recs}
            return recs
        recs = self._recommendations(item)
        used_sections = {r["section"] for r in recs}
        cases = self._case_studies(item, recs)
        used_sections |= {c["section"] for c in cases}
        subject = _SUBJECTS[(item.index - 1) % len(_SUBJECTS)][1]
        revisit = _REVISITS[((item.index - 1) // len(_SUBJECTS)) % len(_REVISITS)]
        title = f"An inspection of {subject}{revisit}"
        if item.named:
            names = [self.organisations[f]["name"] for f in item.named]
            title = f"An inspection of {subject} in {', '.join(names[:-1])} and {names[-1]}"
        elif item.shape == "national":
            title = f"A review of national arrangements for {subject}{revisit}"
        scope = list(item.named) if item.named else ([] if item.shape == "national" else ["forces"])
        scope += list(item.bodies)
        self.reports.append({
            "id": item.id,
            "title": title[:300],
            "publishers": ["hmicfrs"],
            "author": None,
            "series": "PEEL spotlight report" if item.shape == "every-force" else "Thematic inspection",
            "published": f"{item.published:%Y-%m}" if item.month_only else item.published.isoformat(),
            "published_as_printed": (f"{item.published:%B %Y}" if item.month_only else _printed(item.published)),
            "url": f"https://www.example.org/reports/{item.id}/" if self.rng.random() < 0.7 else None,
            "source_document": None,
            "summary": (f"In this report, we set out our findings on {subject}. We make "
                        f"{len(recs)} recommendations.\n"),
            "scope": scope,
            "regime": "no-statutory-clock" if item.shape == "national" else "s55",
            "known_from": None,
            "sections": [s for s in self.shipped["sections"] if s["id"] in used_sections],
        })
        self.recommendations += recs
        self.case_studies += cases
        return recs

    def _recommendations(self, item: Planned) -> list[dict]:
        rng = self.rng
        for_forces = [r for r in self.shipped_recs if r["owners"] == ["forces"]]
        national = [r for r in self.shipped_recs if "forces" not in r["owners"]]
        if item.shape == "every-force":
            chosen = rng.sample(for_forces, rng.randint(4, len(for_forces)))
            chosen += rng.sample(national, rng.randint(0, min(4, len(national)))) if item.bodies else []
        elif item.shape == "named-forces":
            chosen = rng.sample(for_forces, rng.randint(3, 6))
            chosen += rng.sample(national, 1) if item.bodies else []
        else:
            chosen = rng.sample(national, rng.randint(2, len(national)))
        chosen.sort(key=lambda r: r["number"])
        recs = []
        for number, original in enumerate(chosen, start=1):
            owners = list(original["owners"])
            text = original["text"]
            if owners == ["forces"] and item.named:
                owners = list(item.named)
                if rng.random() < 0.25:  # one force only, as a named-force report sometimes does
                    owners = [rng.choice(item.named)]
                names = [self.organisations[o]["name"] for o in owners]
                who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
                text = text.replace("forces should", f"{who} should", 1)
            elif "forces" not in owners:
                # National recommendations go to the bodies the report addresses (the text stays the shipped one).
                owners = [o for o in owners if o in item.bodies] or list(item.bodies[:1])
            deadline: date | None = _month_end(item.published + timedelta(days=rng.choice([183, 274, 365, 456, 548])))
            if rng.random() < 0.06:
                deadline = None
            if deadline is None:
                text = re.sub(r"^By [^,]+, ", "", text)
                text = text[0].upper() + text[1:]
            else:
                text = text.replace(original["deadline_as_printed"], _printed(deadline))
            recs.append({
                "report": item.id,
                "number": number,
                "short_title": original["short_title"],
                "deadline": deadline.isoformat() if deadline else None,
                "deadline_as_printed": _printed(deadline) if deadline else None,
                "owners": owners,
                "section": original["section"],
                "text": text,
                "actions": original["actions"],
                "summary_variant": None,
            })
            item.origin[str(number)] = original["number"]
        return recs

    def _case_studies(self, item: Planned, recs: list[dict]) -> list[dict]:
        rng = self.rng
        low, high = CASE_STUDIES[item.shape]
        count = self.case_study_count if self.case_study_count is not None else rng.randint(low, high)
        by_origin = {item.origin[str(r["number"])]: r["number"] for r in recs}
        forces = list(item.named) or [f["id"] for f in self.forces]
        out = []
        start = rng.randrange(len(self.shipped_cases))
        for j in range(count):
            case = self.shipped_cases[(start + j) % len(self.shipped_cases)]
            force = self.organisations[rng.choice(forces)]
            original = self.organisations[case["organisations"][0]]
            title, text = case["title"], case["text"]
            for name in (original["name"], *original["other_names"]):
                title, text = title.replace(name, force["name"]), text.replace(name, force["name"])
            # The opening paragraph(s) only: case_studies.yaml holds every report's case studies and must
            # stay under the loader's file size limit.
            paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
            kept = paragraphs[:1] if len(paragraphs[0]) > 250 else paragraphs[:2]
            text = "\n\n".join(kept + [_fill(rng.choice(_MIDDLES), rng, force)]) + "\n"
            topic = case["id"].removeprefix(original["id"] + "-")
            case_id = f"{force['id']}-{topic}"[:72]
            suffix = 2
            while case_id in self.case_ids:
                case_id, suffix = f"{force['id']}-{topic}"[:72] + f"-{suffix}", suffix + 1
            self.case_ids.add(case_id)
            out.append({
                "id": case_id,
                "report": item.id,
                "title": title,
                "organisations": [force["id"]],
                "section": case["section"],
                "recommendations": [by_origin[n] for n in case["recommendations"] if n in by_origin],
                "themes": case["themes"],
                "text": text,
            })
        return out

    # -- responses --

    def owners(self, recs: list[dict]) -> dict[str, list[dict]]:
        """Each organisation the recommendations are addressed to, with its recommendations in order."""
        out: dict[str, list[dict]] = {}
        for rec in recs:
            for owner in rec["owners"]:
                members = [f["id"] for f in self.forces] if owner == "forces" else [owner]
                for member in members:
                    out.setdefault(member, []).append(rec)
        return out

    def responses(self, item: Planned, recs: list[dict]) -> None:
        rng = self.rng
        for owner, owed in self.owners(recs).items():
            org = self.organisations[owner]
            police = org["kind"] == "territorial-police-force"
            if item.shape == "shipped" and owner == "devon-and-cornwall":
                self.documents[("force_responses", item.id, owner)] = self.real_doc
                continue
            if not police and rng.random() < 0.3:
                continue  # some national bodies publish nothing
            folder = "force_responses" if police else "national_responses"
            delay = rng.randint(14, 80) if police else rng.randint(30, 200)
            first_day = item.published + timedelta(days=delay)
            published = None if rng.random() < 0.07 else first_day
            claims = {}
            answers = []
            pending = list(owed)
            while pending:
                rec = pending.pop(0)
                state = rng.choices(["implemented", "in-progress", "not-started", "not-stated"], [30, 40, 10, 20])[0]
                numbers: int | list[int] = rec["number"]
                if police and pending and rng.random() < 0.04:  # one answer for two recommendations
                    numbers = [rec["number"], pending.pop(0)["number"]]
                action = _action(rng, org, self.real.get(item.origin[str(rec["number"])]) if police else None, state)
                answers.append(_entry(rng, numbers, action, state))
                for n in numbers if isinstance(numbers, list) else [numbers]:
                    claims[n] = state
            author = _answerer(org)
            self.documents[(folder, item.id, owner)] = _document(
                rng, org, item, self.reports[-1]["title"], "first-comments", author, published, answers)
            self._later_documents(item, org, folder, author, first_day, claims)

    def _later_documents(self, item: Planned, org: dict, folder: str, author: str, first_day: date,
                         claims: dict[int, str]) -> None:
        """Sometimes an update (claims move on) or an action plan, months after the first comments."""
        rng = self.rng
        if rng.random() < 0.05:
            day = first_day + timedelta(days=rng.randint(20, 90))
            answers = [_entry(rng, n, _action(rng, org, None, s), s) for n, s in claims.items()]
            self.documents[(folder, item.id, f"{org['id']}--action-plan")] = _document(
                rng, org, item, self.reports[-1]["title"], "action-plan", author, day, answers)
        if rng.random() < 0.22:
            day = first_day + timedelta(days=rng.randint(150, 420))
            chosen = sorted(rng.sample(sorted(claims), rng.randint(1, len(claims))))
            answers = []
            for n in chosen:
                state = claims[n]
                if state != "implemented" and rng.random() < 0.6:
                    state = "implemented"
                elif state in ("not-started", "not-stated"):
                    state = "in-progress"
                action = _fill(rng.choice(_UPDATE_OPENINGS), rng, org) + "\n\n" + _action(rng, org, None, state)
                answers.append(_entry(rng, n, action, state))
            self.documents[(folder, item.id, f"{org['id']}--update-{day.isoformat()}")] = _document(
                rng, org, item, self.reports[-1]["title"], "update", author, day, answers)

    # -- assessments --

    def assess(self, item: Planned, recs: list[dict], later: list[Planned]) -> None:
        """Verdicts and deadline revisions on a report at least six months old at the as-at date."""
        rng = self.rng
        if item.published > AS_OF - timedelta(days=180):
            return
        verdicts, revisions = [], []
        answered = {key[2] for key in self.documents if key[1] == item.id}
        kinds = ["closed-implemented", "closed-not-implemented", "open"] + (["superseded"] if later else [])
        duties = [(owner, rec) for owner, owed in self.owners(recs).items() for rec in owed]
        unassessed = []
        for owner, rec in duties:
            police = self.organisations[owner]["kind"] == "territorial-police-force"
            chance = 0.06 if police else (0.3 if owner in answered else 0.4)
            if rng.random() >= chance:
                unassessed.append((owner, rec))
                continue
            verdict = rng.choices(kinds, [55, 10, 25, 10][:len(kinds)])[0]
            verdicts.append(self._verdict(item, rec["number"], owner, verdict, later))
        # Every kind of verdict at least once per assessed report, so that a small tracker has them all.
        for verdict in kinds:
            if unassessed and all(v["verdict"] != verdict for v in verdicts):
                owner, rec = unassessed.pop(rng.randrange(len(unassessed)))
                verdicts.append(self._verdict(item, rec["number"], owner, verdict, later))
        every_force = [r for r in recs if r["owners"] == ["forces"]]
        if every_force and rng.random() < 0.35:  # one verdict for every force at once
            verdicts.append(self._verdict(item, rng.choice(every_force)["number"], "forces", "open", later))
        dated = [r for r in recs if r["deadline"] is not None]
        revised = [r for r in dated if rng.random() < 0.08] or dated[:1]  # at least one per assessed report
        for rec in revised:
            old = date.fromisoformat(rec["deadline"])
            decided = item.published + timedelta(days=rng.randint(60, max(61, (old - item.published).days)))
            new = _month_end(max(old, decided) + timedelta(days=rng.choice([92, 183, 274])))
            owners = self.owners([rec])
            owner = rng.choice(sorted(owners)) if len(owners) > 1 and rng.random() < 0.3 else None
            revisions.append({
                "recommendation": rec["number"],
                "owner": owner,
                "decided": decided.isoformat(),
                "deadline": new.isoformat(),
                "deadline_as_printed": _printed(new),
                "reason": rng.choice(_REVISION_REASONS),
                "source": {"title": f"Letter from HMICFRS about {self.reports[-1]['title']}"[:300],
                           "url": None, "report": None, "quote": None},
            })
        if verdicts or revisions:
            self.assessments[item.id] = {"verdicts": verdicts, "deadline_revisions": revisions}

    def _verdict(self, item: Planned, number: int, owner: str, verdict: str, later: list[Planned]) -> dict:
        rng = self.rng
        day = item.published + timedelta(days=rng.randint(240, 900))
        when = f"{day:%Y-%m}" if rng.random() < 0.15 else day.isoformat()
        name = self.organisations[owner]["name"] if owner in self.organisations else "every force"
        return {
            "recommendation": number,
            "owner": owner,
            "date": when,
            "verdict": verdict,
            "by": "hmicfrs",
            "superseded_by": f"{rng.choice(later).id}/1" if verdict == "superseded" else None,
            "evidence": {"title": f"HMICFRS revisit: {name}"[:300],
                         "url": f"https://www.example.org/revisits/{item.id}/{number}" if rng.random() < 0.5 else None,
                         "report": None, "quote": _VERDICT_QUOTES[verdict]},
            "note": None,
        }

    # -- writing --

    def write(self, data: Path) -> None:
        shipped_reports = [r for r in self.reports_file if r["id"] != SHIPPED_REPORT]
        cited = {r["id"] for r in shipped_reports}
        _dump(data / "reports.yaml", "../schemas/reports.schema.json",
              {"reports": self.reports[:1] + shipped_reports + self.reports[1:]})
        _dump(data / "recommendations.yaml", "../schemas/recommendations.schema.json",
              {"recommendations": self.recommendations + [r for r in self.recs_file if r["report"] in cited]})
        _dump(data / "case_studies.yaml", "../schemas/case_studies.schema.json", {"case_studies": self.case_studies})
        terms = list(self.glossary)
        if len(self.reports) > 1:
            known = {t["id"] for t in terms}
            terms += [{"id": _slug(term), "term": term, "abbreviation": abbreviation, "definition": definition,
                       "definition_source": "editorial", "report": None}
                      for term, abbreviation, definition in _EXTRA_TERMS if _slug(term) not in known]
        _dump(data / "glossary.yaml", "../schemas/glossary.schema.json", {"terms": terms})
        for (folder, report, name), document in self.documents.items():
            _dump(data / folder / report / f"{name}.yaml", "../../../schemas/response.schema.json", document)
        for report, assessed in self.assessments.items():
            _dump(data / "assessments" / f"{report}.yaml", "../../schemas/assessments.schema.json",
                  {"report": report, **assessed})
        for name in SINGLE_FILES:
            size = (data / name).stat().st_size
            if size > MAX_FILE_BYTES:
                raise ValueError(f"{name} would be {size:,} bytes, over the loader's limit of {MAX_FILE_BYTES:,}: "
                                 f"generate fewer reports (or fewer case studies per report)")


def _answerer(org: dict) -> str:
    """Who publishes an organisation's response: a force's local policing body, else the body itself."""
    return org["governance"][0]["title"] if org["governance"] else org["name"]


def _document(rng: random.Random, org: dict, item: Planned, title: str, kind: str, author: str,
              published: date | None, answers: list[dict]) -> dict:
    what = {"first-comments": "Response", "update": "Update", "action-plan": "Action plan"}[kind]
    templates = _OPENINGS + _MIDDLES if org["kind"] == "territorial-police-force" else _NATIONAL
    return {
        "owner": org["id"],
        "report": item.id,
        "kind": kind,
        "author": author,
        "published": published.isoformat() if published else None,
        "source": {"title": f"{what} from the {author} to {title}"[:300],
                   "url": f"https://www.example.org/{org['id']}/{item.id}/{kind}" if rng.random() < 0.5 else None,
                   "document": None},
        "foreword": ("\n\n".join(_fill(t, rng, org) for t in rng.sample(templates, k=min(3, len(templates)))) + "\n"
                     if kind == "first-comments" else None),
        "responses": answers,
    }


def _entry(rng: random.Random, numbers: int | list[int], action: str, state: str) -> dict:
    """One answer: the claim, and as its evidence a sentence of the answer itself."""
    entry: dict[str, Any] = {"recommendation": numbers, "action": action, "implementation": state}
    if state == "not-stated":
        entry["evidence"] = None
    else:
        sentences = [s for p in action.split("\n\n") for s in _SENTENCE.split(p.strip()) if len(s) > 40]
        entry["evidence"] = rng.choice(sentences).strip()
    entry["note"] = "The response does not give a date for completing this work." if rng.random() < 0.1 else None
    if rng.random() < 0.05:
        entry["as_printed"] = {"status": rng.choice(["Green", "Amber", "Complete"]),
                               "target_date": f"{rng.choice(_FILL['month_later'])} {rng.randint(2023, 2027)}",
                               "lead": rng.choice(_FILL["rank"])}
    return entry


def _area(org: dict) -> str:
    if org["id"] == "metropolitan":
        return "London"
    name = org["name"]
    for suffix in _FORCE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _fill(template: str, rng: random.Random, org: dict) -> str:
    values = {key: rng.choice(options) for key, options in _FILL.items()}
    values.update(force=org["name"], area=_area(org), n=rng.randint(3, 40), pct=rng.randint(55, 99),
                  days=rng.choice([14, 28, 30, 60]))
    return template.format(**values)


def _localise(text: str, org: dict) -> str:
    """The Devon and Cornwall text, as if another force had written it."""
    return (text.replace("Devon and Cornwall Police", org["name"])
                .replace("Devon and Cornwall police", org["name"])
                .replace("Devon and Cornwall", _area(org))
                .replace("DCP", _area(org)))


def _action(rng: random.Random, org: dict, real: str | None, state: str) -> str:
    """Two to five paragraphs: one or two of the real answer's, localised, among templated ones."""
    if org["kind"] != "territorial-police-force":
        body = [" ".join(_fill(t, rng, org) for t in rng.sample(_NATIONAL, k=rng.randint(2, 3)))
                for _ in range(rng.randint(1, 2))]
        return "\n\n".join(body) + "\n"
    paragraphs = [_fill(rng.choice(_OPENINGS), rng, org)]
    if real:
        own = [p for p in re.split(r"\n\s*\n", real.strip()) if p.strip()]
        paragraphs += [_localise(p, org) for p in rng.sample(own, k=min(len(own), rng.randint(1, 2)))]
    paragraphs += [" ".join(_fill(t, rng, org) for t in rng.sample(_MIDDLES, k=rng.randint(1, 2)))
                   for _ in range(rng.randint(0 if real else 1, 1))]
    if rng.random() < 0.7:
        paragraphs.append(_fill(rng.choice(_CLOSINGS[state]), rng, org))
    return "\n\n".join(paragraphs) + "\n"


def generate(out_dir: Path | str, reports: int = DEFAULT_REPORTS, seed: int = 2026, *,
             case_studies: int | None = None, source: Path = SHIPPED) -> Path:
    """Write a tracker of ``reports`` reports into ``out_dir``/data and return that directory.

    ``case_studies`` (optional) fixes the number of case studies of every synthetic report, e.g. to
    make one report's library big enough to be split into pages.
    """
    planned = plan(reports, seed, source)
    gen = _Generator(seed, source, case_studies)
    data = Path(out_dir) / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    for name in ("site.yaml", "organisations.yaml", "groups.yaml", "statistics.yaml"):
        shutil.copyfile(source / name, data / name)
    for folder in ("sources", "assessments"):  # the cited reports' quoted assessments stay as shipped
        if (source / folder).is_dir():
            shutil.copytree(source / folder, data / folder)
    made = []
    for item in planned:
        recs = gen.report(item)
        gen.responses(item, recs)
        made.append((item, recs))
    for position, (item, recs) in enumerate(made):
        gen.assess(item, recs, [p for p, _ in made[position + 1:] if p.shape != "shipped"])
    gen.write(data)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--case-studies", type=int, default=None, help="case studies per synthetic report")
    args = parser.parse_args()
    print(generate(args.out_dir, args.reports, args.seed, case_studies=args.case_studies))


if __name__ == "__main__":
    main()
