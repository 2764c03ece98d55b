"""Reads of the shared workspace.

``partner_view`` is everything the partner's staff may see of an engagement. It reads only
the fields meant for them (check-ins: date, kind, length and the shared notes — never the
private notes, attendees, progress or challenges), so no template can leak what it was
never given. The district's preview of the workspace renders the same dictionary.
"""

import datetime as dt

from engagements.models import ActionItem, CheckIn, PlanItem
from engagements.progress import plan_progress, plan_unit_statuses
from engagements.selectors import goals_queryset, goals_with_progress
from engagements.workspace.models import EngagementShare

# The only CheckIn fields a partner-facing page may read.
SHARED_CHECKIN_FIELDS = ("pk", "date", "kind", "duration_minutes", "shared_notes")


def shared_checkins(engagement) -> list[CheckIn]:
    """The engagement's check-ins with notes the district shared, newest first."""
    return list(
        CheckIn.objects.filter(engagements=engagement)
        .exclude(shared_notes="")
        .only(*SHARED_CHECKIN_FIELDS)
        .order_by("-date", "-pk")
    )


def partner_view(*, engagement, today: dt.date) -> dict:
    """What the partner's staff see of the engagement (a fixed number of queries)."""
    plan_items = list(
        PlanItem.objects.filter(engagement=engagement)
        .only(
            "pk",
            "engagement_id",
            "position",
            "timing",
            "participants",
            "name",
            "format",
            "description",
            "planned_date",
            "status",
            "delivered_on",
        )
        .prefetch_related("sessions")
    )
    return {
        "engagement": engagement,
        "goals": goals_with_progress(goals_queryset().filter(engagement=engagement), today=today),
        "plan_items": plan_items,
        "plan": plan_progress(
            plan_unit_statuses(
                (item.status, [session.status for session in item.sessions.all()])
                for item in plan_items
            )
        ),
        "action_items": list(
            ActionItem.objects.filter(engagement=engagement, for_partner=True).only(
                "pk", "engagement_id", "description", "owner", "due_date", "done"
            )
        ),
        "checkins": shared_checkins(engagement),
        "today": today,
    }


def shares_of(engagement) -> list[EngagementShare]:
    return list(engagement.shares.select_related("user", "shared_by"))
