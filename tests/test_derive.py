"""Time states and the s55 clock, derived from the shipped data at fixed dates."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from constants import AS_OF
from rectrack.data.model import PartialDate
from rectrack.derive import derive, s55_clock, time_state
from rectrack.wording import countdown, response_label, s55_reason


def test_past_deadlines_are_overdue_for_every_force_without_an_implemented_claim(tracker) -> None:
    overdue = sorted(r.recommendation.number for r in tracker.recommendations if r.deadline_state == "overdue")
    assert overdue == [1, 4, 6, 8, 10, 15, 16]
    for status in tracker.recommendations:
        if status.deadline_state != "overdue":
            continue
        for a in status.assignments:
            expected = "implemented" if a.implementation == "implemented" else "overdue"
            assert a.state == expected, (a.owner, status.recommendation.number)
        assert status.count("overdue") == len(status.assignments) - status.implemented


def test_due_in_38_days_and_the_rest_on_30_april_2027(tracker) -> None:
    soon = {r.recommendation.number: r.days for r in tracker.recommendations if r.deadline_state == "due-soon"}
    assert soon == {3: 38, 14: 38}
    upcoming = [r for r in tracker.recommendations if r.deadline_state == "upcoming"]
    assert {r.recommendation.deadline for r in upcoming} == {date(2027, 4, 30)}
    assert len(upcoming) + len(soon) + 7 == len(tracker.recommendations)


def test_force_directed_recommendations_are_tracked_per_force(tracker, dataset) -> None:
    for status in tracker.recommendations:
        if status.recommendation.for_forces:
            assert {a.owner for a in status.assignments} >= {f.id for f in dataset.forces}
    assert tracker.forces_responded == len(dataset.responses)


def test_a_force_without_a_response_is_never_compliant(tracker) -> None:
    kent = tracker.owner("kent")
    assert kent.response is None
    assert all(response_label(a) == "No response published" for a in kent.assignments)
    assert all(a.state in ("overdue", "due-soon", "upcoming") for a in kent.assignments)


def test_devon_and_cornwall_claims(tracker) -> None:
    devon = tracker.owner("devon-and-cornwall")
    answered = [a for a in devon.assignments if a.response is not None]
    assert len(answered) == 9
    by_number = {a.recommendation.number: a for a in answered}
    assert by_number[1].state == "implemented"
    assert by_number[8].state == "overdue" and by_number[8].implementation == "in-progress"
    assert by_number[2].state == "upcoming"


@pytest.mark.parametrize(("days", "state", "words"), [
    (-1, "overdue", "overdue by 1 day"), (-23, "overdue", "overdue by 23 days"),
    (0, "due-today", "due today"), (1, "due-soon", "due in 1 day"),
    (60, "due-soon", "due in 60 days"), (61, "upcoming", "due in 61 days"),
])
def test_time_state_boundaries(days: int, state: str, words: str) -> None:
    assert time_state(days) == state
    assert countdown(days) == words


def test_closed_verdict_wins_over_the_deadline(dataset) -> None:
    from rectrack.data.model import Verdict
    devon = dataset.response_of("devon-and-cornwall")
    entry = devon.responses[0]
    closed = dataclasses.replace(entry, inspectorate=Verdict("closed", date(2026, 11, 1), "Satisfied."))
    changed = dataclasses.replace(devon, responses=(closed,) + devon.responses[1:])
    data = dataclasses.replace(dataset, responses=(changed,), _index={})
    status = derive(data, AS_OF).status_of(entry.recommendation)
    states = {a.owner: a.state for a in status.assignments}
    assert states["devon-and-cornwall"] == "closed"


class TestS55Clock:
    """Police Act 1996 s55(5A): 56 days beginning with publication day, so the last day is +55."""

    def force(self, dataset):
        return dataset.forces[0]

    def response(self, dataset, published):
        return dataclasses.replace(dataset.responses[0], published=published)

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
        assert undated.last_day_range == (date(2026, 5, 26), date(2026, 6, 24))
        early = s55_clock(month, self.response(dataset, date(2026, 5, 20)), AS_OF)
        assert early.state == "on-time"
        ambiguous = s55_clock(month, self.response(dataset, date(2026, 6, 1)), AS_OF)
        assert ambiguous.state == "not-computable"
        assert s55_clock(month, None, AS_OF).state == "missing"
        assert s55_clock(month, None, date(2026, 5, 1)).state == "awaited"
