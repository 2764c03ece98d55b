"""Payout rules on their boundaries, spend against delivery, fiscal years (pure functions)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from engagements.impact.money import fiscal_year, fiscal_year_label, payout_compute, spend_of


def linear(value, *, floor="40", target="80", baseline="20", amount="60000"):
    return payout_compute(
        rule="linear",
        amount=D(amount),
        target=D(target),
        baseline=D(baseline),
        floor=None if floor is None else D(floor),
        value=None if value is None else D(value),
        unit="%",
    )


def all_or_nothing(value, *, target="80", baseline="20", amount="60000"):
    return payout_compute(
        rule="all-or-nothing",
        amount=D(amount),
        target=D(target),
        baseline=D(baseline),
        floor=None,
        value=None if value is None else D(value),
    )


@pytest.mark.parametrize(
    ("value", "paid"),
    [
        ("39.99", "0.00"),  # below the floor
        ("40", "0.00"),  # at the floor: nothing yet
        ("40.01", "15.00"),  # just past it: 0.01/40 of 60,000
        ("60", "30000.00"),  # half way
        ("79.99", "59985.00"),
        ("80", "60000.00"),  # at the target: all of it
        ("95", "60000.00"),  # beyond the target: capped
    ],
)
def test_linear_payout_boundaries(value, paid):
    assert linear(value).amount == D(paid)


def test_linear_payout_shows_its_computation():
    result = linear("52")
    assert result.amount == D("18000.00")
    assert result.computation == "(52% − 40%) ÷ (80% − 40%) = 30.0% of $60,000 = $18,000."


@pytest.mark.parametrize(
    ("value", "paid"), [("79.99", "0.00"), ("80", "60000.00"), ("100", "60000.00")]
)
def test_all_or_nothing_boundaries(value, paid):
    assert all_or_nothing(value).amount == D(paid)


def test_missing_measurement_pays_nothing_and_says_so():
    for result in (linear(None), all_or_nothing(None)):
        assert result.amount is None
        assert "No measurement yet" in result.computation


def test_falling_goal_pays_as_it_falls():
    # Chronic absence from 20% down to 10%, floor 18%.
    kwargs = {"floor": "18", "target": "10", "baseline": "20", "amount": "1000"}
    assert linear("18", **kwargs).amount == D("0.00")
    assert linear("14", **kwargs).amount == D("500.00")
    assert linear("10", **kwargs).amount == D("1000.00")
    assert linear("5", **kwargs).amount == D("1000.00")
    assert all_or_nothing("10.5", target="10", baseline="20", amount="1000").amount == D("0.00")


def test_payout_rounds_to_cents():
    assert linear("41", amount="1000").amount == D("25.00")
    assert linear("40.003", amount="100").amount == D("0.01")


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2026, 6, 30), 2026),
        (dt.date(2026, 7, 1), 2027),
        (dt.date(2026, 12, 31), 2027),
        (dt.date(2027, 1, 1), 2027),
        (dt.date(2027, 6, 30), 2027),
        (dt.date(2027, 7, 1), 2028),
    ],
)
def test_fiscal_year_runs_july_to_june(day, year):
    assert fiscal_year(day) == year


def test_fiscal_year_label():
    assert fiscal_year_label(2027) == "FY 2026–27"


def test_spend_counts_approved_and_paid_and_warns_past_the_margin():
    spend = spend_of(
        contract=D("100000"),
        invoices=[(D("30000"), "paid"), (D("10000"), "approved"), (D("5000"), "received")],
        delivered_percent=25,
        margin=15,
    )
    assert (spend.spent, spend.awaiting, spend.spent_percent) == (D("40000"), D("5000"), 40)
    assert spend.ahead_by == 15 and not spend.warning  # at the margin: no warning yet
    ahead = spend_of(
        contract=D("100000"), invoices=[(D("41000"), "paid")], delivered_percent=25, margin=15
    )
    assert ahead.ahead_by == 16 and ahead.warning
    assert not spend_of(contract=None, invoices=[], delivered_percent=0, margin=15).warning
