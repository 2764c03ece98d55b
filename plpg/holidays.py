"""Working days: weekends and a district's holidays (US federal holidays seeded per school
year; a district adds or removes its own in the admin).

``previous_working_day`` is the one rule every due date the app computes goes through
(engagements.cadence), and action items' due dates are moved with it when saved.
"""

import calendar
import datetime as dt


def _nth_weekday(year, month, weekday, n):
    """The n-th weekday (0 = Monday) of the month; n = -1 for the last."""
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, day).weekday() == weekday
    ]
    return dt.date(year, month, days[n if n < 0 else n - 1])


def _observed(day: dt.date) -> dt.date:
    """A federal holiday on a Saturday is observed on Friday, on a Sunday on Monday."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def federal_holidays(year: int) -> list[tuple[dt.date, str]]:
    """The US federal holidays of a calendar year (observed dates), 5 U.S.C. 6103."""
    mon, thu = 0, 3
    return [
        (_observed(dt.date(year, 1, 1)), "New Year's Day"),
        (_nth_weekday(year, 1, mon, 3), "Birthday of Martin Luther King, Jr."),
        (_nth_weekday(year, 2, mon, 3), "Washington's Birthday"),
        (_nth_weekday(year, 5, mon, -1), "Memorial Day"),
        (_observed(dt.date(year, 6, 19)), "Juneteenth National Independence Day"),
        (_observed(dt.date(year, 7, 4)), "Independence Day"),
        (_nth_weekday(year, 9, mon, 1), "Labor Day"),
        (_nth_weekday(year, 10, mon, 2), "Columbus Day"),
        (_observed(dt.date(year, 11, 11)), "Veterans Day"),
        (_nth_weekday(year, 11, thu, 4), "Thanksgiving Day"),
        (_observed(dt.date(year, 12, 25)), "Christmas Day"),
    ]


def school_year_holidays(start_year: int) -> list[tuple[dt.date, str]]:
    """Federal holidays from July 1 of start_year to June 30 of the next year."""
    first, last = dt.date(start_year, 7, 1), dt.date(start_year + 1, 6, 30)
    return [
        (day, name)
        for year in (start_year, start_year + 1)
        for day, name in federal_holidays(year)
        if first <= day <= last
    ]


def school_year_of(day: dt.date) -> int:
    """The school year (by its first calendar year) a date falls in."""
    return day.year if day.month >= 7 else day.year - 1


def is_working_day(day: dt.date, holidays=frozenset()) -> bool:
    return day.weekday() < 5 and day not in holidays


def previous_working_day(day: dt.date | None, holidays=frozenset()) -> dt.date | None:
    """day itself if it is a working day, else the last working day before it."""
    if day is None:
        return None
    while not is_working_day(day, holidays):
        day -= dt.timedelta(days=1)
    return day


def next_working_day(day: dt.date, holidays=frozenset()) -> dt.date:
    """day itself if it is a working day, else the first working day after it (where a
    window opens: a plan row timed "September" starts on September's first working day)."""
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def seed_district_holidays(district, *, today: dt.date | None = None) -> int:
    """Give the district this school year's and next school year's federal holidays (the ones
    it does not have yet). Returns how many were added."""
    from plpg.models import Holiday

    today = today or dt.date.today()
    start = school_year_of(today)
    have = set(Holiday.objects.filter(district=district).values_list("date", flat=True))
    new = [
        Holiday(district=district, date=day, name=name)
        for year in (start, start + 1)
        for day, name in school_year_holidays(year)
        if day not in have
    ]
    Holiday.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def district_holidays(district_ids) -> dict:
    """{district id: frozenset of holiday dates} (1 query)."""
    from plpg.models import Holiday

    found = {}
    for district_id, day in Holiday.objects.filter(district_id__in=list(district_ids)).values_list(
        "district_id", "date"
    ):
        found.setdefault(district_id, set()).add(day)
    return {k: frozenset(v) for k, v in found.items()}
