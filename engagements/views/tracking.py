"""Goals, the kick-off checklist, action items and check-ins of an engagement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from engagements import selectors, services
from engagements.forms import (
    ActionItemDoneForm,
    ActionItemForm,
    ActionItemFormSet,
    CheckInEditForm,
    CheckInForm,
    GoalForm,
    GoalProgressForm,
    GoalUpdateForm,
    OnboardingItemForm,
    OpenActionItemForm,
    action_rows_plus_one,
)
from engagements.models import ActionItem, CheckIn, Engagement, Goal, OnboardingItem
from engagements.views.common import back_to, child_for, engagement_for, is_htmx, today
from plpg import formats
from plpg.access import get_for_user_or_404

# The check-in form's heading for the kinds its links preselect (?kind=...).
MEETING_LABELS = {
    CheckIn.Kind.STEP_BACK: "step-back meeting",
    CheckIn.Kind.JOINT: "joint check-in",
    CheckIn.Kind.COHERENCE: "coherence meeting",
    CheckIn.Kind.KICK_OFF: "kick-off meeting",
}


@login_required
def goal_form(request, pk, goal_pk=None):
    """Add a goal, or change one (stale versions refused)."""
    engagement = engagement_for(request, pk, edit=True)
    goal = (
        child_for(request, Goal.objects.all(), engagement, goal_pk) if goal_pk is not None else None
    )
    if request.method == "POST":
        form = GoalForm(request.POST, instance=goal or Goal(engagement=engagement))
        if form.is_valid():
            try:
                services.goal_save(
                    goal=form.instance, user=request.user, version=form.cleaned_data["version"]
                )
            except services.StaleVersion as exc:
                form.add_error(None, exc.message)
                status = 409
            else:
                messages.success(request, f"Goal “{form.instance.title}” saved.")
                return back_to(engagement, "goals")
        else:
            status = 400
    else:
        initial = {}
        if goal is None:
            start = engagement.contract_start or today()
            initial = {"start_date": start, "due_date": engagement.contract_end}
        form = GoalForm(instance=goal, initial=initial)
        status = 200
    return render(
        request,
        "engagements/goal_form.html",
        {"engagement": engagement, "district": engagement.district, "form": form, "goal": goal},
        status=status,
    )


@login_required
@require_POST
def goal_progress(request, pk, goal_pk):
    """Record a goal's new measurement without logging a whole check-in."""
    engagement = engagement_for(request, pk, edit=True)
    goal = child_for(request, Goal.objects.all(), engagement, goal_pk)
    form = GoalProgressForm(request.POST, goal=goal, today=today())
    if form.is_valid():
        services.goal_update_add(goal=goal, user=request.user, **form.cleaned_data)
        messages.success(request, f"Progress recorded for “{goal.title}”.")
        return back_to(engagement, f"goal-{goal.pk}")
    return render(
        request,
        "engagements/goal_progress_form.html",
        {"engagement": engagement, "district": engagement.district, "form": form, "goal": goal},
        status=400,
    )


@login_required
@require_POST
def goal_delete(request, pk, goal_pk):
    engagement = engagement_for(request, pk, edit=True)
    goal = child_for(request, Goal.objects.all(), engagement, goal_pk)
    services.goal_delete(goal=goal, user=request.user)
    messages.success(request, f"Goal “{goal.title}” deleted.")
    return back_to(engagement, "goals")


@login_required
@require_POST
def onboarding_item(request, pk, item_pk):
    """Tick a kick-off item and save its notes (htmx swaps the item in place)."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, OnboardingItem.objects.all(), engagement, item_pk)
    form = OnboardingItemForm(request.POST, instance=item)
    status = 200
    if form.is_valid():
        try:
            services.onboarding_item_update(
                item=item,
                user=request.user,
                version=form.cleaned_data["version"],
                done=form.cleaned_data["done"],
                notes=form.cleaned_data["notes"],
            )
            item.saved = True
        except services.StaleVersion as exc:
            item = OnboardingItem.objects.get(pk=item.pk)
            item.error = exc.message
            status = 409
    else:
        item = OnboardingItem.objects.get(pk=item.pk)
        item.error = "; ".join(e for errors in form.errors.values() for e in errors)
        status = 400
    if not is_htmx(request):
        if getattr(item, "error", None):
            messages.error(request, item.error)
        return back_to(engagement, "onboarding")
    return render(
        request,
        "engagements/_onboarding_item.html",
        {"engagement": engagement, "item": item, "can_edit": True},
        status=status,
    )


@login_required
@require_POST
def action_item_done(request, pk, item_pk):
    """Close or reopen an action item."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, ActionItem.objects.all(), engagement, item_pk)
    form = ActionItemDoneForm(request.POST)
    status = 200
    if not form.is_valid():
        item.error = "Reload the page and try again."
        status = 400
    else:
        try:
            services.action_item_set_done(
                item=item,
                user=request.user,
                done=form.cleaned_data["done"],
                version=form.cleaned_data["version"],
            )
        except services.StaleVersion as exc:
            item = ActionItem.objects.get(pk=item.pk)
            item.error = exc.message
            status = 409
    if not is_htmx(request):
        if getattr(item, "error", None):
            messages.error(request, item.error)
        return back_to(engagement, "actions")
    # The row, and out of band the banner and the open count it changes (no reload).
    [with_cadence] = selectors.engagements_with_cadence(
        Engagement.objects.filter(pk=engagement.pk), today=today()
    )
    return render(
        request,
        "engagements/_action_item_changed.html",
        {
            "engagement": with_cadence,
            "item": item,
            "can_edit": True,
            "today": today(),
            "open_count": with_cadence.open_actions,
            "oob": True,
        },
        status=status,
    )


@login_required
@require_POST
def action_item_create(request, pk):
    engagement = engagement_for(request, pk, edit=True)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        services.action_item_create(engagement=engagement, user=request.user, **form.cleaned_data)
        messages.success(request, "Action item added.")
        return back_to(engagement, "actions")
    return render(
        request,
        "engagements/action_item_form.html",
        {"engagement": engagement, "district": engagement.district, "form": form},
        status=400,
    )


@login_required
def checkin_edit(request, pk, checkin_pk):
    """Correct a logged check-in; a stale version is refused."""
    engagement = engagement_for(request, pk, edit=True)
    checkin = get_for_user_or_404(
        CheckIn.objects.all(), request.user, pk=checkin_pk, engagements=engagement
    )
    status = 200
    if request.method == "POST":
        form = CheckInEditForm(request.POST, instance=checkin)
        if form.is_valid():
            try:
                services.checkin_update(
                    checkin=form.instance, user=request.user, version=form.cleaned_data["version"]
                )
            except services.StaleVersion as exc:
                form.add_error(None, exc.message)
                status = 409
            else:
                messages.success(request, "Check-in saved.")
                return back_to(engagement, f"checkin-{checkin.pk}")
        else:
            status = 400
    else:
        form = CheckInEditForm(instance=checkin)
    return render(
        request,
        "engagements/checkin_edit.html",
        {
            "engagement": engagement,
            "district": engagement.district,
            "form": form,
            "checkin": checkin,
        },
        status=status,
    )


@login_required
@require_POST
def checkin_delete(request, pk, checkin_pk):
    """Delete a check-in (the button asks for confirmation first)."""
    engagement = engagement_for(request, pk, edit=True)
    checkin = get_for_user_or_404(
        CheckIn.objects.all(), request.user, pk=checkin_pk, engagements=engagement
    )
    services.checkin_delete(checkin=checkin, user=request.user)
    messages.success(request, "Check-in deleted. Its goal updates and action items were kept.")
    return back_to(engagement, "checkins")


@login_required
def checkin_create(request, pk):
    """Log a check-in with its goal updates and new action items, all in one form."""
    engagement = engagement_for(request, pk, edit=True)
    others = (
        Engagement.objects.for_user(request.user)
        .for_district(engagement.district)
        .open()
        .exclude(pk=engagement.pk)
        .select_related("partner")
    )
    goals = selectors.goals_with_progress(
        selectors.goals_queryset().filter(engagement=engagement), today=today()
    )
    data = request.POST if request.method == "POST" else None
    initial = {"date": today()}
    kind = request.GET.get("kind")
    if kind in CheckIn.Kind.values:
        initial["kind"] = kind
        if kind == CheckIn.Kind.STEP_BACK:
            initial["duration_minutes"] = 90
    also = request.GET.getlist("with")
    if also:
        initial["also"] = [o for o in others if str(o.pk) in also]
    form = CheckInForm(data, others=others, initial=initial)
    goal_forms = [GoalUpdateForm(data, goal=goal) for goal in goals]
    open_items = list(engagement.action_items.filter(done=False))
    open_forms = [OpenActionItemForm(data, item=item) for item in open_items]
    adding = data is not None and "add_action" in data
    if adding:
        # "Add another action item": the same form with one more empty row, nothing saved.
        actions = ActionItemFormSet(initial=action_rows_plus_one(data), prefix="actions")
    else:
        actions = ActionItemFormSet(data, prefix="actions")
    if request.method == "POST" and not adding:
        valid = (
            form.is_valid()
            & all([f.is_valid() for f in goal_forms])
            & actions.is_valid()
            & all([f.is_valid() for f in open_forms])
        )
        if valid:
            checkin = services.checkin_log(
                district=engagement.district,
                engagements=[engagement, *form.cleaned_data["also"]],
                user=request.user,
                goal_updates=[
                    (f.goal, f.cleaned_data["value"], f.cleaned_data["note"])
                    for f in goal_forms
                    if f.cleaned_data.get("value") is not None
                ],
                action_items=[
                    {"engagement": engagement, **f.cleaned_data}
                    for f in actions
                    if f.cleaned_data and f.cleaned_data.get("description")
                ],
                action_changes=[c for c in (f.change() for f in open_forms) if c],
                **{k: v for k, v in form.cleaned_data.items() if k != "also"},
            )
            messages.success(
                request, f"{checkin.get_kind_display()} of {formats.day(checkin.date)} logged."
            )
            return back_to(engagement, "checkins")
        status = 400
    else:
        status = 200
    # The form shows only the cadence, the goals and the open action items, not the whole page.
    [with_cadence] = selectors.engagements_with_cadence(
        Engagement.objects.filter(pk=engagement.pk), today=today()
    )
    return render(
        request,
        "engagements/checkin_form.html",
        {
            "engagement": with_cadence,
            "district": engagement.district,
            "form": form,
            "goal_forms": goal_forms,
            "goals": goals,
            "actions": actions,
            "open_forms": open_forms,
            "meeting_label": MEETING_LABELS.get(initial.get("kind"), "check-in"),
        },
        status=status,
    )
