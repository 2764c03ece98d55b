"""Delivered sessions from the partner's side: the partner reports a planned session
delivered, the district confirms or disputes it, the partner corrects a disputed report.

The data live on the session itself (``engagements.PlanSession``: ``confirmation``,
``delivered_on``, ``facilitator``, ``attendance``, the sign-in sheet, who reported and who
decided). Delivered versus planned counts sessions whose ``status`` is delivered, and a
session is delivered only when confirmed (a database constraint says so), so a report
counts once the district confirms it. Confirming goes through the same write as the
district's own "Delivered" button (``engagements.services.plan_session_set``).

States (``step``, pure): none | disputed | awaiting --report--> awaiting;
awaiting --confirm--> confirmed (status delivered); awaiting --dispute--> disputed.
A confirmed or cancelled session takes no report.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from engagements.models import PlanSession
from engagements.services import StaleVersion, plan_session_set
from engagements.workspace.issues import district_emails, partner_emails
from partners.uploads import safe_display_name, storage_name, upload_validate
from plpg import formats, history
from plpg.email import absolute_url, send_email
from plpg.history import with_reason

SHEET_KINDS = ("pdf", "jpg", "jpeg", "png")

Confirmation = PlanSession.Confirmation
Status = PlanSession.Status

REPORT, CONFIRM, DISPUTE = "report", "confirm", "dispute"


class DeliveryRefused(Exception):
    """This step is not possible from the session's state (the message says why)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def step(*, status: str, confirmation: str, action: str, reason: str = "") -> str:
    """The confirmation state after ``action`` (report, confirm, dispute), or DeliveryRefused."""
    if status == Status.CANCELLED:
        raise DeliveryRefused("This session was cancelled.")
    if status == Status.DELIVERED or confirmation == Confirmation.CONFIRMED:
        raise DeliveryRefused("This session is already confirmed delivered.")
    if action == REPORT:
        return Confirmation.AWAITING
    if confirmation != Confirmation.AWAITING:
        raise DeliveryRefused(
            "Only a session the partner reported delivered can be confirmed or disputed."
        )
    if action == CONFIRM:
        return Confirmation.CONFIRMED
    if action == DISPUTE:
        if not reason.strip():
            raise DeliveryRefused("Say why you dispute it, so the partner can correct it.")
        return Confirmation.DISPUTED
    raise DeliveryRefused(f"Unknown step: {action}.")


def sheet_validate(upload) -> str:
    """The sign-in sheet's kind, or ValidationError (name, size, content checked)."""
    return upload_validate(upload, kinds=SHEET_KINDS, max_bytes=settings.MATERIAL_MAX_BYTES)


def _locked(session) -> PlanSession:
    return (
        PlanSession.objects.select_for_update(of=("self",))
        .select_related("plan_item__engagement__district", "plan_item__engagement__partner")
        .get(pk=session.pk)
    )


def _tell(session, *, to, what: str) -> None:
    engagement = session.plan_item.engagement
    send_email(
        to=to,
        template="workspace/email/session",
        context={
            "session": session,
            "engagement": engagement,
            "what": what,
            "url": absolute_url(reverse("workspace:sessions", args=[engagement.pk]))
            + f"#session-{session.pk}",
        },
    )


@transaction.atomic
def delivery_report(
    *,
    session,
    user,
    version: int,
    delivered_on: dt.date,
    facilitator: str,
    attendance: int,
    upload=None,
) -> PlanSession:
    """The partner reports the session delivered (or corrects its report); the district's
    leads and PL managers are asked to confirm it by email."""
    session = _locked(session)
    if session.version != version:
        raise StaleVersion()
    was = session.confirmation
    session.confirmation = step(status=session.status, confirmation=was, action=REPORT)
    if upload is not None:
        kind = sheet_validate(upload)
        session.sign_in_kind = kind
        session.sign_in_filename = safe_display_name(upload.name, default=f"sign-in.{kind}")
        engagement_id = session.plan_item.engagement_id
        session.sign_in_sheet.save(
            storage_name(owner_id=engagement_id, kind=kind), upload, save=False
        )
    session.delivered_on = delivered_on
    session.facilitator = facilitator.strip()
    session.attendance = attendance
    session.reported_by, session.reported_at = user, timezone.now()
    session.decided_by, session.decided_at, session.dispute_reason = None, None, ""
    session.version += 1
    what = {
        Confirmation.DISPUTED: "corrected and re-submitted after the district's dispute",
        Confirmation.AWAITING: "corrected by the partner",
    }.get(was, "reported delivered by the partner")
    with_reason(session, f"Session of {formats.day(session.date)} {what}")
    session.save()
    _tell(session, to=district_emails(session.plan_item.engagement), what=what)
    return session


@transaction.atomic
def delivery_confirm(*, session, user, version: int) -> PlanSession:
    """The district confirms the partner's report: the session is delivered (and counts)."""
    current = _locked(session)
    step(status=current.status, confirmation=current.confirmation, action=CONFIRM)
    session = plan_session_set(
        session=current,
        status=Status.DELIVERED,
        version=version,
        user=user,
        reason=f"Session of {formats.day(current.date)} confirmed delivered",
    )
    # The engagement, its district and partner were read (and locked) with current.
    session.plan_item.engagement = current.plan_item.engagement
    _tell(session, to=partner_emails(session.plan_item.engagement), what="confirmed delivered")
    return session


@transaction.atomic
def delivery_dispute(*, session, user, version: int, reason: str) -> PlanSession:
    """The district disputes the report, saying why; the partner may correct it."""
    session = _locked(session)
    if session.version != version:
        raise StaleVersion()
    session.confirmation = step(
        status=session.status,
        confirmation=session.confirmation,
        action=DISPUTE,
        reason=reason,
    )
    session.dispute_reason = reason.strip()
    session.decided_by, session.decided_at = user, timezone.now()
    session.version += 1
    with_reason(
        session, f"Session of {formats.day(session.date)} disputed: {session.dispute_reason}"
    )
    session.save()
    _tell(session, to=partner_emails(session.plan_item.engagement), what="disputed by the district")
    return session


def sheet_downloaded(*, session, user) -> None:
    """Record a download of the sign-in sheet in the engagement's history."""
    history.note(
        session, reason=f"Downloaded the sign-in sheet {session.sign_in_filename}", user=user
    )
