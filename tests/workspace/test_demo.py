"""The issue's "done when", on the demo data: provider@demo.test sees Riverside's shared
engagement and never a private check-in note; the district's own pages do show it."""

import pytest
from django.urls import reverse

from engagements.models import CheckIn, Engagement
from engagements.services import calendar_feed_for
from plpg.models import User
from tests.security.test_url_inventory import _urls

pytestmark = pytest.mark.django_db

MARKER = "Private to the district:"


def test_demo_has_a_private_note_on_the_shared_engagement(demo):
    engagement = Engagement.objects.get(shares__user__email="provider@demo.test")
    assert CheckIn.objects.filter(engagements=engagement, private_notes__startswith=MARKER).exists()


def test_no_page_fragment_pdf_or_feed_of_the_provider_shows_a_private_note(client, demo):
    provider = User.objects.get(email="provider@demo.test")
    client.force_login(provider)
    engagement = Engagement.objects.get(shares__user=provider)
    feed = calendar_feed_for(user=provider)
    urls = [url for _route, url in _urls(("public", "signin", "portal", "workspace", "object"))]
    urls.append(reverse("engagements:calendar_feed", args=[feed.token]))
    opened = 0
    for url in urls:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            body = b"".join(response) if response.streaming else response.content
            assert MARKER.encode() not in body, url
            opened += response.status_code == 200
    assert opened > 20
    page = client.get(reverse("workspace:page", args=[engagement.pk])).content.decode()
    assert "Unit 2 internalization reached every school" in page  # a shared note
    for shown in ("Unit 3 launch deck", "Coaching cycle guide", "Substitute shortages"):
        assert shown in page  # materials and issues
    documents = client.get(reverse("workspace:documents", args=[engagement.pk])).content.decode()
    assert "Services agreement" in documents and "Board memo" not in documents

    client.force_login(User.objects.get(email="manager@demo.test"))
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert MARKER in detail  # the marker is real: the district sees it
    pdf = client.get(reverse("engagements:report_pdf", args=[engagement.pk]))
    assert pdf.status_code == 200


def test_demo_dashboard_lists_the_material_awaiting_review_and_the_open_issue(client, demo):
    client.force_login(User.objects.get(email="manager@demo.test"))
    html = client.get(reverse("engagements:dashboard")).content.decode()
    assert "Materials waiting for review" in html and "Unit 4 family letter" in html
    assert "Open field issues" in html and "Substitute shortages cancel coaching cycles" in html
    assert "Unit 2 student workbooks missing" not in html  # resolved


def test_demo_has_two_sessions_reported_by_the_provider(client, demo):
    """Item 8: two sessions marked delivered by provider@demo.test, one confirmed (it
    counts), one awaiting the district (it does not)."""
    from engagements.models import PlanSession
    from engagements.progress import plan_progress
    from engagements.selectors import plan_statuses

    engagement = Engagement.objects.get(shares__user__email="provider@demo.test")
    reported = PlanSession.objects.filter(
        plan_item__engagement=engagement, reported_by__email="provider@demo.test"
    )
    assert sorted(reported.values_list("confirmation", flat=True)) == ["awaiting", "confirmed"]
    confirmed = reported.get(confirmation="confirmed")
    assert confirmed.status == "delivered" and confirmed.sign_in_sheet
    assert confirmed.facilitator and confirmed.attendance
    awaiting = reported.get(confirmation="awaiting")
    assert awaiting.status == "planned"
    before = plan_progress(plan_statuses([engagement.pk])[engagement.pk]).delivered
    client.force_login(User.objects.get(email="manager@demo.test"))
    html = client.get(reverse("workspace:sessions", args=[engagement.pk])).content.decode()
    assert "Confirm delivered" in html and awaiting.facilitator in html
    client.post(
        reverse("workspace:session_confirm", args=[engagement.pk, awaiting.pk]),
        {"version": awaiting.version},
    )
    assert plan_progress(plan_statuses([engagement.pk])[engagement.pk]).delivered == before + 1


def test_demo_coordination_space(client, demo):
    """Item 8: Riverside's coordination space with Northstar and one other partner, a
    coherence meeting's shared notes and a couple of posts; never its private note."""
    from engagements.workspace.models import CoordinationSpace

    space = CoordinationSpace.objects.get(district__slug="riverside-unified-demo")
    partners = {m.engagement.partner.slug for m in space.members.all()}
    assert "northstar-math-collaborative" in partners and len(partners) == 2
    assert space.posts.count() >= 2
    client.force_login(User.objects.get(email="provider@demo.test"))
    assert "K–8 coaching partners" in client.get(reverse("workspace:list")).content.decode()
    html = client.get(reverse("workspace:coordination", args=[space.pk])).content.decode()
    assert "two different lesson-planning templates" in html
    assert "no teacher has two coaches in the same week" in html  # the meeting's shared notes
    assert "Share the K–5 ELA walkthrough trends with Northstar" in html  # the other's to-do
    assert MARKER not in html
