"""Interview scores: the one place they are computed, for the pages and the PDFs alike.

Plain functions over plain data (no queries): ``selectors`` gathers the rows and calls them.
Scale 1–4; "not addressed" is no score and never enters an average.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from math import fsum

DISCUSS_SPREAD = 2  # ratings this many points apart are flagged for discussion


def _mean(values) -> float:
    """Float arithmetic: statistics.mean's exact Fractions cost ten times as much, and every
    figure is rounded to two decimals anyway (a sum of integer scores is exact either way)."""
    return fsum(values) / len(values)


@dataclass(frozen=True)
class Value:
    """One rating: a score 1–4, or not addressed (score None)."""

    score: int | None
    not_addressed: bool = False


@dataclass
class LookForResult:
    look_for_id: int
    weight: Decimal
    scores: dict  # panelist id → Value (submitted scorecards only)
    n: int = 0
    not_addressed: int = 0
    mean: float | None = None
    median: float | None = None
    spread: int | None = None
    discuss: bool = False
    consensus: Value | None = None
    normalised_mean: float | None = None
    deviations: dict = field(default_factory=dict)  # panelist id → score − their own average

    @property
    def value(self) -> float | None:
        """What the look-for counts for: the consensus if set, otherwise the panel's mean."""
        if self.consensus is not None:
            return float(self.consensus.score) if self.consensus.score else None
        return self.mean


@dataclass
class SectionResult:
    section_id: int
    kind: str
    title: str
    weight: Decimal
    look_fors: list = field(default_factory=list)
    score: float | None = None


@dataclass
class InterviewResults:
    sections: list
    overall: float | None
    rater_means: dict  # panelist id → their own average score
    grand_mean: float | None
    discuss_count: int

    def look_for(self, look_for_id):
        """The result of one look-for (templates call this once per look-for)."""
        return self._by_look_for.get(look_for_id)

    @cached_property
    def _by_look_for(self) -> dict:
        return {r.look_for_id: r for section in self.sections for r in section.look_fors}


def look_for_stats(values: list[Value]) -> dict:
    """Mean, median and spread of the scored values; the discuss flag at 2+ points apart."""
    scores = sorted(v.score for v in values if v.score is not None)
    stats = {
        "n": len(scores),
        "not_addressed": sum(1 for v in values if v.not_addressed),
        "mean": None,
        "median": None,
        "spread": None,
        "discuss": False,
    }
    if scores:
        n, spread = len(scores), scores[-1] - scores[0]
        middle = n // 2
        stats.update(
            mean=round(sum(scores) / n, 2),
            median=float(scores[middle] if n % 2 else (scores[middle - 1] + scores[middle]) / 2),
            spread=spread,
            discuss=spread >= DISCUSS_SPREAD,
        )
    return stats


def weighted_mean(pairs) -> float | None:
    """The weighted mean of (value, weight) pairs, skipping values that are None."""
    products, weights = [], []
    for value, weight in pairs:
        if value is None or not weight:
            continue
        weight = float(weight)
        products.append(value * weight)
        weights.append(weight)
    return round(fsum(products) / fsum(weights), 2) if weights else None


def rater_means(ratings: dict) -> dict:
    """Each panelist's own average score over the interview (their leniency or harshness)."""
    return _rater_totals(ratings)[0]


def _rater_totals(ratings: dict) -> tuple[dict, float | None, dict]:
    """One pass over the ratings: each rater's mean, the grand mean, and the ratings by
    look-for ({look_for_id: {panelist_id: Value}})."""
    sums: dict = {}
    by_look_for: dict = {}
    for (panelist_id, look_for_id), value in ratings.items():
        by_look_for.setdefault(look_for_id, {})[panelist_id] = value
        if value.score is not None:
            total = sums.setdefault(panelist_id, [0, 0])
            total[0] += value.score
            total[1] += 1
    means = {pid: round(total / n, 2) for pid, (total, n) in sums.items()}
    scored = sum(n for _, n in sums.values())
    grand = round(sum(t for t, _ in sums.values()) / scored, 2) if scored else None
    return means, grand, by_look_for


def normalised_score(score: int, rater_mean: float, grand_mean: float) -> float:
    """A rater's score against their own average, put back on the panel's scale."""
    return round(score - rater_mean + grand_mean, 2)


def interview_results(*, sections: list[dict], ratings: dict, consensus: dict) -> InterviewResults:
    """Results of one interview.

    sections: [{"id", "kind", "title", "weight", "look_fors": [(look_for_id, weight), ...]}]
    ratings: {(panelist_id, look_for_id): Value} from submitted scorecards
    consensus: {look_for_id: Value}
    """
    means, grand, by_look_for = _rater_totals(ratings)
    section_results = []
    discuss_count = 0
    for spec in sections:
        section = SectionResult(spec["id"], spec["kind"], spec["title"], spec["weight"])
        for look_for_id, weight in spec["look_fors"]:
            scores = by_look_for.get(look_for_id, {})
            result = LookForResult(
                look_for_id, weight, scores, **look_for_stats(list(scores.values()))
            )
            result.consensus = consensus.get(look_for_id)
            normalised = []
            for pid, v in scores.items():
                if v.score is not None:
                    normalised.append(normalised_score(v.score, means[pid], grand))
                    result.deviations[pid] = round(v.score - means[pid], 2)
            result.normalised_mean = round(_mean(normalised), 2) if normalised else None
            # Still to discuss: flagged and no consensus yet (the count drops as it is set).
            discuss_count += result.discuss and result.consensus is None
            section.look_fors.append(result)
        section.score = weighted_mean((r.value, r.weight) for r in section.look_fors)
        section_results.append(section)
    overall = weighted_mean((s.score, s.weight) for s in section_results)
    return InterviewResults(section_results, overall, means, grand, discuss_count)


def comparison_matrix(
    *, partners: list, results_by_partner: dict, kinds: list, counts: dict | None = None
) -> list[dict]:
    """Rows of the selection's partners × sections matrix (section kinds as columns).

    counts: {partner id: (submitted scorecards, recused panelists)}; a score that rests on
    one scorecard is flagged ``single``.
    """
    rows = []
    counts = counts or {}
    for partner in partners:
        results = results_by_partner.get(partner.pk)
        by_kind = {s.kind: s.score for s in results.sections} if results else {}
        submitted, recused = counts.get(partner.pk, (0, 0))
        rows.append(
            {
                "partner": partner,
                "scores": [by_kind.get(kind) for kind in kinds],
                "overall": results.overall if results else None,
                "submitted": submitted,
                "recused": recused,
                "single": submitted == 1,
            }
        )
    return rows
