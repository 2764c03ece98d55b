"""The one way in to portal and curation objects.

Partner staff reach only their own partner's drafts and claims; curators reach every
partner's; anyone else gets a 404 that says nothing about what exists.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.models import Claim, Partner, PartnerInvitation, PartnerStaff, ProfileDraft
from plpg.access import is_curator


def staff_partner(user) -> Partner | None:
    """The partner the user works for, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_staff_partner"):
        staff = PartnerStaff.objects.select_related("partner").filter(user=user).first()
        user._staff_partner = staff.partner if staff else None
    return user._staff_partner


def drafts_for_user(user):
    """Drafts the user may see: all for curators, their partner's for partner staff."""
    if is_curator(user):
        return ProfileDraft.objects.all()
    partner = staff_partner(user)
    return ProfileDraft.objects.filter(partner=partner) if partner else ProfileDraft.objects.none()


def claims_for_user(user):
    if is_curator(user):
        return Claim.objects.all()
    partner = staff_partner(user)
    return Claim.objects.filter(partner=partner) if partner else Claim.objects.none()


def draft_for_user_or_404(user, pk) -> ProfileDraft:
    return get_object_or_404(drafts_for_user(user).select_related("partner"), pk=pk)


def claim_for_user_or_404(user, pk) -> Claim:
    return get_object_or_404(
        claims_for_user(user).select_related("partner", "curriculum", "phase", "specialty"), pk=pk
    )


def curator_required(view):
    """Sign-in first; then curators only (404 for everyone else)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_curator(request.user):
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return wrapped


def partner_staff_required(view):
    """Sign-in first; then partner staff only (404 for everyone else); sets request.partner."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        partner = staff_partner(request.user)
        if partner is None:
            raise Http404("Not found.")
        request.partner = partner
        return view(request, *args, **kwargs)

    return wrapped


def _team_partners(user):
    if is_curator(user):
        return Partner.objects.all()
    partner = staff_partner(user)
    return Partner.objects.filter(pk=partner.pk) if partner else Partner.objects.none()


def staff_for_user_or_404(user, pk) -> PartnerStaff:
    """A staff member of a team the user manages."""
    return get_object_or_404(
        PartnerStaff.objects.filter(partner__in=_team_partners(user)).select_related(
            "user", "partner"
        ),
        pk=pk,
    )


def partner_invitation_for_user_or_404(user, pk) -> PartnerInvitation:
    """A staff invitation of a team the user manages."""
    return get_object_or_404(
        PartnerInvitation.objects.filter(partner__in=_team_partners(user)).select_related(
            "invitation", "partner"
        ),
        pk=pk,
    )
