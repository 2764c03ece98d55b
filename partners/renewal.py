"""Renewal arithmetic: a profile is due for review 12 months after its last review and
leaves the public directory after 15 (partners.models.published_q asks hidden_before)."""

import calendar
import datetime

DUE_AFTER_MONTHS = 12
HIDDEN_AFTER_MONTHS = 15
REMIND_EVERY_DAYS = 30


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_before(today: datetime.date) -> datetime.date:
    """Profiles last reviewed on or before this day are due for renewal."""
    return months_before(today, DUE_AFTER_MONTHS)


def hidden_before(today: datetime.date) -> datetime.date:
    """Profiles last reviewed on or before this day are hidden from the directory."""
    return months_before(today, HIDDEN_AFTER_MONTHS)


def renewal_state(last_reviewed: datetime.date | None, today: datetime.date) -> str:
    """ "current", "due" (12 months or never reviewed) or "hidden" (15 months)."""
    if last_reviewed is None:
        return "due"
    if last_reviewed <= hidden_before(today):
        return "hidden"
    if last_reviewed <= due_before(today):
        return "due"
    return "current"


def hidden_on(last_reviewed: datetime.date) -> datetime.date:
    """The first day a profile reviewed on ``last_reviewed`` is hidden, unless renewed."""
    day = last_reviewed
    # Invert months_before: the earliest ``today`` with hidden_before(today) >= last_reviewed.
    index = day.year * 12 + day.month - 1 + HIDDEN_AFTER_MONTHS
    year, month = divmod(index, 12)
    candidate = datetime.date(
        year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1])
    )
    while hidden_before(candidate) < last_reviewed:
        candidate += datetime.timedelta(days=1)
    while hidden_before(candidate - datetime.timedelta(days=1)) >= last_reviewed:
        candidate -= datetime.timedelta(days=1)
    return candidate
