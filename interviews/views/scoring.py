"""The panelist's scoring page and its autosave endpoints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from interviews import lifecycle, policy, selectors, services
from interviews.forms import DeclarationForm, RatingForm, ScorecardForm
from interviews.models import SCALE, Interview, LookFor, Rating, Scorecard
from interviews.views.common import READERS, get_interview
from plpg import formats
from plpg.access import check_role
from plpg.htmx import is_htmx
from plpg.models import Membership


def _my_scorecard(request, interview) -> Scorecard:
    """The user's scorecard for an interview whose panel they are on (403 otherwise)."""
    # Scheduling gives every panelist a scorecard, so one query usually settles it.
    scorecard = Scorecard.objects.filter(interview=interview, panelist=request.user).first()
    if scorecard is not None:
        scorecard.interview = interview  # already fetched with its selection and partner
        return scorecard
    if not interview.panel.filter(pk=request.user.pk).exists():
        raise PermissionDenied("You are not on this interview's panel.")
    scorecard, _ = Scorecard.objects.get_or_create(interview=interview, panelist=request.user)
    return scorecard


def _rating_target(request, pk, look_for_id) -> tuple[Scorecard, LookFor]:
    """The user's scorecard on interview pk and the look-for to rate, for the autosave.

    The same rules as get_interview + _my_scorecard + the look-for lookup (the district's
    rows only, a reader's role, the look-for in the interview's sections), in one query
    when the panelist has a scorecard, as scheduling gives every panelist.
    """
    in_scope = LookFor.objects.filter(
        pk=look_for_id, block__section__interviews=OuterRef("interview_id")
    )
    role = Membership.objects.filter(
        user=request.user, district=OuterRef("interview__selection__district")
    ).values("role")[:1]
    scorecard = (
        Scorecard.objects.for_user(request.user)
        .select_related("interview__selection__district", "interview__partner", "interview__guide")
        .annotate(role=Subquery(role), look_for_text=Subquery(in_scope.values("text")[:1]))
        .filter(interview_id=pk, panelist=request.user)
        .first()
    )
    if scorecard is None:  # no scorecard yet (or not this district's): the general path
        interview, _ = get_interview(request, pk)
        scorecard = _my_scorecard(request, interview)
        look_for = get_object_or_404(
            LookFor.objects.all(), pk=look_for_id, block__section__in=interview.sections.all()
        )
        return scorecard, look_for
    check_role(scorecard.role, *READERS)
    if scorecard.look_for_text is None:
        raise Http404("No such look-for in this interview.")
    return scorecard, LookFor(pk=look_for_id, text=scorecard.look_for_text)


def _form_errors(form) -> str:
    return "; ".join(error for errors in form.errors.values() for error in errors)


def _saved_message() -> str:
    return f"Saved {formats.clock(timezone.now())}"


def _save_state(request, interview, form_id, *, state, message, version=None, status=200):
    """Autosave answer to the form ``form_id``: for htmx, out-of-band swaps of its save state
    and version (the version also in a header, for scripts); without JavaScript, a redirect
    back to the form with the message."""
    if not is_htmx(request):
        (messages.success if state == "saved" else messages.error)(request, message)
        return redirect(reverse("interviews:score", args=[interview.pk]) + f"#{form_id}")
    # No request context: the fragment needs none, and it keeps a save to a few queries.
    html = render_to_string(
        "interviews/_save_state.html",
        {"form_id": form_id, "state": state, "message": message, "version": version},
    )
    response = HttpResponse(html, status=status)
    if version is not None:
        response["X-Version"] = str(version)
    return response


@login_required
def score(request, pk):
    """One page: the declaration first, then every look-for of the sections in scope."""
    interview, role = get_interview(request, pk)
    scorecard = _my_scorecard(request, interview)
    refusal = lifecycle.scoring_refusal(interview)
    if scorecard.withdrawn_at is not None:
        refusal = "Your scorecard was withdrawn: the interview was closed without it."
    if refusal and not scorecard.is_submitted:
        return render(
            request,
            "interviews/conflict_blocked.html",
            {"interview": interview, "scorecard": scorecard, "refusal": refusal},
            status=409,
        )
    if scorecard.conflict == Scorecard.Conflict.UNANSWERED:
        return render(
            request,
            "interviews/declare.html",
            {"interview": interview, "form": DeclarationForm()},
        )
    if scorecard.conflict in (Scorecard.Conflict.DECLARED, Scorecard.Conflict.RECUSED):
        return render(
            request,
            "interviews/conflict_blocked.html",
            {"interview": interview, "scorecard": scorecard},
        )
    sections = selectors.interview_sections(interview)
    ratings = {r.look_for_id: r for r in Rating.objects.filter(scorecard=scorecard)}
    visible = policy.scores_visible_to(request.user, interview, role=role)
    # A look-for with consensus is locked; its value is shown only to those who may see scores.
    consensus = selectors.consensus_by_look_for(interview)
    results = selectors.interview_results(interview, sections) if visible else None
    panel = [c for c in selectors.scorecards_of(interview) if c.is_submitted] if visible else []
    total = sum(len(b.look_fors.all()) for s in sections for b in s.blocks.all())
    rated = sum(1 for r in ratings.values() if r.score or r.not_addressed)
    return render(
        request,
        "interviews/score.html",
        {
            "interview": interview,
            "role": role,
            "scorecard": scorecard,
            "sections": sections,
            "ratings": ratings,
            "consensus": consensus,
            "visible": visible,
            "still_owed": (
                policy.owed_scorecards(request.user, interview.selection)
                .exclude(pk=scorecard.pk)
                .select_related("interview__partner")
                if scorecard.is_submitted and not visible
                else []
            ),
            "results": results,
            "panel": panel,
            "scale": SCALE,
            "locked": scorecard.is_submitted,
            "progress": {"rated": rated, "total": total},
            "non_negotiables": selectors.interview_non_negotiables(interview),
            "recommendations": Scorecard.Recommendation.choices,
        },
    )


@login_required
@require_POST
def score_declare(request, pk):
    interview, _ = get_interview(request, pk)
    scorecard = _my_scorecard(request, interview)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        return render(
            request, "interviews/declare.html", {"interview": interview, "form": form}, status=400
        )
    try:
        services.scorecard_declare(
            scorecard=scorecard,
            has_conflict=form.cleaned_data["has_conflict"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
    except services.Locked as error:
        messages.error(request, str(error))
        if interview.status == Interview.Status.CANCELLED:
            return redirect("interviews:detail", interview.pk)
    return redirect("interviews:score", interview.pk)


@login_required
@require_POST
def score_rate(request, pk, look_for_id):
    """Autosave of one rating (score and evidence note) with its version."""
    scorecard, look_for = _rating_target(request, pk, look_for_id)
    interview = scorecard.interview
    form_id = f"lf-{look_for_id}"
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _save_state(
            request,
            interview,
            form_id,
            state="failed",
            message=f"Not saved: {_form_errors(form)}",
            status=400,
        )
    score_value, not_addressed = form.cleaned_data["score"]
    try:
        rating = services.rating_save(
            scorecard_id=scorecard.pk,
            look_for=look_for,
            score=score_value,
            not_addressed=not_addressed,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.StaleVersion as conflict:
        current = conflict.current
        label = current.value_label if current else "nothing"
        return _save_state(
            request,
            interview,
            form_id,
            state="conflict",
            message=(
                f"Not saved: this rating was changed elsewhere (now {label}). "
                "Reload the page to see the latest version, then rate again."
            ),
            status=409,
        )
    except services.Locked as error:
        return _save_state(
            request, interview, form_id, state="failed", message=f"Not saved: {error}", status=423
        )
    return _save_state(
        request, interview, form_id, state="saved", message=_saved_message(), version=rating.version
    )


@login_required
@require_POST
def score_summary(request, pk):
    """Autosave of the overall recommendation and key take-aways."""
    interview, _ = get_interview(request, pk)
    scorecard = _my_scorecard(request, interview)
    form_id = "summary"
    form = ScorecardForm(request.POST)
    if not form.is_valid():
        return _save_state(
            request,
            interview,
            form_id,
            state="failed",
            message=f"Not saved: {_form_errors(form)}",
            status=400,
        )
    try:
        scorecard = services.scorecard_update(
            scorecard_id=scorecard.pk,
            recommendation=form.cleaned_data["recommendation"],
            takeaways=form.cleaned_data["takeaways"],
            version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.StaleVersion:
        return _save_state(
            request,
            interview,
            form_id,
            state="conflict",
            message="Not saved: changed in another tab. Reload the page, then try again.",
            status=409,
        )
    except services.Locked as error:
        return _save_state(
            request, interview, form_id, state="failed", message=f"Not saved: {error}", status=423
        )
    return _save_state(
        request,
        interview,
        form_id,
        state="saved",
        message=_saved_message(),
        version=scorecard.version,
    )


@login_required
@require_POST
def score_submit(request, pk):
    interview, _ = get_interview(request, pk)
    scorecard = _my_scorecard(request, interview)
    try:
        services.scorecard_submit(scorecard=scorecard, user=request.user)
    except services.Locked as error:
        messages.error(request, str(error))
        if interview.status == Interview.Status.CANCELLED:
            return redirect("interviews:detail", interview.pk)
        return redirect("interviews:score", interview.pk)
    messages.success(
        request, "Scorecard submitted and locked. The panel's ratings are now shown below."
    )
    return redirect(reverse("interviews:score", args=[interview.pk]) + "#panel-results")
