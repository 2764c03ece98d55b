"""The engagement page and the dashboard at size: check-ins a page at a time, reads once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagements.selectors import CHECKINS_PER_PAGE
from engagements.views.dashboard import ALERTS_SHOWN
from plpg.params import PAGE_SIZE
from tests.engagements.conftest import days
from tests.engagements.test_report import pdf_text
from tests.factories import CheckInFactory, EngagementFactory

pytestmark = pytest.mark.django_db


def _checkins(engagement, count, start=0):
    for n in range(start, start + count):
        CheckInFactory(
            district=engagement.district,
            engagements=[engagement],
            date=days(-n - 1),
            progress=f"Meeting number {n}",
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_checkins_come_a_page_at_a_time_newest_first(client, manager, district):
    engagement = EngagementFactory(district=district)
    _checkins(engagement, CHECKINS_PER_PAGE + 5)
    client.force_login(manager)
    url = reverse("engagements:detail", args=[engagement.pk])
    newest_first = list(engagement.checkins.values_list("pk", flat=True))
    first = client.get(url).content.decode()
    shown = [pk for pk in newest_first if f'id="checkin-{pk}"' in first]
    assert shown == newest_first[:CHECKINS_PER_PAGE]
    assert f"1–{CHECKINS_PER_PAGE} of {CHECKINS_PER_PAGE + 5} check-ins" in first
    assert "?checkins=2#checkins" in first
    second = client.get(url, {"checkins": "2"}).content.decode()
    shown = [pk for pk in newest_first if f'id="checkin-{pk}"' in second]
    assert shown == newest_first[CHECKINS_PER_PAGE:]
    # Bad page numbers show a page, never an error.
    for bad in ("0", "999", "x", "-1"):
        assert client.get(url, {"checkins": bad}).status_code == 200


def test_engagement_page_queries_and_work_do_not_grow_with_checkins(client, manager, district):
    engagement = EngagementFactory(district=district)
    _checkins(engagement, 1)
    client.force_login(manager)
    url = reverse("engagements:detail", args=[engagement.pk])
    client.get(url)  # the session's first stamp
    one = _queries(client, url)
    _checkins(engagement, 3 * CHECKINS_PER_PAGE, start=1)
    many = _queries(client, url)
    assert many == one  # the history panel loads on its own (engagements:history)
    html = client.get(url).content.decode()
    assert html.count('class="eng-checkin ') == CHECKINS_PER_PAGE


def test_report_counts_every_checkin_and_shows_the_latest(client, manager, district, tmp_path):
    engagement = EngagementFactory(district=district)
    _checkins(engagement, CHECKINS_PER_PAGE + 3)
    client.force_login(manager)
    response = client.get(reverse("engagements:report_pdf", args=[engagement.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content, tmp_path).split())
    # The summary's figures sit on one line, their labels on the next.
    assert f"0 0/0 {CHECKINS_PER_PAGE + 3} 0 goals sessions delivered meetings logged" in text
    assert f"The latest 10 of {CHECKINS_PER_PAGE + 3} check-ins" in text


def test_dashboard_reads_holidays_once(client, manager, district):
    EngagementFactory(district=district)
    EngagementFactory(district=district)  # two open: the coherence meeting is due too
    client.force_login(manager)
    client.get(reverse("engagements:dashboard"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("engagements:dashboard")).status_code == 200
    holidays = [q for q in captured if '"plpg_holiday"' in q["sql"]]
    memberships = [q for q in captured if q["sql"].startswith('SELECT "plpg_membership"."id"')]
    assert len(holidays) == 1 and len(memberships) == 1


def test_dashboard_shows_the_most_urgent_alerts_and_a_page_of_engagements(
    client, manager, district
):
    count = PAGE_SIZE + 3  # each started 60 days ago and never met: a check-in is overdue
    for n in range(count):
        EngagementFactory(district=district, title=f"Row {n:03}", onboarding=False)
    client.force_login(manager)
    url = reverse("engagements:dashboard")
    first = client.get(url).content.decode()
    assert first.count('data-alert="checkin-overdue"') == ALERTS_SHOWN
    # every overdue check-in and the all-partner coherence meeting (two or more engagements)
    assert f"Show all {count + 1}" in first and f'id="count-checkin-overdue">{count}<' in first
    assert first.count("Row 0") == PAGE_SIZE  # 50 rows, then a link to the next page
    assert f"Engagements 1–{PAGE_SIZE} of {count}" in first and "?page=2" in first
    every = client.get(url, {"alerts": "all"}).content.decode()
    assert every.count('data-alert="checkin-overdue"') == count and "Show all" not in every
    second = client.get(url, {"page": "2", "status": "all"}).content.decode()
    assert second.count("Row 0") == count - PAGE_SIZE and "?page=1&amp;status=all" in second
    for bad in ("0", "x", "999", "-3"):
        assert client.get(url, {"page": bad}).status_code == 200
