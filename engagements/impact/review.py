"""The year-end review and renewal (writes, plus the rule of when a review is offered)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from engagements import services as engagement_services
from engagements.impact.models import YearEndReview
from engagements.impact.services import ImpactRefused
from engagements.models import Engagement, Goal, PlanItem
from engagements.progress import MET
from plpg import formats
from plpg.history import with_reason

REVIEW_OFFERED_DAYS = 60  # before the contract ends


def review_offered(engagement, today: dt.date) -> bool:
    """A year-end review is offered from 60 days before the contract ends (open engagements)."""
    return (
        engagement.contract_end is not None
        and engagement.status != Engagement.Status.CLOSED
        and today >= engagement.contract_end - dt.timedelta(days=REVIEW_OFFERED_DAYS)
    )


def rebaselined(goal) -> tuple[Decimal, Decimal]:
    """(baseline, target) for next year: this year's latest value becomes the baseline, the
    target stays; a goal already met starts at its target (a goal to sustain), never past it."""
    latest = goal.latest.value if goal.latest else goal.baseline
    rising = goal.target >= goal.baseline
    if goal.progress.status == MET or (latest >= goal.target if rising else latest <= goal.target):
        return goal.target, goal.target
    return latest, goal.target


def _next_year(engagement) -> tuple[dt.date | None, dt.date | None]:
    start, end = engagement.contract_start, engagement.contract_end
    if end is None:
        return None, None
    new_start = end + dt.timedelta(days=1)
    length = (end - start) if start else dt.timedelta(days=364)
    return new_start, new_start + length


@transaction.atomic
def engagement_renew(*, engagement, goals, user) -> Engagement:
    """Next year's engagement: the role, audiences, scope and protocol carried; goals
    re-baselined from this year's results; the plan rows not delivered or cancelled."""
    start, end = _next_year(engagement)
    fields = {
        name: getattr(engagement, name)
        for name in (
            "partner",
            "selection",
            "role_statement",
            "audiences",
            "amount",
            "cost_band",
            "checkin_cadence",
            "step_back_cadence",
            "required_language_tools",
            "protocol_materials_review",
            "protocol_escalation",
            "protocol_checkins",
        )
    }
    year = f"{start:%Y}–{end:%y}" if start and end else "next year"
    renewed = engagement_services.engagement_create(
        district=engagement.district,
        user=user,
        m2m={
            "content_areas": list(engagement.content_areas.all()),
            "grade_bands": list(engagement.grade_bands.all()),
            "curricula": list(engagement.curricula.all()),
        },
        title=f"{engagement.title} ({year})"[:200],
        status=Engagement.Status.ONBOARDING,
        contract_start=start,
        contract_end=end,
        **fields,
    )
    for position, goal in enumerate(goals):
        baseline, target = rebaselined(goal)
        new_goal = Goal(
            engagement=renewed,
            title=goal.title,
            measure=goal.measure,
            unit=goal.unit,
            baseline=baseline,
            target=target,
            start_date=start or goal.due_date,
            due_date=end or goal.due_date + dt.timedelta(days=365),
            position=position,
        )
        with_reason(new_goal, f"Carried from last year, re-baselined at {baseline.normalize():f}")
        engagement_services.goal_save(goal=new_goal, user=user)
    unfinished = [
        item
        for item in engagement.plan_items.prefetch_related("sessions")
        if item.status == PlanItem.Status.PLANNED
        and (
            not item.sessions.all()
            or any(s.status == PlanItem.Status.PLANNED for s in item.sessions.all())
        )
    ]
    if unfinished:
        engagement_services.plan_rows_add(
            engagement=renewed, user=user, rows=unfinished, source="last year's unfinished plan"
        )
    return renewed


@transaction.atomic
def review_decide(*, engagement, goals, user, today: dt.date, **answers) -> YearEndReview:
    """Record the year-end review; renew creates next year's engagement, close closes this one."""
    current = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if not review_offered(current, today):
        raise ImpactRefused(
            "The year-end review opens 60 days before the contract ends"
            + (f" ({formats.day(current.contract_end)})." if current.contract_end else ".")
        )
    if YearEndReview.objects.filter(engagement=current).exists():
        raise ImpactRefused("This engagement's year-end review is already recorded.")
    decision = answers["decision"]
    if decision == YearEndReview.Decision.RENEW_WITH_CHANGES and not answers.get("changes"):
        raise ImpactRefused("Renewing with changes: say which changes.")
    review = YearEndReview(engagement=current, decided_by=user, **answers)
    if decision == YearEndReview.Decision.CLOSE:
        current.status = Engagement.Status.CLOSED
        current.version += 1
        with_reason(current, "Closed at the year-end review")
        current.save(update_fields=["status", "version"])
    else:
        review.next_engagement = engagement_renew(engagement=current, goals=goals, user=user)
    with_reason(review, f"Year-end review: {review.get_decision_display().lower()}")
    review.save()
    return review
