"""Writes on accounts and teams: invitations, roles, removal, district settings.

Each is an ordinary model write by the acting user, so the district history (plpg.history:
Membership and Invitation are registered) records who and when from the request; the team
page shows the latest to the lead. Refusals raise ``TeamError`` with a message for the person.
"""

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from plpg.email import absolute_url, send_email
from plpg.invitation_targets import invitation_target
from plpg.models import District, Invitation, Membership, User

Role = Membership.Role


class TeamError(Exception):
    """A change refused for a reason the person can act on."""


def invitation_send(invitation: Invitation, token: str) -> None:
    """Email the invitation's link (any kind: a district, or an app's target)."""
    target = invitation_target(invitation)
    send_email(
        to=invitation.email,
        template="plpg/email/invitation",
        context={
            "invitation": invitation,
            "joining": target.name,
            "role": target.role,
            "invited_by": invitation.invited_by,
            "url": absolute_url(reverse("invitation_accept", args=[token])),
            "expires_at": invitation.expires_at,
        },
    )


def invitation_create(*, district: District, email: str, role: str, by) -> Invitation:
    """Invite ``email`` to ``district`` as ``role`` and email the link."""
    email = email.strip().lower()
    if role not in Role.values:
        raise TeamError("Choose a role.")
    if Membership.objects.filter(district=district, user__email__iexact=email).exists():
        raise TeamError(f"{email} is already a member of {district}.")
    if Invitation.objects.open().filter(district=district, email__iexact=email).exists():
        raise TeamError(
            f"{email} already has an invitation to {district}: resend it from the list "
            "of pending invitations."
        )
    invitation = Invitation(district=district, email=email, role=role, invited_by=by)
    token = invitation.new_token()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as exc:  # the same invitation sent twice at once
        raise TeamError(f"{email} already has an invitation to {district}.") from exc
    invitation_send(invitation, token)
    return invitation


def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """A new link (the old one stops working), valid for another week."""
    if invitation.status in (Invitation.Status.ACCEPTED, Invitation.Status.REVOKED):
        raise TeamError("This invitation was already accepted or revoked.")
    token = invitation.new_token()
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    invitation_send(invitation, token)
    return invitation


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    if invitation.status in (Invitation.Status.ACCEPTED, Invitation.Status.REVOKED):
        raise TeamError("This invitation was already accepted or revoked.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


class InvitationUnusable(Exception):
    """The link cannot be used: forged, expired, revoked or used (``status`` says which;
    ``invitation`` is the one the link named, None when forged)."""

    def __init__(self, status: str, invitation: Invitation | None = None):
        self.status = status
        self.invitation = invitation
        super().__init__(status)


def invitation_check(token: str) -> Invitation:
    """The pending invitation for a link's token, or InvitationUnusable."""
    invitation = Invitation.objects.select_related("district", "invited_by").for_token(token)
    if invitation is None:
        raise InvitationUnusable("invalid")
    if invitation.status != Invitation.Status.PENDING:
        raise InvitationUnusable(invitation.status, invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user=None, password=None, first_name="", last_name=""):
    """Accept the invitation: for ``user`` (signed in with the invited email), or for a new
    account made here with ``password``. Returns (user, target): the target
    (plpg.invitation_targets) joined — a district, or what an app registered."""
    invitation = invitation_check(token)
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("district", "invited_by")
        .get(pk=invitation.pk)
    )
    if invitation.status != Invitation.Status.PENDING:  # accepted in another tab meanwhile
        raise InvitationUnusable(invitation.status, invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise TeamError("An account with this email exists: sign in to accept.")
        user = User.objects.create_user(
            invitation.email, password, first_name=first_name, last_name=last_name
        )
    elif user.email.lower() != invitation.email.lower():
        raise TeamError("This invitation is for another email address.")
    # The link arrived at this address: it is verified.
    EmailAddress.objects.update_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    target = invitation_target(invitation)
    target.join(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user, target


def _other_leads(membership: Membership) -> bool:
    """Whether the district keeps a lead without this membership (rows locked)."""
    leads = (
        Membership.objects.select_for_update()
        .filter(district=membership.district, role=Role.LEAD)
        .exclude(pk=membership.pk)
    )
    return len(leads) > 0


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by) -> Membership:
    if role not in Role.values:
        raise TeamError("Choose a role.")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.LEAD and role != Role.LEAD and not _other_leads(membership):
        raise TeamError(
            f"{membership.user.display_name} is the district's only lead: make someone "
            "else lead first."
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Remove the member: access ends at their next request, and their open sessions end."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.LEAD and not _other_leads(membership):
        raise TeamError(
            f"{membership.user.display_name} is the district's only lead and cannot be "
            "removed: make someone else lead first."
        )
    user = membership.user
    membership.delete()
    user.end_sessions()


@transaction.atomic
def district_start(*, name: str, state: str, lead_email: str, by) -> tuple[District, Invitation]:
    """Staff start a district and invite its first lead."""
    district = District(name=name, state=state)
    district.slug = _unique_slug(name)
    district.save()
    invitation = invitation_create(district=district, email=lead_email, role=Role.LEAD, by=by)
    return district, invitation


def _unique_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:190] or "district"
    slug, n = base, 2
    while District.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
