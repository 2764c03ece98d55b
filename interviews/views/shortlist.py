"""Add a directory partner to a selection's shortlist (/selections/shortlist/add/).

The partner profile (partners) loads the picker with htmx and links to it without
JavaScript; partners never imports interviews (DESIGN.md, Layout), so the shortlist rules
live here, next to Selection.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from interviews import services
from interviews.models import Selection
from interviews.views.common import SHORTLIST_ROLES
from partners.models import Partner
from partners.needs import diagnostic_prefill
from plpg.access import Role, get_for_user_or_404, role_in
from plpg.htmx import is_htmx
from plpg.params import next_url


class DirectoryShortlistForm(forms.Form):
    """One of the district's open selections, or the title of a new one."""

    selection = forms.IntegerField(required=False, min_value=1)
    new_title = forms.CharField(max_length=200, required=False, strip=True)

    def clean(self):
        data = super().clean()
        if not data.get("selection") and not data.get("new_title") and not self.errors:
            raise forms.ValidationError(
                "Nothing was added: choose one of your open selections, or type a title for "
                "a new selection."
            )
        return data


def _partner(request) -> Partner:
    slug = (request.POST if request.method == "POST" else request.GET).get("partner", "")
    if not slug:
        raise Http404("Say which partner to add (?partner=<slug>).")
    return get_object_or_404(Partner.objects.published(), slug=slug[:200])


def _check_role(user, district) -> str:
    """The user's role in district if it may shortlist; otherwise a 403 that says why."""
    role = role_in(user, district)
    if role not in SHORTLIST_ROLES:
        label = Role(role).label if role else "a non-member"
        raise PermissionDenied(
            f"As {label} you can't add partners to a selection's shortlist; "
            "ask your district's lead."
        )
    return role


def _back(request, partner) -> str:
    """Where to go after a POST: the page that sent the form, if it is ours; else the profile."""
    return next_url(request, reverse("partners:detail", args=[partner.slug]) + "#shortlist")


def shortlist_picker(request, partner, *, form=None, status=200):
    """The active district's open selections the user may add partner to (with form's
    errors when a POST was refused)."""
    membership = request.membership
    params = request.POST if request.method == "POST" else request.GET
    context = {"partner": partner, "next": params.get("next", ""), "form": form}
    if membership:
        try:
            context["role"] = _check_role(request.user, membership.district)
        except PermissionDenied as refusal:
            if not is_htmx(request):
                raise
            # htmx swaps only 2xx answers: show the refusal inside the profile instead.
            context["refusal"] = str(refusal)
        else:
            selections = Selection.objects.for_user(request.user).for_district(membership.district)
            on = list(selections.filter(shortlist__partner=partner).order_by("-created_at"))
            context["on_shortlists"] = on
            # Offer only the open selections the partner is not on yet.
            context["selections"] = list(
                selections.filter(status__in=Selection.ACTIVE)
                .exclude(pk__in=[s.pk for s in on])
                .order_by("-created_at")
            )
    template = (
        "interviews/shortlist_picker.html" if is_htmx(request) else "interviews/shortlist_page.html"
    )
    return render(request, template, context, status=status)


def shortlist_pick(request, partner):
    """Put partner on the chosen open selection's shortlist, or on a new selection."""
    form = DirectoryShortlistForm(request.POST)
    back = _back(request, partner)
    if not form.is_valid():
        # Said on the form itself, with a 400: nothing was added.
        return shortlist_picker(request, partner, form=form, status=400)
    if form.cleaned_data["selection"]:
        # Another district's selection is a 404, like any district object.
        selection = get_for_user_or_404(
            Selection.objects.select_related("district"),
            request.user,
            pk=form.cleaned_data["selection"],
        )
        _check_role(request.user, selection.district)
        if not selection.is_active:
            messages.error(
                request,
                f"“{selection}” is {selection.get_status_display().lower()}: its shortlist "
                "can't change. Choose an open selection or start a new one.",
            )
            return redirect(back)
    else:
        membership = request.membership
        if not membership:
            messages.error(request, "You need to belong to a district to start a selection.")
            return redirect(back)
        if _check_role(request.user, membership.district) != Role.LEAD:
            raise PermissionDenied("Only your district's lead can start a new selection.")
        # Reached through the diagnostic: its answers become the new selection's needs.
        selection = services.selection_create(
            district=membership.district,
            user=request.user,
            title=form.cleaned_data["new_title"],
            prefill=diagnostic_prefill(request.session),
        )
    if selection.shortlist.filter(partner=partner).exists():
        messages.info(request, f"{partner} was already on the shortlist of “{selection}”.")
    else:
        services.shortlist_add(selection=selection, partner=partner, user=request.user)
        messages.success(request, f"{partner} is on the shortlist of “{selection}”.")
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_from_directory(request):
    """GET: the picker (a fragment for htmx, else a page). POST: add the partner."""
    partner = _partner(request)
    if request.method == "POST":
        return shortlist_pick(request, partner)
    return shortlist_picker(request, partner)
