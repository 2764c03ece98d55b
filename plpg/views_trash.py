"""The trash: a confirmation page before anything goes there, the list, and restore."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plpg.access import Role, require_role
from plpg.history import place_of
from plpg.models import District
from plpg.trash import TRASH_DAYS, trash_cutoff, trash_items, trash_move, trash_restore

EDITORS = (Role.LEAD, Role.MANAGER)

# kind → (who may move it to the trash, where to go afterwards, what the trash takes along)
KINDS = {
    "interviews.selection": (
        (Role.LEAD,),
        lambda obj: reverse("interviews:selection_list"),
        "its shortlist, interviews, scorecards and ratings",
    ),
    "interviews.interview": (
        (Role.LEAD,),
        lambda obj: reverse("interviews:selection_detail", args=[obj.selection_id]),
        "its scorecards, ratings and consensus",
    ),
    "interviews.scorecard": (
        (Role.LEAD,),
        lambda obj: reverse("interviews:detail", args=[obj.interview_id]) + "#panel",
        "its ratings",
    ),
    "engagements.engagement": (
        EDITORS,
        lambda obj: reverse("engagements:dashboard"),
        "its goals, plan, action items and onboarding",
    ),
    "engagements.goal": (
        EDITORS,
        lambda obj: reverse("engagements:detail", args=[obj.engagement_id]) + "#goals",
        "its progress updates",
    ),
    "engagements.checkin": (
        EDITORS,
        lambda obj: reverse("engagements:dashboard"),
        "nothing else (its goal updates and action items stay)",
    ),
    "engagements.planitem": (
        EDITORS,
        lambda obj: reverse("engagements:detail", args=[obj.engagement_id]) + "#plan",
        "nothing else",
    ),
}


def _model(label):
    if label not in KINDS:
        raise Http404("That cannot go to the trash.")
    return apps.get_model(label)


def _district(obj) -> District:
    district_id, _path = place_of(obj)
    return District.objects.get(pk=district_id)


@login_required
@require_http_methods(["GET", "POST"])
def trash_confirm(request, label, pk):
    """GET: what will go to the trash, and a button (no JavaScript needed). POST: move it."""
    model = _model(label)
    obj = model.objects.for_user(request.user).filter(pk=pk).first()
    if obj is None:
        raise Http404("Nothing like that here.")
    roles, after, takes_along = KINDS[label]
    district = _district(obj)
    require_role(request.user, district, *roles)
    if request.method == "POST":
        trash_move(obj=obj, user=request.user)
        messages.success(
            request,
            f"“{obj}” is in the trash. A lead can restore it within {TRASH_DAYS} days.",
        )
        return redirect(after(obj))
    return render(
        request,
        "trash/confirm.html",
        {
            "obj": obj,
            "label": label,
            "kind": model._meta.verbose_name,
            "takes_along": takes_along,
            "cancel": after(obj),
            "days": TRASH_DAYS,
        },
    )


def lead_district(request) -> District:
    membership = request.membership
    if not membership:
        raise PermissionDenied("You are not a member of a district.")
    require_role(request.user, membership.district, Role.LEAD)
    return membership.district


@login_required
def trash_list(request):
    """The active district's trash (leads): what was deleted, by whom, restore."""
    district = lead_district(request)
    items = [
        {"obj": obj, "label": obj._meta.label_lower, "kind": obj._meta.verbose_name}
        for obj in trash_items(district)
    ]
    return render(
        request, "trash/list.html", {"district": district, "items": items, "days": TRASH_DAYS}
    )


@login_required
@require_POST
def trash_restore_view(request, label, pk):
    """Bring an item back from the trash (leads, within TRASH_DAYS)."""
    model = _model(label)
    obj = (
        model.all_objects.for_user(request.user)
        .filter(pk=pk, deleted_at__gte=trash_cutoff())
        .first()
    )
    if obj is None:
        raise Http404("Nothing like that in the trash.")
    require_role(request.user, _district(obj), Role.LEAD)
    trash_restore(obj=obj, user=request.user)
    messages.success(request, f"“{obj}” is back, with everything that hangs on it.")
    return redirect(reverse("trash:list"))
