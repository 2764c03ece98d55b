"""Reads of participant feedback: per session and per engagement, a fixed number of queries."""

from collections import defaultdict

from django.db.models import Count

from engagements.impact import charts
from engagements.impact.feedback import FIELDS, MIN_RESPONSES, summarize
from engagements.impact.models import FeedbackLink, FeedbackResponse
from engagements.models import PlanSession
from plpg import formats


def attendance_of(session) -> int | None:
    """How many attended, from the session's confirmed delivery (engagements.workspace.
    deliveries); None until the district confirmed a delivery that gave its attendance."""
    if session.confirmation != PlanSession.Confirmation.CONFIRMED:
        return None
    return session.attendance


def links_with_counts(engagement) -> list[FeedbackLink]:
    """The engagement's feedback links with .responses_count, by session date (1 query)."""
    return list(
        FeedbackLink.objects.filter(session__plan_item__engagement=engagement)
        .select_related("session__plan_item")
        .annotate(responses_count=Count("responses"))
        .order_by("session__date", "pk")
    )


def feedback_of(engagement) -> dict:
    """Per session (with a link) and for the whole engagement: counts, rates against
    attendance, distributions, means, comments (hidden below MIN_RESPONSES), the trend over
    the year, and the sessions that could get a link (3 queries)."""
    links = list(
        FeedbackLink.objects.filter(session__plan_item__engagement=engagement)
        .select_related("session__plan_item")
        .order_by("session__date", "pk")
    )
    rows = defaultdict(list)
    for row in FeedbackResponse.objects.filter(link__in=links).values(
        "link_id", *FIELDS, "comment"
    ):
        rows[row["link_id"]].append(row)
    sessions = []
    all_rows = []
    for link in links:
        link.summary = summarize(
            rows[link.pk],
            can_statement=link.can_statement,
            attendance=attendance_of(link.session),
        )
        for row in rows[link.pk]:
            all_rows.append(row)
        sessions.append(link)
    attendance = [s.summary.attendance for s in sessions]
    overall = summarize(
        all_rows,
        can_statement="I can … (each session's own statement)",
        attendance=sum(attendance) if attendance and all(a for a in attendance) else None,
    )
    trend = charts.trend_chart(
        [
            (formats.month(link.session.date), link.summary.mean if link.summary.shown else None)
            for link in sessions
        ]
    )
    linked = {link.session_id for link in links}
    open_sessions = [
        session
        for session in PlanSession.objects.filter(plan_item__engagement=engagement)
        .exclude(status=PlanSession.Status.CANCELLED)
        .select_related("plan_item")
        .order_by("date")
        if session.pk not in linked
    ]
    for link in sessions:
        link.charts = {s.name: charts.distribution_chart(s.counts) for s in link.summary.statements}
    return {
        "links": sessions,
        "overall": overall,
        "trend": trend,
        "trend_shown": any(d["mean"] is not None for d in trend["dots"]),
        "min_responses": MIN_RESPONSES,
        "unlinked_sessions": open_sessions,
    }
