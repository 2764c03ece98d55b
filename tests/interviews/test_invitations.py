"""Panelists are told (#10 item 3): an email with an .ics invitation when an interview is
scheduled, changed or cancelled (parsed with icalendar), and the private calendar feed."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from engagements import services as engagement_services
from interviews.models import Interview
from tests.factories import EngagementFactory, ShortlistEntryFactory

pytestmark = pytest.mark.django_db


def _ics(message):
    [attachment] = [a for a in message.attachments if a[0].endswith(".ics")]
    name, content, mimetype = attachment
    assert mimetype.startswith("text/calendar")
    cal = Calendar.from_ical(content)
    [event] = cal.walk("VEVENT")
    return cal, event


def _schedule(client, selection, panel, when="2027-02-03T10:00", **extra):
    entry = ShortlistEntryFactory(selection=selection)
    data = {
        "partner": entry.partner.pk,
        "scheduled_at": when,
        "duration_minutes": "90",
        "location": "Board room B",
        "video_url": "https://meet.example.org/abc",
        "panel": [p.pk for p in panel],
        "kinds": ["general"],
        "guide": selection.guide_id,
        "notes": "Ask about coaching ratios.",
        **extra,
    }
    response = client.post(reverse("interviews:interview_create", args=[selection.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    return Interview.objects.get(selection=selection, partner=entry.partner), data


def test_scheduling_changing_and_cancelling_send_invitations(
    client, selection, lead, panelist, panelist2
):
    client.force_login(lead)
    interview, data = _schedule(client, selection, [panelist, panelist2])
    assert {m.to[0] for m in mail.outbox} == {panelist.email, panelist2.email}
    first = mail.outbox[0]
    assert "Board room B" in first.body and "90 minutes" in first.body
    cal, event = _ics(first)
    assert str(cal["method"]) == "REQUEST"
    uid = str(event["uid"])
    assert uid == f"interview-{interview.pk}@plpg.interviews"
    first_sequence = int(event["sequence"])
    assert event.decoded("dtend") - event.decoded("dtstart") == __import__("datetime").timedelta(
        minutes=90
    )
    assert "Board room B" in str(event["location"])

    # A new time: an updated invitation, same UID, higher SEQUENCE.
    mail.outbox.clear()
    response = client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {**data, "scheduled_at": "2027-02-04T11:00", "guide": interview.guide_id},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(mail.outbox) == 2
    cal, event = _ics(mail.outbox[0])
    assert str(cal["method"]) == "REQUEST" and str(event["uid"]) == uid
    second_sequence = int(event["sequence"])
    assert second_sequence > first_sequence
    assert "changed" in mail.outbox[0].subject.lower()

    # Cancelled: METHOD:CANCEL, same UID, higher SEQUENCE again.
    mail.outbox.clear()
    client.post(reverse("interviews:status", args=[interview.pk]), {"status": "cancelled"})
    assert len(mail.outbox) == 2
    cal, event = _ics(mail.outbox[0])
    assert str(cal["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == uid and int(event["sequence"]) > second_sequence


def test_someone_taken_off_the_panel_gets_a_cancellation(
    client, selection, lead, panelist, panelist2
):
    client.force_login(lead)
    interview, data = _schedule(client, selection, [panelist, panelist2])
    mail.outbox.clear()
    client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {**data, "panel": [panelist.pk], "guide": interview.guide_id},
    )
    assert [m.to[0] for m in mail.outbox] == [panelist2.email]
    cal, _ = _ics(mail.outbox[0])
    assert str(cal["method"]) == "CANCEL"


def test_an_edit_that_changes_nothing_for_the_calendar_sends_nothing(
    client, selection, lead, panelist
):
    client.force_login(lead)
    interview, data = _schedule(client, selection, [panelist])
    mail.outbox.clear()
    client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {**data, "notes": "Also ask about materials.", "guide": interview.guide_id},
    )
    assert mail.outbox == []


def test_the_calendar_feed_has_interviews_and_the_coherence_meeting(
    client, selection, lead, panelist, district
):
    client.force_login(lead)
    interview, _ = _schedule(client, selection, [panelist, lead])
    EngagementFactory(district=district)
    EngagementFactory(district=district)
    feed = engagement_services.calendar_feed_for(user=lead)
    client.logout()
    body = client.get(reverse("engagements:calendar_feed", args=[feed.token])).content
    events = Calendar.from_ical(body).walk("VEVENT")
    uids = {str(e["uid"]) for e in events}
    assert f"interview-{interview.pk}@plpg.interviews" in uids
    assert any(str(e["summary"]).startswith("All-partner coherence meeting") for e in events)
    # A panelist's feed has their interview even without engagements.
    panel_feed = engagement_services.calendar_feed_for(user=panelist)
    body = client.get(reverse("engagements:calendar_feed", args=[panel_feed.token])).content
    assert f"interview-{interview.pk}@plpg.interviews" in body.decode()
