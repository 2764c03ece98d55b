"""Guides: the global templates, a district's copies, their editor and versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from interviews import selectors, services
from interviews.forms import GuideItemForm, GuideSettingsForm
from interviews.models import Block, Guide, LookFor, NonNegotiable, Question, Section
from plpg.access import Role, require_role


def _get_guide(request, pk) -> Guide:
    """A global template or a guide of one of the user's districts (404 otherwise)."""
    return get_object_or_404(Guide.objects.for_user(request.user).select_related("district"), pk=pk)


def _require_lead(request, guide):
    if guide.district_id is None:
        raise Http404("Templates cannot be edited.")
    require_role(request.user, guide.district, Role.LEAD)


@login_required
def guide_list(request):
    membership = request.membership
    if not membership:
        return render(request, "interviews/no_district.html")
    district_guides = (
        Guide.objects.filter(district=membership.district)
        .select_related("copied_from", "previous_version")
        .order_by("name", "-version")
    )
    return render(
        request,
        "interviews/guide_list.html",
        {
            "templates": Guide.objects.templates(),
            "district_guides": district_guides,
            "can_lead": membership.role == Role.LEAD,
        },
    )


@login_required
def guide_detail(request, pk):
    guide = _get_guide(request, pk)
    membership = request.membership
    can_edit = (
        guide.district_id is not None
        and not guide.is_frozen
        and membership
        and membership.district_id == guide.district_id
        and membership.role == Role.LEAD
    )
    return render(
        request,
        "interviews/guide_detail.html",
        {
            "guide": guide,
            "sections": selectors.sections_with_content(guide.sections.all()),
            "non_negotiables": guide.non_negotiables.all(),
            "can_edit": can_edit,
            "can_copy": bool(membership) and membership.role == Role.LEAD,
            "can_version": (
                guide.district_id is not None
                and guide.is_frozen
                and guide.is_current
                and membership
                and membership.role == Role.LEAD
            ),
            "settings_form": GuideSettingsForm(instance=guide),
            "newer": guide.next_versions.first(),
        },
    )


@login_required
@require_POST
def guide_copy(request, pk):
    guide = _get_guide(request, pk)
    membership = request.membership
    if not membership:
        raise Http404("No district.")
    require_role(request.user, membership.district, Role.LEAD)
    copy = services.guide_copy(
        guide=guide,
        district=membership.district,
        user=request.user,
        name=f"{guide.name} ({membership.district.name})",
    )
    messages.success(request, "Copied. Edit the questions, look-fors and weights below.")
    return redirect("interviews:guide_detail", copy.pk)


@login_required
@require_POST
def guide_new_version(request, pk):
    guide = _get_guide(request, pk)
    _require_lead(request, guide)
    new = services.guide_new_version(guide=guide, user=request.user)
    messages.success(
        request,
        f"Version {new.version} is ready to edit. Past interviews keep version {guide.version}.",
    )
    return redirect("interviews:guide_detail", new.pk)


@login_required
@require_POST
def guide_settings(request, pk):
    guide = _get_guide(request, pk)
    _require_lead(request, guide)
    try:
        services.guide_check_editable(guide=guide)
    except services.Locked as error:
        messages.error(request, str(error))
        return redirect("interviews:guide_detail", guide.pk)
    form = GuideSettingsForm(request.POST, instance=guide)
    if form.is_valid():
        form.save()
        messages.success(request, "Guide saved.")
    else:
        messages.error(request, "Give the guide a name (up to 200 characters).")
    return redirect("interviews:guide_detail", guide.pk)


ITEM_MODELS = {
    "section": (Section, "guide"),
    "block": (Block, "section__guide"),
    "question": (Question, "block__section__guide"),
    "look-for": (LookFor, "block__section__guide"),
    "non-negotiable": (NonNegotiable, "guide"),
}
ACTIONS = {"update", "delete", "up", "down", "add-block", "add-question", "add-look-for"}


@login_required
@require_POST
def guide_item(request, pk, kind, item_id, action):
    """Edit one item of a district guide: update, delete, move, or add a child.

    kind "guide" with action "add-non-negotiable" adds to the guide itself.
    """
    guide = _get_guide(request, pk)
    _require_lead(request, guide)
    back = redirect(_guide_url(guide, _anchor(kind, item_id)))
    try:
        services.guide_check_editable(guide=guide)
    except services.Locked as error:
        messages.error(request, str(error))
        return back
    form = GuideItemForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Not saved: " + "; ".join(e for es in form.errors.values() for e in es)
        )
        return back
    data = form.cleaned_data
    if kind == "guide" and action == "add-non-negotiable":
        if not data["text"]:
            messages.error(request, "Write the non-negotiable first.")
            return back
        services.guide_item_add(
            guide=guide, parent=guide, kind="non-negotiable", text=data["text"][:500]
        )
        return back
    if kind not in ITEM_MODELS or action not in ACTIONS:
        raise Http404("Unknown guide item.")
    model, path = ITEM_MODELS[kind]
    item = get_object_or_404(model, pk=item_id, **{path: guide})
    if action in ("up", "down"):
        services.guide_item_move(guide=guide, item=item, direction=-1 if action == "up" else 1)
    elif action == "delete":
        item.delete()
        messages.success(request, f"The {kind.replace('-', ' ')} was removed.")
    elif action == "add-block" and kind == "section":
        services.guide_item_add(guide=guide, parent=item, kind="block", text=data["text"])
    elif action in ("add-question", "add-look-for") and kind == "block":
        if not data["text"]:
            messages.error(request, "Write the text first.")
            return back
        services.guide_item_add(
            guide=guide,
            parent=item,
            kind=action.removeprefix("add-"),
            text=data["text"],
            weight=data["weight"] if data["weight"] is not None else 1,
        )
    elif action == "update":
        if kind in ("question", "look-for", "non-negotiable") and not data["text"]:
            messages.error(
                request,
                f"Not saved: the {kind.replace('-', ' ')} needs text. "
                "To remove it, use its ✕ button.",
            )
            return back
        _item_update(item, kind, data)
        messages.success(request, "Saved.")
    else:
        raise Http404("Unknown guide action.")
    return back


def _guide_url(guide, anchor="") -> str:
    return reverse("interviews:guide_detail", args=[guide.pk]) + anchor


def _anchor(kind, item_id) -> str:
    """Where the editor lands after a change, so a long guide does not jump to the top."""
    if kind == "section":
        return f"#gs-{item_id}"
    if kind == "block":
        return f"#block-{item_id}"
    if kind in ("question", "look-for"):
        block_id = (
            ITEM_MODELS[kind][0].objects.filter(pk=item_id).values_list("block_id", flat=True)
        ).first()
        return f"#block-{block_id}" if block_id else ""
    return "#non-negotiables"


def _item_update(item, kind, data):
    if kind == "section":
        item.title = data["title"] or item.title
        if data["weight"] is not None:
            item.weight = data["weight"]
    elif kind == "block":
        item.guidance = data["text"]
    else:
        item.text = data["text"][:500] if kind == "non-negotiable" else data["text"]
        if kind == "look-for" and data["weight"] is not None:
            item.weight = data["weight"]
    item.save()
