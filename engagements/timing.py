"""A plan row's timing (the first column of a scope-and-sequence table) and the dates it gives.

Seed tables time a row by month ("August", "September - November", "December - February",
"August -"), by season or school-year quarter, or by frequency ("Weekly", "Every other
week", "Monthly", "4-6 times per year") — never with a year. Inside an engagement the year
comes from the contract (``ContractYear``). Pure functions, no queries; working days come
from plpg.holidays.

- ``timing_parse(text)``: what the words say (unknown words such as "Mid-year" say nothing).
- ``timing_date_problem(timing, day, year)``: the one rule that a row's date and timing agree.
- ``timing_first_date(timing, year, holidays)``: the date a row gets when it has none.
- ``timing_session_dates(timing, first, year, holidays)``: a recurring row's dated sessions.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from plpg import formats
from plpg.holidays import next_working_day, previous_working_day, school_year_of

MONTHS: dict[str, int] = {}
for _n in range(1, 13):
    MONTHS[calendar.month_name[_n].lower()] = _n
    MONTHS[calendar.month_abbr[_n].lower()] = _n
MONTHS["sept"] = 9
# "may" and "march" are words too: only their capitalised forms name a month.
_CAPITALISED_ONLY = {"may", "mar", "march"}
SEASONS = {
    "summer": (6, 7, 8),
    "fall": (9, 10, 11),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
    "spring": (3, 4, 5),
}
# Quarters of the school year (July to June), the year district contracts usually run.
QUARTERS = {"q1": (7, 8, 9), "q2": (10, 11, 12), "q3": (1, 2, 3), "q4": (4, 5, 6)}
_RANGE = re.compile(r"^\s*(?:-|–|—|to|through|thru|until)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+[1-4]?")

_TIMES_RANGE = re.compile(
    r"(\d+)\s*(?:-|–|—|to)\s*\d+\s*(?:times|sessions|x)\s*(?:per|a|each|/)\s*year", re.I
)
_TIMES = re.compile(r"(\d+)\s*(?:times|sessions|x)\s*(?:per|a|each|/)\s*year", re.I)
_EVERY_N_WEEKS = re.compile(r"every\s+(\d+)\s+weeks", re.I)
_EVERY_N_MONTHS = re.compile(r"every\s+(\d+)\s+months", re.I)
_WORDS = [
    (re.compile(r"\btwice a year\b|\bbiannual(ly)?\b|\bsemi-?annual(ly)?\b", re.I), ("t", 2)),
    (re.compile(r"\bonce a year\b|\bannual(ly)?\b|\byearly\b", re.I), ("t", 1)),
    (re.compile(r"\bbi-?weekly\b|\bevery (other|two) weeks?\b|\bfortnightly\b", re.I), ("d", 14)),
    (re.compile(r"\btwice a month\b|\bsemi-?monthly\b", re.I), ("d", 14)),
    (re.compile(r"\bweekly\b|\bevery week\b|\beach week\b|\bonce a week\b", re.I), ("d", 7)),
    (re.compile(r"\bbi-?monthly\b|\bevery (other|two) months?\b", re.I), ("m", 2)),
    (re.compile(r"\bmonthly\b|\bevery month\b|\beach month\b|\bonce a month\b", re.I), ("m", 1)),
    (re.compile(r"\bquarterly\b|\bevery quarter\b|\bonce a quarter\b", re.I), ("m", 3)),
]


@dataclass(frozen=True)
class Timing:
    """What a row's timing words say."""

    text: str
    months: tuple[int, ...] = ()  # the calendar months the row (or its sessions) fall in
    every_days: int = 0  # "Weekly" 7, "Every other week" 14
    every_months: int = 0  # "Monthly" 1, "Quarterly" 3
    times_per_year: int = 0  # "4-6 times per year" 4: the lower bound, what is promised

    @property
    def recurring(self) -> bool:
        return bool(self.every_days or self.every_months or self.times_per_year)

    def window(self) -> str:
        """The months in words: "September to November", "August"."""
        names = [calendar.month_name[m] for m in self.months]
        if len(names) > 2 and _consecutive(self.months):
            return f"{names[0]} to {names[-1]}"
        return " or ".join(names)


def _consecutive(months) -> bool:
    return all((b - a) % 12 == 1 for a, b in zip(months, months[1:], strict=False))


def _month_range(first: int, last: int) -> tuple[int, ...]:
    """Inclusive, wrapping over the new year: December – February is (12, 1, 2)."""
    months, m = [first], first
    while m != last:
        m = m % 12 + 1
        months.append(m)
    return tuple(months)


def _months(text: str) -> tuple[int, ...]:
    """The months named in text, with "A - B" ranges filled in, in the order they come."""
    found = []  # (start, end, months)
    for match in _WORD.finditer(text):
        word = match.group(0)
        key = word.lower()
        if key in _CAPITALISED_ONLY and not word[0].isupper():
            continue
        if key in MONTHS:
            found.append((match.start(), match.end(), (MONTHS[key],)))
        elif key in SEASONS:
            found.append((match.start(), match.end(), SEASONS[key]))
        elif key in QUARTERS:
            found.append((match.start(), match.end(), QUARTERS[key]))
    months: list[int] = []
    index = 0
    while index < len(found):
        start, end, these = found[index]
        if index + 1 < len(found) and _RANGE.match(text[end : found[index + 1][0]]):
            last = found[index + 1][2]
            these = _month_range(these[0], last[-1])
            index += 1
        months.extend(m for m in these if m not in months)
        index += 1
    return tuple(months)


def timing_parse(text: str) -> Timing:
    """Read a row's timing words."""
    text = (text or "").strip()
    months = _months(text)
    if match := _TIMES_RANGE.search(text) or _TIMES.search(text):
        return Timing(text, months, times_per_year=max(1, int(match.group(1))))
    if match := _EVERY_N_WEEKS.search(text):
        return Timing(text, months, every_days=7 * max(1, int(match.group(1))))
    if match := _EVERY_N_MONTHS.search(text):
        return Timing(text, months, every_months=max(1, int(match.group(1))))
    for pattern, (kind, amount) in _WORDS:
        if pattern.search(text):
            if kind == "t":
                return Timing(text, months, times_per_year=amount)
            if kind == "d":
                return Timing(text, months, every_days=amount)
            return Timing(text, months, every_months=amount)
    return Timing(text, months)


@dataclass(frozen=True)
class ContractYear:
    """The dates a plan's month words fall in: the contract, or a school year without one."""

    start: dt.date
    end: dt.date
    from_contract: bool

    @classmethod
    def of(cls, *, start=None, end=None, day=None, today: dt.date) -> "ContractYear":
        """The contract's dates; a missing end is a year after the start (and the reverse);
        with neither, the school year (July 1 to June 30) of day, or of today."""
        if start and end and end >= start:
            return cls(start, end, True)
        if start:
            return cls(start, _add_months(start, 12) - dt.timedelta(days=1), True)
        if end:
            return cls(_add_months(end, -12) + dt.timedelta(days=1), end, True)
        year = school_year_of(day or today)
        return cls(dt.date(year, 7, 1), dt.date(year + 1, 6, 30), False)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month, months later (clamped: Jan 31 + 1 month is Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def timing_date_problem(timing: Timing, day: dt.date | None, year: ContractYear) -> str:
    """Why a row's date and its timing disagree ("" when they agree): the date must fall in
    the timing's months, and inside the contract when the engagement has contract dates."""
    if day is None:
        return ""
    if timing.months and day.month not in timing.months:
        return (
            f"The timing says “{timing.text}”, but {formats.day(day)} is in "
            f"{calendar.month_name[day.month]}. Pick a date in {timing.window()}, or change "
            "the timing."
        )
    if year.from_contract and not year.start <= day <= year.end:
        return (
            f"{formats.day(day)} is outside the contract ({formats.day(year.start)} – "
            f"{formats.day(year.end)}). Pick a date within it, or change the contract dates."
        )
    return ""


def timing_first_date(timing: Timing, year: ContractYear, holidays=frozenset()) -> dt.date | None:
    """The date a row gets from its timing alone: the first working day of its months within
    the contract year (a recurring row: its first session); None when the words give none."""
    if not (timing.months or timing.recurring):
        return None
    day = year.start
    while day <= year.end:
        if not timing.months or day.month in timing.months:
            found = next_working_day(day, holidays)
            if found.month != day.month or found > year.end:
                # The window's last days are a weekend or holidays: the working day before.
                found = previous_working_day(day, holidays)
            if found >= year.start and (not timing.months or found.month in timing.months):
                return found
        day = _add_months(day.replace(day=1), 1)
    return None


def timing_session_dates(
    timing: Timing, *, first: dt.date, year: ContractYear, holidays=frozenset(), limit: int
) -> list[dt.date]:
    """A recurring row's sessions from ``first`` to the end of the contract year, at most
    ``limit``: each on a working day (one that falls on a weekend or a holiday moves to the
    working day before, as due dates do, unless that is before the series starts or in the
    month before; then to the working day after), and inside the timing's months when it
    names any. "4-6 times per year" spreads 4 a year evenly."""
    end = year.end
    if first > end:
        return []
    if timing.times_per_year:
        span = (end - first).days + 1
        count = max(1, round(timing.times_per_year * span / 365.25))
        raw = [first + dt.timedelta(days=round(k * span / count)) for k in range(count)]
    elif timing.every_days:
        raw = [first + dt.timedelta(days=k * timing.every_days) for k in range(limit * 2)]
    elif timing.every_months:
        raw = [_add_months(first, k * timing.every_months) for k in range(limit * 2)]
    else:
        return [first]
    dates: list[dt.date] = []
    for day in raw:
        if day > end or len(dates) >= limit:
            break
        moved = previous_working_day(day, holidays)
        if moved < first or moved.month != day.month:
            # Never before the series starts, and never into the month before (a monthly
            # session on Sunday, January 3 is not held on December 31).
            moved = next_working_day(day, holidays)
        if moved > end or (timing.months and moved.month not in timing.months):
            continue
        if dates and moved <= dates[-1]:
            continue
        dates.append(moved)
    return dates


def row_dates(
    *, timing_text: str, planned_date, year: ContractYear, holidays=frozenset(), limit: int
) -> tuple[dt.date | None, list[dt.date]]:
    """A plan row's date and its sessions' dates: the date given (or the one its timing gives
    within the contract year) and, for a recurring row, every session from that date on."""
    timing = timing_parse(timing_text)
    first = planned_date or timing_first_date(timing, year, holidays)
    if first is None:
        return None, []
    if not timing.recurring:
        return first, [first]
    return first, timing_session_dates(
        timing, first=first, year=year, holidays=holidays, limit=limit
    )
