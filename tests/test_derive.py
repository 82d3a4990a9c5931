"""Time states and the s55 clock, derived from the shipped data at fixed dates."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from constants import AS_OF
from rectrack.data.model import Evidence, PartialDate, Verdict
from rectrack.derive import derive, s55_clock, time_state
from rectrack.wording import countdown, response_label, s55_reason

REPORT = "hmicfrs-2026-ocsa-mosovo"
EARLIER = ("hmicfrs-2023-online-csae", "creedon-2023-rso-review")


@pytest.fixture(scope="module")
def shipped(tracker):
    """The 2026 report as at 23 November 2026."""
    return tracker.report(REPORT)


def test_every_report_is_shown_and_the_earlier_ones_have_no_deadline(tracker) -> None:
    assert [r.report.id for r in tracker.reports] == [REPORT, *EARLIER]
    for report_id in EARLIER:
        for status in tracker.report(report_id).recommendations:
            assert status.recommendation.deadline is None and status.deadline_state == "no-deadline"
            assert {d.state for d in status.duties} == {"no-deadline"}


def test_past_deadlines_are_overdue_for_every_force_without_an_implemented_claim(shipped) -> None:
    overdue = sorted(r.recommendation.number for r in shipped.recommendations if r.deadline_state == "overdue")
    assert overdue == [1, 4, 6, 8, 10, 15, 16]
    for status in shipped.recommendations:
        if status.deadline_state != "overdue":
            continue
        assert status.recommendation.owners == ("forces",)
        for duty in status.duties:
            expected = "implemented" if duty.implementation == "implemented" else "overdue"
            assert duty.state == expected, (duty.owner.id, status.recommendation.number)
        assert status.count("overdue") == len(status.duties) - status.implemented
    devon = shipped.owner("devon-and-cornwall")
    assert sorted(d.recommendation.number for d in devon.duties if d.state == "overdue") == [8, 15, 16]
    assert sorted(d.recommendation.number for d in devon.duties if d.state == "implemented") == [1, 4, 5, 6, 10]


def test_due_in_38_days_and_the_rest_on_30_april_2027(shipped) -> None:
    soon = {r.recommendation.number: r.days for r in shipped.recommendations if r.deadline_state == "due-soon"}
    assert soon == {3: 38, 14: 38}
    upcoming = [r for r in shipped.recommendations if r.deadline_state == "upcoming"]
    assert {r.recommendation.deadline for r in upcoming} == {date(2027, 4, 30)}
    assert len(upcoming) + len(soon) + 7 == len(shipped.recommendations) == 16


def test_force_directed_recommendations_are_tracked_per_force(shipped, dataset) -> None:
    forces = {o.id for o in dataset.organisations if o.kind == "territorial-police-force"}
    assert len(forces) == 43
    for status in shipped.recommendations:
        owners = {d.owner.id for d in status.duties}
        if "forces" in status.recommendation.owners:
            assert owners == forces
        else:
            assert owners == set(status.recommendation.owners)  # national bodies, one duty each
    responded = [o.owner.id for o in shipped.owners if o.documents]
    assert responded == [d.owner for d in dataset.documents if d.report == REPORT] == ["devon-and-cornwall"]


def test_a_force_without_a_response_is_never_compliant(shipped) -> None:
    kent = shipped.owner("kent")
    assert kent.documents == () and kent.first_comments is None
    assert all(response_label(d) == "No response published" for d in kent.duties)
    assert all(d.state in ("overdue", "due-soon", "upcoming") for d in kent.duties)
    assert kent.clock is not None and kent.clock.state == "missing"


def test_devon_and_cornwall_claims(shipped) -> None:
    devon = shipped.owner("devon-and-cornwall")
    answered = [d for d in devon.duties if d.responded]
    assert len(answered) == 9
    by_number = {d.recommendation.number: d for d in answered}
    assert sorted(by_number) == [1, 2, 4, 5, 6, 8, 10, 15, 16]
    assert by_number[1].state == "implemented"
    assert by_number[8].state == "overdue" and by_number[8].implementation == "in-progress"
    assert by_number[2].state == "upcoming"
    assert by_number[16].implementation == "not-stated" and by_number[16].answer.evidence is None
    for number, duty in by_number.items():
        if duty.implementation != "not-stated":
            assert duty.answer.evidence and duty.answer.evidence in duty.answer.action, number
    # It publishes nothing dated, so its one document is the first comments and the clock cannot say.
    assert devon.first_comments is not None and devon.first_comments.published is None
    assert devon.clock.state == "not-computable" and devon.clock.basis == "undated-response"


@pytest.mark.parametrize(("days", "state", "words"), [
    (-1, "overdue", "overdue by 1 day"), (-23, "overdue", "overdue by 23 days"),
    (0, "due-today", "due today"), (1, "due-soon", "due in 1 day"),
    (60, "due-soon", "due in 60 days"), (61, "upcoming", "due in 61 days"),
])
def test_time_state_boundaries(days: int, state: str, words: str) -> None:
    assert time_state(days) == state
    assert countdown(days) == words


def _verdict(rec: str, owner: str, when: PartialDate, verdict: str = "closed-implemented") -> Verdict:
    return Verdict(recommendation=rec, owner=owner, date=when, verdict=verdict, by="hmicfrs", superseded_by=None,
                   evidence=Evidence("A letter", None, None, "Satisfied."), note=None, given_for=owner)


def test_closed_verdict_wins_over_the_deadline_from_its_date(dataset) -> None:
    verdict = _verdict(f"{REPORT}/8", "devon-and-cornwall", PartialDate(2026, 11, 1))
    data = dataclasses.replace(dataset, verdicts=dataset.verdicts + (verdict,))

    def state(as_of: date) -> str:
        duties = derive(data, as_of).report(REPORT).owner("devon-and-cornwall").duties
        return next(d.state for d in duties if d.recommendation.number == 8)

    assert state(AS_OF) == "closed"
    assert state(date(2026, 10, 31)) == "due-today"  # the verdict has not been given yet
    # Another force on the same recommendation is untouched.
    kent = derive(data, AS_OF).report(REPORT).owner("kent")
    assert next(d.state for d in kent.duties if d.recommendation.number == 8) == "overdue"


def test_an_open_verdict_does_not_close(dataset) -> None:
    verdict = _verdict(f"{REPORT}/8", "devon-and-cornwall", PartialDate(2026, 11, 1), verdict="open")
    data = dataclasses.replace(dataset, verdicts=dataset.verdicts + (verdict,))
    duty = next(d for d in derive(data, AS_OF).report(REPORT).owner("devon-and-cornwall").duties
                if d.recommendation.number == 8)
    assert duty.state == "overdue" and duty.verdict == verdict


class TestS55Clock:
    """Police Act 1996 s55(5A): 56 days beginning with publication day, so the last day is +55."""

    def response(self, dataset, published):
        return dataclasses.replace(dataset.documents[0], published=published)

    def test_exact_publication_date(self, dataset) -> None:
        published = PartialDate(2026, 4, 15)
        on_last_day = s55_clock(published, self.response(dataset, date(2026, 6, 9)), AS_OF)
        assert on_last_day.state == "on-time" and on_last_day.last_day == date(2026, 6, 9)
        late = s55_clock(published, self.response(dataset, date(2026, 6, 10)), AS_OF)
        assert late.state == "late"

    def test_month_only_is_honest(self, dataset) -> None:
        month = PartialDate(2026, 4)
        undated = s55_clock(month, self.response(dataset, None), AS_OF)
        assert undated.state == "not-computable"
        assert "does not state its publication date" in s55_reason(undated)
        assert undated.last_day is None
        assert undated.last_day_range == (date(2026, 5, 26), date(2026, 6, 24))
        assert "falls between 26 May 2026 and 24 June 2026" in s55_reason(undated)
        early = s55_clock(month, self.response(dataset, date(2026, 5, 20)), AS_OF)
        assert early.state == "on-time"
        ambiguous = s55_clock(month, self.response(dataset, date(2026, 6, 1)), AS_OF)
        assert ambiguous.state == "not-computable"
        assert s55_clock(month, self.response(dataset, date(2026, 6, 25)), AS_OF).state == "late"
        assert s55_clock(month, None, AS_OF).state == "missing"
        assert s55_clock(month, None, date(2026, 5, 1)).state == "awaited"
        assert s55_clock(month, None, date(2026, 6, 1)).state == "not-computable"

    def test_the_shipped_report_gives_only_its_month(self, tracker) -> None:
        clock = tracker.report(REPORT).owner("kent").clock
        assert clock.report_month == date(2026, 4, 1)
        assert clock.last_day_range == (date(2026, 5, 26), date(2026, 6, 24))

    def test_year_only_cannot_be_computed(self, dataset) -> None:
        clock = s55_clock(PartialDate(2023), None, AS_OF)
        assert clock.state == "not-computable" and clock.basis == "year-only"
