import pytest
from django.urls import reverse
from icalendar import Calendar

from engagements import services
from engagements.cadence import add_months
from engagements.models import CalendarFeed, PlanItem
from tests.engagements.conftest import days
from tests.factories import ActionItemFactory, EngagementFactory

pytestmark = pytest.mark.django_db


def feed_url(client, user):
    client.force_login(user)
    response = client.get(reverse("engagements:calendar"))
    assert response.status_code == 200
    token = CalendarFeed.objects.get(user=user).token
    assert token in response.content.decode()
    client.logout()
    return reverse("engagements:calendar_feed", args=[token])


def events(response):
    cal = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_feed_parses_and_has_the_next_due_checkin(client, manager, engagement):
    # Plan rows reach the feed as their dated sessions (written as the plan page writes them).
    for name, timing, day in [
        ("Instructional rounds", "Next visit", days(15)),
        ("Unscheduled", "Later", None),
    ]:
        item = PlanItem(engagement=engagement, timing=timing, participants="All", name=name)
        item.planned_date = day
        services.plan_item_save(item=item, user=manager)
    ActionItemFactory(engagement=engagement, description="Send the agenda", due_date=days(3))
    url = feed_url(client, manager)
    response = client.get(url)  # no session: the token is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    checkin = found[f"engagement-{engagement.pk}-checkin@plpg.engagements"]
    assert checkin.decoded("dtstart") == add_months(days(-45), 1)
    assert "OVERDUE" in str(checkin["summary"])
    summaries = [str(e["summary"]) for e in found.values()]
    assert any("Instructional rounds" in s for s in summaries)
    assert not any("Unscheduled" in s for s in summaries)
    assert any("Send the agenda" in s for s in summaries)
    assert f"engagement-{engagement.pk}-step-back@plpg.engagements" in found


def test_feed_has_only_the_users_districts(client, manager, engagement, other_district):
    foreign = EngagementFactory(district=other_district)
    found = events(client.get(feed_url(client, manager)))
    assert not [uid for uid in found if f"engagement-{foreign.pk}-" in uid]


def test_wrong_or_revoked_token_is_404(client, manager, engagement):
    url = feed_url(client, manager)
    assert client.get(url.replace(".ics", "x.ics")).status_code == 404
    assert client.get(reverse("engagements:calendar_feed", args=["nope"])).status_code == 404
    client.force_login(manager)
    assert client.post(reverse("engagements:calendar_revoke")).status_code == 302
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(feed_url(client, manager)).status_code == 200


def test_interviewer_feed_is_empty(client, panelist, engagement):
    found = events(client.get(feed_url(client, panelist)))
    assert found == {}
