"""What accepting an invitation makes of the invitee.

An invitation (``plpg.models.Invitation``) names a district and a role, or — with no
district — a target that another app owns, such as a partner organisation's staff
(``partners.team``). The core never imports those apps: an app registers a resolver at
start-up (``AppConfig.ready``) that recognises its invitations. The link, the expiry, the
email, the accept page and the sign-up / sign-in flow are the core's, for every kind.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from plpg.models import Invitation, Membership


@dataclass(frozen=True)
class InvitationTarget:
    """What the invitee joins and how.

    ``join(user)`` makes the user part of it (inside the accept transaction) and raises
    ``plpg.services.TeamError`` with a sentence when it cannot."""

    name: str  # what the invitee joins: "Riverside Unified", "Northstar Math Collaborative"
    role: str  # what they become there, lower case: "interview panelist", "partner staff"
    ask: str  # who can send a new link: "your district lead"
    landing: str  # where the invitee lands after accepting
    join: Callable


Resolver = Callable[[Invitation], InvitationTarget | None]
_resolvers: list[Resolver] = []


def register(resolver: Resolver) -> Resolver:
    """Add an app's resolver: it returns the target of the invitations it owns, else None."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)
    return resolver


def invitation_target(invitation: Invitation) -> InvitationTarget:
    """The target of ``invitation``: its district, or what a registered app says."""
    if invitation.district_id:
        return _district_target(invitation)
    for resolver in _resolvers:
        target = resolver(invitation)
        if target is not None:
            return target
    raise LookupError(f"No app knows invitation {invitation.pk}.")


def _district_target(invitation: Invitation) -> InvitationTarget:
    district = invitation.district

    def join(user):
        Membership.objects.get_or_create(
            user=user, district=district, defaults={"role": invitation.role}
        )

    return InvitationTarget(
        name=district.name,
        role=invitation.get_role_display().lower(),
        ask="your district lead",
        landing=reverse("home"),
        join=join,
    )
