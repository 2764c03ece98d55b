"""The scope-and-sequence plan, edited inline row by row with htmx (full pages without JS)."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from engagements import selectors, services
from engagements.forms import PlanFromSampleForm, PlanImportForm, PlanItemForm
from engagements.models import PlanItem, PlanSession
from engagements.progress import plan_progress
from engagements.selectors import plan_statuses
from engagements.views.common import back_to, child_for, engagement_for, is_htmx
from partners.importer import ScopeSequenceError

PLAN_CHANGED = "plan-changed"


def _row(request, engagement, item, *, status=200, **extra):
    response = render(
        request,
        "engagements/plan/_row.html",
        {"engagement": engagement, "item": item, "can_edit": engagement.can_edit, **extra},
        status=status,
    )
    response["HX-Trigger"] = PLAN_CHANGED
    return response


def _edit_row(request, engagement, form, item=None, *, status=200, error=""):
    htmx = is_htmx(request)
    template = "engagements/plan/_edit_row.html" if htmx else "engagements/plan/item_form.html"
    context = {
        "engagement": engagement,
        "form": form,
        "item": item,
        "district": engagement.district,
        "error": error,
        # New rows need unique element ids: "Add a row" may be pressed twice.
        "row_key": f"new-{secrets.token_hex(3)}",
    }
    return render(request, template, context, status=status)


@login_required
@require_GET
def progress(request, pk):
    """The delivered-versus-planned summary (htmx refreshes it after each row change)."""
    engagement = engagement_for(request, pk)
    plan = plan_progress(plan_statuses([engagement.pk])[engagement.pk])
    return render(
        request, "engagements/plan/_progress.html", {"engagement": engagement, "plan": plan}
    )


@login_required
@require_GET
def row(request, pk, item_pk):
    """One plan row, read-only (cancelling an inline edit returns here)."""
    engagement = engagement_for(request, pk)
    item = child_for(request, PlanItem.objects.all(), engagement, item_pk)
    if not is_htmx(request):
        return back_to(engagement, "plan")
    return _row(request, engagement, item)


@login_required
def item_edit(request, pk, item_pk):
    """GET the row as a form; POST saves it (refusing a stale version)."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, PlanItem.objects.all(), engagement, item_pk)
    if request.method != "POST":
        return _edit_row(request, engagement, PlanItemForm(instance=item), item)
    form = PlanItemForm(request.POST, instance=item)
    if not form.is_valid():
        return _edit_row(request, engagement, form, item, status=400)
    try:
        services.plan_item_save(
            item=form.instance, user=request.user, version=form.cleaned_data["version"]
        )
    except services.PlanDateProblem as exc:
        form.add_error("planned_date", str(exc))
        return _edit_row(request, engagement, form, item, status=400)
    except services.StaleVersion as exc:
        fresh = PlanItem.objects.get(pk=item.pk)
        return _edit_row(
            request, engagement, PlanItemForm(instance=fresh), fresh, status=409, error=exc.message
        )
    if is_htmx(request):
        return _row(request, engagement, form.instance)
    messages.success(request, "Plan row saved.")
    return back_to(engagement, "plan")


@login_required
def item_create(request, pk):
    """Add a row at the end of the plan."""
    engagement = engagement_for(request, pk, edit=True)
    if request.method != "POST":
        return _edit_row(request, engagement, PlanItemForm())
    form = PlanItemForm(request.POST, instance=PlanItem(engagement=engagement))
    if not form.is_valid():
        return _edit_row(request, engagement, form, status=400)
    try:
        item = services.plan_item_save(item=form.instance, user=request.user)
    except services.PlanDateProblem as exc:
        form.add_error("planned_date", str(exc))
        return _edit_row(request, engagement, form, status=400)
    if is_htmx(request):
        return _row(request, engagement, item)
    messages.success(request, "Plan row added.")
    return back_to(engagement, "plan")


@login_required
@require_POST
def item_status(request, pk, item_pk):
    """Mark a row planned, delivered or cancelled in one click."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, PlanItem.objects.all(), engagement, item_pk)
    status = request.POST.get("status")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponse("Missing version; reload the page.", status=400)
    if status not in PlanItem.Status.values:
        return HttpResponse("Unknown status.", status=400)
    item.status = status
    try:
        services.plan_item_save(item=item, user=request.user, version=version)
    except services.StaleVersion as exc:
        if is_htmx(request):
            fresh = PlanItem.objects.get(pk=item.pk)
            fresh.error = exc.message
            return _row(request, engagement, fresh, status=409)
        messages.error(request, exc.message)
        return back_to(engagement, "plan")
    if is_htmx(request):
        return _row(request, engagement, item)
    return back_to(engagement, "plan")


@login_required
@require_POST
def session_status(request, pk, item_pk, session_pk):
    """Mark one dated session of a row delivered, planned or cancelled (htmx: the row again)."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, PlanItem.objects.all(), engagement, item_pk)
    session = get_object_or_404(item.sessions.all(), pk=session_pk)
    status = request.POST.get("status")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponse("Missing version; reload the page.", status=400)
    if status not in PlanSession.Status.values:
        return HttpResponse("Unknown status: use planned, delivered or cancelled.", status=400)
    try:
        session = services.plan_session_set(
            session=session, status=status, version=version, user=request.user
        )
    except services.StaleVersion as exc:
        if not is_htmx(request):
            messages.error(request, exc.message)
            return back_to(engagement, "plan")
        fresh = PlanItem.objects.get(pk=item.pk)
        fresh.error = exc.message
        return _row(request, engagement, fresh, status=409, open_sessions=True)
    if is_htmx(request):
        return _row(request, engagement, session.plan_item, open_sessions=True)
    return redirect(f"{engagement.get_absolute_url()}#plan-item-{item.pk}")


@login_required
@require_POST
def item_delete(request, pk, item_pk):
    """Delete a row (the button asks for confirmation first)."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, PlanItem.objects.all(), engagement, item_pk)
    services.plan_item_delete(item=item, user=request.user)
    if is_htmx(request):
        response = HttpResponse("")
        response["HX-Trigger"] = PLAN_CHANGED
        return response
    messages.success(request, "Plan row deleted.")
    return back_to(engagement, "plan")


@login_required
@require_POST
def item_move(request, pk, item_pk):
    """Move a row one place up or down (htmx re-renders the rows, focus stays on the button)."""
    engagement = engagement_for(request, pk, edit=True)
    item = child_for(request, PlanItem.objects.all(), engagement, item_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponse("Unknown direction: use up or down.", status=400)
    services.plan_item_move(item=item, user=request.user, direction=direction)
    if not is_htmx(request):
        return redirect(f"{engagement.get_absolute_url()}#plan-item-{item.pk}")
    return render(
        request,
        "engagements/plan/_rows.html",
        {
            "engagement": engagement,
            "plan_items": selectors.plan_rows(engagement),
            "can_edit": engagement.can_edit,
            "moved": item.pk,
            "moved_direction": direction,
        },
    )


@login_required
@require_POST
def import_rows(request, pk):
    """Append rows pasted in the seed's scope-and-sequence format."""
    engagement = engagement_for(request, pk, edit=True)
    form = PlanImportForm(request.POST)
    error = None
    if form.is_valid():
        try:
            count = services.plan_import(
                engagement=engagement, text=form.cleaned_data["text"], user=request.user
            )
        except ScopeSequenceError as exc:
            error = f"Line {exc.line}: {exc.message}" if getattr(exc, "line", None) else str(exc)
        else:
            if count:
                messages.success(request, f"Imported {count} plan rows.")
                return back_to(engagement, "plan")
            error = "No rows found: the table needs a header row and at least one row."
    if error:
        form.add_error("text", error)
    return render(
        request,
        "engagements/plan/import.html",
        {"engagement": engagement, "form": form, "district": engagement.district},
        status=400,
    )


@login_required
@require_POST
def from_sample(request, pk):
    """Copy the rows of one of the partner's sample engagements into the plan."""
    engagement = engagement_for(request, pk, edit=True)
    form = PlanFromSampleForm(request.POST, partner=engagement.partner)
    if not form.is_valid():
        messages.error(request, "Choose one of the partner's sample engagements.")
        return back_to(engagement, "plan")
    count = services.plan_copy_from_sample(
        engagement=engagement, sample=form.cleaned_data["sample"], user=request.user
    )
    messages.success(request, f"Added {count} rows from the partner's sample engagement.")
    return back_to(engagement, "plan")
