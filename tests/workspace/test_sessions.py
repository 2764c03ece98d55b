"""Delivered sessions from the partner's side (#13 item 4): the partner reports a planned
session delivered, the district confirms or disputes it, the partner corrects a disputed
report; delivered versus planned counts confirmed sessions only (PostgreSQL)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from engagements import services
from engagements.models import PlanItem, PlanSession
from engagements.progress import plan_progress
from engagements.selectors import plan_statuses
from engagements.workspace import deliveries
from engagements.workspace.deliveries import CONFIRM, DISPUTE, REPORT, DeliveryRefused, step
from engagements.workspace.models import EngagementShare
from plpg.history import object_records, records_under
from tests.access import assert_district_private
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = dt.date
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def row(engagement, manager):
    """A monthly coaching cycle: one session a month from August 2026."""
    engagement.contract_start, engagement.contract_end = D(2026, 8, 3), D(2027, 6, 30)
    engagement.save()
    item = PlanItem(
        engagement=engagement, timing="Monthly", participants="Coaches", name="Coach PLC"
    )
    return services.plan_item_save(item=item, user=manager)


def _url(name, session, *extra):
    return reverse(f"workspace:{name}", args=[session.plan_item.engagement_id, session.pk, *extra])


def _report(client, session, version=None, **extra):
    data = {
        "version": version or session.version,
        "delivered_on": "2026-08-04",
        "facilitator": "Dana Ortiz",
        "attendance": "23",
        **extra,
    }
    return client.post(_url("session_report", session), data)


def _counts(engagement):
    plan = plan_progress(plan_statuses([engagement.pk])[engagement.pk])
    return plan.delivered, plan.total


# --- the state machine (pure) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "confirmation", "action", "reason", "after"),
    [
        ("planned", "none", REPORT, "", "awaiting"),
        ("planned", "awaiting", REPORT, "", "awaiting"),  # a correction before the decision
        ("planned", "disputed", REPORT, "", "awaiting"),  # corrected and re-submitted
        ("planned", "awaiting", CONFIRM, "", "confirmed"),
        ("planned", "awaiting", DISPUTE, "Only 3 coaches came", "disputed"),
        ("planned", "awaiting", DISPUTE, "  ", DeliveryRefused),  # a reason is needed
        ("planned", "none", CONFIRM, "", DeliveryRefused),  # nothing reported
        ("planned", "disputed", CONFIRM, "", DeliveryRefused),  # waits for the correction
        ("planned", "none", DISPUTE, "why", DeliveryRefused),
        ("delivered", "confirmed", REPORT, "", DeliveryRefused),  # confirmed: final
        ("delivered", "confirmed", DISPUTE, "why", DeliveryRefused),
        ("cancelled", "none", REPORT, "", DeliveryRefused),
    ],
)
def test_the_state_machine(status, confirmation, action, reason, after):
    if after is DeliveryRefused:
        with pytest.raises(DeliveryRefused):
            step(status=status, confirmation=confirmation, action=action, reason=reason)
    else:
        assert step(status=status, confirmation=confirmation, action=action, reason=reason) == after


def test_the_database_refuses_delivered_without_confirmation(row):
    """One rule for "delivered": the constraint holds even for a careless .update()."""
    session = row.sessions.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanSession.objects.filter(pk=session.pk).update(status="delivered")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanSession.objects.filter(pk=session.pk).update(confirmation="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanSession.objects.filter(pk=session.pk).update(
            status="cancelled", confirmation="awaiting"
        )


# --- the flow through the pages ------------------------------------------------------------


def test_report_confirm_and_counts_with_emails(
    client, engagement, row, shared_staff, manager, media
):
    first, second, *_ = row.sessions.all()
    total = _counts(engagement)[1]
    mail.outbox.clear()
    client.force_login(shared_staff)
    page = client.get(reverse("workspace:sessions", args=[engagement.pk]))
    assert page.status_code == 200 and "Report delivered" in page.content.decode()
    assert client.get(_url("session_report", first)).status_code == 200
    sheet = SimpleUploadedFile("sign in (Aug).pdf", PDF)
    response = _report(client, first, sign_in_sheet=sheet)
    assert response.status_code == 302, response.content.decode()[:2000]
    first.refresh_from_db()
    assert (first.status, first.confirmation) == ("planned", "awaiting")
    assert (first.delivered_on, first.facilitator, first.attendance) == (
        D(2026, 8, 4),
        "Dana Ortiz",
        23,
    )
    assert first.reported_by == shared_staff and first.sign_in_kind == "pdf"
    assert first.sign_in_sheet.name.startswith(f"sign-in/{engagement.pk}/")
    assert (media / first.sign_in_sheet.name).read_bytes() == PDF
    # A report alone does not count.
    assert _counts(engagement) == (0, total)
    assert [m.to for m in mail.outbox] == [["manager@home.test"]]
    assert "reported delivered by the partner" in mail.outbox[0].subject

    # The district sees it waiting on the engagement page and the sessions page.
    client.force_login(manager)
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "Awaiting confirmation" in detail and "Coach PLC, Aug 3, 2026" in detail
    listing = client.get(reverse("workspace:sessions", args=[engagement.pk])).content.decode()
    assert "Confirm delivered" in listing and "Dana Ortiz" in listing
    response = client.post(_url("session_confirm", first), {"version": first.version})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.confirmation, first.decided_by) == (
        "delivered",
        "confirmed",
        manager,
    )
    assert first.delivered_on == D(2026, 8, 4)  # the reported date is kept
    assert _counts(engagement) == (1, total)
    assert mail.outbox[-1].to == ["staff@partner.test"]
    assert "confirmed delivered" in mail.outbox[-1].subject
    [latest, *_] = object_records(PlanSession, first.pk)
    assert latest.reason == "Session of Aug 3, 2026 confirmed delivered" and latest.who == manager

    # Confirmed is final for the partner: no more reports (409, nothing changes).
    client.force_login(shared_staff)
    assert _report(client, first, attendance="40").status_code == 409
    first.refresh_from_db()
    assert first.attendance == 23

    # The district marking a session delivered itself confirms it, and it counts.
    services.plan_session_set(session=second, status="delivered", version=1, user=manager)
    second.refresh_from_db()
    assert (second.confirmation, second.delivered_on, second.decided_by) == (
        "confirmed",
        second.date,
        manager,
    )
    assert _counts(engagement) == (2, total)
    # Undoing it leaves it planned and no longer confirmed.
    services.plan_session_set(session=second, status="planned", version=2, user=manager)
    second.refresh_from_db()
    assert (second.confirmation, second.delivered_on) == ("none", None)
    assert _counts(engagement) == (1, total)


def test_dispute_correct_and_resubmit(client, engagement, row, shared_staff, manager):
    session = row.sessions.first()
    client.force_login(shared_staff)
    assert _report(client, session, attendance="5").status_code == 302
    session.refresh_from_db()

    client.force_login(manager)
    # A dispute needs a reason: 400, nothing changes.
    response = client.post(_url("session_dispute", session), {"version": session.version})
    assert response.status_code == 400
    assert "Say why you dispute it" in response.content.decode()
    session.refresh_from_db()
    assert session.confirmation == "awaiting"
    mail.outbox.clear()
    reason = "Our sign-in shows 12 coaches, not 5"
    response = client.post(
        _url("session_dispute", session), {"version": session.version, "reason": reason}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.confirmation, session.dispute_reason, session.status) == (
        "disputed",
        reason,
        "planned",
    )
    assert mail.outbox[-1].to == ["staff@partner.test"] and reason in mail.outbox[-1].body
    assert _counts(engagement)[0] == 0
    # Disputes are listed on the engagement page, the workspace page and the sessions page.
    for url in (
        reverse("engagements:detail", args=[engagement.pk]),
        reverse("workspace:page", args=[engagement.pk]),
        reverse("workspace:sessions", args=[engagement.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Disputed" in html and "Our sign-in shows 12 coaches" in html, url
    # A disputed report cannot be confirmed until the partner corrects it (409).
    response = client.post(_url("session_confirm", session), {"version": session.version})
    assert response.status_code == 409

    client.force_login(shared_staff)
    form = client.get(_url("session_report", session)).content.decode()
    assert "disputes this report" in form and "Our sign-in shows 12 coaches" in form
    mail.outbox.clear()
    assert _report(client, session, attendance="12").status_code == 302
    session.refresh_from_db()
    assert (session.confirmation, session.attendance, session.dispute_reason) == (
        "awaiting",
        12,
        "",
    )
    assert "re-submitted" in mail.outbox[-1].subject and mail.outbox[-1].to == ["manager@home.test"]
    client.force_login(manager)
    assert (
        client.post(_url("session_confirm", session), {"version": session.version}).status_code
        == 302
    )
    reasons = [c.reason for c in object_records(PlanSession, session.pk)]
    assert reasons[:4] == [
        "Session of Aug 3, 2026 confirmed delivered",
        "Session of Aug 3, 2026 corrected and re-submitted after the district's dispute",
        f"Session of Aug 3, 2026 disputed: {reason}",
        "Session of Aug 3, 2026 reported delivered by the partner",
    ]


def test_stale_forms_are_refused(client, engagement, row, shared_staff, manager):
    session = row.sessions.first()
    client.force_login(shared_staff)
    assert _report(client, session).status_code == 302
    # The partner's second tab still has version 1: 409, and a fresh form.
    response = _report(client, session, version=1, facilitator="Someone else")
    assert response.status_code == 409
    assert "Someone else changed this" in response.content.decode()
    session.refresh_from_db()
    assert session.facilitator == "Dana Ortiz"
    # The district decides on a page older than a correction: 409, nothing changes.
    stale = session.version
    assert _report(client, session, attendance="30").status_code == 302
    client.force_login(manager)
    for name, data in (("session_confirm", {}), ("session_dispute", {"reason": "No"})):
        response = client.post(_url(name, session), {"version": stale, **data})
        assert response.status_code == 409, name
    session.refresh_from_db()
    assert (session.confirmation, session.attendance) == ("awaiting", 30)
    assert client.post(_url("session_confirm", session), {"version": "x"}).status_code == 400


def test_bad_reports_are_refused_and_nothing_changes(client, engagement, row, shared_staff):
    session = row.sessions.first()
    client.force_login(shared_staff)
    bad = [
        {"delivered_on": "2099-01-01"},  # the future
        {"delivered_on": "not a date"},
        {"attendance": "-3"},
        {"attendance": ""},
        {"facilitator": ""},
        {"sign_in_sheet": SimpleUploadedFile("sheet.pdf", b"MZ not a pdf")},
        {"sign_in_sheet": SimpleUploadedFile("sheet.png", PDF)},  # says png, is not
        {"sign_in_sheet": SimpleUploadedFile("sheet.exe", PDF)},
    ]
    for extra in bad:
        response = _report(client, session, **extra)
        assert response.status_code == 400, extra
    session.refresh_from_db()
    assert (session.confirmation, session.version, session.sign_in_sheet.name) == ("none", 1, "")
    # A photographed sheet is fine.
    sheet = SimpleUploadedFile("sheet.png", PNG)
    assert _report(client, session, sign_in_sheet=sheet).status_code == 302
    session.refresh_from_db()
    assert session.sign_in_kind == "png"
    # A cancelled session takes no report.
    cancelled = row.sessions.all()[1]
    services.plan_session_set(session=cancelled, status="cancelled", version=1, user=None)
    cancelled.refresh_from_db()
    assert _report(client, cancelled).status_code == 409


def test_sign_in_sheet_download_checked_and_recorded(
    client, engagement, row, shared_staff, staff, manager, viewer, other_staff, outsider
):
    session = row.sessions.first()
    client.force_login(shared_staff)
    _report(client, session, sign_in_sheet=SimpleUploadedFile("sheet.pdf", PDF))
    url = _url("session_sheet", session)
    for user in (shared_staff, manager, viewer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert "private, no-store" in response["Cache-Control"]
        assert "attachment" in response["Content-Disposition"]
    downloads = [
        c for c in records_under(engagement) if c.reason.startswith("Downloaded the sign-in sheet")
    ]
    assert {c.who for c in downloads} == {shared_staff, manager, viewer}
    for user in (other_staff, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    # A session without a sheet: 404.
    client.force_login(manager)
    assert client.get(_url("session_sheet", row.sessions.all()[1])).status_code == 404


def test_every_role_on_the_session_urls(
    client, engagement, row, shared_staff, manager, lead, viewer, other_staff, outsider, curator
):
    session = row.sessions.first()
    client.force_login(shared_staff)
    _report(client, session)
    session.refresh_from_db()
    interviewer = UserFactory()
    MembershipFactory(district=engagement.district, user=interviewer, role="interviewer")
    urls = {
        "list": (reverse("workspace:sessions", args=[engagement.pk]), "get", {}),
        "report": (_url("session_report", session), "get", {}),
        "confirm": (_url("session_confirm", session), "post", {"version": 999}),
        "dispute": (_url("session_dispute", session), "post", {"version": 999, "reason": "x"}),
    }
    for name, (url, method, data) in urls.items():
        assert_district_private(client, url, outsider=outsider, method=method, data=data)
        for user in (other_staff, curator):
            client.force_login(user)
            assert getattr(client, method)(url, data).status_code == 404, (name, user)
    # The partner's staff not shared with: 404 everywhere; so after the share is revoked.
    client.force_login(UserFactory())
    for name, (url, method, data) in urls.items():
        assert getattr(client, method)(url, data).status_code == 404, name
    # Reporting is the partner's: a 404 for the district; deciding is the district's editors'.
    client.force_login(manager)
    assert client.get(urls["report"][0]).status_code == 404
    client.force_login(shared_staff)
    assert client.post(urls["confirm"][0], {"version": session.version}).status_code == 404
    assert (
        client.post(urls["dispute"][0], {"version": session.version, "reason": "x"}).status_code
        == 404
    )
    client.force_login(viewer)
    assert client.get(urls["list"][0]).status_code == 200
    page = client.get(urls["list"][0]).content.decode()
    assert "Confirm delivered" not in page
    assert client.post(urls["confirm"][0], {"version": session.version}).status_code == 403
    client.force_login(interviewer)
    assert client.get(urls["list"][0]).status_code == 403
    session.refresh_from_db()
    assert session.confirmation == "awaiting"
    client.force_login(lead)
    assert client.post(urls["confirm"][0], {"version": session.version}).status_code == 302
    EngagementShare.objects.filter(engagement=engagement).delete()
    client.force_login(shared_staff)
    assert client.get(urls["list"][0]).status_code == 404


def test_services_refuse_without_the_views(engagement, row, shared_staff, manager):
    """The rule lives in the services, not only in the pages."""
    session = row.sessions.first()
    with pytest.raises(DeliveryRefused):
        deliveries.delivery_confirm(session=session, user=manager, version=1)
    with pytest.raises(services.StaleVersion):
        deliveries.delivery_report(
            session=session,
            user=shared_staff,
            version=7,
            delivered_on=D(2026, 8, 3),
            facilitator="A",
            attendance=1,
        )
