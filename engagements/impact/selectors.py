"""Reads of spend and outcome terms, a fixed number of queries for any number of engagements."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, Sum

from engagements.impact import money
from engagements.impact.models import ContingentAmount, Invoice, OutcomeTerms
from engagements.models import GoalUpdate
from engagements.progress import goal_progress


def invoice_sums(engagement_ids) -> dict[int, list[tuple[Decimal, str]]]:
    """(amount, status) per engagement, summed by status (1 query)."""
    sums = defaultdict(list)
    for row in (
        Invoice.objects.filter(engagement_id__in=list(engagement_ids))
        .values("engagement_id", "status")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        sums[row["engagement_id"]].append((row["total"], row["status"]))
    return sums


def spend_for(engagements) -> None:
    """Set .spend (money.Spend) on each engagement; .plan (PlanProgress) must be set (1 query)."""
    sums = invoice_sums(e.pk for e in engagements)
    for e in engagements:
        e.spend = money.spend_of(
            contract=e.amount,
            invoices=sums.get(e.pk, []),
            delivered_percent=e.plan.percent,
            margin=settings.SPEND_AHEAD_MARGIN,
        )


def spend_totals(*, district) -> dict:
    """Approved and paid invoices of the district per partner and per fiscal year (1 query)."""
    rows = list(
        Invoice.objects.filter(
            engagement__district=district,
            engagement__deleted_at__isnull=True,
            status__in=money.SPENT_STATUSES,
        ).values_list("engagement__partner__name", "date", "amount")
    )
    by_partner = money.totals_by(((name, amount) for name, _d, amount in rows), key=lambda n: n)
    by_year = money.totals_by(
        ((money.fiscal_year(day), amount) for _n, day, amount in rows), key=lambda y: y
    )
    return {
        "by_partner": by_partner,
        "by_year": [(money.fiscal_year_label(year), total) for year, total in by_year],
        "total": sum((amount for *_rest, amount in rows), Decimal(0)),
    }


def terms_queryset():
    return OutcomeTerms.objects.prefetch_related(
        Prefetch(
            "contingents",
            queryset=ContingentAmount.objects.select_related(
                "goal", "verified_by"
            ).prefetch_related(
                Prefetch("goal__updates", queryset=GoalUpdate.objects.order_by("date", "pk"))
            ),
        ),
        "commitments",
    )


def contingent_state(contingent, *, today: dt.date) -> None:
    """Set .estimate (money.Payout from the goal's latest value, or the recorded payout),
    .earned, .at_risk, .due (measurement date reached, no verified value yet), .progress."""
    goal = contingent.goal
    updates = list(goal.updates.all())
    latest = updates[-1] if updates else None
    contingent.latest = latest
    contingent.progress = goal_progress(
        baseline=goal.baseline,
        target=goal.target,
        start=goal.start_date,
        due=goal.due_date,
        current=latest.value if latest else None,
        today=today,
    )
    if contingent.payout is not None:
        contingent.final = True
        contingent.earned = contingent.payout
    else:
        contingent.final = False
        contingent.estimate = money.payout_compute(
            rule=contingent.rule,
            amount=contingent.amount,
            target=goal.target,
            baseline=goal.baseline,
            floor=contingent.floor,
            value=latest.value if latest else None,
            unit=goal.unit,
        )
        contingent.earned = contingent.estimate.amount or Decimal("0.00")
    contingent.at_risk = contingent.amount - contingent.earned
    contingent.due = contingent.payout is None and today >= contingent.measurement_date


def outcome_terms_of(engagement, *, today: dt.date):
    """The engagement's outcome terms with every contingent amount's state, or None."""
    terms = terms_queryset().filter(engagement=engagement).first()
    if terms is None:
        return None
    terms.rows = list(terms.contingents.all())
    for contingent in terms.rows:
        contingent_state(contingent, today=today)
    terms.contingent_total = sum((c.amount for c in terms.rows), Decimal(0))
    terms.earned = sum((c.earned for c in terms.rows), Decimal(0))
    terms.at_risk = sum((c.at_risk for c in terms.rows), Decimal(0))
    terms.paid_out = sum((c.payout for c in terms.rows if c.payout is not None), Decimal(0))
    terms.total = terms.base_amount + terms.contingent_total
    terms.contingent_percent = (
        round(100 * terms.contingent_total / terms.total) if terms.total else 0
    )
    terms.commitment_rows = list(terms.commitments.all())
    return terms


def engagement_impact(row, *, today: dt.date) -> dict:
    """What the engagement page and its PDF show of spend and outcome terms (row comes from
    engagements_with_cadence, so .plan is set): a fixed number of queries."""
    from engagements.impact import charts
    from engagements.impact.feedback_selectors import links_with_counts
    from engagements.impact.models import YearEndReview
    from engagements.impact.review import review_offered

    spend_for([row])
    links = links_with_counts(row)
    reviews = list(
        YearEndReview.objects.filter(Q(engagement=row) | Q(next_engagement=row)).order_by("pk")
    )
    return {
        "spend_chart": charts.spend_chart(row.spend),
        "terms": outcome_terms_of(row, today=today),
        "feedback_links": links,
        "feedback_total": sum(link.responses_count for link in links),
        "year_end": {
            "offered": review_offered(row, today),
            "review": next((r for r in reviews if r.engagement_id == row.pk), None),
            "renewed_from": next((r for r in reviews if r.next_engagement_id == row.pk), None),
        },
    }
