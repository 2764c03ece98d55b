"""Team, district settings, invitations and the staff page that starts a district.

Who may do what:
- ``/district/team/``: every member sees who is on the team and their role (read-only);
  only leads see emails, last sign-in and pending invitations, and only leads invite,
  change roles, remove members, resend and revoke invitations (403 for others).
- ``/district/settings/``: leads only (403 for other roles).
- ``/invitations/<token>/``: anyone with the link; 404 for a token that names no
  invitation, 410 for one expired, revoked or used, 403 when signed in as someone else.
  The same page accepts every kind of invitation (plpg.invitation_targets).
- ``/staff/districts/new/``: superusers (platform operators) only; 403 for curators.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plpg import history, services
from plpg.access import districts_for_user, require_role
from plpg.forms import (
    AcceptInvitationForm,
    DistrictSettingsForm,
    InviteForm,
    RoleForm,
    StartDistrictForm,
)
from plpg.invitation_targets import invitation_target
from plpg.middleware import SESSION_KEY
from plpg.models import Invitation, Membership

Role = Membership.Role
ROLE_ORDER = Case(
    *[When(role=value, then=n) for n, value in enumerate(Role.values)],
    output_field=IntegerField(),
)

# The lead sees the team's latest changes under the lists; the activity page has them all.
TEAM_CHANGES_SHOWN = 10


def _active_district_or_page(request):
    membership = request.membership
    if not membership:
        return None, render(request, "plpg/no_district.html", status=200)
    return membership, None


def _team_context(request, membership, invite_form=None):
    district = membership.district
    is_lead = membership.role == Role.LEAD
    members = (
        Membership.objects.filter(district=district)
        .select_related("user")
        .order_by(ROLE_ORDER, "user__last_name", "user__first_name", "user__email")
    )
    context = {
        "district": district,
        "is_lead": is_lead,
        "members": members,
        "roles": Role.choices,
        "lead_count": sum(1 for m in members if m.role == Role.LEAD),
    }
    if is_lead:
        context["invite_form"] = invite_form or InviteForm()
        context["invitations"] = Invitation.objects.open().filter(district=district)
        # Who joined, changed role, left, was invited or revoked: the team's own history.
        context["team_changes"] = history.district_records(
            district, limit=TEAM_CHANGES_SHOWN, models_only=[Membership, Invitation]
        )
    return context


@login_required
@require_http_methods(["GET", "HEAD"])
def team(request):
    membership, page = _active_district_or_page(request)
    if page:
        return page
    return render(request, "plpg/team.html", _team_context(request, membership))


@login_required
@require_POST
def team_invite(request):
    membership, page = _active_district_or_page(request)
    if page:
        return page
    require_role(request.user, membership.district, Role.LEAD)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                district=membership.district,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except services.TeamError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email} as {invitation.get_role_display()}. "
                "The link works once, for 7 days.",
            )
            return redirect("team")
    context = _team_context(request, membership, invite_form=form)
    return render(request, "plpg/team.html", context, status=400)


def _member(request, pk) -> Membership:
    """A membership of one of the user's districts (404 otherwise), the user a lead of it."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "district").filter(
            district__in=districts_for_user(request.user)
        ),
        pk=pk,
    )
    require_role(request.user, membership.district, Role.LEAD)
    return membership


def _error_page(request, error, status, back=None):
    """Nothing changed, and why; ``back`` = (url, label) when not the team page."""
    context = {"message": str(error)}
    if back:
        context["back_url"], context["back_label"] = back
    return render(request, "plpg/team_refused.html", context, status=status)


@login_required
@require_POST
def team_role(request, pk):
    member = _member(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _error_page(request, "Choose one of the roles.", 400)
    try:
        services.membership_set_role(
            membership=member, role=form.cleaned_data["role"], by=request.user
        )
    except services.TeamError as error:
        return _error_page(request, error, 409)
    messages.success(
        request,
        f"{member.user.display_name} is now {Role(form.cleaned_data['role']).label.lower()}.",
    )
    return redirect("team")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_remove(request, pk):
    member = _member(request, pk)
    if request.method != "POST":
        return render(request, "plpg/team_remove.html", {"member": member})
    try:
        services.membership_remove(membership=member, by=request.user)
    except services.TeamError as error:
        return _error_page(request, error, 409)
    messages.success(request, f"{member.user.display_name} was removed from {member.district}.")
    if member.user_id == request.user.pk:
        return redirect("home")
    return redirect("team")


def _invitation(request, pk) -> Invitation:
    invitation = get_object_or_404(
        Invitation.objects.select_related("district").filter(
            district__in=districts_for_user(request.user)
        ),
        pk=pk,
    )
    require_role(request.user, invitation.district, Role.LEAD)
    return invitation


@login_required
@require_POST
def invitation_resend(request, pk):
    invitation = _invitation(request, pk)
    try:
        services.invitation_resend(invitation=invitation, by=request.user)
    except services.TeamError as error:
        return _error_page(request, error, 409)
    messages.success(
        request, f"A new link was sent to {invitation.email}; the old one no longer works."
    )
    return redirect("team")


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = _invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except services.TeamError as error:
        return _error_page(request, error, 409)
    messages.success(request, f"The invitation of {invitation.email} was revoked.")
    return redirect("team")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def district_settings(request):
    membership, page = _active_district_or_page(request)
    if page:
        return page
    require_role(request.user, membership.district, Role.LEAD)
    district = membership.district
    form = DistrictSettingsForm(request.POST or None, instance=district)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "District settings saved.")
            return redirect("district_settings")
        return render(request, "plpg/district_settings.html", {"form": form}, status=400)
    return render(request, "plpg/district_settings.html", {"form": form})


UNUSABLE = {
    "invalid": (404, "This invitation link is not valid", "Check that you opened the whole link from the email. If it still does not work, ask {ask} to send a new invitation."),
    Invitation.Status.EXPIRED: (410, "This invitation has expired", "Invitation links work for 7 days. Ask {ask} to resend it."),
    Invitation.Status.REVOKED: (410, "This invitation was withdrawn", "It was revoked. Ask {ask} if you think this is a mistake."),
    Invitation.Status.ACCEPTED: (410, "This invitation was already used", "Each link works once. If it was you, sign in with your email address."),
}  # fmt: skip


def _unusable(request, unusable):
    code, title, text = UNUSABLE[unusable.status]
    invitation = unusable.invitation
    ask = invitation_target(invitation).ask if invitation else "the person who invited you"
    return render(
        request,
        "plpg/invitation_unusable.html",
        {"title": title, "text": text.format(ask=ask)},
        status=code,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """Any kind of invitation (a district's, or one an app registered a target for)."""
    try:
        invitation = services.invitation_check(token)
    except services.InvitationUnusable as unusable:
        return _unusable(request, unusable)
    target = invitation_target(invitation)
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email.lower():
        return render(
            request,
            "plpg/invitation_wrong_user.html",
            {"invitation": invitation, "target": target},
            status=403,
        )
    existing = not user.is_authenticated and _account_exists(invitation.email)
    form = None
    if not user.is_authenticated and not existing:
        form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    context = {"invitation": invitation, "target": target, "form": form, "existing": existing}
    if request.method != "POST":
        return render(request, "plpg/invitation_accept.html", context)
    if existing:  # sign in first, then come back here
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if form is not None and not form.is_valid():
        return render(request, "plpg/invitation_accept.html", context, status=400)
    try:
        if form is None:
            accepted_user, target = services.invitation_accept(token=token, user=user)
        else:
            accepted_user, target = services.invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
    except services.InvitationUnusable as unusable:
        return _unusable(request, unusable)
    except services.TeamError as error:
        return _error_page(request, error, 409, back=(reverse("home"), "PLPG home"))
    if not user.is_authenticated:
        login(request, accepted_user, backend="django.contrib.auth.backends.ModelBackend")
        request._plpg_signed_in_email = accepted_user.email
    if invitation.district_id:
        request.session[SESSION_KEY] = invitation.district_id
    messages.success(request, f"Welcome to {target.name}: you are {target.role}.")
    return redirect(target.landing)


def _account_exists(email):
    from plpg.models import User

    return User.objects.filter(email__iexact=email).exists()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_district_new(request):
    """Platform operators start a district and invite its first lead."""
    if not request.user.is_superuser:
        raise PermissionDenied("Only the platform operator starts districts.")
    form = StartDistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            district, invitation = services.district_start(
                name=form.cleaned_data["name"],
                state=form.cleaned_data["state"],
                lead_email=form.cleaned_data["lead_email"],
                by=request.user,
            )
        except services.TeamError as error:
            form.add_error("lead_email", str(error))
        else:
            messages.success(
                request, f"{district} is started; {invitation.email} is invited as its lead."
            )
            return redirect("staff_district_new")
    status = 400 if request.method == "POST" else 200
    return render(request, "plpg/staff_district_new.html", {"form": form}, status=status)
