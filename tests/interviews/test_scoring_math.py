"""interviews.scoring: the one computation of means, spreads, weights and normalisation."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interviews.scoring import (
    Value,
    interview_results,
    look_for_stats,
    normalised_score,
    weighted_mean,
)


def test_stats_leave_not_addressed_out():
    stats = look_for_stats([Value(4), Value(2), Value(None, True)])
    assert stats == {
        "n": 2,
        "not_addressed": 1,
        "mean": 3.0,
        "median": 3.0,
        "spread": 2,
        "discuss": True,
    }


def test_discuss_only_at_two_points_apart():
    assert not look_for_stats([Value(3), Value(4)])["discuss"]
    assert look_for_stats([Value(1), Value(3)])["discuss"]


def test_no_scores_no_numbers():
    stats = look_for_stats([Value(None, True)])
    assert stats["mean"] is None and stats["spread"] is None and not stats["discuss"]


def test_weighted_mean_skips_missing_values():
    assert weighted_mean([(4, Decimal(2)), (1, Decimal(1)), (None, Decimal(5))]) == 3.0
    assert weighted_mean([(None, 1)]) is None


def test_results_use_consensus_weights_and_sections():
    sections = [
        {
            "id": 1,
            "kind": "general",
            "title": "General",
            "weight": Decimal(1),
            "look_fors": [(10, Decimal(1)), (11, Decimal(3))],
        },
        {
            "id": 2,
            "kind": "launch",
            "title": "Launch",
            "weight": Decimal(3),
            "look_fors": [(20, Decimal(1))],
        },
    ]
    ratings = {
        (1, 10): Value(4),
        (2, 10): Value(2),
        (1, 11): Value(2),
        (2, 11): Value(None, True),
        (1, 20): Value(4),
        (2, 20): Value(3),
    }
    results = interview_results(sections=sections, ratings=ratings, consensus={10: Value(1)})
    general, launch = results.sections
    assert general.look_fors[0].mean == 3.0 and general.look_fors[0].value == 1.0
    assert general.score == weighted_mean([(1, 1), (2, 3)]) == 1.75
    assert launch.score == 3.5
    assert results.overall == round((1.75 * 1 + 3.5 * 3) / 4, 2)
    # Look-for 10 (4 vs 2) was flagged, and its consensus settles it: nothing left to discuss.
    assert general.look_fors[0].discuss and results.discuss_count == 0
    unsettled = interview_results(sections=sections, ratings=ratings, consensus={})
    assert unsettled.discuss_count == 1
    assert results.rater_means == {1: round((4 + 2 + 4) / 3, 2), 2: 2.5}


def test_a_harsh_rater_is_normalised_against_their_own_average():
    # Rater 2 rates everything one point lower than rater 1: normalised, they agree.
    sections = [
        {"id": 1, "kind": "general", "title": "G", "weight": 1, "look_fors": [(10, 1), (11, 1)]}
    ]
    ratings = {(1, 10): Value(4), (1, 11): Value(3), (2, 10): Value(3), (2, 11): Value(2)}
    results = interview_results(sections=sections, ratings=ratings, consensus={})
    first, second = results.sections[0].look_fors
    assert first.normalised_mean == 3.5 and second.normalised_mean == 2.5
    assert first.deviations == {1: 0.5, 2: 0.5} and second.deviations == {1: -0.5, 2: -0.5}
    assert normalised_score(3, 2.5, 3.0) == 3.5


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=8))
def test_stats_stay_on_the_scale(scores):
    stats = look_for_stats([Value(s) for s in scores])
    assert 1 <= stats["mean"] <= 4 and 1 <= stats["median"] <= 4
    assert 0 <= stats["spread"] <= 3
    assert stats["discuss"] == (max(scores) - min(scores) >= 2)


@pytest.mark.parametrize("weights", [(1, 1), (0, 1), (2, 0)])
def test_zero_weight_drops_a_look_for(weights):
    value = weighted_mean([(4, weights[0]), (2, weights[1])])
    if weights == (0, 1):
        assert value == 2.0
    elif weights == (2, 0):
        assert value == 4.0
    else:
        assert value == 3.0


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=12))
def test_float_means_equal_exact_arithmetic(scores):
    """Float arithmetic (not statistics' Fractions) gives the same two-decimal figures."""
    import statistics

    stats = look_for_stats([Value(s) for s in scores])
    assert stats["mean"] == round(statistics.mean(scores), 2)
    assert stats["median"] == float(statistics.median(scores))
    ratings = {(n % 3, n): Value(s) for n, s in enumerate(scores)}
    results = interview_results(
        sections=[{"id": 1, "kind": "general", "title": "G", "weight": Decimal(1),
                   "look_fors": [(n, Decimal(1)) for n in range(len(scores))]}],
        ratings=ratings,
        consensus={},
    )  # fmt: skip
    assert results.grand_mean == round(statistics.mean(scores), 2)
    assert results.overall == pytest.approx(float(statistics.mean(scores)), abs=0.006)
