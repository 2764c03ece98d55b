"""Field issues: either side raises and comments, either resolves; severity order on the
pages; escalation of overdue high-severity issues to the lead."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from engagements.workspace.issues import escalations_send
from engagements.workspace.models import FieldIssue, IssueComment
from plpg.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _raise(client, engagement, **extra):
    data = {
        "title": "Coaches skip the debrief",
        "seen": "Three of five coaching cycles had no debrief.",
        "where": "Lincoln MS",
        "severity": "high",
        "owner": "Northstar team lead",
        "due_date": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        **extra,
    }
    return client.post(reverse("workspace:issue_new", args=[engagement.pk]), data)


def test_partner_raises_district_comments_and_resolves(client, engagement, shared_staff, manager):
    engagement.protocol_escalation = "Call the PL manager the same day for safety issues."
    engagement.save()
    client.force_login(shared_staff)
    form = client.get(reverse("workspace:issue_new", args=[engagement.pk])).content.decode()
    assert "Call the PL manager the same day" in form  # the protocol beside the form
    mail.outbox.clear()
    assert _raise(client, engagement).status_code == 302
    issue = FieldIssue.objects.get()
    assert issue.raised_side == "partner" and issue.raised_by == shared_staff
    assert mail.outbox[-1].to == ["manager@home.test"]

    client.force_login(manager)
    url = reverse("workspace:issue_comment", args=[engagement.pk, issue.pk])
    assert client.post(url, {"text": "Let's talk Friday."}).status_code == 302
    assert mail.outbox[-1].to == ["staff@partner.test"]
    assert client.post(url, {"text": ""}).status_code == 400
    resolve = reverse("workspace:issue_resolve", args=[engagement.pk, issue.pk])
    assert client.post(resolve, {"resolution": "Debrief added to the cycle."}).status_code == 302
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.resolved_by == manager
    assert client.post(resolve, {"resolution": "again"}).status_code == 409
    assert client.post(url, {"text": "late"}).status_code == 409
    assert IssueComment.objects.count() == 1

    client.force_login(shared_staff)
    page = client.get(reverse("workspace:issue", args=[engagement.pk, issue.pk])).content.decode()
    assert "Let&#x27;s talk Friday." in page and "Debrief added" in page


def test_bad_issue_input_is_400_and_nothing_saved(client, engagement, shared_staff):
    client.force_login(shared_staff)
    for bad in (
        {"severity": "apocalyptic"},
        {"due_date": "2026-02-30"},
        {"title": ""},
        {"title": "x" * 300},
        {"seen": "y" * 20000},
    ):
        assert _raise(client, engagement, **bad).status_code == 400, bad
    assert not FieldIssue.objects.exists()


def test_who_may_raise(client, engagement, shared_staff, viewer, outsider, other_staff, curator):
    client.force_login(viewer)
    assert _raise(client, engagement).status_code == 403
    for user in (outsider, other_staff, curator):
        client.force_login(user)
        assert _raise(client, engagement).status_code == 404
    assert not FieldIssue.objects.exists()


def test_open_issues_by_severity_on_the_pages_and_dashboard(
    client, engagement, shared_staff, manager
):
    client.force_login(shared_staff)
    _raise(client, engagement, title="Low one", severity="low")
    _raise(client, engagement, title="High one", severity="high")
    _raise(client, engagement, title="Medium one", severity="medium")
    for user, url in (
        (shared_staff, reverse("workspace:page", args=[engagement.pk])),
        (manager, reverse("engagements:detail", args=[engagement.pk])),
        (manager, reverse("engagements:dashboard")),
    ):
        client.force_login(user)
        html = client.get(url).content.decode()
        positions = [html.index(t) for t in ("High one", "Medium one", "Low one")]
        assert positions == sorted(positions), url


def test_escalation_to_the_lead_once_a_week(client, district, engagement, shared_staff, manager):
    lead = MembershipFactory(
        district=district, role=Membership.Role.LEAD, user=UserFactory(email="lead@home.test")
    ).user
    today = timezone.localdate()
    client.force_login(shared_staff)
    _raise(client, engagement, title="Overdue high", due_date=(today - dt.timedelta(days=2)))
    _raise(
        client,
        engagement,
        title="Overdue medium",
        severity="medium",
        due_date=(today - dt.timedelta(days=2)),
    )
    _raise(client, engagement, title="High, not due", due_date=(today + dt.timedelta(days=20)))
    mail.outbox.clear()
    assert escalations_send(today=today) == [(lead.email, "Overdue high")]
    [message] = mail.outbox
    assert message.to == [lead.email] and "Overdue high" in message.subject
    assert escalations_send(today=today + dt.timedelta(days=3)) == []  # not again this week
    assert len(escalations_send(today=today + dt.timedelta(days=8))) == 1
    # The daily reminders command covers it.
    FieldIssue.objects.update(escalated_on=None)
    mail.outbox.clear()
    call_command("send_engagement_reminders")
    assert any("Escalation" in m.subject and m.to == [lead.email] for m in mail.outbox)
