"""The national tracker (issue 11): a fictional second report built beside the shipped one.

The fictional report (``tests/fixtures/second_report``; its README has the table of its dated events) is
addressed to three named forces, the Home Office and a fire and rescue service. Each test here proves
one point of the issue's "Data" section, or its acceptance test, first in the derived model and then on
the built site (HTML read back as a reader gets it, the Atom feed parsed as a feed reader would).
"""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from browser.sitebuild import make_root
from constants import RECTRACK
from fixtures import AFTER_ALL, FICTIONAL, add_second_report
from rectrack import export
from rectrack.data.check import load_and_validate
from rectrack.data.model import Evidence, PartialDate, Verdict
from rectrack.derive import Duty, Event, Tracker, derive
from rectrack.wording import event_title

pytestmark = pytest.mark.xdist_group("national-tracker")

SHIPPED = "hmicfrs-2026-ocsa-mosovo"
TITLE = "Fictional test report: searching together for people missing near water"
#: The day before the fictional report is published.
EARLY = date(2027, 3, 14)
ATOM = "{http://www.w3.org/2005/Atom}"

#: The fictional report's events, oldest first: (kind, day, recommendation, owners, document).
EVENTS = [
    ("report-published", date(2027, 3, 15), None, (), None),
    ("document-published", date(2027, 4, 20), None, ("kent",), "kent"),
    ("document-published", date(2027, 5, 1), None, ("home-office",), "home-office"),
    ("document-published", date(2027, 5, 20), None, ("essex",), "essex"),
    ("deadline-revised", date(2027, 6, 15), "4", ("essex", "kent", "sussex"), None),
    ("document-published", date(2027, 7, 20), None, ("riverside-fire",), "riverside-fire"),
    ("verdict", date(2027, 8, 1), "2", ("home-office",), None),
    ("deadline-revised", date(2027, 9, 20), "1", ("essex",), None),
    ("became-overdue", date(2027, 10, 1), "1", ("kent", "sussex"), None),
    ("became-overdue", date(2027, 10, 1), "3", ("riverside-fire",), None),
    ("document-published", date(2027, 10, 5), None, ("kent",), "kent--update-2027-10"),
    ("verdict", date(2027, 11, 10), "1", ("sussex",), None),
]


# --- The data, the derivations and the sites ---------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A private copy of the site inputs whose data holds the shipped reports and the fictional one."""
    root = make_root(tmp_path_factory.mktemp("national") / "project")
    add_second_report(root / "data")
    return root


@pytest.fixture(scope="module")
def data(project: Path):
    checked = load_and_validate(project / "data")
    assert checked.ok, [p.format() for p in checked.problems[:5]]
    return checked


@pytest.fixture(scope="module")
def late(data) -> Tracker:
    return derive(data.dataset, AFTER_ALL)


def at(data, day: date) -> Tracker:
    return derive(data.dataset, day)


def duty(tracker: Tracker, local: str, owner: str, report: str = FICTIONAL) -> Duty:
    status = tracker.report(report)
    return next(d for r in status.recommendations if r.recommendation.local == local
                for d in r.duties if d.owner.id == owner)


def build(root: Path, as_of: date, name: str) -> Path:
    site = root.parent / name
    result = subprocess.run(
        [str(RECTRACK), "build", "--as-of", as_of.isoformat(), "--no-search", "--site-dir", str(site),
         "--config", str(root / "mkdocs.yml"), "--data", str(root / "data")],
        cwd=root, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


@pytest.fixture(scope="module")
def late_site(project: Path) -> Path:
    return build(project, AFTER_ALL, "site-late")


@pytest.fixture(scope="module")
def early_site(project: Path) -> Path:
    return build(project, EARLY, "site-early")


def page(site: Path, path: str) -> str:
    """The HTML of a page by its URL path (``reports/R/``)."""
    return (site / path / "index.html").read_text("utf-8")


def words(site: Path, path: str) -> str:
    """What a reader reads in a page's content: tags removed, entities undone, white space collapsed."""
    text = page(site, path)
    text = text[text.index("<article"):text.index("</article>")]
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def owner_page(report: str, org: str) -> str:
    return f"reports/{report}/organisations/{org}/"


def section(text: str, start: str, end: str) -> str:
    """The words of a page from ``start`` up to the next ``end``."""
    tail = text[text.index(start):]
    return tail[:tail.index(end, len(start))] if end in tail[len(start):] else tail


# --- Two reports, side by side -----------------------------------------------------------------------------


def test_the_fictional_report_validates_beside_the_shipped_one(data) -> None:
    assert data.report.errors == [] and data.report.warnings == []
    dataset = data.dataset
    assert [r.id for r in dataset.reports] == [SHIPPED, "hmicfrs-2023-online-csae", "creedon-2023-rso-review",
                                               FICTIONAL]
    shipped, fictional = dataset.recommendation(f"{SHIPPED}/1"), dataset.recommendation(f"{FICTIONAL}/1")
    assert (shipped.local, fictional.local) == ("1", "1")
    assert shipped.text == "By 31 October 2026, forces should:"
    assert fictional.text.startswith("By 30 September 2027, Kent Police, Essex Police and Sussex Police")


def test_two_reports_recommendation_1_side_by_side(data, late: Tracker, late_site: Path) -> None:
    shipped, fictional = late.report(SHIPPED), late.report(FICTIONAL)
    assert shipped.recommendations[0].recommendation.id == f"{SHIPPED}/1"
    assert fictional.recommendations[0].recommendation.id == f"{FICTIONAL}/1"
    assert len(shipped.recommendations[0].duties) == 43
    assert [d.owner.id for d in fictional.recommendations[0].duties] == ["kent", "essex", "sussex"]
    # Each report's clock runs from its own publication: Kent's comments on the fictional report are on
    # time, Essex's late, while Kent has published nothing on the shipped one.
    assert (fictional.owner("kent").clock.state, fictional.owner("essex").clock.state) == ("on-time", "late")
    assert fictional.owner("kent").clock.last_day == date(2027, 5, 9)
    assert shipped.owner("kent").clock.state == "missing"
    # Kent's page across reports lists both, newest first.
    assert [o.report.id for o in late.owner_reports("kent")][:2] == [FICTIONAL, SHIPPED]

    one = words(late_site, f"reports/{FICTIONAL}/recommendations/1/")
    other = words(late_site, f"reports/{SHIPPED}/recommendations/1/")
    assert "By 30 September 2027, Kent Police, Essex Police and Sussex Police should agree" in one
    assert f"Report {TITLE} (15 March 2027)" in one and "Kent internet risk assessment tool" not in one
    assert "Kent internet risk assessment tool" in other and TITLE not in other
    kent = words(late_site, "organisations/kent/")
    assert kent.index(TITLE) < kent.index("The policing response to the investigation of online child sexual")


def test_each_report_has_its_own_matrix(late_site: Path) -> None:
    def matrix(report: str, block: str = "matrix") -> tuple[list[str], list[str]]:
        text = page(late_site, f"reports/{report}/{block}/")
        head = re.search(r"<thead>(.*?)</thead>", text, flags=re.S).group(1)
        columns = re.findall(r"Recommendation\s+(\d+)", re.sub(r"<[^>]+>", " ", head))
        body = re.search(r"<tbody>(.*?)</tbody>", text, flags=re.S).group(1)
        rows = [html.unescape(re.sub(r"<[^>]+>", "", r)).strip()
                for r in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', body, flags=re.S)]
        return columns, rows

    columns, rows = matrix(FICTIONAL)
    assert columns == ["1", "2", "3", "4"]
    assert rows == ["Essex Police", "Home Office", "Kent Police", "Riverside Fire and Rescue Service", "Sussex Police"]
    columns, rows = matrix(SHIPPED)
    more, _ = matrix(SHIPPED, "matrix-2")  # the shipped report's matrix is split into blocks of columns
    assert columns + more == [str(n) for n in range(1, 17)]
    assert "Riverside Fire and Rescue Service" not in rows and "Sussex Police" in rows


# --- Owners of every kind ------------------------------------------------------------------------------------


def test_named_forces_own_a_recommendation(late: Tracker, late_site: Path) -> None:
    fictional = late.report(FICTIONAL)
    assert [r.recommendation.owners for r in fictional.recommendations] == [
        ("kent", "essex", "sussex"), ("home-office",), ("riverside-fire",), ("kent", "essex", "sussex")]
    assert [o.owner.id for o in fictional.owners] == ["essex", "home-office", "kent", "riverside-fire", "sussex"]
    assert fictional.owner("gwent") is None
    assert FICTIONAL not in {o.report.id for o in late.owner_reports("gwent")}
    text = words(late_site, f"reports/{FICTIONAL}/recommendations/1/")
    assert "Who must act Kent Police , Essex Police , Sussex Police Responses" in text
    assert TITLE not in words(late_site, "organisations/gwent/")


def test_a_national_body_responds_and_claims(data, late: Tracker, late_site: Path) -> None:
    [document] = [d for d in data.dataset.documents if d.owner == "home-office"]
    assert (document.report, document.kind, document.published) == (FICTIONAL, "first-comments", date(2027, 5, 1))
    before = duty(at(data, date(2027, 4, 30)), "2", "home-office")
    claimed = duty(at(data, date(2027, 5, 1)), "2", "home-office")
    assert (before.responded, before.state) == (False, "upcoming")
    assert (claimed.responded, claimed.implementation, claimed.state) == (True, "implemented", "implemented")
    assert claimed.answer.evidence == ("The Home Office published the guidance on sharing missing-person records "
                                       "on 28 April 2027.")
    text = words(late_site, owner_page(FICTIONAL, "home-office"))
    assert "First comments, published 1 May 2027 (the latest answer): Implemented (claimed)" in text
    assert "The Home Office published the guidance on sharing missing-person records on 28 April 2027." in text


def test_no_s55_clock_for_the_fire_and_rescue_service(late: Tracker, late_site: Path) -> None:
    fictional = late.report(FICTIONAL)
    fire = fictional.owner("riverside-fire")
    assert fire.owner.kind == "fire-and-rescue-service" and fire.clock is None
    assert fire.first_comments.published == date(2027, 7, 20)  # 127 days on, and not "late"
    assert all(fictional.owner(f).clock is not None for f in ("kent", "essex", "sussex"))
    assert fictional.owner("home-office").clock is None
    clocks = {row["owner"] for row in export.clock_rows(late) if row["report"] == FICTIONAL}
    assert clocks == {"kent", "essex", "sussex"}
    text = words(late_site, owner_page(FICTIONAL, "riverside-fire"))
    assert "Section 55" not in text and "Published late" not in text
    assert "Answered for by Riverside Fire Authority (fictional) (fire and rescue authority)" in text
    assert "Section 55 comments Published on time" in words(late_site, owner_page(FICTIONAL, "kent"))
    overview = words(late_site, f"reports/{FICTIONAL}/")
    assert ("Riverside Fire and Rescue Service Published 20 July 2027 1 0 0 0 0 Not applicable "
            "Fire and rescue service") in overview


# --- Change over time --------------------------------------------------------------------------------------


def test_an_update_supersedes_the_first_answer_and_both_are_shown(data, late: Tracker, late_site: Path) -> None:
    now = duty(late, "1", "kent")
    assert [(h.document.name, h.answer.implementation) for h in now.history] == [
        ("kent", "in-progress"), ("kent--update-2027-10", "implemented")]
    assert now.answered_in.kind == "update" and now.state == "implemented"
    clock = late.report(FICTIONAL).owner("kent").clock  # the s55 clock counts the first comments, not the update
    assert (clock.published, clock.state) == (date(2027, 4, 20), "on-time")
    before = duty(at(data, date(2027, 10, 4)), "1", "kent")
    assert [h.document.name for h in before.history] == ["kent"] and before.state == "overdue"
    rows = [r for r in export.response_rows(late) if r["recommendation"] == f"{FICTIONAL}/1" and r["owner"] == "kent"]
    assert [(r["document"], r["current"]) for r in rows] == [("kent", False), ("kent--update-2027-10", True)]

    text = section(words(late_site, owner_page(FICTIONAL, "kent")), "Status: Implemented (claimed)",
                   "its full wording and every owner's progress")
    first = text.index("First comments, published 20 April 2027 : In progress (claimed) (as the document itself")
    update = text.index("Update, published 5 October 2027 (the latest answer): Implemented (claimed)")
    assert first < update and text.count("(the latest answer)") == 1
    assert "Kent Police is testing a draft joint search protocol with Essex Police and Sussex Police." in text
    history = section(words(late_site, f"reports/{FICTIONAL}/recommendations/1/"), "History", "Essex Police")
    assert history.index("First comments, published 20 April 2027: In progress (claimed)") < history.index(
        "Update, published 5 October 2027: Implemented (claimed) (the latest answer)")


def test_a_verdict_on_a_force_that_published_nothing(data, late: Tracker, late_site: Path) -> None:
    sussex = late.report(FICTIONAL).owner("sussex")
    assert sussex.documents == () and sussex.clock.state == "missing"
    closed = duty(late, "1", "sussex")
    assert (closed.responded, closed.state, closed.verdict.verdict) == (False, "closed", "closed-implemented")
    assert duty(at(data, date(2027, 11, 9)), "1", "sussex").state == "overdue"
    text = words(late_site, owner_page(FICTIONAL, "sussex"))
    assert "No response published. No published response from Sussex Police to this report is recorded here" in text
    assert ("Status: Closed by the inspectorate deadline passed 62 days ago (deadline 30 September 2027) "
            "Response: No response published") in text
    assert "10 November 2027 : Closed: implemented , by His Majesty's Inspectorate" in text
    assert "Sussex Police now uses the joint search protocol for every search near water." in text


def test_a_revised_deadline_changes_the_duty_from_the_day_decided(data, late: Tracker, late_site: Path) -> None:
    def kent_4(day: date) -> Duty:
        return duty(at(data, day), "4", "kent")

    before, decided, after = kent_4(date(2027, 6, 14)), kent_4(date(2027, 6, 15)), kent_4(date(2027, 7, 1))
    assert (before.deadline, before.days, before.state, before.revisions) == (date(2027, 6, 30), 16, "due-soon", ())
    assert (decided.deadline, decided.days, decided.state) == (date(2027, 12, 31), 199, "upcoming")
    assert decided.deadline_as_printed == "31 December 2027" and len(decided.revisions) == 1
    assert after.state == "upcoming"  # the printed deadline passed, but it was no longer the deadline
    assert not [e for e in late.events if e.kind == "became-overdue" and e.recommendation.id == f"{FICTIONAL}/4"]
    # A revision for one owner moves only that owner's deadline.
    assert [(d.owner.id, d.deadline) for d in late.report(FICTIONAL).recommendations[0].duties] == [
        ("kent", date(2027, 9, 30)), ("essex", date(2028, 3, 31)), ("sussex", date(2027, 9, 30))]
    assert duty(late, "1", "essex").state == "upcoming"
    text = words(late_site, owner_page(FICTIONAL, "essex"))
    assert "Status: Upcoming due in 121 days (deadline 31 March 2028, revised)" in text
    assert ("20 September 2027 : the deadline became 31 March 2028. Reason, as the source gives it: Essex Police's "
            "control room moved to a new system.") in text
    # The report's calendar carries the deadline in force for every owner: 4's revised one, 1's printed one.
    calendar = (late_site / "downloads" / f"deadlines-{FICTIONAL}.ics").read_bytes().decode().replace("\r\n ", "")
    starts = dict(re.findall(rf"UID:{FICTIONAL}-recommendation-(\d+)@rectrack\r\nDTSTAMP:\S+\r\n"
                             r"DTSTART;VALUE=DATE:(\d+)", calendar))
    assert starts == {"1": "20270930", "2": "20271231", "3": "20270930", "4": "20271231"}


def test_a_recommendation_is_as_urgent_as_its_most_urgent_owner(data, late: Tracker, late_site: Path) -> None:
    """A recommendation's state and countdown follow its owners' deadlines in force: once every owner's
    deadline is revised it is not overdue for the printed one, nor while no owner is overdue."""
    def states(tracker: Tracker) -> dict[str, tuple[str, int | None]]:
        return {r.recommendation.local: (r.overall_state, r.days) for r in tracker.report(FICTIONAL).recommendations}

    assert states(at(data, date(2027, 6, 14)))["4"] == ("due-soon", 16)
    assert states(at(data, date(2027, 7, 1)))["4"] == ("upcoming", 183)
    assert states(late) == {"1": ("upcoming", 121), "2": ("closed", 30), "3": ("overdue", -62), "4": ("due-soon", 30)}
    assert {s: n for s, n in late.report(FICTIONAL).by_overall_state().items() if n} == {
        "closed": 1, "overdue": 1, "due-soon": 1, "upcoming": 1}
    # The deadline shown beside the countdown is the one in force, and the printed one is still named.
    assert ("Status Due soon due in 30 days Deadline 31 December 2027 (revised; the report printed 30 June 2027)"
            in words(late_site, f"reports/{FICTIONAL}/recommendations/4/"))
    assert ("Deadline 30 September 2027 (as printed); revised for 1 of 3 owners: each owner's deadline in force"
            in words(late_site, f"reports/{FICTIONAL}/recommendations/1/"))
    assert "Overdue 1 of 4 recommendations (25%)" in words(late_site, f"reports/{FICTIONAL}/")
    # The shipped report, with no revision, is unchanged: its overdue recommendations stay overdue.
    assert {r.recommendation.number for r in late.report(SHIPPED).recommendations
            if r.overall_state == "overdue"} == set(range(1, 17))


def test_a_duty_that_turns_overdue_after_its_deadline_becomes_overdue_that_day(data) -> None:
    """Not only on the day after the deadline: also when a later update withdraws a claim, or the
    inspectorate reopens what it had closed, once the deadline has passed."""
    dataset = data.dataset
    [fire] = [d for d in dataset.documents if d.owner == "riverside-fire"]
    answer = fire.answers[0]
    claimed = dataclasses.replace(fire, answers=(dataclasses.replace(answer, implementation="implemented"),))
    withdrawn = dataclasses.replace(fire, name="riverside-fire--update-2027-10", kind="update",
                                    published=date(2027, 10, 15), answers=(answer,))  # in progress again
    evidence = Evidence("A fictional letter", None, None, "Not yet.")
    reopened = Verdict(f"{FICTIONAL}/1", "sussex", PartialDate(2028, 1, 10), "open", "hmicfrs", None, evidence, None,
                       "sussex")
    changed = dataclasses.replace(
        dataset, documents=tuple(d for d in dataset.documents if d is not fire) + (claimed, withdrawn),
        verdicts=dataset.verdicts + (reopened,))
    tracker = derive(changed, date(2028, 2, 1))

    def overdue(local: str) -> list[tuple[date, tuple[str, ...]]]:
        return [(e.when, tuple(o.id for o in e.owners)) for e in tracker.events
                if e.report.id == FICTIONAL and e.kind == "became-overdue" and e.recommendation.local == local]

    assert duty(tracker, "3", "riverside-fire").state == "overdue"
    assert overdue("3") == [(date(2027, 10, 15), ("riverside-fire",))]  # not on 1 October: it claimed it then
    assert duty(tracker, "1", "sussex").state == "overdue"  # closed on 10 November, reopened on 10 January
    assert overdue("1") == [(date(2028, 1, 10), ("sussex",)), (date(2027, 10, 1), ("kent", "sussex"))]  # newest first
    assert overdue("4") == [(date(2028, 1, 1), ("kent", "essex", "sussex"))]  # the revised deadline passed


def _event_of(tracker: Tracker, kind: str, day: date, local: str | None, owners: tuple, document: str | None):
    for event in tracker.events:
        if (event.report.id == FICTIONAL and event.kind == kind and event.when == day
                and (event.recommendation.local if event.recommendation else None) == local
                and tuple(sorted(o.id for o in event.owners)) == owners
                and (event.document.name if event.document else None) == document):
            return event
    return None


def test_derive_has_exactly_the_fictional_events_newest_first(late: Tracker) -> None:
    mine = [e for e in late.events if e.report.id == FICTIONAL]
    got = [(e.kind, e.when, e.recommendation.local if e.recommendation else None,
            tuple(sorted(o.id for o in e.owners)), e.document.name if e.document else None) for e in mine]
    # Newest first; within a day, in the report's order of recommendations.
    assert got == sorted(EVENTS, key=lambda e: e[1], reverse=True)


@pytest.mark.parametrize("event", EVENTS, ids=[f"{e[1]}-{e[0]}-{e[2] or e[4] or ''}" for e in EVENTS])
def test_an_as_of_before_each_event_hides_it(data, event) -> None:
    kind, day, local, owners, document = event
    assert _event_of(at(data, day - timedelta(days=1)), *event) is None
    assert _event_of(at(data, day), *event) is not None


def test_an_as_of_before_each_event_hides_what_it_brings(data) -> None:
    """The day before, the document, verdict or revision is not in any state; on the day, it is."""
    def seen(day: date) -> dict[str, object]:
        tracker = at(data, day)
        if not tracker.shown(FICTIONAL):
            return {}
        report = tracker.report(FICTIONAL)
        return {
            "documents": {d.name for o in report.owners for d in o.documents},
            "verdicts": {(d.recommendation.local, d.owner.id) for d in report.duties for _ in d.verdicts},
            "revisions": {(d.recommendation.local, d.owner.id) for d in report.duties if d.revisions},
        }

    assert seen(date(2027, 3, 14)) == {}
    assert seen(date(2027, 3, 15)) == {"documents": set(), "verdicts": set(), "revisions": set()}
    assert seen(date(2027, 4, 19))["documents"] == set()
    assert seen(date(2027, 4, 20))["documents"] == {"kent"}
    assert seen(date(2027, 6, 14))["revisions"] == set()
    assert seen(date(2027, 6, 15))["revisions"] == {("4", "kent"), ("4", "essex"), ("4", "sussex")}
    assert seen(date(2027, 7, 31))["verdicts"] == set()
    assert seen(date(2027, 8, 1))["verdicts"] == {("2", "home-office")}
    assert seen(date(2027, 10, 4))["documents"] == {"kent", "home-office", "essex", "riverside-fire"}
    assert "kent--update-2027-10" in seen(date(2027, 10, 5))["documents"]
    assert seen(date(2027, 11, 10))["verdicts"] == {("2", "home-office"), ("1", "sussex")}


def test_a_report_published_after_the_as_of_date_is_not_shown_at_all(data, early_site: Path) -> None:
    early = at(data, EARLY)
    assert not early.shown(FICTIONAL) and at(data, EARLY + timedelta(days=1)).shown(FICTIONAL)
    assert FICTIONAL not in {o.report.id for o in early.owner_reports("kent")}
    assert not [e for e in early.events if e.report.id == FICTIONAL]
    assert not (early_site / "reports" / FICTIONAL).exists()
    telltales = (FICTIONAL, TITLE, "joint search protocol", "searching together")
    for path in early_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".txt"):
            content = path.read_text("utf-8", errors="replace")
            assert not [t for t in telltales if t in content], path
    with zipfile.ZipFile(early_site / "downloads" / "rectrack-data.zip") as archive:
        for name in archive.namelist():
            content = archive.read(name).decode("utf-8", errors="replace")
            assert not [t for t in telltales if t in content], name
    assert "No report tracked here addresses Riverside Fire and Rescue Service." in words(
        early_site, "organisations/riverside-fire/")


def test_each_years_responses_have_a_search_of_their_own(late: Tracker, late_site: Path, early_site: Path) -> None:
    """The responses to 2027's report and to 2026's are indexed apart (a first search fetches one year's
    answers, however many years there are); the newest year's search keeps the old address, and each
    year's page links to the other's, and says which year it searches."""
    from rectrack.render.response_search import response_search_pages
    bundles = response_search_pages(late)
    assert list(bundles) == ["pagefind-responses/2027", "pagefind-responses/2026"], "newest year first"
    newer, older = ({path.split("/")[1] for path in bundles[b]} for b in bundles)
    assert newer == {FICTIONAL} and older == {SHIPPED}, (newer, older)
    assert set(bundles["pagefind-responses/2026"]) == {f"{owner_page(SHIPPED, 'devon-and-cornwall')}index.html"}
    assert {path.split("/")[3] for path in bundles["pagefind-responses/2027"]} >= {"kent", "essex", "home-office"}

    new, old = page(late_site, "search/responses/"), page(late_site, "search/responses/2026/")
    assert 'data-rt-pagefind="../../pagefind-responses/2027/pagefind.js"' in new
    assert 'data-rt-pagefind="../../../pagefind-responses/2026/pagefind.js"' in old
    for html_, here, there, href in ((new, "2027", "2026", "2026/"), (old, "2026", "2027", "../")):
        pager = re.search(r'<nav class="rt-pager" aria-label="Searches of the responses, by the year the reports '
                          r'were published">(.*?)</nav>', html_, re.S)
        assert pager, "each year's page lists the years"
        assert f'<span aria-current="page">{here}</span>' in pager.group(1)
        assert f'<a href="{href}" data-rt-search-carry>{there}</a>' in pager.group(1), pager.group(1)
    new_words, old_words = words(late_site, "search/responses/"), words(late_site, "search/responses/2026/")
    assert "Search the responses to 2027's reports" in new_words
    assert "Search the responses to 2026's reports" in old_words
    assert re.search(r"published by \d+ organisations on 1 report published in 2027: each result", new_words)
    assert "published by 1 organisation on 1 report published in 2026: each result" in old_words
    assert 'href="responses/" data-rt-search-carry' in page(late_site, "search/"), "the main search: the newest year"

    alone = page(early_site, "search/responses/")
    assert 'data-rt-pagefind="../../pagefind-responses/2026/pagefind.js"' in alone
    assert "rt-pager" not in alone and "Search the responses to" not in alone, "one year: one search, no year links"
    assert not (early_site / "search" / "responses" / "2026").exists()


# --- What changed: the pages and the feed -------------------------------------------------------------------


def _fictional_events(tracker: Tracker) -> list[Event]:
    return [e for e in tracker.events if e.report.id == FICTIONAL]


def _title(tracker: Tracker, event: Event) -> str:
    names = [tracker.dataset.owner_name(event.group)] if event.group else [o.name for o in event.owners]
    return event_title(event, names)


def test_every_event_is_on_its_month_page(late: Tracker, late_site: Path) -> None:
    events = _fictional_events(late)
    assert len(events) == len(EVENTS)
    for event in events:
        month = f"changes/{event.when:%Y-%m}/"
        text = words(late_site, month)
        assert f"{event.when.day} {event.when:%B %Y} : {_title(late, event)}" in text, (month, event.kind)
    october = words(late_site, "changes/2027-10/")
    # Each line names its report once: two reports may both have a recommendation 1.
    assert (f"5 October 2027 : Update published by Kent Police on “{TITLE}” 1 October 2027 : Recommendation 1 "
            f"became overdue for Kent Police, Sussex Police (in {TITLE} ) 1 October 2027 : Recommendation 3 became "
            f"overdue for Riverside Fire and Rescue Service (in {TITLE} )") in october
    # The changes page shows the latest months and links every month's page.
    index = page(late_site, "changes/")
    for month in {f"{e.when:%Y-%m}" for e in events}:
        assert f'href="{month}/"' in index, month
    assert "10 November 2027 : Inspectorate: closed: implemented for Sussex Police, Recommendation 1" in words(
        late_site, "changes/")


def test_each_event_links_to_the_page_it_is_read_on(late_site: Path) -> None:
    october = page(late_site, "changes/2027-10/")
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', october))
    target = {html.unescape(text): href for href, text in links.items()}
    update = target[f"Update published by Kent Police on “{TITLE}”"]
    assert update == f"../../reports/{FICTIONAL}/organisations/kent/"
    assert target["Recommendation 3 became overdue for Riverside Fire and Rescue Service"] == (
        f"../../reports/{FICTIONAL}/organisations/riverside-fire/#recommendation-3")
    for href in target.values():
        path = (late_site / "changes" / "2027-10" / href.split("#")[0]).resolve()
        assert (path / "index.html").exists(), href


def test_the_feed_is_atom_and_carries_every_event(late: Tracker, late_site: Path) -> None:
    root = ET.parse(late_site / "changes.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "changes.xml"
    assert root.find(f"{ATOM}updated").text == "2027-11-10T00:00:00Z"  # the newest event
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(late.events))
    ids, updated = [], []
    related_links = 0
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        ids.append(entry.find(f"{ATOM}id").text)
        stamp = entry.find(f"{ATOM}updated").text
        updated.append(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ"))
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and (late_site / link.get("href").split("#")[0] / "index.html").exists()
        # An entry that counts its organisations links to the list of them, as its line on the changes page does.
        related = entry.findall(f"{ATOM}link[@rel='related']")
        counted = re.search(r"\b(\d+) organisations\b", entry.find(f"{ATOM}title").text)
        assert len(related) == (1 if counted and int(counted.group(1)) > 3 else 0), entry.find(f"{ATOM}title").text
        if related:
            listed = (late_site / related[0].get("href") / "index.html").read_text()
            assert listed.count("data-rt-item") == min(int(counted.group(1)), 200)
            related_links += 1
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert updated == sorted(updated, reverse=True)
    assert related_links, "some entry counts its organisations"
    titles = [e.find(f"{ATOM}title").text for e in entries]
    for event in _fictional_events(late):
        assert _title(late, event) in titles, event.kind


# --- Governance by date -------------------------------------------------------------------------------------


def test_who_answers_for_a_force_changes_on_a_date(data, late: Tracker, late_site: Path) -> None:
    kent = data.dataset.organisation("kent")
    assert kent.answerer(date(2027, 1, 31)).role == "pcc"
    assert kent.answerer(date(2027, 2, 1)).role == "mayor"
    # Each report is answered for by whoever answered for the force when it was published.
    assert late.report(SHIPPED).owner("kent").answerer.title == "Police and Crime Commissioner for Kent"
    assert late.report(FICTIONAL).owner("kent").answerer.title == "Mayor for Kent and Medway (fictional)"
    assert "Answered for by Police and Crime Commissioner for Kent (police and crime commissioner)" in words(
        late_site, owner_page(SHIPPED, "kent"))
    assert "Answered for by Mayor for Kent and Medway (fictional) (mayor)" in words(
        late_site, owner_page(FICTIONAL, "kent"))
    text = words(late_site, "organisations/kent/")
    assert "Answered for by Mayor for Kent and Medway (fictional) (on 1 December 2027)" in text
    listing = page(late_site, "organisations/kent/").split('<h2 id="governance">', 1)[1].split("</ul>", 1)[0]
    assert [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", listing, flags=re.S)] == [
        "Police and Crime Commissioner for Kent: from before the tracker's records to 31 January 2027",
        "Mayor for Kent and Medway (fictional): from 1 February 2027",
    ]
    rows = {r["id"]: r for r in export.organisation_rows(at(data, date(2027, 1, 31)))}
    assert rows["kent"]["answered_for_by_role"] == "pcc"


# --- Acceptance: a national body's response and a verdict, recorded and seen on the site ---------------------

COLLEGE_ANSWER = "The College of Policing published the authorised professional practice in January 2027."


def test_recording_a_national_body_response_and_verdict_changes_its_state_on_the_site(
        project: Path, early_site: Path, tmp_path: Path) -> None:
    rec_page, college = f"reports/{SHIPPED}/recommendations/3/", owner_page(SHIPPED, "college-of-policing")
    before = words(early_site, rec_page)
    assert "Status Overdue overdue by 73 days" in before
    assert "College of Policing Overdue No response published No claim 31 December 2026 overdue by 73 days" in before
    # The count is a link to the table of owners without an answer (a tag ends before the full stop).
    assert "1 owner has no recorded answer to it . A response is added as a file in the data folder" in before
    how = re.search(r'<a href="([^"]+)">How to publish your response</a>', page(early_site, rec_page))
    assert how and (early_site / rec_page / how.group(1) / "index.html").resolve().exists()
    told = words(early_site, college)
    assert "No published response from College of Policing to this report is recorded here" in told
    hint = re.search(r"A response is added to the tracker as a file, (\S+) in the data folder", told).group(1)
    assert hint == f"national_responses/{SHIPPED}/college-of-policing.yaml"

    # Record them as an editor would: the response where the page said, the verdict in assessments/.
    root = make_root(tmp_path / "project", data=project / "data")
    response = root / "data" / hint
    response.parent.mkdir(parents=True)
    response.write_text(
        "owner: college-of-policing\n"
        f"report: {SHIPPED}\n"
        "kind: first-comments\n"
        "author: College of Policing\n"
        "published: '2027-01-20'\n"
        "source:\n  title: A fictional response of the College of Policing, for this test\n"
        "  url: https://example.org/fictional/college-response\n"
        "responses:\n"
        "  - recommendation: 3\n"
        f"    action: '{COLLEGE_ANSWER} A national investigators’ course started in February 2027.'\n"
        "    implementation: implemented\n"
        f"    evidence: '{COLLEGE_ANSWER}'\n", encoding="utf-8")
    (root / "data" / "assessments" / f"{SHIPPED}.yaml").write_text(
        f"report: {SHIPPED}\n"
        "verdicts:\n"
        "  - recommendation: 3\n"
        "    owner: college-of-policing\n"
        "    date: '2027-03-01'\n"
        "    verdict: closed-implemented\n"
        "    by: hmicfrs\n"
        "    evidence:\n"
        "      title: A fictional letter from HMICFRS to the College of Policing\n"
        "      url: https://example.org/fictional/letter-college\n"
        "      quote: We are satisfied that both parts of recommendation 3 are in place.\n", encoding="utf-8")
    checked = load_and_validate(root / "data")
    assert checked.ok and checked.report.warnings == [], [p.format() for p in checked.problems[:5]]
    after_site = build(root, EARLY, "site-recorded")

    after = words(after_site, rec_page)
    assert "Status Closed by the inspectorate deadline passed 73 days ago" in after
    assert ("College of Policing Closed by the inspectorate Response published Implemented (claimed) 31 December 2026 "
            "deadline passed 73 days ago Closed: implemented (1 March 2027)") in after
    history = section(after, "History", "Related case studies")
    assert history.index("First comments, published 20 January 2027: Implemented (claimed)") < history.index(
        "1 March 2027: the inspectorate's verdict: Closed: implemented")
    answered = words(after_site, college)
    assert COLLEGE_ANSWER in answered
    assert "We are satisfied that both parts of recommendation 3 are in place." in answered
    changes = words(after_site, "changes/2027-03/")
    assert "1 March 2027 : Inspectorate: closed: implemented for College of Policing, Recommendation 3" in changes
    assert "20 January 2027 : First comments published by College of Policing on “The policing response" in words(
        after_site, "changes/2027-01/")
