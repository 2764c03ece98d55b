import datetime as dt
from decimal import Decimal

import pytest

from engagements.progress import (
    AT_RISK,
    MET,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    goal_progress,
    plan_progress,
)

START, DUE = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
HALF = dt.date(2026, 7, 2)  # half way through the year


def progress(current, *, baseline="20", target="80", today=HALF):
    return goal_progress(
        baseline=Decimal(baseline),
        target=Decimal(target),
        start=START,
        due=DUE,
        current=None if current is None else Decimal(current),
        today=today,
    )


@pytest.mark.parametrize(
    ("current", "status", "percent"),
    [
        (None, NO_DATA, 0),
        ("50", ON_TRACK, 50),  # exactly on the line
        ("47", ON_TRACK, 45),  # within 10 points
        ("42", AT_RISK, 37),
        ("32", OFF_TRACK, 20),
        ("80", MET, 100),
        ("95", MET, 100),  # beyond the target counts as met
        ("10", OFF_TRACK, 0),  # below the baseline
    ],
)
def test_goal_status_against_the_straight_line(current, status, percent):
    result = progress(current)
    assert result.status == status
    assert result.percent == percent
    assert result.expected_percent == 50


def test_falling_targets_work_too():
    # Chronic absence from 20% down to 10%: 15% half way is on track.
    assert progress("15", baseline="20", target="10").status == ON_TRACK
    assert progress("19", baseline="20", target="10").status == OFF_TRACK


def test_past_due_and_not_met_is_off_track():
    assert progress("79", today=dt.date(2027, 1, 5)).status == OFF_TRACK


def test_before_the_start_expects_nothing():
    result = progress("20", today=dt.date(2025, 12, 1))
    assert result.expected_percent == 0
    assert result.status == ON_TRACK


def test_plan_progress_leaves_cancelled_rows_out():
    plan = plan_progress(["delivered", "planned", "cancelled", "delivered"])
    assert (plan.delivered, plan.planned, plan.cancelled, plan.total) == (2, 1, 1, 3)
    assert plan.percent == 67
    assert plan_progress([]).percent == 0
