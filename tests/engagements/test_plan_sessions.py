"""Plan rows whose timing and date agree, dated from the contract year, and recurring rows
expanded into dated sessions on working days (#10 item 6): engagements/timing.py (pure) and
the plan's forms, import, session toggles and counts (PostgreSQL)."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from engagements import services
from engagements.models import PlanItem, PlanSession
from engagements.selectors import plan_statuses
from engagements.timing import (
    ContractYear,
    timing_date_problem,
    timing_first_date,
    timing_parse,
    timing_session_dates,
)
from partners.models import PartnerStaff
from plpg import history
from plpg.holidays import school_year_holidays, seed_district_holidays
from tests.access import assert_district_private
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

D = dt.date
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
HTMX = {"HTTP_HX_REQUEST": "true"}
HOLIDAYS = frozenset(day for day, _ in school_year_holidays(2026) + school_year_holidays(2027))
YEAR = ContractYear.of(start=D(2026, 8, 3), end=D(2027, 6, 30), today=D(2026, 12, 1))


# --- what the words say (every timing of the two seed tables, and a few more) ------------


@pytest.mark.parametrize(
    ("text", "months", "recurrence"),
    [
        ("August", (8,), None),
        ("August -", (8,), None),
        ("August - September", (8, 9), None),
        ("September - November", (9, 10, 11), None),
        ("December - February", (12, 1, 2), None),
        ("February - April", (2, 3, 4), None),
        ("May - July", (5, 6, 7), None),
        ("Spring", (3, 4, 5), None),
        ("Q2", (10, 11, 12), None),
        ("Weekly", (), ("every_days", 7)),
        ("Every other week", (), ("every_days", 14)),
        ("Bi-weekly", (), ("every_days", 14)),
        ("Monthly", (), ("every_months", 1)),
        ("Quarterly", (), ("every_months", 3)),
        ("4-6 times per year", (), ("times_per_year", 4)),
        ("Twice a year", (), ("times_per_year", 2)),
        ("Monthly, September - May", (9, 10, 11, 12, 1, 2, 3, 4, 5), ("every_months", 1)),
        ("Mid-year", (), None),
        ("as needed, may vary", (), None),  # "may" is a month only as "May"
    ],
)
def test_timing_words(text, months, recurrence):
    timing = timing_parse(text)
    assert timing.months == months
    assert timing.recurring == bool(recurrence)
    if recurrence:
        assert getattr(timing, recurrence[0]) == recurrence[1]


def test_a_date_must_fall_in_the_timings_months_and_the_contract():
    problem = timing_date_problem(timing_parse("September - November"), D(2027, 1, 5), YEAR)
    assert problem == (
        "The timing says “September - November”, but Jan 5, 2027 is in January. Pick a date "
        "in September to November, or change the timing."
    )
    assert timing_date_problem(timing_parse("December - February"), D(2027, 1, 5), YEAR) == ""
    assert timing_date_problem(timing_parse("Mid-year"), D(2027, 1, 5), YEAR) == ""
    outside = timing_date_problem(timing_parse("September"), D(2027, 9, 6), YEAR)
    assert outside.startswith("Sep 6, 2027 is outside the contract (Aug 3, 2026 – Jun 30, 2027)")
    # Without contract dates only the months are checked.
    school_year = ContractYear.of(today=D(2026, 12, 1))
    assert (school_year.start, school_year.end) == (D(2026, 7, 1), D(2027, 6, 30))
    assert timing_date_problem(timing_parse("September"), D(2030, 9, 6), school_year) == ""


def test_the_contract_year_gives_month_words_their_year():
    first = {
        text: timing_first_date(timing_parse(text), YEAR, HOLIDAYS)
        for text in ("August", "December - February", "May - July", "Spring", "Mid-year")
    }
    assert first == {
        "August": D(2026, 8, 3),  # the contract starts that day
        "December - February": D(2026, 12, 1),
        "May - July": D(2027, 5, 3),  # May 1 and 2, 2027 are a weekend
        "Spring": D(2027, 3, 1),
        "Mid-year": None,
    }
    # "September" in a contract that starts in January is next September.
    year = ContractYear.of(start=D(2027, 1, 4), today=D(2026, 12, 1))
    assert timing_first_date(timing_parse("September"), year, HOLIDAYS) == D(2027, 9, 1)
    # Labor Day 2026 is September 7; September 1, 2026 is a Tuesday: kept.
    assert timing_first_date(timing_parse("September"), YEAR, HOLIDAYS) == D(2026, 9, 1)


def test_sessions_fall_on_working_days_skipping_holidays():
    monthly = timing_session_dates(
        timing_parse("Monthly"), first=D(2026, 10, 1), year=YEAR, holidays=HOLIDAYS, limit=50
    )
    assert monthly == [
        D(2026, 10, 1),
        D(2026, 11, 2),  # Sunday, November 1: not back into October, on to Monday
        D(2026, 12, 1),
        D(2027, 1, 4),  # New Year's Day (Friday), then a weekend: never back into December
        D(2027, 2, 1),
        D(2027, 3, 1),
        D(2027, 4, 1),
        D(2027, 5, 3),  # Saturday, May 1: on to Monday
        D(2027, 6, 1),
    ]
    # Saturday, December 12, 2026: a monthly series on the 12th is held Friday the 11th.
    twelfth = timing_session_dates(
        timing_parse("Monthly"), first=D(2026, 11, 12), year=YEAR, holidays=HOLIDAYS, limit=50
    )
    assert twelfth[:2] == [D(2026, 11, 12), D(2026, 12, 11)]
    weekly = timing_session_dates(
        timing_parse("Weekly"), first=D(2026, 8, 3), year=YEAR, holidays=HOLIDAYS, limit=100
    )
    assert all(day.weekday() < 5 and day not in HOLIDAYS for day in weekly)
    assert D(2027, 1, 18) not in weekly and D(2027, 1, 15) in weekly  # MLK Day: the Friday
    assert len(weekly) == 48
    spread = timing_session_dates(
        timing_parse("4-6 times per year"),
        first=D(2026, 8, 3),
        year=ContractYear.of(start=D(2026, 8, 3), end=D(2027, 8, 2), today=D(2026, 12, 1)),
        holidays=HOLIDAYS,
        limit=50,
    )
    assert spread == [D(2026, 8, 3), D(2026, 11, 2), D(2027, 2, 1), D(2027, 5, 4)]
    capped = timing_session_dates(
        timing_parse("Weekly"), first=D(2026, 8, 3), year=YEAR, holidays=HOLIDAYS, limit=5
    )
    assert len(capped) == 5


# --- in the app (PostgreSQL) ----------------------------------------------------------------


@pytest.fixture
def engagement(district):
    seed_district_holidays(district, today=D(2026, 9, 1))
    return EngagementFactory(
        district=district, contract_start=D(2026, 8, 3), contract_end=D(2027, 6, 30)
    )


def _row(engagement, user, **fields):
    item = PlanItem(engagement=engagement, participants="Coaches", name="Coach PLC", **fields)
    return services.plan_item_save(item=item, user=user)


@pytest.mark.django_db
def test_the_form_refuses_a_date_outside_the_timing_and_says_why(client, manager, engagement):
    item = _row(engagement, manager, timing="September - November")
    assert item.planned_date == D(2026, 9, 1)  # from the timing, in the contract year
    before = (item.version, list(item.sessions.values_list("date", "status")))
    client.force_login(manager)
    url = reverse("engagements:plan_edit", args=[engagement.pk, item.pk])
    data = {
        "timing": "September - November",
        "participants": "Coaches",
        "name": "Coach PLC",
        "planned_date": "2027-01-05",
        "status": "planned",
        "version": item.version,
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 400
    assert "but Jan 5, 2027 is in January. Pick a date in September to November" in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert (item.version, list(item.sessions.values_list("date", "status"))) == before
    assert item.planned_date == D(2026, 9, 1)
    # Outside the contract: refused too; a date that agrees is saved with its session.
    response = client.post(url, {**data, "planned_date": "2027-09-08", "timing": "September"})
    assert response.status_code == 400
    assert "is outside the contract (Aug 3, 2026 – Jun 30, 2027)" in response.content.decode()
    response = client.post(url, {**data, "planned_date": "2026-10-14"}, **HTMX)
    assert response.status_code == 200
    assert list(item.sessions.values_list("date", flat=True)) == [D(2026, 10, 14)]
    # A new row gets the same answer.
    response = client.post(
        reverse("engagements:plan_create", args=[engagement.pk]),
        {**data, "version": ""},
        **HTMX,
    )
    assert response.status_code == 400 and engagement.plan_items.count() == 1


@pytest.mark.django_db
def test_the_service_refuses_what_the_form_refuses(engagement, manager):
    with pytest.raises(services.PlanDateProblem, match="is in January"):
        _row(engagement, manager, timing="August", planned_date=D(2027, 1, 5))
    assert not engagement.plan_items.exists()


@pytest.mark.django_db
def test_the_seed_imports_date_rows_from_the_contract_year(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:plan_import", args=[engagement.pk])
    for seed in ("scope-sequence-leaders-math.txt", "scope-sequence-engagement-im.txt"):
        text = (SEEDS / seed).read_text(encoding="utf-8")
        assert client.post(url, {"text": text}).status_code == 302
    items = list(engagement.plan_items.prefetch_related("sessions"))
    by_timing = {}
    for item in items:
        by_timing.setdefault(item.timing, item)
        timing = timing_parse(item.timing)
        assert not timing_date_problem(timing, item.planned_date, YEAR), item.timing
        assert YEAR.start <= item.planned_date <= YEAR.end, item.timing
        for session in item.sessions.all():
            assert session.date.weekday() < 5 and session.date not in HOLIDAYS
    assert by_timing["August"].planned_date == D(2026, 8, 3)
    assert by_timing["September - November"].planned_date == D(2026, 9, 1)
    assert by_timing["December - February"].planned_date == D(2026, 12, 1)
    assert by_timing["May - July"].planned_date == D(2027, 5, 3)
    assert by_timing["Monthly"].sessions.count() == 11  # August 2026 to June 2027
    assert by_timing["Weekly"].sessions.count() == 48
    assert by_timing["4-6 times per year"].sessions.count() == 4
    # Delivered versus planned counts the sessions: each dated one-off row is one.
    statuses = plan_statuses([engagement.pk])[engagement.pk]
    one_offs = sum(1 for item in items if not item.recurring)
    assert len(statuses) == one_offs + 2 * 11 + 48 + 4


@pytest.mark.django_db
def test_sessions_are_marked_one_by_one_and_the_row_follows(client, manager, engagement):
    item = _row(engagement, manager, timing="Monthly")
    first, second, *rest = list(item.sessions.all())
    client.force_login(manager)
    url = reverse("engagements:plan_session_status", args=[engagement.pk, item.pk, first.pk])
    response = client.post(url, {"status": "delivered", "version": 1}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "plan-changed"
    assert "1 of 11 sessions delivered" in response.content.decode()
    progress = client.get(reverse("engagements:plan_progress", args=[engagement.pk]), **HTMX)
    assert "1</strong> of 11 sessions delivered" in progress.content.decode()
    [latest, *_] = history.object_records(PlanSession, first.pk)
    assert latest.reason == "Session of Aug 3, 2026: delivered" and latest.who == manager
    # A stale tab is refused; bad input is a 400; nothing changes.
    assert client.post(url, {"status": "planned", "version": 1}, **HTMX).status_code == 409
    assert client.post(url, {"status": "lost", "version": 2}, **HTMX).status_code == 400
    assert client.post(url, {"status": "planned"}, **HTMX).status_code == 400
    first.refresh_from_db()
    assert (first.status, first.version) == ("delivered", 2)
    # A session of another row of the same engagement is not this row's: 404.
    other = _row(engagement, manager, timing="August")
    wrong = reverse(
        "engagements:plan_session_status",
        args=[engagement.pk, other.pk, second.pk],
    )
    assert client.post(wrong, {"status": "delivered", "version": 1}).status_code == 404
    # Every session delivered: the row is delivered.
    for session in [second, *rest]:
        services.plan_session_set(session=session, status="delivered", version=1, user=manager)
    item.refresh_from_db()
    assert item.status == "delivered" and item.delivered_on == D(2027, 6, 3)
    # Cancelling the row cancels only what was still planned; "planned" brings them back.
    services.plan_session_set(session=rest[-1], status="planned", version=2, user=manager)
    item.refresh_from_db()
    item.status = "cancelled"
    services.plan_item_save(item=item, user=manager, version=item.version)
    assert list(item.sessions.values_list("status", flat=True)).count("cancelled") == 1
    item.refresh_from_db()
    assert item.status == "delivered"  # ten delivered and the rest cancelled: done
    item.status = "planned"
    services.plan_item_save(item=item, user=manager, version=item.version)
    assert not item.sessions.filter(status="cancelled").exists()


@pytest.mark.django_db
def test_a_changed_timing_keeps_delivered_sessions(engagement, manager):
    item = _row(engagement, manager, timing="Weekly")
    first = item.sessions.first()
    services.plan_session_set(session=first, status="delivered", version=1, user=manager)
    item.refresh_from_db()
    item.timing = "Monthly"
    item.planned_date = D(2026, 8, 10)
    services.plan_item_save(item=item, user=manager, version=item.version)
    dates = list(item.sessions.values_list("date", "status"))
    assert (D(2026, 8, 3), "delivered") in dates  # it took place
    assert len(dates) == 1 + 11


@pytest.mark.django_db
def test_the_session_url_answers_every_role(client, district, engagement, manager, outsider):
    item = _row(engagement, manager, timing="Monthly")
    session = item.sessions.first()
    url = reverse("engagements:plan_session_status", args=[engagement.pk, item.pk, session.pk])
    data = {"status": "delivered", "version": 1}
    assert_district_private(client, url, outsider=outsider, method="post", data=data)
    viewer = MembershipFactory(district=district, role="viewer").user
    panelist = MembershipFactory(district=district, role="interviewer").user
    staff = UserFactory()
    PartnerStaff.objects.create(user=staff, partner=engagement.partner)
    curator = UserFactory(is_staff=True)
    for user, status in ((viewer, 403), (panelist, 403), (staff, 404), (curator, 404)):
        client.force_login(user)
        assert client.post(url, data).status_code == status, user
    assert client.get(url).status_code == 405
    session.refresh_from_db()
    assert session.status == "planned"
    client.force_login(manager)
    response = client.post(url, data)  # without htmx: back to the row on the page
    assert response.status_code == 302 and response["Location"].endswith(f"#plan-item-{item.pk}")
    session.refresh_from_db()
    assert session.status == "delivered"


@pytest.mark.django_db
def test_dashboard_page_and_pdf_count_sessions(client, manager, engagement):
    _row(engagement, manager, timing="Monthly")
    _row(engagement, manager, timing="Mid-year")  # no date: counts once
    client.force_login(manager)
    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "0</strong> of 12 sessions delivered" in page
    assert "11 sessions from Aug 3, 2026" in page
    dashboard = client.get(reverse("engagements:dashboard"))
    [row] = [e for e in dashboard.context["engagements"] if e.pk == engagement.pk]
    assert row.plan.total == 12
    assert PlanSession.objects.filter(plan_item__engagement=engagement).count() == 11
