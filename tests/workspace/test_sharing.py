"""Sharing an engagement with the partner's staff: who sees what, and revoking at once."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagements.models import CheckIn, PlanSession
from engagements.workspace.models import EngagementShare
from partners.models import PartnerStaff
from plpg.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.workspace.conftest import PRIVATE, SHARED

pytestmark = pytest.mark.django_db


def _page(engagement):
    return reverse("workspace:page", args=[engagement.pk])


def test_manager_shares_and_the_partner_sees_only_what_is_shared(
    client, manager, engagement, staff
):
    client.force_login(staff)
    assert client.get(_page(engagement)).status_code == 404

    client.force_login(manager)
    response = client.post(reverse("workspace:share_add", args=[engagement.pk]), {"user": staff.pk})
    assert response.status_code == 302
    assert EngagementShare.objects.filter(engagement=engagement, user=staff).exists()
    [message] = mail.outbox
    assert message.to == ["staff@partner.test"] and _page(engagement) in message.body

    client.force_login(staff)
    html = client.get(_page(engagement)).content.decode()
    assert SHARED in html and "Send pacing" in html and "Lesson structure" in html
    assert "Launch institute" in html
    assert PRIVATE not in html
    listing = client.get(reverse("workspace:list")).content.decode()
    assert engagement.title in listing


def test_revoking_takes_effect_at_the_next_request(client, manager, engagement, shared_staff):
    client.force_login(shared_staff)
    assert client.get(_page(engagement)).status_code == 200
    share = EngagementShare.objects.get(engagement=engagement, user=shared_staff)
    client.force_login(manager)
    url = reverse("workspace:share_revoke", args=[engagement.pk, share.pk])
    assert client.post(url).status_code == 302
    client.force_login(shared_staff)
    assert client.get(_page(engagement)).status_code == 404
    assert engagement.title not in client.get(reverse("workspace:list")).content.decode()


def test_leaving_the_partner_ends_access_even_with_a_share(client, engagement, shared_staff):
    PartnerStaff.objects.filter(user=shared_staff).delete()
    client.force_login(shared_staff)
    assert client.get(_page(engagement)).status_code == 404


def test_only_the_partners_staff_can_be_chosen(client, manager, engagement, other_staff):
    client.force_login(manager)
    url = reverse("workspace:share_add", args=[engagement.pk])
    for data in ({"user": other_staff.pk}, {"user": manager.pk}, {"user": "x"}, {}):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert "staff" in response.content.decode()
    assert not EngagementShare.objects.exists()
    assert not mail.outbox


def _urls(engagement, share):
    return {
        "page": _page(engagement),
        "sessions": reverse("workspace:sessions", args=[engagement.pk]),
        "sharing": reverse("workspace:sharing", args=[engagement.pk]),
        "add": reverse("workspace:share_add", args=[engagement.pk]),
        "revoke": reverse("workspace:share_revoke", args=[engagement.pk, share.pk]),
    }


def test_every_role_gets_the_right_answer(
    client, district, engagement, shared_staff, other_staff, outsider, curator, viewer, panelist
):
    share = EngagementShare.objects.get(user=shared_staff)
    urls = _urls(engagement, share)
    unshared = UserFactory(email="colleague@partner.test")
    PartnerStaff.objects.create(user=unshared, partner=engagement.partner)
    posts = ("add", "revoke")
    # (user, {url: expected GET or POST status})
    expected = [
        (outsider, dict.fromkeys(urls, 404)),
        (curator, dict.fromkeys(urls, 404)),
        (other_staff, dict.fromkeys(urls, 404)),
        (unshared, dict.fromkeys(urls, 404)),
        (shared_staff, {"page": 200, "sessions": 200, "sharing": 404, "add": 404, "revoke": 404}),
        (viewer, {"page": 200, "sessions": 200, "sharing": 200, "add": 403, "revoke": 403}),
        (panelist, dict.fromkeys(urls, 403)),  # interviewers do not work on engagements
    ]
    for user, answers in expected:
        client.force_login(user)
        for name, status in answers.items():
            send = client.post if name in posts else client.get
            got = send(urls[name], {"user": shared_staff.pk}).status_code
            assert got == status, f"{user.email} {name}: {got}, expected {status}"
    assert EngagementShare.objects.filter(pk=share.pk).exists()
    client.logout()
    for name, url in urls.items():
        response = (client.post if name in posts else client.get)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_lead_sees_the_sharing_page_and_preview(client, district, engagement, shared_staff):
    lead = MembershipFactory(district=district, role=Membership.Role.LEAD).user
    client.force_login(lead)
    html = client.get(reverse("workspace:sharing", args=[engagement.pk])).content.decode()
    assert "staff@partner.test" in html and "Stop sharing" in html
    preview = client.get(_page(engagement)).content.decode()
    assert "This is what" in preview and PRIVATE not in preview
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert PRIVATE in detail  # the district's own page shows its private notes


def test_private_notes_reach_no_partner_output(client, engagement, shared_staff):
    """Every page, fragment, PDF and feed the partner can open, searched for the marker."""
    from engagements.services import calendar_feed_for

    client.force_login(shared_staff)
    feed = calendar_feed_for(user=shared_staff)
    session = PlanSession.objects.create(
        plan_item=engagement.plan_items.first(), date=dt.date(2026, 9, 1)
    )
    reachable = [
        _page(engagement),
        reverse("workspace:sessions", args=[engagement.pk]),
        reverse("workspace:session_report", args=[engagement.pk, session.pk]),
        reverse("workspace:list"),
        reverse("partners:portal_home"),
        reverse("engagements:calendar_feed", args=[feed.token]),
    ]
    for url in reachable:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            body = b"".join(response) if response.streaming else response.content
            assert PRIVATE.encode() not in body, url
    checkin = CheckIn.objects.filter(engagements=engagement).first()
    for url in (
        reverse("engagements:detail", args=[engagement.pk]),
        reverse("engagements:report_pdf", args=[engagement.pk]),
        reverse("engagements:checkin_edit", args=[engagement.pk, checkin.pk]),
        reverse("workspace:sharing", args=[engagement.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_check_in_form_saves_shared_and_private_notes(client, manager, engagement, shared_staff):
    client.force_login(manager)
    response = client.post(
        reverse("engagements:checkin_create", args=[engagement.pk]),
        {
            "kind": "regular",
            "date": timezone.localdate().isoformat(),
            "duration_minutes": "45",
            "shared_notes": "Both sides agreed the unit 4 dates.",
            "private_notes": f"{PRIVATE}: renegotiate in spring",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    checkin = CheckIn.objects.get(shared_notes="Both sides agreed the unit 4 dates.")
    assert checkin.private_notes.startswith(PRIVATE)
    client.force_login(shared_staff)
    html = client.get(_page(engagement)).content.decode()
    assert "unit 4 dates" in html and PRIVATE not in html


def test_partner_page_queries_are_bounded(
    client, engagement, shared_staff, django_assert_max_num_queries
):
    client.force_login(shared_staff)
    with django_assert_max_num_queries(15):  # + the plan rows' sessions
        assert client.get(_page(engagement)).status_code == 200


def test_a_trashed_engagement_leaves_the_workspace_at_once(
    client, manager, engagement, shared_staff
):
    from engagements.workspace.models import FieldIssue
    from plpg.trash import trash_move

    FieldIssue.objects.create(
        engagement=engagement,
        title="Trashed with it",
        seen="x",
        severity="high",
        owner="x",
        due_date=timezone.localdate(),
        raised_side="district",
    )
    trash_move(obj=engagement, user=manager)
    client.force_login(shared_staff)
    assert client.get(_page(engagement)).status_code == 404
    assert engagement.title not in client.get(reverse("workspace:list")).content.decode()
    client.force_login(manager)
    assert "Trashed with it" not in client.get(reverse("engagements:dashboard")).content.decode()
