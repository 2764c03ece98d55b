"""History pages: one per object, the district's activity for leads, and restoring a version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from plpg import history
from plpg.access import Role, districts_for_user, require_role

# Versions a user may bring back, and which fields a restore copies (the rest stay as they
# are: a restore never moves a row to another parent or undoes bookkeeping).
RESTORABLE = {
    "plpg.district": (
        ["instructional_vision", "priorities", "strategy"],
        (Role.LEAD, Role.MANAGER),
    ),
    "interviews.lookfor": (["text", "weight"], (Role.LEAD,)),
    "interviews.question": (["text"], (Role.LEAD,)),
    "interviews.rfpsection": (["text"], (Role.LEAD,)),
    "engagements.planitem": (
        [
            "timing",
            "participants",
            "name",
            "format",
            "description",
            "planned_date",
            "status",
            "delivered_on",
        ],
        (Role.LEAD, Role.MANAGER),
    ),
}


def model_for(label: str):
    """The registered model named "app.model", or 404."""
    for model in history.REGISTRY:
        if model._meta.label_lower == label:
            return model
    raise Http404("No history of that kind.")


def score_filter(user, district):
    # Blind scoring decides which score rows a reader sees (interviews owns that rule).
    from interviews.history import score_filter as interviews_score_filter

    return interviews_score_filter(user, district)


def _object_district(model, pk, user):
    """The district of the object's history if the user belongs to it, else 404."""
    district_id = (
        model.history.model.objects.filter(id=pk)
        .exclude(history_district__isnull=True)
        .values_list("history_district_id", flat=True)
        .last()
    )
    district = districts_for_user(user).filter(pk=district_id).first() if district_id else None
    if district is None:
        raise Http404("No such history.")
    return district


@login_required
def object_history(request, label, pk):
    """Every version of one object, newest first, with what changed field by field."""
    model = model_for(label)
    district = _object_district(model, pk, request.user)
    role = require_role(request.user, district, *Role.values)
    records = score_filter(request.user, district)(model, model.history.model.objects.filter(id=pk))
    changes = history.with_diffs(
        model, list(records.select_related("history_user").order_by("-history_date", "-history_id"))
    )
    if not changes:
        raise Http404("No history you may see.")
    live = model._default_manager.filter(pk=pk).first()
    fields, roles = RESTORABLE.get(label, (None, ()))
    return render(
        request,
        "history/object.html",
        {
            "label": label,
            "pk": pk,
            "model_name": model._meta.verbose_name,
            "title": str(live) if live is not None else str(changes[0].object_label),
            "live": live,
            "changes": changes,
            "can_restore": live is not None and fields is not None and role in roles,
        },
    )


@login_required
@require_POST
def restore_version(request, label, pk, history_id):
    """Bring back the restorable fields of one earlier version (a new version is recorded)."""
    model = model_for(label)
    if label not in RESTORABLE:
        raise Http404("This kind of record cannot be restored.")
    fields, roles = RESTORABLE[label]
    district = _object_district(model, pk, request.user)
    require_role(request.user, district, *roles)
    record = model.history.model.objects.filter(id=pk, history_id=history_id).first()
    live = model._default_manager.filter(pk=pk).first()
    if record is None or live is None:
        raise Http404("No such version.")
    back = reverse("history:object", args=[label, pk])
    if label == "interviews.lookfor" or label == "interviews.question":
        from interviews.services import Locked, guide_check_editable

        try:
            guide_check_editable(guide=live.block.section.guide)
        except Locked as error:
            messages.error(request, str(error))
            return redirect(back)
    history.version_restore(live=live, record=record, fields=fields)
    messages.success(request, "The earlier version is back; the history keeps both.")
    return redirect(back)


@login_required
def district_activity(request):
    """Everything that changed in the active district, newest first (leads only)."""
    membership = request.membership
    if not membership:
        raise PermissionDenied("You are not a member of a district.")
    district = membership.district
    require_role(request.user, district, Role.LEAD)
    kinds = {m._meta.label_lower: m for m in history.REGISTRY}
    kind = request.GET.get("kind", "")
    changes = history.district_records(
        district,
        models_only=[kinds[kind]] if kind in kinds else None,
        exclude=score_filter(request.user, district),
    )
    return render(
        request,
        "history/activity.html",
        {
            "district": district,
            "changes": changes,
            "kinds": [(label, m._meta.verbose_name_plural) for label, m in kinds.items()],
            "kind": kind if kind in kinds else "",
        },
    )
