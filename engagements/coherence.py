"""Coherence across partners: which engagements reach the same educators at the same time.

The seed's example: one partner coaches grade 3–8 teachers in ELA while another coaches the
same teachers in math. Engagements overlap when their audiences and grade bands intersect
while their contracts run at the same time; a shared content area on top of that means two
partners may be doing the same job, so their roles need a closer look.
"""

import datetime as dt
from dataclasses import dataclass, field

from engagements.cadence import periods_overlap

# A joint check-in this recent counts as "the partners are talking".
JOINT_CHECKIN_FRESH_DAYS = 92


@dataclass(frozen=True)
class EngagementFacts:
    """What the overlap check needs to know about one engagement."""

    pk: int
    name: str
    status: str
    audiences: frozenset[str]
    grade_bands: frozenset[str]
    content_areas: frozenset[str]
    start: dt.date | None
    end: dt.date | None


@dataclass
class Overlap:
    first: EngagementFacts
    second: EngagementFacts
    audiences: list[str]
    grade_bands: list[str]
    content_areas: list[str]
    last_joint: dt.date | None = None
    engagements: list = field(default_factory=list)  # the model objects, for links

    @property
    def same_content(self) -> bool:
        return bool(self.content_areas)

    def needs_joint_checkin(self, today: dt.date) -> bool:
        """No joint check-in of these two partners in the last three months."""
        return self.last_joint is None or (today - self.last_joint).days > JOINT_CHECKIN_FRESH_DAYS


def overlaps_find(facts: list[EngagementFacts], *, involving: int | None = None) -> list[Overlap]:
    """Every pair of open engagements that reach the same educators at the same time.

    With ``involving`` (an engagement's pk), only the pairs that include that engagement.
    """
    found = []
    open_ones = [f for f in facts if f.status != "closed"]
    for i, first in enumerate(open_ones):
        for second in open_ones[i + 1 :]:
            if involving is not None and involving not in (first.pk, second.pk):
                continue
            audiences = first.audiences & second.audiences
            grade_bands = first.grade_bands & second.grade_bands
            if not audiences or not grade_bands:
                continue
            if not periods_overlap(first.start, first.end, second.start, second.end):
                continue
            found.append(
                Overlap(
                    first=first,
                    second=second,
                    audiences=sorted(audiences),
                    grade_bands=sorted(grade_bands),
                    content_areas=sorted(first.content_areas & second.content_areas),
                )
            )
    return found
