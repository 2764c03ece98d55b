"""Access helpers shared by the engagement views."""

from django.shortcuts import redirect
from django.utils import timezone

from engagements.models import Engagement
from engagements.selectors import EDIT_ROLES, READ_ROLES
from plpg.access import get_for_user_or_404, require_role
from plpg.htmx import is_htmx

__all__ = [
    "EDIT_ROLES",
    "READ_ROLES",
    "back_to",
    "child_for",
    "engagement_for",
    "is_htmx",
    "today",
]


def engagement_for(request, pk, *, edit=False) -> Engagement:
    """The engagement if the user's district owns it (else 404) and their role allows (else 403)."""
    engagement = get_for_user_or_404(
        Engagement.objects.select_related("partner", "district", "selection", "cost_band"),
        request.user,
        pk=pk,
    )
    role = require_role(request.user, engagement.district, *(EDIT_ROLES if edit else READ_ROLES))
    engagement.can_edit = role in EDIT_ROLES
    return engagement


def child_for(request, queryset, engagement, pk):
    """A row belonging to the engagement (plan item, goal, …), or 404."""
    return get_for_user_or_404(queryset, request.user, pk=pk, engagement=engagement)


def back_to(engagement, anchor):
    """Redirect to a part of the engagement page (the no-JavaScript answer to a change)."""
    return redirect(f"{engagement.get_absolute_url()}#{anchor}")


def today():
    return timezone.localdate()
