"""Participant feedback: the statements, the anonymity threshold and the summaries (pure
functions over response rows; the selectors feed them with a fixed number of queries)."""

from dataclasses import dataclass, field

# Below this many responses a session's (or engagement's) aggregates and comments are hidden:
# with fewer, a facilitator could tell who answered what.
MIN_RESPONSES = 5

# (field, level of PL evaluation, statement). The learning statement is the link's own
# "I can …" sentence, from the session's objective.
STATEMENTS = [
    ("relevance", "Reaction", "This session was relevant to my work."),
    ("facilitation", "Reaction", "The session was well facilitated."),
    ("learning", "Learning", None),
    ("intended_use", "Intended use", "I will use this in the next two weeks."),
]
FIELDS = [name for name, _level, _text in STATEMENTS]


def enough_to_show(count: int) -> bool:
    """The anonymity rule: aggregates and comments are shown from MIN_RESPONSES on."""
    return count >= MIN_RESPONSES


SCALE_LABELS = {1: "Strongly disagree", 2: "Disagree", 3: "Agree", 4: "Strongly agree"}


def statements_for(can_statement: str) -> list[tuple[str, str, str]]:
    return [(name, level, text or can_statement) for name, level, text in STATEMENTS]


@dataclass
class StatementSummary:
    name: str
    level: str
    text: str
    counts: dict[int, int]
    mean: float | None

    @property
    def agree_percent(self) -> int:
        total = sum(self.counts.values())
        return round(100 * (self.counts.get(3, 0) + self.counts.get(4, 0)) / total) if total else 0


@dataclass
class FeedbackSummary:
    count: int
    attendance: int | None = None
    statements: list[StatementSummary] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return enough_to_show(self.count)

    @property
    def rate(self) -> int | None:
        """Responses as a share of attendance (None until attendance is known)."""
        if not self.attendance:
            return None
        return round(100 * self.count / self.attendance)

    @property
    def mean(self) -> float | None:
        means = [s.mean for s in self.statements if s.mean is not None]
        return round(sum(means) / len(means), 2) if means else None


def summarize(rows, *, can_statement: str = "I can …", attendance: int | None = None):
    """A summary of response rows (dicts or objects with the four fields and comment).
    Below the threshold only the count is kept: no distribution, mean or comment."""
    rows = list(rows)
    summary = FeedbackSummary(count=len(rows), attendance=attendance)
    if not summary.shown:
        return summary
    for name, level, text in statements_for(can_statement):
        values = [_get(row, name) for row in rows]
        counts = {score: values.count(score) for score in (1, 2, 3, 4)}
        summary.statements.append(
            StatementSummary(name, level, text, counts, round(sum(values) / len(values), 2))
        )
    summary.comments = [c for c in (_get(row, "comment").strip() for row in rows) if c]
    return summary


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)
