"""A partner's team, from the portal (its staff) and the curator's partner page: invite by
email, resend or revoke an invitation, remove a colleague (never the last one). Who may act
on which team: partners.portal_access (404 for everyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from partners import team
from partners.forms_portal import StaffInviteForm
from partners.models import Partner
from partners.portal_access import (
    curator_required,
    partner_invitation_for_user_or_404,
    partner_staff_required,
    staff_for_user_or_404,
    staff_partner,
)
from plpg import services
from plpg.services import TeamError


def _back(request, partner) -> str:
    """The page the team box was on: the portal for the partner's staff, else curation."""
    if staff_partner(request.user) == partner:
        return reverse("partners:portal_home") + "#team"
    return reverse("partners:curation_partner", args=[partner.pk]) + "#team"


def _refused(request, partner, message, status):
    return render(
        request,
        "plpg/team_refused.html",
        {"message": message, "back_url": _back(request, partner), "back_label": "Back to the team"},
        status=status,
    )


def _invite(request, partner):
    form = StaffInviteForm(request.POST)
    if not form.is_valid():
        return _refused(request, partner, "Enter the email address of the person to invite.", 400)
    try:
        invitation = team.staff_invite(
            partner=partner, email=form.cleaned_data["email"], by=request.user
        )
    except TeamError as error:
        return _refused(request, partner, str(error), 409)
    messages.success(
        request,
        f"Invitation sent to {invitation.email}. The link works for 7 days; they join "
        f"{partner} when they accept.",
    )
    return redirect(_back(request, partner))


@partner_staff_required
@require_POST
def portal_invite(request):
    """Partner staff invite a colleague to their own partner."""
    return _invite(request, request.partner)


@curator_required
@require_POST
def curation_invite(request, pk):
    """A curator invites a provider's staff to that partner."""
    return _invite(request, get_object_or_404(Partner, pk=pk))


@login_required
@require_POST
def invitation_resend(request, pk):
    link = partner_invitation_for_user_or_404(request.user, pk)
    try:
        services.invitation_resend(invitation=link.invitation, by=request.user)
    except TeamError as error:
        return _refused(request, link.partner, str(error), 409)
    messages.success(
        request, f"A new link was sent to {link.invitation.email}; the old one no longer works."
    )
    return redirect(_back(request, link.partner))


@login_required
@require_POST
def invitation_revoke(request, pk):
    link = partner_invitation_for_user_or_404(request.user, pk)
    try:
        services.invitation_revoke(invitation=link.invitation, by=request.user)
    except TeamError as error:
        return _refused(request, link.partner, str(error), 409)
    messages.success(request, f"The invitation of {link.invitation.email} was revoked.")
    return redirect(_back(request, link.partner))


@login_required
@require_POST
def staff_remove(request, pk):
    staff = staff_for_user_or_404(request.user, pk)
    back = _back(request, staff.partner)
    try:
        team.staff_remove(staff=staff, by=request.user)
    except TeamError as error:
        return _refused(request, staff.partner, str(error), 409)
    if staff.user_id == request.user.pk:  # left the team: signed out with their sessions
        return redirect("home")
    messages.success(request, f"{staff.user.display_name} was removed from {staff.partner}.")
    return redirect(back)
