"""A partner's profile and the add-to-shortlist picker for signed-in district members."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from partners.forms import ShortlistForm
from partners.models import Partner
from partners.selectors import partner_profile
from partners.services import shortlist_add
from plpg.access import Role, get_for_user_or_404, require_role

# Who may put a partner on a selection's shortlist from its profile.
SHORTLIST_ROLES = (Role.LEAD, Role.INTERVIEWER, Role.VIEWER)


def selection_model():
    """interviews.Selection, looked up at run time: partners never imports a later app."""
    return apps.get_model("interviews", "Selection")


def open_selections(request):
    """The active district's open selections, for the picker ([] when not allowed)."""
    membership = getattr(request, "membership", None)
    if not request.user.is_authenticated or not membership:
        return []
    if membership.role not in SHORTLIST_ROLES:
        return []
    Selection = selection_model()
    return list(
        Selection.objects.for_user(request.user)
        .filter(district=membership.district, status=Selection.Status.OPEN)
        .order_by("-created_at")
    )


def selection_url(selection) -> str:
    try:
        return reverse("interviews:selection_detail", args=[selection.pk])
    except NoReverseMatch:
        return reverse("interviews:selection_list")


@require_GET
def partner_detail(request, slug):
    partner = partner_profile(slug=slug, user=request.user)
    membership = getattr(request, "membership", None)
    selections = open_selections(request)
    on_shortlists = []
    if selections:
        ShortlistEntry = apps.get_model("interviews", "ShortlistEntry")
        on_shortlists = list(
            ShortlistEntry.objects.for_user(request.user)
            .filter(partner=partner, selection__in=[s.pk for s in selections])
            .values_list("selection_id", flat=True)
        )
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "engagements": partner.sample_engagements.all(),
            "can_shortlist": bool(membership) and membership.role in SHORTLIST_ROLES,
            "shortlist_form": ShortlistForm(selections=selections),
            "selections": selections,
            "on_shortlists": [s for s in selections if s.pk in on_shortlists],
        },
    )


@login_required
@require_POST
def partner_shortlist(request, slug):
    """Add the partner to one of the user's district's open selections, or to a new one."""
    partner = get_object_or_404(Partner.objects.published(), slug=slug)
    Selection = selection_model()
    form = ShortlistForm(request.POST, selections=open_selections(request))
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Check the form.")
        return redirect("partners:detail", slug=slug)
    if form.cleaned_data["selection"]:
        # Another district's selection is a 404, like any district object.
        selection = get_for_user_or_404(
            Selection.objects.select_related("district"),
            request.user,
            pk=form.cleaned_data["selection"],
        )
        require_role(request.user, selection.district, *SHORTLIST_ROLES)
        if selection.status != Selection.Status.OPEN:
            messages.error(request, f"“{selection}” is no longer open; choose another selection.")
            return redirect("partners:detail", slug=slug)
    else:
        membership = getattr(request, "membership", None)
        if not membership:
            messages.error(request, "You need to belong to a district to start a selection.")
            return redirect("partners:detail", slug=slug)
        require_role(request.user, membership.district, *SHORTLIST_ROLES)
        selection = None
    entry, created, selection = shortlist_add(
        partner=partner,
        user=request.user,
        selection=selection,
        district=getattr(request, "membership", None) and request.membership.district,
        new_title=form.cleaned_data["new_title"].strip(),
    )
    if created:
        messages.success(request, f"{partner} is on the shortlist of “{selection}”.")
    else:
        messages.info(request, f"{partner} was already on the shortlist of “{selection}”.")
    return redirect(selection_url(selection) if request.POST.get("go") else partner_url(partner))


def partner_url(partner) -> str:
    return reverse("partners:detail", args=[partner.slug]) + "#shortlist"
