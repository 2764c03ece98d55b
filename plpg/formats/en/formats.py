"""Django's formats for English, from the one place that defines them (plpg.formats)."""

from plpg.formats import DATE, DATETIME, MONTH, TIME

DATE_FORMAT = DATE
SHORT_DATE_FORMAT = DATE
DATETIME_FORMAT = DATETIME
SHORT_DATETIME_FORMAT = DATETIME
TIME_FORMAT = TIME
YEAR_MONTH_FORMAT = MONTH
