"""Dates a district can keep: weekends and holidays move due dates to the working day before."""

import datetime as dt

import pytest
from django.utils import timezone

from engagements import cadence
from plpg.holidays import (
    federal_holidays,
    previous_working_day,
    school_year_holidays,
    seed_district_holidays,
)
from plpg.models import Holiday
from tests.factories import ActionItemFactory, DistrictFactory, EngagementFactory

D = dt.date


def test_federal_holidays_of_2027():
    days = dict(federal_holidays(2027))
    assert days[D(2027, 1, 1)] == "New Year's Day"
    assert days[D(2027, 1, 18)] == "Birthday of Martin Luther King, Jr."
    assert days[D(2027, 11, 25)] == "Thanksgiving Day"
    assert days[D(2027, 12, 24)] == "Christmas Day"  # Dec 25, 2027 is a Saturday: observed Fri
    assert days[D(2027, 7, 5)] == "Independence Day"  # Jul 4, 2027 is a Sunday: observed Mon


def test_school_year_runs_july_to_june():
    days = [day for day, _ in school_year_holidays(2026)]
    assert min(days) >= D(2026, 7, 1) and max(days) <= D(2027, 6, 30)
    assert D(2026, 9, 7) in days and D(2027, 1, 1) in days and D(2026, 1, 1) not in days


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 12, 12), D(2026, 12, 11)),  # Saturday → Friday
        (D(2026, 12, 13), D(2026, 12, 11)),  # Sunday → Friday
        (D(2027, 1, 1), D(2026, 12, 31)),  # New Year's Day (Friday) → Thursday
        (D(2027, 1, 3), D(2026, 12, 31)),  # Sunday, then Saturday, then the holiday
        (D(2026, 12, 14), D(2026, 12, 14)),  # a Monday stays
    ],
)
def test_previous_working_day(day, expected):
    holidays = frozenset(d for d, _ in federal_holidays(2027))
    assert previous_working_day(day, holidays) == expected


def test_a_monthly_checkin_due_on_new_years_day_moves_to_the_day_before():
    holidays = frozenset(d for d, _ in federal_holidays(2027))
    due = cadence.next_checkin_due(
        cadence="monthly",
        status="active",
        last_checkin=D(2026, 12, 1),
        contract_start=None,
        holidays=holidays,
    )
    assert due == D(2026, 12, 31)
    # Without the district's holidays only the weekend rule applies.
    assert cadence.next_checkin_due(
        cadence="monthly", status="active", last_checkin=D(2026, 11, 12), contract_start=None
    ) == D(2026, 12, 11)


@pytest.mark.django_db
def test_a_new_district_is_seeded_and_action_items_avoid_weekends_and_its_holidays():
    district = DistrictFactory()
    assert Holiday.objects.filter(district=district).count() >= 11
    assert seed_district_holidays(district) == 0  # idempotent
    engagement = EngagementFactory(district=district)
    Holiday.objects.get_or_create(district=district, date=D(2027, 3, 12), defaults={"name": "PD"})
    saturday = ActionItemFactory(engagement=engagement, due_date=D(2027, 3, 13))
    saturday.refresh_from_db()
    assert saturday.due_date == D(2027, 3, 11)  # Sat → Fri (a district PD day) → Thu


@pytest.mark.django_db
def test_no_due_date_on_the_demo_dashboard_falls_on_a_weekend(demo):
    from engagements.selectors import dashboard_for
    from plpg.models import District, User

    manager = User.objects.get(email="manager@demo.test")
    for district in District.objects.filter(memberships__user=manager):
        data = dashboard_for(user=manager, district=district, today=timezone.localdate())
        dates = [e.next_checkin_due for e in data["engagements"]]
        dates += [e.next_step_back_due for e in data["engagements"]]
        dates += [
            a.due for a in data["alerts"] if a.kind.split("-")[0] in ("checkin", "action", "step")
        ]
        dates += list(district.engagements.values_list("action_items__due_date", flat=True))
        dates = [d for d in dates if d]
        assert dates
        assert all(d.weekday() < 5 for d in dates), dates
