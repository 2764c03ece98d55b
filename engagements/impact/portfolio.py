"""The district's portfolio: every engagement with spend, delivery, feedback and goal status
side by side (a fixed number of queries, however many engagements)."""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Avg, Count

from engagements.impact.feedback import FIELDS, enough_to_show
from engagements.impact.models import FeedbackResponse
from engagements.impact.selectors import spend_for
from engagements.models import Engagement
from engagements.progress import AT_RISK, MET, NO_DATA, OFF_TRACK, ON_TRACK
from engagements.selectors import engagements_with_cadence, goals_queryset, goals_with_progress

GOAL_ORDER = [MET, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA]

# ?sort= value → (label, key on a row); unknown values fall back to the partner's name.
SORTS = {
    "partner": ("Partner", lambda e: e.partner.name.lower()),
    "status": ("Status", lambda e: e.status),
    "contract": ("Contract", lambda e: e.amount or 0),
    "spent": ("Spent", lambda e: e.spend.spent),
    "spent-percent": ("Spent %", lambda e: e.spend.spent_percent or 0),
    "delivered": ("Delivered %", lambda e: e.plan.percent),
    "feedback": ("Feedback", lambda e: e.feedback_mean or 0),
    "goals": ("Goals met or on track", lambda e: e.goals_good_percent),
}


def portfolio_rows(*, user, district, today: dt.date, sort: str = "partner", descending=False):
    """Every engagement of the district (closed ones too), each with .spend, .plan,
    .feedback_count, .feedback_mean (None below MIN_RESPONSES), .goal_counts."""
    engagements = engagements_with_cadence(
        Engagement.objects.for_user(user).for_district(district), today=today
    )
    spend_for(engagements)
    ids = [e.pk for e in engagements]
    feedback = {
        row["link__session__plan_item__engagement_id"]: row
        for row in FeedbackResponse.objects.filter(link__session__plan_item__engagement_id__in=ids)
        .values("link__session__plan_item__engagement_id")
        .annotate(
            n=Count("pk"),
            **{name: Avg(name) for name in FIELDS},
        )
        .order_by()
    }
    goals = defaultdict(list)
    for goal in goals_with_progress(goals_queryset().filter(engagement_id__in=ids), today=today):
        goals[goal.engagement_id].append(goal)
    for e in engagements:
        row = feedback.get(e.pk)
        e.feedback_count = row["n"] if row else 0
        e.feedback_mean = (
            round(sum(float(row[name]) for name in FIELDS) / len(FIELDS), 2)
            if row and enough_to_show(row["n"])
            else None
        )
        counts = Counter(goal.progress.status for goal in goals[e.pk])
        e.goal_counts = [(status, counts[status]) for status in GOAL_ORDER if counts[status]]
        e.goals_total = len(goals[e.pk])
        good = counts[MET] + counts[ON_TRACK]
        e.goals_good_percent = round(100 * good / e.goals_total) if e.goals_total else 0
    key = SORTS.get(sort, SORTS["partner"])[1]
    engagements.sort(key=key, reverse=descending)
    return engagements
