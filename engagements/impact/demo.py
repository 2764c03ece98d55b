"""The demo's evidence of impact, from fixtures/demo/impact.toml (seed_demo runs this after
engagements and the workspace, through the services people use; idempotent). Dates are
relative to today, as elsewhere."""

from decimal import Decimal

from django.utils import timezone

from engagements.demo import engagement_load, engagement_meetings_load
from engagements.impact import feedback_services, services
from engagements.impact.models import FeedbackLink
from engagements.models import Engagement, PlanSession
from plpg.demo import days_from, demo_data
from plpg.models import User

FEEDBACK_FIELDS = ("relevance", "facilitation", "learning", "intended_use")


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _invoices(engagement, user, today, invoices, *, period_days=30):
    for invoice in invoices:
        day = days_from(today, invoice["days"])
        services.invoice_add(
            engagement=engagement,
            user=user,
            number=invoice["number"],
            date=day,
            amount=Decimal(invoice["amount"]),
            period_start=days_from(day, -invoice.get("period_days", period_days)),
            period_end=days_from(day, -1),
            status=invoice["status"],
        )


def _money(engagement, manager, today, spec):
    _invoices(engagement, manager, today, spec["invoices"])
    contract = engagement.amount or Decimal("303000")
    contingent = (contract * Decimal(spec["contingent_share"])).quantize(Decimal("1"))
    terms = services.terms_set(engagement=engagement, base_amount=contract - contingent)
    goals = {goal.title: goal for goal in engagement.goals.all()}
    shares = [c for c in spec["contingent"] if c["share"] != "rest"]
    given = sum((contingent * Decimal(c["share"])).quantize(Decimal("1")) for c in shares)
    for part in spec["contingent"]:
        goal = goals.get(part["goal"])
        if goal is None:
            continue
        if part["share"] == "rest":
            amount = contingent - given
        else:
            amount = (contingent * Decimal(part["share"])).quantize(Decimal("1"))
        services.contingent_add(
            terms=terms,
            goal=goal,
            amount=amount,
            rule=part["rule"],
            floor=Decimal(part["floor"]) if "floor" in part else None,
            measurement_date=goal.due_date,
        )
    for item in spec["commitment"]:
        commitment = services.commitment_add(terms=terms, text=item["text"])
        services.commitment_status_set(commitment=commitment, status=item["status"])


def _responses(link, day, answers, comments=()):
    for n, digits in enumerate(answers):
        response = dict(zip(FEEDBACK_FIELDS, map(int, digits), strict=True))
        if comments is not None:
            response["comment"] = comments[n] if n < len(comments) else ""
        feedback_services.feedback_answer(link=link, answers=response, today=day)


def _feedback(engagement, manager, today, spec):
    sessions = PlanSession.objects.filter(plan_item__engagement=engagement).select_related(
        "plan_item"
    )
    for item in spec["feedback"]:
        session = (
            sessions.filter(plan_item__name=item["session"], date__lt=today)
            .order_by("-date")
            .first()
        )
        if session is None:
            continue
        link = feedback_services.feedback_link_create(
            session=session, user=manager, can_statement=item["can_statement"], today=session.date
        )
        _responses(link, session.date, item["answers"], item["comments"])
    confirmed = (
        sessions.filter(
            confirmation=PlanSession.Confirmation.CONFIRMED,
            attendance__isnull=False,
            feedback_link__isnull=True,
        )
        .order_by("-date")
        .first()
    )
    if confirmed is not None:
        item = spec["feedback_confirmed"]
        link = feedback_services.feedback_link_create(
            session=confirmed,
            user=manager,
            can_statement=item["can_statement"],
            today=confirmed.date,
        )
        _responses(link, confirmed.date, item["answers"], comments=None)
    upcoming = sessions.filter(date__gte=today).order_by("date").first()
    if upcoming is not None:
        feedback_services.feedback_link_create(
            session=upcoming,
            user=manager,
            can_statement=spec["feedback_upcoming"]["can_statement"],
            today=today,
        )


def seed_demo(stdout=None):
    today = timezone.localdate()
    data = demo_data("impact")
    spec = data["northstar"]
    manager = User.objects.filter(email=spec["user"]).first()
    northstar = Engagement.objects.filter(
        district__slug=spec["district"], partner__slug=spec["partner"]
    ).first()
    if northstar is None or manager is None:
        _say(stdout, "impact: the demo engagements are missing; skipped.")
        return
    if not northstar.invoices.exists():
        _money(northstar, manager, today, spec)
    if not FeedbackLink.objects.filter(session__plan_item__engagement=northstar).exists():
        _feedback(northstar, manager, today, spec)
    for record in data["engagement"]:
        engagement, created = engagement_load(record, today=today)
        if created:
            user = User.objects.filter(email=record["created_by"]).first()
            _invoices(engagement, user, today, record.get("invoice", []))
            engagement_meetings_load(engagement, record, today=today)
