"""Smoke: the demo loads and every main engagements page renders (PostgreSQL and SQLite)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from engagements.models import CalendarFeed, Engagement
from plpg.models import User

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_engagement_pages_render(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    for email in ("manager@demo.test", "leader@demo.test", "other@demo.test"):
        user = User.objects.get(email=email)
        client.force_login(user)
        for name in ("dashboard", "north_star", "coherence", "calendar", "create"):
            assert client.get(reverse(f"engagements:{name}")).status_code == 200, (email, name)
        for engagement in Engagement.objects.for_user(user):
            for name in ("detail", "edit", "checkin_create", "goal_create"):
                url = reverse(f"engagements:{name}", args=[engagement.pk])
                assert client.get(url).status_code == 200, (email, url)
        token = CalendarFeed.objects.get(user=user).token
        client.logout()
        feed = client.get(reverse("engagements:calendar_feed", args=[token]))
        assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.content
    client.force_login(User.objects.get(email="panelist@demo.test"))
    # A panelist has no engagement work: a refusal that says so (403, not a 200).
    assert client.get(reverse("engagements:dashboard")).status_code == 403
