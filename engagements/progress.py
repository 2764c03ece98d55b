"""Progress arithmetic for goals and plans, shared by the engagement page and the PDF."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

ON_TRACK = "on-track"
AT_RISK = "at-risk"
OFF_TRACK = "off-track"
MET = "met"
NO_DATA = "no-data"

STATUS_LABELS = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    MET: "Met",
    NO_DATA: "No data yet",
}

# How far behind the straight line from baseline to target a goal may fall.
AT_RISK_MARGIN = 0.10
OFF_TRACK_MARGIN = 0.25


@dataclass(frozen=True)
class GoalProgress:
    current: Decimal | None
    percent: int  # 0–100 of the way from baseline to target
    expected_percent: int  # where a straight line from start to due date would be today
    status: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def goal_progress(
    *,
    baseline: Decimal,
    target: Decimal,
    start: dt.date,
    due: dt.date,
    current: Decimal | None,
    today: dt.date,
) -> GoalProgress:
    """How far a goal has come and whether it is on track, at risk or off track.

    Works for falling targets too (e.g. chronic absence from 20% down to 10%). The goal is
    compared with a straight line from the baseline at ``start`` to the target at ``due``.
    """
    span_days = max((due - start).days, 1)
    expected = min(max((today - start).days / span_days, 0.0), 1.0)
    if current is None:
        return GoalProgress(None, 0, round(expected * 100), NO_DATA)
    distance = target - baseline
    fraction = 1.0 if distance == 0 else float((current - baseline) / distance)
    fraction = min(max(fraction, 0.0), 1.0)
    if fraction >= 1.0:
        status = MET
    elif today > due or fraction < expected - OFF_TRACK_MARGIN:
        status = OFF_TRACK
    elif fraction < expected - AT_RISK_MARGIN:
        status = AT_RISK
    else:
        status = ON_TRACK
    return GoalProgress(current, round(fraction * 100), round(expected * 100), status)


@dataclass(frozen=True)
class PlanProgress:
    delivered: int
    planned: int  # rows still planned
    cancelled: int

    @property
    def total(self) -> int:
        """Rows that count: delivered plus still planned (cancelled ones don't)."""
        return self.delivered + self.planned

    @property
    def percent(self) -> int:
        return round(100 * self.delivered / self.total) if self.total else 0


def plan_progress(statuses) -> PlanProgress:
    """Delivered versus planned from an iterable of plan-row statuses."""
    statuses = list(statuses)
    return PlanProgress(
        delivered=statuses.count("delivered"),
        planned=statuses.count("planned"),
        cancelled=statuses.count("cancelled"),
    )


def plan_unit_statuses(rows) -> list[str]:
    """What delivered versus planned counts: the status of each dated session, and a row's
    own status while it has no session (not dated yet). rows: (row status, session statuses)."""
    statuses: list[str] = []
    for status, sessions in rows:
        statuses.extend(sessions or [status])
    return statuses
