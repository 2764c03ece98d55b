"""Guides: the global templates, a district's copies, their editor and versions."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from interviews import selectors, services
from interviews.forms import GuideItemForm, GuideMoveForm, GuideSettingsForm
from interviews.models import Block, Guide, LookFor, Question, Section
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


def _guide_edit(view):
    """A lead's POST to one district guide's editor: the guide (404 outside the user's
    districts and for templates), the item of it named in the URL (404 for another guide's),
    the lock refusal and the service's refusals as messages, and back to the item's place.

    The view gets the cleaned GuideItemForm data and returns the success message, if any.
    """

    @login_required
    @require_POST
    @functools.wraps(view)
    def edit(request, pk, kind="guide", item_id=None):
        guide = _get_guide(request, pk)
        _require_lead(request, guide)
        item = (
            guide
            if item_id is None
            else services.guide_item_get(guide=guide, kind=kind, pk=item_id)
        )
        back = redirect(_guide_url(guide, _anchor(item)))
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
        try:
            done = view(request, guide=guide, item=item, kind=kind, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return back
        if done:
            messages.success(request, done)
        return back

    return edit


@_guide_edit
def guide_item_update(request, *, guide, item, kind, data):
    services.guide_item_update(
        guide=guide, item=item, text=data["text"], title=data["title"], weight=data["weight"]
    )
    return "Saved."


@_guide_edit
def guide_item_delete(request, *, guide, item, kind, data):
    services.guide_item_delete(guide=guide, item=item)
    return f"The {kind.replace('-', ' ')} was removed."


@_guide_edit
def guide_item_move(request, *, guide, item, kind, data):
    form = GuideMoveForm(request.POST)
    if not form.is_valid():
        raise ValidationError("Not moved: choose up or down.")
    services.guide_item_move(guide=guide, item=item, direction=form.cleaned_data["direction"])


@_guide_edit
def guide_block_add(request, *, guide, item, kind, data):
    services.guide_item_add(guide=guide, parent=item, kind="block", text=data["text"])


@_guide_edit
def guide_question_add(request, *, guide, item, kind, data):
    services.guide_item_add(guide=guide, parent=item, kind="question", text=data["text"])


@_guide_edit
def guide_look_for_add(request, *, guide, item, kind, data):
    services.guide_item_add(
        guide=guide, parent=item, kind="look-for", text=data["text"], weight=data["weight"]
    )


@_guide_edit
def guide_non_negotiable_add(request, *, guide, item, kind, data):
    services.guide_item_add(guide=guide, parent=guide, kind="non-negotiable", text=data["text"])


def _guide_url(guide, anchor="") -> str:
    return reverse("interviews:guide_detail", args=[guide.pk]) + anchor


def _anchor(item) -> str:
    """Where the editor lands after a change, so a long guide does not jump to the top."""
    if isinstance(item, Section):
        return f"#gs-{item.pk}"
    if isinstance(item, Block):
        return f"#block-{item.pk}"
    if isinstance(item, Question | LookFor):
        return f"#block-{item.block_id}"
    return "#non-negotiables"
