"""Writes: invoices, outcome terms, verified values and payouts (history kept)."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction

from engagements.impact import money
from engagements.impact.models import (
    ContingentAmount,
    DistrictCommitment,
    Invoice,
    OutcomeTerms,
)
from plpg import formats
from plpg.history import with_reason
from plpg.limits import check_limit

INVOICES_LIMIT = 300  # per engagement (plpg.limits)
CONTINGENTS_LIMIT = 25  # one per goal at most
COMMITMENTS_LIMIT = 30


class ImpactRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def invoice_add(*, engagement, user, number, date, amount, period_start, period_end, status):
    """Record an invoice against the contract."""
    check_limit(
        current=engagement.invoices.count(), adding=1, limit=INVOICES_LIMIT, what="invoices"
    )
    if period_end < period_start:
        raise ImpactRefused("The invoice's period cannot end before it starts.")
    if amount <= 0:
        raise ImpactRefused("An invoice's amount must be more than zero.")
    invoice = Invoice(
        engagement=engagement,
        number=number.strip(),
        date=date,
        amount=amount,
        period_start=period_start,
        period_end=period_end,
        status=status,
        created_by=user,
    )
    with_reason(invoice, f"Invoice {invoice.number} recorded ({formats.money(amount)})")
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError as exc:
        raise ImpactRefused(f"Invoice {invoice.number} is already recorded.") from exc
    return invoice


def invoice_status_set(*, invoice, status) -> Invoice:
    """Move an invoice to received, approved or paid."""
    if invoice.status != status:
        invoice.status = status
        with_reason(invoice, f"Invoice {invoice.number}: {invoice.get_status_display().lower()}")
        invoice.save(update_fields=["status"])
    return invoice


def invoice_remove(*, invoice) -> None:
    """Take out an invoice recorded by mistake (a wrong number or amount: record it again).
    The history keeps the removed row and says so."""
    with_reason(invoice, f"Invoice {invoice.number} removed ({formats.money(invoice.amount)})")
    invoice.delete()


@transaction.atomic
def terms_set(*, engagement, base_amount: Decimal) -> OutcomeTerms:
    """Create or change the outcome terms' base amount."""
    if base_amount < 0:
        raise ImpactRefused("The base amount cannot be negative.")
    terms = OutcomeTerms.objects.filter(engagement=engagement).first()
    if terms is None:
        terms = OutcomeTerms(engagement=engagement, base_amount=base_amount)
        with_reason(terms, f"Outcomes-based terms set up (base {formats.money(base_amount)})")
    else:
        terms.base_amount = base_amount
    terms.save()
    return terms


@transaction.atomic
def contingent_add(*, terms, goal, amount, rule, floor, measurement_date) -> ContingentAmount:
    """Tie a contingent amount to one of the engagement's goals."""
    check_limit(
        current=terms.contingents.count(),
        adding=1,
        limit=CONTINGENTS_LIMIT,
        what="contingent amounts",
    )
    if goal.engagement_id != terms.engagement_id:
        raise ImpactRefused("Choose one of this engagement's goals.")
    if amount <= 0:
        raise ImpactRefused("A contingent amount must be more than zero.")
    if rule == ContingentAmount.Rule.LINEAR:
        if floor is None:
            raise ImpactRefused(
                "A linear payout needs a floor (the value at which payment starts)."
            )
        if floor == goal.target or (goal.target > goal.baseline) != (goal.target > floor):
            raise ImpactRefused(
                "The floor must lie on the baseline's side of the target "
                f"({goal.baseline.normalize():f} → {goal.target.normalize():f})."
            )
    else:
        floor = None
    contingent = ContingentAmount(
        terms=terms,
        goal=goal,
        amount=amount,
        rule=rule,
        floor=floor,
        measurement_date=measurement_date,
    )
    with_reason(contingent, f"{formats.money(amount)} tied to “{goal.title}”")
    contingent.save()
    return contingent


def commitment_add(*, terms, text) -> DistrictCommitment:
    check_limit(
        current=terms.commitments.count(),
        adding=1,
        limit=COMMITMENTS_LIMIT,
        what="district commitments",
    )
    commitment = DistrictCommitment(terms=terms, text=text.strip())
    commitment.save()
    return commitment


def commitment_status_set(*, commitment, status) -> DistrictCommitment:
    if commitment.status != status:
        commitment.status = status
        with_reason(commitment, f"District commitment: {commitment.get_status_display().lower()}")
        commitment.save(update_fields=["status"])
    return commitment


@transaction.atomic
def payout_record(*, contingent, value: Decimal, user, today: dt.date) -> ContingentAmount:
    """At the measurement date, the lead records the verified value; the payout is computed
    and kept with its computation (history holds every version)."""
    row = ContingentAmount.objects.select_for_update().select_related("goal").get(pk=contingent.pk)
    if today < row.measurement_date:
        raise ImpactRefused(
            f"The measurement date is {formats.day(row.measurement_date)}: record the verified "
            "value from then."
        )
    goal = row.goal
    result = money.payout_compute(
        rule=row.rule,
        amount=row.amount,
        target=goal.target,
        baseline=goal.baseline,
        floor=row.floor,
        value=value,
        unit=goal.unit,
    )
    row.verified_value = value
    row.verified_on = today
    row.verified_by = user
    row.payout = result.amount
    row.computation = result.computation
    row.version += 1
    with_reason(row, f"Verified value recorded; payout {formats.money(result.amount)}")
    row.save()
    return row
