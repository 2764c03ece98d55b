"""Spend against the contract and outcomes-based payouts: pure arithmetic, no queries.

The engagement page, the PDF report, the dashboard and the portfolio all call these.
Money is Decimal throughout, rounded to cents only when a payout is recorded.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from plpg.formats import money

CENT = Decimal("0.01")
SPENT_STATUSES = ("approved", "paid")  # a received invoice is not spend until approved


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fiscal_year(day: dt.date) -> int:
    """The fiscal year (July–June) a date falls in, named by the year it ends: Jul 2026 → 2027."""
    return day.year + 1 if day.month >= 7 else day.year


def fiscal_year_label(year: int) -> str:
    return f"FY {year - 1}–{str(year)[-2:]}"


@dataclass(frozen=True)
class Spend:
    contract: Decimal | None  # current contract amount (amendments applied)
    spent: Decimal  # approved and paid invoices
    awaiting: Decimal  # received, not approved yet
    delivered_percent: int  # share of planned sessions delivered
    margin: int  # percentage points

    @property
    def spent_percent(self) -> int | None:
        if not self.contract:
            return None
        return round(100 * self.spent / self.contract)

    @property
    def ahead_by(self) -> int:
        """Percentage points by which spend runs ahead of delivery (0 when it does not)."""
        if self.spent_percent is None:
            return 0
        return max(self.spent_percent - self.delivered_percent, 0)

    @property
    def warning(self) -> bool:
        return self.ahead_by > self.margin

    @property
    def remaining(self) -> Decimal | None:
        return None if self.contract is None else self.contract - self.spent


def spend_of(*, contract, invoices, delivered_percent: int, margin: int) -> Spend:
    """Spend to date from (amount, status) pairs, against the contract and delivery."""
    spent = awaiting = Decimal(0)
    for amount, status in invoices:
        if status in SPENT_STATUSES:
            spent += amount
        else:
            awaiting += amount
    return Spend(contract, spent, awaiting, delivered_percent, margin)


def totals_by(rows, *, key) -> list[tuple[object, Decimal]]:
    """Sum (row, amount) pairs by key(row), in key order."""
    totals: dict = {}
    for row, amount in rows:
        k = key(row)
        totals[k] = totals.get(k, Decimal(0)) + amount
    return sorted(totals.items(), key=lambda item: item[0])


ALL_OR_NOTHING = "all-or-nothing"
LINEAR = "linear"


@dataclass(frozen=True)
class Payout:
    amount: Decimal | None  # None: no measurement yet
    fraction: Decimal | None
    computation: str


def payout_compute(
    *,
    rule: str,
    amount: Decimal,
    target: Decimal,
    baseline: Decimal,
    floor: Decimal | None,
    value: Decimal | None,
    unit: str = "",
) -> Payout:
    """The payout of a contingent amount for a measured value, with the computation in words.

    All or nothing: the whole amount once the value reaches the target. Linear: nothing at
    or below the floor, the whole amount at or beyond the target, in proportion between,
    capped at the amount. Falling goals (target below the baseline) work the same way.
    """
    falling = target < baseline

    def show(v):
        return f"{v.normalize():f}{unit}"

    if value is None:
        return Payout(None, None, "No measurement yet: nothing earned, all at risk.")
    reached = value <= target if falling else value >= target
    if rule == ALL_OR_NOTHING:
        if reached:
            return Payout(
                cents(amount),
                Decimal(1),
                f"{show(value)} reaches the target {show(target)}: all of {money(amount)}.",
            )
        return Payout(
            Decimal("0.00"),
            Decimal(0),
            f"{show(value)} does not reach the target {show(target)}: nothing of "
            f"{money(amount)} (all or nothing).",
        )
    low = baseline if floor is None else floor
    if reached:
        return Payout(
            cents(amount),
            Decimal(1),
            f"{show(value)} reaches the target {show(target)}: all of {money(amount)} (capped).",
        )
    span = target - low
    fraction = Decimal(0) if span == 0 else (value - low) / span
    if fraction <= 0:
        return Payout(
            Decimal("0.00"),
            Decimal(0),
            f"{show(value)} is not past the floor {show(low)}: nothing of {money(amount)}.",
        )
    paid = cents(amount * fraction)
    return Payout(
        paid,
        fraction,
        f"({show(value)} − {show(low)}) ÷ ({show(target)} − {show(low)}) = "
        f"{fraction * 100:.1f}% of {money(amount)} = {money(paid)}.",
    )
