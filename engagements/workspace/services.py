"""Writes of the shared workspace. Views parse, call one of these, render."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from engagements.workspace.models import EngagementShare
from partners.models import PartnerStaff
from plpg.email import absolute_url, send_email
from plpg.history import with_reason


def partner_staff_of(engagement):
    """The partner's staff accounts: the only people an engagement may be shared with."""
    return (
        PartnerStaff.objects.filter(partner_id=engagement.partner_id, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )


@transaction.atomic
def share_add(*, engagement, staff_user, user) -> EngagementShare:
    """Share the engagement with one of its partner's staff and tell them by email."""
    if not partner_staff_of(engagement).filter(user=staff_user).exists():
        raise ValidationError(f"{staff_user.email} is not on {engagement.partner.name}'s staff.")
    share = EngagementShare.objects.filter(engagement=engagement, user=staff_user).first()
    created = share is None
    if created:
        share = EngagementShare(engagement=engagement, user=staff_user, shared_by=user)
        with_reason(share, f"Shared with {staff_user.email}")
        share.save()
        # Queued in the same transaction (django-tasks' database backend), so a refused
        # share sends nothing.
        send_email(
            to=staff_user.email,
            template="workspace/email/shared",
            context={
                "engagement": engagement,
                "district": engagement.district,
                "url": absolute_url(reverse("workspace:page", args=[engagement.pk])),
            },
        )
    return share


@transaction.atomic
def share_revoke(*, share, user) -> None:
    """Stop sharing: the person's next request to the workspace is a 404."""
    with_reason(share, f"Stopped sharing with {share.user.email}")
    share.delete()
