"""Interview scores: the one place they are computed, for the pages and the PDFs alike.

Plain functions over plain data (no queries): ``selectors`` gathers the rows and calls them.
Scale 1–4; "not addressed" is no score and never enters an average.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from statistics import mean, median

DISCUSS_SPREAD = 2  # ratings this many points apart are flagged for discussion


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
    scores = [v.score for v in values if v.score is not None]
    stats = {
        "n": len(scores),
        "not_addressed": sum(1 for v in values if v.not_addressed),
        "mean": None,
        "median": None,
        "spread": None,
        "discuss": False,
    }
    if scores:
        spread = max(scores) - min(scores)
        stats.update(
            mean=round(mean(scores), 2),
            median=float(median(scores)),
            spread=spread,
            discuss=spread >= DISCUSS_SPREAD,
        )
    return stats


def weighted_mean(pairs) -> float | None:
    """The weighted mean of (value, weight) pairs, skipping values that are None."""
    total = weight_sum = Decimal(0)
    for value, weight in pairs:
        if value is None or not weight:
            continue
        total += Decimal(str(value)) * Decimal(weight)
        weight_sum += Decimal(weight)
    return round(float(total / weight_sum), 2) if weight_sum else None


def rater_means(ratings: dict) -> dict:
    """Each panelist's own average score over the interview (their leniency or harshness)."""
    per_rater: dict = {}
    for (panelist_id, _), value in ratings.items():
        if value.score is not None:
            per_rater.setdefault(panelist_id, []).append(value.score)
    return {pid: round(mean(scores), 2) for pid, scores in per_rater.items()}


def normalised_score(score: int, rater_mean: float, grand_mean: float) -> float:
    """A rater's score against their own average, put back on the panel's scale."""
    return round(score - rater_mean + grand_mean, 2)


def interview_results(*, sections: list[dict], ratings: dict, consensus: dict) -> InterviewResults:
    """Results of one interview.

    sections: [{"id", "kind", "title", "weight", "look_fors": [(look_for_id, weight), ...]}]
    ratings: {(panelist_id, look_for_id): Value} from submitted scorecards
    consensus: {look_for_id: Value}
    """
    means = rater_means(ratings)
    all_scores = [v.score for v in ratings.values() if v.score is not None]
    grand = round(mean(all_scores), 2) if all_scores else None
    by_look_for: dict = {}
    for (panelist_id, look_for_id), value in ratings.items():
        by_look_for.setdefault(look_for_id, {})[panelist_id] = value
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
            normalised = [
                normalised_score(v.score, means[pid], grand)
                for pid, v in scores.items()
                if v.score is not None
            ]
            result.deviations = {
                pid: round(v.score - means[pid], 2)
                for pid, v in scores.items()
                if v.score is not None
            }
            result.normalised_mean = round(mean(normalised), 2) if normalised else None
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
