"""A partner's team: inviting staff by email and removing a colleague.

Invitations are the core's (``plpg.Invitation``: one-time link, 7-day expiry, resend,
revoke, the accept page with sign-up or sign-in). A partner invitation has no district; a
``PartnerInvitation`` row names the partner, and ``invitation_target`` — registered with
``plpg.invitation_targets`` in ``PartnersConfig.ready`` — tells the core that accepting it
makes the user staff of that partner (``partners.curation.staff_add``).

Who may do what lives in ``partners.portal_access``: curators for any partner, partner
staff for their own. A partner always keeps at least one staff member.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from partners.curation import staff_add
from partners.models import Partner, PartnerInvitation, PartnerStaff
from plpg.invitation_targets import InvitationTarget
from plpg.models import Invitation
from plpg.services import TeamError, invitation_send


def staff_invite(*, partner: Partner, email: str, by) -> Invitation:
    """Invite ``email`` to join ``partner``'s staff and email the link."""
    email = email.strip().lower()
    with transaction.atomic():
        # One inviter at a time per partner, so the same address is not invited twice.
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        staff = PartnerStaff.objects.filter(user__email__iexact=email).first()
        if staff and staff.partner_id == partner.pk:
            raise TeamError(f"{email} is already on the team of {partner}.")
        if staff:
            raise TeamError(
                f"{email} cannot be invited: that account already works for another "
                "provider. A PLPG curator can help."
            )
        if (
            PartnerInvitation.objects.open()
            .filter(partner=partner, invitation__email__iexact=email)
            .exists()
        ):
            raise TeamError(
                f"{email} already has an invitation to {partner}: resend it from the list "
                "of pending invitations."
            )
        invitation = Invitation(district=None, role="", email=email, invited_by=by)
        token = invitation.new_token()
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError as exc:  # a token collision: practically never
            raise TeamError("The invitation could not be made; try again.") from exc
        PartnerInvitation.objects.create(invitation=invitation, partner=partner)
    invitation_send(invitation, token)
    return invitation


@transaction.atomic
def staff_remove(*, staff: PartnerStaff, by) -> None:
    """Remove a staff member (their access ends at their next request); never the last."""
    team = list(
        PartnerStaff.objects.select_for_update().filter(partner_id=staff.partner_id).order_by("pk")
    )
    staff = next((s for s in team if s.pk == staff.pk), None)
    if staff is None:  # removed meanwhile
        return
    if len(team) == 1:
        raise TeamError(
            f"{staff.user.display_name} is the only staff member of {staff.partner}: invite a "
            "colleague first, so someone keeps the profile."
        )
    user = staff.user
    staff.delete()
    user.end_sessions()


def invitation_target(invitation: Invitation) -> InvitationTarget | None:
    """The core's invitation target for a partner invitation (None for other kinds)."""
    link = (
        PartnerInvitation.objects.select_related("partner")
        .filter(invitation_id=invitation.pk)
        .first()
    )
    if link is None:
        return None
    partner = link.partner

    def join(user):
        try:
            staff_add(partner=partner, user=user, added_by=invitation.invited_by)
        except ValidationError as exc:
            raise TeamError(" ".join(exc.messages)) from exc

    return InvitationTarget(
        name=partner.name,
        role="partner staff",
        ask="the colleague who invited you, or a PLPG curator,",
        landing=reverse("partners:portal_home"),
        join=join,
    )


def team_of(partner: Partner) -> dict:
    """The team box: staff and open invitations (two queries)."""
    staff = list(partner.staff.select_related("user").order_by("user__email"))
    invitations = list(
        PartnerInvitation.objects.open()
        .filter(partner=partner)
        .select_related("invitation__invited_by")
    )
    return {"staff": staff, "invitations": invitations, "can_remove": len(staff) > 1}
