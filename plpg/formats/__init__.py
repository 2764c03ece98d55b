"""One way to print a date or a time to a person: on pages, in PDFs, emails and messages.

The four formats below are the only human formats in the app. Django reads them too
(``FORMAT_MODULE_PATH = "plpg.formats"``, ``plpg/formats/en/formats.py``), so ``{{ value|date }}``
and the admin agree. Templates use the built-in filters ``|day``, ``|when``, ``|month`` and
``|clock`` (plpg/templatetags/plpg_formats.py, loaded in every template); Python code calls
the functions here. Machine formats (``<time datetime>``, form input values, .ics, CSV, file
names) are ISO 8601 and stay as they are.
"""

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, timezone, translation

DATE = "M j, Y"  # Jan 5, 2027
TIME = "g:i A"  # 2:30 PM
DATETIME = f"{DATE}, {TIME}"  # Jan 5, 2027, 2:30 PM
MONTH = "M Y"  # Jan 2027

_SENTENCE_END = (".", "!", "?", "…")


def _local(value):
    """An aware datetime in the site's time zone (what the reader's calendar says)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value, fmt: str) -> str:
    if value in (None, ""):
        return ""
    if type(value) is dt.date:  # a day prints the same every time: format it once
        return _day_format(value, fmt, translation.get_language())
    return dateformat.format(_local(value), fmt)


@functools.lru_cache(maxsize=4096)
def _day_format(value: dt.date, fmt: str, language: str | None) -> str:
    """Django's date formatting (month names translated) is ~20 µs a call; a dashboard
    prints 700 dates, most of them the same few weeks."""
    return dateformat.format(value, fmt)


def day(value) -> str:
    """A date (or the date of a datetime): Jan 5, 2027."""
    return _format(value, DATE)


def when(value) -> str:
    """A date and time: Jan 5, 2027, 2:30 PM."""
    return _format(value, DATETIME)


def clock(value) -> str:
    """A time of day: 2:30 PM."""
    return _format(value, TIME)


def month(value) -> str:
    """A month: Jan 2027."""
    return _format(value, MONTH)


def money(value) -> str:
    """An amount of US dollars: $12,345, or $12,345.67 when there are cents; — for none."""
    if value in (None, ""):
        return "—"
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{abs(value):,.2f}".removesuffix(".00")
    return f"-${text}" if value < 0 else f"${text}"


def quoted(text: str) -> str:
    """Someone's words quoted as a sentence: “Text.” — a full stop is added inside the quotes
    unless the words already end a sentence, so the text around never doubles it."""
    text = (text or "").strip()
    if not text:
        return ""
    if not text.endswith(_SENTENCE_END):
        text += "."
    return f"“{text}”"
