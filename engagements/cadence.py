"""Cadence arithmetic: when the next check-in and step-back are due, and which dates alert.

Plain functions of dates and strings, no database: the dashboard, the engagement page, the
PDF, the calendar feed and ``send_engagement_reminders`` all call these.
"""

import calendar
import datetime as dt

from plpg.holidays import previous_working_day

CONTRACT_ENDING_DAYS = 60
STEP_BACK_WARNING_DAYS = 14
COHERENCE_MEETING_MONTHS = 6

# Engagements in these statuses expect no meetings.
RESTING_STATUSES = {"paused", "closed"}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the end of a shorter month (Jan 31 → Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def cadence_advance(day: dt.date, cadence: str) -> dt.date | None:
    """The date one check-in interval after ``day``; None when the cadence has no meetings."""
    if cadence == "weekly":
        return day + dt.timedelta(days=7)
    if cadence == "biweekly":
        return day + dt.timedelta(days=14)
    if cadence == "monthly":
        return add_months(day, 1)
    if cadence == "quarterly":
        return add_months(day, 3)
    if cadence == "twice-a-year":
        return add_months(day, 6)
    return None


def next_checkin_due(
    *,
    cadence: str,
    status: str,
    last_checkin: dt.date | None,
    contract_start: dt.date | None,
    created: dt.date | None = None,
    holidays=frozenset(),
) -> dt.date | None:
    """When the next check-in is due, or None (paused or closed engagement, no cadence).

    Counted from the last check-in; before the first one, from the contract start (or the
    day the engagement was created). A date on a weekend or one of ``holidays`` (the
    district's) moves to the working day before.
    """
    if status in RESTING_STATUSES:
        return None
    anchor = last_checkin or contract_start or created
    if anchor is None:
        return None
    return previous_working_day(cadence_advance(anchor, cadence), holidays)


def next_step_back_due(
    *,
    cadence: str,
    status: str,
    last_step_back: dt.date | None,
    contract_start: dt.date | None,
    created: dt.date | None = None,
    holidays=frozenset(),
) -> dt.date | None:
    """When the next step-back meeting is due (quarterly by default), or None."""
    return next_checkin_due(
        cadence=cadence,
        status=status,
        last_checkin=last_step_back,
        contract_start=contract_start,
        created=created,
        holidays=holidays,
    )


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """Due strictly before today (a meeting due today is not late yet)."""
    return due is not None and due < today


def is_step_back_due(due: dt.date | None, today: dt.date) -> bool:
    """A step-back is "due" from two weeks before its date on, so it can be scheduled."""
    return due is not None and due <= today + dt.timedelta(days=STEP_BACK_WARNING_DAYS)


def contract_ending_soon(
    end: dt.date | None, status: str, today: dt.date, days: int = CONTRACT_ENDING_DAYS
) -> bool:
    """The contract of an open engagement ends within ``days`` (or ended and it isn't closed)."""
    if end is None or status == "closed":
        return False
    return end <= today + dt.timedelta(days=days)


def coherence_meeting_due(last: dt.date | None, today: dt.date, holidays=frozenset()) -> dt.date:
    """When the next all-partner coherence meeting is due (twice a year); today if never held
    (a weekend or holiday moves to the working day before)."""
    if last is None:
        return today
    return previous_working_day(add_months(last, COHERENCE_MEETING_MONTHS), holidays)


def periods_overlap(
    a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None
) -> bool:
    """Two date ranges share at least one day; a missing end is open-ended."""
    lo_a, lo_b = a_start or dt.date.min, b_start or dt.date.min
    hi_a, hi_b = a_end or dt.date.max, b_end or dt.date.max
    return lo_a <= hi_b and lo_b <= hi_a
