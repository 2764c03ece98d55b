"""Reads of the shared workspace.

``partner_view`` is everything the partner's staff may see of an engagement. It reads only
the fields meant for them (check-ins: date, kind, length and the shared notes — never the
private notes, attendees, progress or challenges), so no template can leak what it was
never given. The district's preview of the workspace renders the same dictionary.
"""

import datetime as dt

from engagements.models import ActionItem, CheckIn, PlanItem, PlanSession
from engagements.progress import plan_progress, plan_unit_statuses
from engagements.selectors import goals_queryset, goals_with_progress, plan_statuses
from engagements.workspace.models import EngagementShare, FieldIssue, Material

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
    materials = materials_of(engagement)
    by_row = {}
    for material in materials:
        by_row.setdefault(material.plan_item_id, []).append(material)
    for item in plan_items:
        item.shared_materials = by_row.get(item.pk, [])
    return {
        "engagement": engagement,
        **reported_sessions([s for item in plan_items for s in item.sessions.all()]),
        "materials": materials,
        **issues_of(engagement),
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
                "pk", "engagement_id", "description", "owner", "due_date", "done", "version"
            )
        ),
        "checkins": shared_checkins(engagement),
        "today": today,
    }


def shares_of(engagement) -> list[EngagementShare]:
    return list(engagement.shares.select_related("user", "shared_by"))


def materials_of(engagement) -> list:
    """The engagement's materials with their plan rows, waiting ones first."""
    order = {"submitted": 0, "changes": 1, "approved": 2}
    materials = list(Material.objects.filter(engagement=engagement).select_related("plan_item"))
    return sorted(materials, key=lambda m: (order.get(m.status, 9), m.needed_by or dt.date.max))


def reviews_awaiting(*, user, district, today: dt.date) -> list:
    """Materials of the district waiting for its review, the most urgent first; each with
    ``overdue`` (its "needed by" date has come)."""
    materials = list(
        Material.objects.for_user(user)
        .for_district(district)
        .awaiting_review()
        .select_related("engagement__partner")
        .order_by("needed_by", "updated_at")
    )
    for material in materials:
        material.overdue = material.needed_by is not None and material.needed_by <= today
    return sorted(materials, key=lambda m: (not m.overdue, m.needed_by or dt.date.max))


SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def by_severity(issues) -> list:
    """Open issues, most severe first, then the earliest due."""
    return sorted(issues, key=lambda i: (SEVERITY_ORDER.get(i.severity, 9), i.due_date, i.pk))


def issues_of(engagement) -> dict:
    """The engagement's field issues: open ones by severity, resolved ones newest first."""
    issues = list(FieldIssue.objects.filter(engagement=engagement).select_related("engagement"))
    return {
        "open_issues": by_severity(i for i in issues if i.status == FieldIssue.Status.OPEN),
        "resolved_issues": sorted(
            (i for i in issues if i.status != FieldIssue.Status.OPEN),
            key=lambda i: i.resolved_at or i.raised_at,
            reverse=True,
        ),
    }


def open_issues_for(*, user, district) -> list:
    """The district's open field issues, most severe first (the dashboard)."""
    return by_severity(
        FieldIssue.objects.for_user(user)
        .for_district(district)
        .open()
        .select_related("engagement__partner")
    )


def amendments_of(engagement) -> list:
    """The contract's amendments, newest first (the terms' history)."""
    return list(engagement.amendments.select_related("recorded_by"))


# The sessions page lists sessions up to this many days ahead (and every reported one).
SESSIONS_AHEAD_DAYS = 31


def sessions_of(engagement, *, today: dt.date, show_all=False) -> dict:
    """The engagement's dated sessions for the delivered-sessions page: disputed and
    awaiting ones (the partner's reports the district has to decide), then the list, up to
    a month ahead unless ``show_all`` (3 queries)."""
    sessions = list(
        PlanSession.objects.filter(plan_item__engagement=engagement)
        .select_related("plan_item", "reported_by", "decided_by")
        .order_by("date", "plan_item__position", "pk")
    )
    horizon = today + dt.timedelta(days=SESSIONS_AHEAD_DAYS)
    listed = [s for s in sessions if show_all or s.date <= horizon or s.reported]
    return {
        "sessions": listed,
        "later": len(sessions) - len(listed),
        "horizon": horizon,
        **reported_sessions(sessions),
        "plan": plan_progress(plan_statuses([engagement.pk])[engagement.pk]),
    }


def reported_sessions(sessions) -> dict:
    """Of these sessions, the disputed ones and those awaiting the district's confirmation."""
    Confirmation = PlanSession.Confirmation
    return {
        "disputed_sessions": [s for s in sessions if s.confirmation == Confirmation.DISPUTED],
        "awaiting_sessions": [s for s in sessions if s.confirmation == Confirmation.AWAITING],
    }
