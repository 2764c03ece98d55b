import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagements import cadence

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 1, D(2026, 2, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # month end clamps
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2100, 1, 31), 1, D(2100, 2, 28)),  # century, not a leap year
        (D(2000, 1, 31), 1, D(2000, 2, 29)),  # 400-year leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),  # year rolls over
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # quarterly across the year end
        (D(2027, 11, 30), 3, D(2028, 2, 29)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 2, 28), 1, D(2026, 3, 28)),  # no drift back to the month end
    ],
)
def test_add_months(day, months, expected):
    assert cadence.add_months(day, months) == expected


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 1, 1)), st.integers(0, 48))
def test_add_months_lands_in_the_right_month_never_later_in_it(day, months):
    result = cadence.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    assert result.day == day.day or result.day in (28, 29, 30)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("weekly", D(2026, 3, 8)),
        ("biweekly", D(2026, 3, 15)),
        ("monthly", D(2026, 4, 1)),
        ("quarterly", D(2026, 6, 1)),
        ("twice-a-year", D(2026, 9, 1)),
        ("none", None),
        ("bogus", None),
    ],
)
def test_cadence_advance(kind, expected):
    assert cadence.cadence_advance(D(2026, 3, 1), kind) == expected


def test_next_checkin_counts_from_the_last_checkin():
    due = cadence.next_checkin_due(
        cadence="monthly",
        status="active",
        last_checkin=D(2026, 1, 31),
        contract_start=D(2025, 8, 1),
    )
    # Jan 31 + 1 month clamps to Feb 28, 2026, a Saturday: due the Friday before.
    assert due == D(2026, 2, 27)


def test_next_checkin_leap_year_month_end():
    due = cadence.next_checkin_due(
        cadence="monthly", status="active", last_checkin=D(2028, 1, 31), contract_start=None
    )
    assert due == D(2028, 2, 29)


def test_first_checkin_counts_from_the_contract_start_then_creation():
    assert cadence.next_checkin_due(
        cadence="biweekly", status="onboarding", last_checkin=None, contract_start=D(2026, 8, 3)
    ) == D(2026, 8, 17)
    assert cadence.next_checkin_due(
        cadence="weekly",
        status="active",
        last_checkin=None,
        contract_start=None,
        created=D(2026, 8, 3),
    ) == D(2026, 8, 10)
    assert (
        cadence.next_checkin_due(
            cadence="weekly", status="active", last_checkin=None, contract_start=None
        )
        is None
    )


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_paused_and_closed_engagements_expect_no_checkins(status):
    assert (
        cadence.next_checkin_due(
            cadence="monthly", status=status, last_checkin=D(2020, 1, 1), contract_start=None
        )
        is None
    )
    assert (
        cadence.next_step_back_due(
            cadence="quarterly", status=status, last_step_back=None, contract_start=D(2020, 1, 1)
        )
        is None
    )


def test_step_backs_are_quarterly_from_the_last_one():
    assert cadence.next_step_back_due(
        cadence="quarterly",
        status="active",
        last_step_back=D(2026, 11, 30),
        contract_start=D(2026, 8, 1),
    ) == D(2027, 2, 26)  # Feb 28, 2027 is a Sunday
    assert cadence.next_step_back_due(
        cadence="quarterly", status="active", last_step_back=None, contract_start=D(2026, 8, 1)
    ) == D(2026, 10, 30)  # Nov 1, 2026 is a Sunday


def test_overdue_is_strictly_after_the_due_day():
    today = D(2026, 5, 10)
    assert not cadence.is_overdue(D(2026, 5, 10), today)
    assert cadence.is_overdue(D(2026, 5, 9), today)
    assert not cadence.is_overdue(None, today)


def test_step_back_due_two_weeks_ahead():
    today = D(2026, 5, 10)
    assert cadence.is_step_back_due(D(2026, 5, 24), today)
    assert not cadence.is_step_back_due(D(2026, 5, 25), today)
    assert cadence.is_step_back_due(D(2026, 4, 1), today)
    assert not cadence.is_step_back_due(None, today)


def test_contract_ending_within_60_days():
    today = D(2026, 5, 10)
    assert cadence.contract_ending_soon(D(2026, 7, 9), "active", today)  # day 60
    assert not cadence.contract_ending_soon(D(2026, 7, 10), "active", today)  # day 61
    assert cadence.contract_ending_soon(D(2026, 5, 1), "active", today)  # ended, not closed
    assert not cadence.contract_ending_soon(D(2026, 5, 20), "closed", today)
    assert not cadence.contract_ending_soon(None, "active", today)


def test_coherence_meeting_twice_a_year():
    today = D(2026, 5, 10)
    assert cadence.coherence_meeting_due(None, today) == today
    assert cadence.coherence_meeting_due(D(2025, 8, 31), today) == D(2026, 2, 27)  # Sat → Fri


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 6, 30), D(2026, 12, 31)), True),
        ((D(2026, 1, 1), D(2026, 6, 29)), (D(2026, 6, 30), D(2026, 12, 31)), False),
        ((None, None), (D(2026, 6, 30), D(2026, 12, 31)), True),
        ((D(2027, 1, 1), None), (D(2026, 6, 30), D(2026, 12, 31)), False),
    ],
)
def test_periods_overlap(a, b, overlap):
    assert cadence.periods_overlap(*a, *b) is overlap
    assert cadence.periods_overlap(*b, *a) is overlap
