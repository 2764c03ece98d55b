"""Interviews: scheduling, the results page, consensus, non-negotiables and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from interviews import lifecycle, notifications, policy, selectors, services
from interviews.forms import (
    ConflictResolveForm,
    ConsensusForm,
    InterviewForm,
    NonNegotiableResultForm,
)
from interviews.history import score_filter
from interviews.models import (
    SCALE,
    Guide,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
)
from interviews.views.common import (
    HISTORY_LIMIT,
    HISTORY_PAGE_SIZE,
    form_status,
    get_interview,
    get_selection,
    refuse,
)
from plpg import history
from plpg.access import Role
from plpg.htmx import is_htmx


def _save_interview(request, form, selection):
    interview = form.save(commit=False)
    interview.selection = selection
    sections = interview.guide.sections.filter(kind__in=form.cleaned_data["kinds"])
    if not sections.exists():
        form.add_error("kinds", "The guide has none of these sections.")
        return None
    creating = interview.pk is None
    before = set() if creating else set(interview.panel.all())
    panel = list(form.cleaned_data["panel"])
    interview = services.interview_save(
        interview=interview, panel=panel, sections=list(sections), user=request.user
    )
    # The panel is told: details and a calendar invitation (or its update / cancellation).
    if creating:
        notifications.interview_scheduled(interview=interview, user=request.user)
    elif interview.status not in (Interview.Status.CANCELLED, Interview.Status.NO_SHOW):
        notifications.interview_updated(
            interview=interview,
            changed_fields=form.changed_data,
            removed=before - set(panel),
            added=set(panel) - before,
            user=request.user,
        )
    return interview


@login_required
def interview_create(request, pk):
    selection, _ = get_selection(request, pk, Role.LEAD)
    initial = {
        "kinds": services.selection_kinds(selection=selection),
        "guide": selection.guide_id or Guide.objects.default(),
        "partner": request.GET.get("partner") if request.GET.get("partner", "").isdigit() else None,
    }
    form = InterviewForm(
        request.POST or None, selection=selection, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        interview = _save_interview(request, form, selection)
        if interview:
            messages.success(
                request,
                "Interview scheduled. The panel was emailed the details with a calendar "
                "invitation; they can print the packet now.",
            )
            return redirect("interviews:detail", interview.pk)
    return render(
        request,
        "interviews/interview_form.html",
        {"form": form, "selection": selection, "interview": None},
        status=form_status(request),
    )


@login_required
def interview_edit(request, pk):
    interview, _ = get_interview(request, pk, Role.LEAD)
    selection = interview.selection
    initial = {"kinds": list(interview.sections.values_list("kind", flat=True))}
    form = InterviewForm(
        request.POST or None,
        instance=interview,
        selection=selection,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid() and _save_interview(request, form, selection):
        messages.success(request, "Interview saved.")
        return redirect("interviews:detail", interview.pk)
    return render(
        request,
        "interviews/interview_form.html",
        {"form": form, "selection": selection, "interview": interview},
        status=form_status(request),
    )


@login_required
def interview_detail(request, pk):
    """Overview, panel status and — unless blind — the results with consensus."""
    interview, role = get_interview(request, pk)
    scorecards = selectors.scorecards_of(interview)
    mine = next((s for s in scorecards if s.panelist_id == request.user.pk), None)
    visible = policy.scores_visible_to(request.user, interview, role=role)
    sections = selectors.interview_sections(interview)
    context = {
        "interview": interview,
        "selection": interview.selection,
        "role": role,
        "can_lead": role == Role.LEAD,
        "consensus_open": policy.consensus_open(interview),
        "scorecards": scorecards,
        "mine": mine,
        "not_submitted": [s for s in scorecards if s.is_owed],
        "status_label": lifecycle.effective_status_label(interview),
        "transitions": lifecycle.interview_targets(interview) if role == Role.LEAD else [],
        "scoring_refusal": lifecycle.scoring_refusal(interview),
        "scoring_open": not lifecycle.scoring_refusal(interview) or (mine and mine.is_submitted),
        "visible": visible,
        "sections": sections,
        "scale": SCALE,
        "non_negotiables": selectors.interview_non_negotiables(interview),
        "nn_statuses": NonNegotiableResult.Status.choices,
    }
    if visible:
        context.update(
            selectors.results_context(interview=interview, scorecards=scorecards, sections=sections)
        )
        context["consensus"] = selectors.consensus_by_look_for(interview)
    return render(request, "interviews/interview_detail.html", context)


def _results_url(interview, anchor=""):
    return reverse("interviews:detail", args=[interview.pk]) + anchor


def _consensus_cell(request, interview, look_for, *, error="", status=200):
    """The consensus cell of one look-for, and after a save the results summary (htmx)."""
    context = {
        "interview": interview,
        "look_for": look_for,
        "agreed": selectors.consensus_by_look_for(interview).get(look_for.pk),
        "scale": SCALE,
        "can_lead": True,
        "consensus_open": policy.consensus_open(interview),
        "error": error,
        "swap": True,
        "evidence": {},  # filled below only when the lead may see the panel's scores
    }
    # Blind scoring: the response carries the panel's results only if the lead may see them.
    if not error and policy.scores_visible_to(request.user, interview, role=Role.LEAD):
        sections = selectors.interview_sections(interview)
        context.update(
            selectors.results_context(
                interview=interview,
                scorecards=selectors.scorecards_of(interview),
                sections=sections,
            )
        )
    return render(request, "interviews/_consensus_cell.html", context, status=status)


@login_required
@require_POST
def consensus_set(request, pk, look_for_id):
    interview, _ = get_interview(request, pk, Role.LEAD)
    look_for = get_object_or_404(
        LookFor, pk=look_for_id, block__section__in=interview.sections.all()
    )
    back = _results_url(interview, f"#lf-{look_for.pk}")

    def refuse_consensus(message, status):
        if is_htmx(request):
            return _consensus_cell(request, interview, look_for, error=message, status=status)
        return refuse(request, message, back)

    form = ConsensusForm(request.POST)
    if not form.is_valid():
        return refuse_consensus("Not saved: choose a consensus rating and give a reason.", 400)
    score, not_addressed = form.cleaned_data["score"]
    try:
        services.consensus_set(
            interview=interview,
            look_for=look_for,
            score=score,
            not_addressed=not_addressed,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.StaleVersion:
        return refuse_consensus(
            "Not saved: someone else changed this consensus since you loaded the page. "
            "The current consensus is shown; try again if you still disagree.",
            409,
        )
    except ValidationError as error:
        return refuse_consensus(f"Not saved: {error.messages[0]}", 400)
    except services.Locked as error:
        return refuse_consensus(f"Not saved: {error}", 409)
    if is_htmx(request):
        return _consensus_cell(request, interview, look_for)
    messages.success(
        request, "Consensus saved; the individual ratings of this look-for are locked."
    )
    return redirect(back)


@login_required
@require_POST
def non_negotiable_result(request, pk, nn_id):
    interview, _ = get_interview(request, pk, Role.LEAD)
    allowed = NonNegotiable.objects.filter(
        Q(guide_id=interview.guide_id) | Q(selection_id=interview.selection_id)
    )
    item = get_object_or_404(allowed, pk=nn_id)
    form = NonNegotiableResultForm(request.POST)
    back = _results_url(interview, f"#nn-{item.pk}")
    if not form.is_valid():
        message = "Not saved: choose met, not met or unclear (notes up to 5,000 characters)."
        if not is_htmx(request):
            return refuse(request, message, back)
        item.result = NonNegotiableResult.objects.filter(
            interview=interview, non_negotiable=item
        ).first()
        return _nn_item(request, interview, item, error=message, status=400)
    item.result = services.non_negotiable_result_set(
        interview=interview,
        non_negotiable=item,
        status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
        user=request.user,
    )
    if is_htmx(request):
        return _nn_item(request, interview, item)
    messages.success(request, "Non-negotiable result saved.")
    return redirect(back)


def _nn_item(request, interview, item, *, error="", status=200):
    context = {
        "interview": interview,
        "item": item,
        "can_lead": True,
        "nn_statuses": NonNegotiableResult.Status.choices,
        "error": error,
        "saved": not error,
        "swap": True,
    }
    return render(request, "interviews/_nn_result.html", context, status=status)


@login_required
@require_POST
def scorecard_reopen(request, pk, scorecard_id):
    interview, _ = get_interview(request, pk, Role.LEAD)
    scorecard = get_object_or_404(interview.scorecards.select_related("panelist"), pk=scorecard_id)
    try:
        services.scorecard_reopen(scorecard=scorecard, user=request.user)
    except services.Locked as error:
        return refuse(request, str(error), _results_url(interview, "#panel"))
    messages.success(request, f"{scorecard.panelist.display_name}'s scorecard is open again.")
    return redirect(_results_url(interview, "#panel"))


@login_required
@require_POST
def conflict_resolve(request, pk, scorecard_id):
    interview, _ = get_interview(request, pk, Role.LEAD)
    scorecard = get_object_or_404(interview.scorecards.select_related("panelist"), pk=scorecard_id)
    form = ConflictResolveForm(request.POST)
    if not form.is_valid():
        return refuse(
            request, "Choose whether the panelist may score.", _results_url(interview, "#panel")
        )
    try:
        services.conflict_resolve(
            scorecard=scorecard,
            allow=form.cleaned_data["decision"] == "allow",
            note=form.cleaned_data["note"],
            user=request.user,
        )
    except services.Locked as error:
        return refuse(request, str(error), _results_url(interview, "#panel"))
    messages.success(request, "Conflict of interest resolved.")
    return redirect(_results_url(interview, "#panel"))


@login_required
@require_POST
def interview_status(request, pk):
    """The lead opens an interview early, closes it, cancels it, marks a no-show, reinstates."""
    interview, _ = get_interview(request, pk, Role.LEAD)
    target = request.POST.get("status", "")
    back = _results_url(interview, "#panel")
    if target not in Interview.Status.values:
        return refuse(request, "Choose what happens to the interview.", back)
    try:
        lifecycle.interview_move(interview=interview, target=target, user=request.user)
    except lifecycle.NotAllowed as error:
        return refuse(request, str(error), back)
    if target in (Interview.Status.CANCELLED, Interview.Status.SCHEDULED):
        notifications.interview_changed(
            interview=interview, cancelled=target != "scheduled", user=request.user
        )
    messages.success(request, f"The interview is {interview.get_status_display().lower()}.")
    return redirect(back)


@login_required
def interview_history(request, pk):
    interview, _ = get_interview(request, pk, Role.LEAD, Role.VIEWER, Role.MANAGER)
    # Blind scoring: score rows wait until the reader may see them (interviews.policy).
    changes = history.records_under(
        interview,
        limit=HISTORY_LIMIT,
        exclude=score_filter(request.user, interview.selection.district),
    )
    page = Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interviews/history.html",
        {"interview": interview, "selection": interview.selection, "page": page},
    )
