"""The one way in to a shared workspace, for both sides.

- District side: members of the engagement's district, through the engagements' own rule
  (``engagements.views.common.engagement_for``: another district's engagement is a 404,
  a role that may not read engagements a 403).
- Partner side: a user who is staff of the engagement's partner now
  (``partners.PartnerStaff``) *and* to whom the district shared this engagement
  (``EngagementShare``). Both are read on every request, so revoking a share or removing
  someone from the partner's staff takes effect at once. Anyone else gets a 404.
"""

from dataclasses import dataclass

from django.http import Http404

from engagements.models import Engagement
from engagements.views.common import EDIT_ROLES, engagement_for
from plpg.access import districts_for_user

DISTRICT = "district"
PARTNER = "partner"


def shared_engagements(user):
    """Engagements shared with ``user`` as staff of their partner (none for anyone else)."""
    if not user.is_authenticated:
        return Engagement.objects.none()
    return Engagement.objects.filter(shares__user=user, partner__staff__user=user)


@dataclass
class Seat:
    """Who is looking at a workspace: which side, and what they may do there."""

    engagement: Engagement
    side: str  # DISTRICT or PARTNER
    can_edit: bool = False  # district leads and PL managers

    @property
    def is_partner(self) -> bool:
        return self.side == PARTNER


def seat_for(request, pk, *, sides=(DISTRICT, PARTNER), edit=False) -> Seat:
    """The engagement ``pk`` as ``request.user`` may see it, or 404 (403 for a district role
    that may not read or, with ``edit``, change engagements).

    ``sides`` lists who may use the page at all: a partner-only action is a 404 for the
    district and a district-only one a 404 for the partner, like any URL they cannot reach.
    ``edit`` asks for the district's edit roles (the partner side has no roles).
    """
    user = request.user
    if Engagement.objects.filter(pk=pk, district__in=districts_for_user(user)).exists():
        if DISTRICT not in sides:
            raise Http404("Not found.")
        engagement = engagement_for(request, pk, edit=edit)
        return Seat(engagement, DISTRICT, can_edit=engagement.can_edit)
    if PARTNER in sides:
        engagement = (
            shared_engagements(user).select_related("partner", "district").filter(pk=pk).first()
        )
        if engagement is not None:
            return Seat(engagement, PARTNER)
    raise Http404("Not found.")


__all__ = ["DISTRICT", "EDIT_ROLES", "PARTNER", "Seat", "seat_for", "shared_engagements"]
