"""The engagements of the demo story, from fixtures/demo/engagements.toml (the file says what
each record holds), dated relative to the day it is seeded. An engagement's goals, plan and
meetings are loaded only when the engagement is first created, so running seed_demo again
adds nothing and keeps what users changed. engagements.impact's demo loads its engagement
with ``engagement_load`` too."""

import calendar
from decimal import Decimal

from django.utils import timezone

from engagements import services, sessions
from engagements.models import (
    ActionItem,
    CheckIn,
    Engagement,
    Goal,
    GoalUpdate,
    OnboardingItem,
    PlanItem,
)
from engagements.timing import timing_parse
from partners.models import ContentArea, CostBand, Curriculum, GradeBand, Partner
from plpg import history
from plpg.demo import days_from, demo_data
from plpg.models import District, User

# Engagement fields a record gives as they are.
TEXT_FIELDS = (
    "title",
    "role_statement",
    "required_language_tools",
    "protocol_materials_review",
    "protocol_escalation",
    "protocol_checkins",
)


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _create(district, spec, *, user, today, selection=None):
    """Get or create the engagement of (district, partner); True when it is new."""
    partner = Partner.objects.filter(slug=spec["partner"]).first()
    if partner is None:
        return None, False
    existing = Engagement.objects.filter(district=district, partner=partner).first()
    if existing:
        # The selection may have been seeded after the engagement (apps seed in order).
        if selection is not None and existing.selection_id is None:
            Engagement.objects.filter(pk=existing.pk).update(selection=selection)
        return existing, False
    engagement = services.engagement_create(
        district=district,
        user=user,
        partner=partner,
        selection=selection,
        audiences=spec["audiences"],
        contract_start=days_from(today, spec["start"]),
        contract_end=days_from(today, spec["end"]),
        amount=Decimal(spec["amount"]),
        cost_band=CostBand.objects.filter(slug=spec["cost_band"]).first(),
        status=Engagement.Status.ACTIVE,
        checkin_cadence=spec["cadence"],
        m2m={
            "content_areas": ContentArea.objects.filter(slug__in=spec["content_areas"]),
            "grade_bands": GradeBand.objects.filter(slug__in=spec["grade_bands"]),
            "curricula": Curriculum.objects.filter(slug__in=spec["curricula"]),
        },
        **{field: spec[field] for field in TEXT_FIELDS},
    )
    return engagement, True


def _onboarding(engagement, user, spec):
    for item in OnboardingItem.objects.filter(engagement=engagement):
        if item.key in spec["done"]:
            item.done, item.done_at, item.done_by = True, timezone.now(), user
        item.notes = spec.get("notes", {}).get(item.key, "")
        item.save()


def _goal(engagement, today, spec, user):
    goal = Goal.objects.create(
        engagement=engagement,
        title=spec["title"],
        measure=spec["measure"],
        unit=spec["unit"],
        baseline=Decimal(spec["baseline"]),
        target=Decimal(spec["target"]),
        start_date=days_from(today, spec["start"]),
        due_date=days_from(today, spec["due"]),
        position=Goal.objects.filter(engagement=engagement).count(),
    )
    for update in spec["updates"]:
        GoalUpdate.objects.create(
            goal=goal,
            date=days_from(today, update["days"]),
            value=Decimal(update["value"]),
            note=update["note"],
            created_by=user,
        )
    return goal


def _plan(engagement, today, rows):
    """The plan's rows. The demo is dated from today, so a month-timed row is named after the
    month of its date (timing and date agree); a recurring row's sessions come from the
    contract, and all its past ones but the last two were delivered (the shared workspace's
    demo has the partner report those two: one confirmed, one awaiting the district)."""
    holidays = sessions.holidays_of(engagement)
    items = []
    for n, row in enumerate(rows):
        date = days_from(today, row.get("days"))
        timing = row["timing"]
        if date and timing_parse(timing).months:
            timing = calendar.month_name[date.month]
        item = PlanItem(
            engagement=engagement,
            position=n,
            timing=timing,
            participants=row["participants"],
            name=row["name"],
            format=row["format"],
            description=row["description"],
            planned_date=date,
            status=row["status"],
            delivered_on=date if row["status"] == "delivered" else None,
        )
        sessions.plan_row_date_fill(item=item, holidays=holidays)
        items.append(item)
    history.bulk_create(items, reason="Demo data")
    for item in items:
        sessions.plan_sessions_sync(item=item, previous_status=None, holidays=holidays)
        if item.recurring:
            past = list(item.sessions.filter(date__lt=today))
            sessions.sessions_move(past[:-2], status=PlanItem.Status.DELIVERED, reason="Demo data")
            sessions.row_status_refresh(item)


def _action(engagement, today, spec, checkin=None):
    ActionItem.objects.create(
        engagement=engagement,
        checkin=checkin,
        description=spec["description"],
        owner=spec["owner"],
        for_partner=spec.get("for_partner", False),
        due_date=days_from(today, spec["due"]),
        done=spec.get("done", False),
        done_at=timezone.now() if spec.get("done") else None,
    )


def _meeting(engagement, today, user, spec):
    text = {k: v for k, v in spec.items() if k not in {"kind", "days", "minutes", "action"}}
    checkin = CheckIn.objects.create(
        district=engagement.district,
        kind=CheckIn.Kind(spec["kind"]),
        date=days_from(today, spec["days"]),
        duration_minutes=spec["minutes"],
        created_by=user,
        **text,
    )
    checkin.engagements.set([engagement])
    for action in spec.get("action", []):
        _action(engagement, today, action, checkin)
    return checkin


def _selection(district, spec):
    """The district's selection that chose this partner (or, before the decision, by title)."""
    from interviews.models import Selection

    found = Selection.objects.filter(district=district, chosen_partner__slug=spec["partner"])
    if spec.get("selection_title") and not found.exists():
        found = Selection.objects.filter(district=district, title=spec["selection_title"])
    return found.order_by("-pk").first()


def engagement_load(spec, *, today):
    """The engagement of a record with its onboarding, goals, plan and meetings (when new);
    None when its district, creator or partner is missing."""
    district = District.objects.filter(slug=spec["district"]).first()
    user = User.objects.filter(email=spec["created_by"]).first()
    if district is None:
        return None, False
    selection = _selection(district, spec) if spec.get("from_selection") else None
    engagement, created = _create(district, spec, user=user, today=today, selection=selection)
    if created:
        if "onboarding" in spec:
            _onboarding(engagement, user, spec["onboarding"])
        for goal in spec.get("goal", []):
            _goal(engagement, today, goal, user)
        _plan(engagement, today, spec.get("plan", []))
    return engagement, created


def engagement_meetings_load(engagement, spec, *, today):
    """The record's check-ins (with the action items agreed there) and other action items."""
    user = User.objects.filter(email=spec["created_by"]).first()
    for meeting in spec.get("meeting", []):
        _meeting(engagement, today, user, meeting)
    for action in spec.get("action", []):
        _action(engagement, today, action)


def seed_demo(stdout=None):
    """Riverside's two overlapping engagements and Lakeview's own (idempotent)."""
    today = timezone.localdate()
    slugs = {spec["slug"] for spec in demo_data("people")["district"]}
    if District.objects.filter(slug__in=slugs).count() < len(slugs):
        _say(stdout, "engagements: demo districts missing; skipped.")
        return
    for spec in demo_data("engagements")["engagement"]:
        engagement, created = engagement_load(spec, today=today)
        if engagement is None:
            _say(stdout, f"engagements: partner {spec['partner']} missing; skipped.")
        elif created:
            engagement_meetings_load(engagement, spec, today=today)
