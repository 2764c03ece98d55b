from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from interviews import lifecycle, policy, selectors, services
from interviews.forms import (
    DECISION_QUESTIONS,
    DecisionForm,
    NonNegotiableForm,
    SelectionForm,
    ShortlistAddForm,
)
from interviews.history import score_filter
from interviews.models import Guide, Selection, ShortlistEntry
from interviews.views.common import (
    HISTORY_LIMIT,
    HISTORY_PAGE_SIZE,
    SHORTLIST_ROLES,
    form_status,
    get_selection,
    refuse,
)
from partners.needs import diagnostic_prefill
from plpg import history
from plpg.access import Role, require_role


@login_required
def selection_list(request):
    """The active district's selections, and the interviews the user is on the panel of."""
    membership = request.membership
    if not membership:
        return render(request, "interviews/no_district.html")
    district = membership.district
    selections = (
        Selection.objects.for_user(request.user)
        .for_district(district)
        .select_related("chosen_partner", "content_area")
        .annotate(
            shortlist_count=Count("shortlist", distinct=True),
            interview_count=Count("interviews", distinct=True),
        )
    )
    return render(
        request,
        "interviews/selection_list.html",
        {
            "selections": selections,
            "role": membership.role,
            "can_lead": membership.role == Role.LEAD,
        },
    )


@login_required
def selection_create(request):
    membership = request.membership
    if not membership:
        return render(request, "interviews/no_district.html")
    require_role(request.user, membership.district, Role.LEAD)
    form = SelectionForm(request.POST or None, user=request.user)
    if not request.POST:
        form.initial["guide"] = Guide.objects.default()
        # Started after the needs diagnostic: its answers are the selection's needs.
        form.initial.update(diagnostic_prefill(request.session))
    if request.method == "POST" and form.is_valid():
        selection = services.selection_create(
            district=membership.district, user=request.user, form=form
        )
        messages.success(request, "Selection created. Add partners to its shortlist next.")
        return redirect("interviews:selection_detail", selection.pk)
    return render(
        request,
        "interviews/selection_form.html",
        {"form": form, "selection": None},
        status=form_status(request),
    )


@login_required
def selection_edit(request, pk):
    selection, _ = get_selection(request, pk, Role.LEAD)
    form = SelectionForm(request.POST or None, instance=selection, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.selection_update(form=form, user=request.user)
        messages.success(request, "Selection saved.")
        return redirect("interviews:selection_detail", selection.pk)
    return render(
        request,
        "interviews/selection_form.html",
        {"form": form, "selection": selection},
        status=form_status(request),
    )


@login_required
def selection_detail(request, pk):
    selection, role = get_selection(request, pk)
    interviews = selectors.selection_interviews(selection)
    # Proposal reviews (an RFP) are listed with the interviews, not as the shortlist's interview.
    latest_interview = {i.partner_id: i for i in interviews if i.proposal_id is None}
    shortlist = list(selection.shortlist.select_related("partner"))
    for entry in shortlist:
        entry.interview = latest_interview.get(entry.partner_id)
    comparison_visible = policy.selection_scores_visible_to(request.user, selection, role=role)
    context = {
        "selection": selection,
        "role": role,
        "can_lead": role == Role.LEAD,
        "shortlist": shortlist,
        "statuses": ShortlistEntry.Status.choices,
        "interviews": interviews,
        "non_negotiables": selection.non_negotiables.all(),
        "guide_non_negotiables": (
            selection.guide.non_negotiables.all() if selection.guide_id else []
        ),
        "comparison": (
            selectors.selection_comparison(selection, interviews, shortlist)
            if comparison_visible
            else None
        ),
        "comparison_visible": comparison_visible,
        # The engagements app links back through its foreign key; no import of it here.
        "engagement_started": selection.decided_at is not None
        and selection.engagements.filter(partner_id=selection.chosen_partner_id).exists(),
        "lifecycle_steps": [
            (s, label)
            for s, label in Selection.Status.choices
            if s != Selection.Status.CANCELLED or selection.status == s
        ],
        "transitions": [
            (status, label)
            for status, label in (
                (Selection.Status.CLOSED, "Close the selection"),
                (Selection.Status.CANCELLED, "Cancel the selection"),
                (Selection.Status.OPEN, "Reopen the selection"),
            )
            if lifecycle.selection_can(selection, status)
        ],
        "decision_questions": [
            (label, getattr(selection, name)) for name, label in DECISION_QUESTIONS
        ],
        "shortlist_form": ShortlistAddForm(),
        "non_negotiable_form": NonNegotiableForm(),
    }
    return render(request, "interviews/selection_detail.html", context)


@login_required
@require_POST
def shortlist_add(request, pk):
    selection, _ = get_selection(request, pk, *SHORTLIST_ROLES)
    form = ShortlistAddForm(request.POST)
    if not form.is_valid():
        return refuse(request, "Choose a published partner to add.", selection_url(selection))
    services.shortlist_add(
        selection=selection, partner=form.cleaned_data["partner"], user=request.user
    )
    messages.success(request, f"{form.cleaned_data['partner']} is on the shortlist.")
    return redirect(selection_url(selection))


@login_required
@require_POST
def shortlist_status(request, pk, entry_id):
    selection, _ = get_selection(request, pk, *SHORTLIST_ROLES)
    entry = get_object_or_404(selection.shortlist.select_related("partner"), pk=entry_id)
    status = request.POST.get("status", "")
    if status not in ShortlistEntry.Status.values:
        return HttpResponseBadRequest("Unknown shortlist status.")
    services.shortlist_set_status(entry=entry, status=status, user=request.user)
    messages.success(request, f"{entry.partner}: {entry.get_status_display()}.")
    return redirect(selection_url(selection) + "#shortlist")


@login_required
@require_POST
def non_negotiable_add(request, pk):
    selection, _ = get_selection(request, pk, Role.LEAD)
    form = NonNegotiableForm(request.POST)
    if not form.is_valid():
        return refuse(
            request, "Write the non-negotiable (up to 500 characters).", selection_url(selection)
        )
    services.non_negotiable_add(
        selection=selection, text=form.cleaned_data["text"], user=request.user
    )
    messages.success(request, "Non-negotiable added.")
    return redirect(selection_url(selection) + "#non-negotiables")


@login_required
@require_POST
def non_negotiable_delete(request, pk, nn_id):
    selection, _ = get_selection(request, pk, Role.LEAD)
    item = get_object_or_404(selection.non_negotiables, pk=nn_id)
    services.non_negotiable_remove(item=item, user=request.user)
    messages.success(request, "Non-negotiable removed.")
    return redirect(selection_url(selection) + "#non-negotiables")


@login_required
def selection_decide(request, pk):
    selection, role = get_selection(request, pk, Role.LEAD)
    initial = {name: getattr(selection, name) for name, _ in DECISION_QUESTIONS}
    initial.update(
        chosen_partner=selection.chosen_partner_id,
        decision_notes=selection.decision_notes,
        override_reason=selection.override_reason,
        version=selection.version,
    )
    form = DecisionForm(request.POST or None, selection=selection, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.selection_decide(
                selection=selection,
                partner=data["chosen_partner"],
                answers={name: data[name] for name, _ in DECISION_QUESTIONS},
                notes=data["decision_notes"],
                version=data["version"],
                user=request.user,
                override_reason=data["override_reason"],
                others=data["others"] or "close",
            )
        except services.StaleVersion:
            messages.error(
                request,
                "Someone else changed this decision since you opened the form. "
                "Review their version below and decide again.",
            )
            return redirect("interviews:selection_decide", selection.pk)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(None if field == "__all__" else field, errors)
        else:
            messages.success(
                request,
                f"Decision recorded: {data['chosen_partner']}. "
                "Next, start the engagement for the PL manager.",
            )
            return redirect(selection_url(selection) + "#decision")
    # Blind scoring holds here too: a lead still scoring decides without the comparison.
    visible = policy.selection_scores_visible_to(request.user, selection, role=role)
    comparison = selectors.selection_comparison(selection) if visible else None
    return render(
        request,
        "interviews/decision_form.html",
        {"selection": selection, "form": form, "comparison": comparison},
        status=form_status(request),
    )


@login_required
def selection_history(request, pk):
    """Who changed what in the selection: shortlist, needs, interviews, scores, decision."""
    selection, _ = get_selection(request, pk, Role.LEAD, Role.MANAGER, Role.VIEWER)
    # Blind scoring: score rows wait until the reader may see them (interviews.history).
    changes = history.records_under(
        selection, limit=HISTORY_LIMIT, exclude=score_filter(request.user, selection.district)
    )
    page = Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interviews/history.html", {"selection": selection, "page": page})


@login_required
@require_POST
def selection_status(request, pk):
    """The lead closes, cancels or reopens a selection (moves in lifecycle's table)."""
    selection, _ = get_selection(request, pk, Role.LEAD)
    target = request.POST.get("status", "")
    if target not in (Selection.Status.CLOSED, Selection.Status.CANCELLED, Selection.Status.OPEN):
        return refuse(request, "Choose close, cancel or reopen.", selection_url(selection))
    try:
        lifecycle.selection_move(selection=selection, target=target, user=request.user)
    except lifecycle.NotAllowed as error:
        return refuse(request, str(error), selection_url(selection))
    messages.success(request, f"The selection is {selection.get_status_display().lower()}.")
    return redirect(selection_url(selection))


def selection_url(selection) -> str:
    return reverse("interviews:selection_detail", args=[selection.pk])
