"""Reads: the dashboard's alerts, an engagement's page, coherence across partners.

Each function runs a fixed number of queries, however many engagements a district has.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce

from engagements import cadence
from engagements.coherence import EngagementFacts, overlaps_find
from engagements.models import (
    ActionItem,
    Audience,
    CheckIn,
    Engagement,
    Goal,
    GoalUpdate,
    PlanItem,
)
from engagements.progress import goal_progress, plan_progress, plan_unit_statuses
from interviews.models import Selection
from plpg import formats, history
from plpg.access import Role
from plpg.holidays import district_holidays

EDIT_ROLES = (Role.LEAD, Role.MANAGER)
READ_ROLES = (Role.LEAD, Role.MANAGER, Role.VIEWER)

MEETING_KINDS = [k for k in CheckIn.Kind.values if k != CheckIn.Kind.COHERENCE]


@dataclass
class Alert:
    kind: str  # checkin-overdue, action-overdue, step-back-due, contract-ending, coherence-due
    due: dt.date
    text: str
    engagement: Engagement | None = None
    action_item: ActionItem | None = None
    days_late: int = 0  # negative: due in that many days


def plan_statuses(engagement_ids) -> dict[int, list[str]]:
    """What delivered versus planned counts, per engagement, as progress.plan_unit_statuses
    says: each dated session, or the row itself while it has none (1 query, counted in the
    database: the rows joined to their sessions, a row without a session counts once with
    its own status)."""
    statuses = defaultdict(list)
    for engagement_id, status, n in (
        PlanItem.objects.filter(engagement_id__in=list(engagement_ids))
        .order_by()
        .annotate(unit=Coalesce("sessions__status", "status"))
        .values_list("engagement_id", "unit")
        .annotate(n=Count("*"))
    ):
        statuses[engagement_id] += [status] * n
    return statuses


def last_meetings(engagements) -> dict[int, dict]:
    """{engagement id: {"last_checkin", "last_step_back"}}: dates of the latest live meeting
    and step-back (1 query over the check-in links; grouping every check-in of a large
    district under the wide engagement rows instead cost ~100 ms)."""
    # The districts let PostgreSQL read their check-ins by index, not all of them.
    live = Q(
        checkin__deleted_at__isnull=True,
        checkin__district_id__in={e.district_id for e in engagements},
    )
    return {
        row.pop("engagement_id"): row
        for row in CheckIn.engagements.through.objects.filter(
            live, engagement_id__in=[e.pk for e in engagements]
        )
        .values("engagement_id")
        .annotate(
            last_checkin=Max("checkin__date", filter=Q(checkin__kind__in=MEETING_KINDS)),
            last_step_back=Max("checkin__date", filter=Q(checkin__kind=CheckIn.Kind.STEP_BACK)),
        )
        .order_by()
    }


def engagements_with_cadence(
    queryset, *, today: dt.date, holidays=None, terms: bool = True
) -> list[Engagement]:
    """The engagements with their cadence worked out (four queries plus two prefetches).

    holidays: {district id: dates} already read (plpg.holidays.district_holidays), else read.
    terms: prefetch content areas and grade bands (for pages that list them).

    Sets on each: last_checkin, last_step_back, next_checkin_due, checkin_overdue,
    next_step_back_due, step_back_due, contract_ending, plan (PlanProgress), open_actions,
    overdue_actions.
    """
    queryset = queryset.select_related("partner", "district")
    if terms:
        queryset = queryset.prefetch_related("content_areas", "grade_bands")
    engagements = list(queryset)
    ids = [e.pk for e in engagements]
    meetings = last_meetings(engagements)
    statuses = plan_statuses(ids)
    actions = {
        row["engagement_id"]: row
        for row in ActionItem.objects.filter(engagement_id__in=ids, done=False)
        .values("engagement_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    }
    if holidays is None:
        holidays = district_holidays({e.district_id for e in engagements})
    for e in engagements:
        e.last_checkin = meetings.get(e.pk, {}).get("last_checkin")
        e.last_step_back = meetings.get(e.pk, {}).get("last_step_back")
        created = e.created_at.date() if e.created_at else None
        off = holidays.get(e.district_id, frozenset())
        e.next_checkin_due = cadence.next_checkin_due(
            cadence=e.checkin_cadence,
            status=e.status,
            last_checkin=e.last_checkin,
            contract_start=e.contract_start,
            created=created,
            holidays=off,
        )
        e.checkin_overdue = cadence.is_overdue(e.next_checkin_due, today)
        e.next_step_back_due = cadence.next_step_back_due(
            cadence=e.step_back_cadence,
            status=e.status,
            last_step_back=e.last_step_back,
            contract_start=e.contract_start,
            created=created,
            holidays=off,
        )
        e.step_back_due = cadence.is_step_back_due(e.next_step_back_due, today)
        e.contract_ending = cadence.contract_ending_soon(e.contract_end, e.status, today)
        e.plan = plan_progress(statuses.get(e.pk, []))
        counts = actions.get(e.pk, {})
        e.open_actions = counts.get("open", 0)
        e.overdue_actions = counts.get("overdue", 0)
    return engagements


def overdue_action_items(queryset, *, today: dt.date):
    """Open action items past their due date, oldest first."""
    return (
        queryset.filter(done=False, due_date__lt=today)
        .select_related("engagement__partner")
        .order_by("due_date", "pk")
    )


def alerts_build(
    *, engagements, overdue_actions, today: dt.date, coherence_due: dt.date | None = None
) -> list[Alert]:
    """The dashboard's alerts from engagements_with_cadence() output, most urgent first."""
    alerts = []
    for e in engagements:
        if e.checkin_overdue:
            alerts.append(
                Alert(
                    "checkin-overdue",
                    e.next_checkin_due,
                    f"Check-in with {e.partner.name} was due {formats.day(e.next_checkin_due)}",
                    engagement=e,
                )
            )
        if e.step_back_due:
            alerts.append(
                Alert(
                    "step-back-due",
                    e.next_step_back_due,
                    f"Step-back meeting with {e.partner.name} due {formats.day(e.next_step_back_due)}",
                    engagement=e,
                )
            )
        if e.contract_ending:
            verb = "ended" if e.contract_end < today else "ends"
            alerts.append(
                Alert(
                    "contract-ending",
                    e.contract_end,
                    f"Contract with {e.partner.name} {verb} {formats.day(e.contract_end)}",
                    engagement=e,
                )
            )
    for item in overdue_actions:
        alerts.append(
            Alert(
                "action-overdue",
                item.due_date,
                f"{item.description} ({item.owner}) was due {formats.day(item.due_date)}",
                engagement=item.engagement,
                action_item=item,
            )
        )
    if coherence_due is not None and coherence_due <= today:
        alerts.append(
            Alert("coherence-due", coherence_due, "The all-partner coherence meeting is due")
        )
    for alert in alerts:
        alert.days_late = (today - alert.due).days
    return sorted(alerts, key=lambda a: (a.due, a.kind))


def last_coherence_meeting(*, district) -> dt.date | None:
    return (
        CheckIn.objects.for_district(district)
        .filter(kind=CheckIn.Kind.COHERENCE)
        .aggregate(last=Max("date"))["last"]
    )


def _terms_of(ids) -> tuple[dict, dict, dict]:
    """({engagement id: grade band names}, {id: content area names}, {band name: its order})
    in two queries over the link tables: prefetching the terms builds a queryset per
    engagement, 20 ms for a district's 150."""
    bands, areas, band_order = defaultdict(set), defaultdict(set), {}
    links = Engagement.grade_bands.through.objects.filter(engagement_id__in=ids)
    for pk, name, position in links.values_list(
        "engagement_id", "gradeband__name", "gradeband__position"
    ):
        bands[pk].add(name)
        band_order[name] = (position, name)
    links = Engagement.content_areas.through.objects.filter(engagement_id__in=ids)
    for pk, name in links.values_list("engagement_id", "contentarea__name"):
        areas[pk].add(name)
    return bands, areas, band_order


def engagement_facts(engagement, *, grade_bands, content_areas) -> EngagementFacts:
    """The overlap check's view of an engagement (its partner loaded)."""
    return EngagementFacts(
        pk=engagement.pk,
        name=engagement.partner.name,
        status=engagement.status,
        audiences=frozenset(engagement.audience_labels()),
        grade_bands=frozenset(grade_bands),
        content_areas=frozenset(content_areas),
        start=engagement.contract_start,
        end=engagement.contract_end,
    )


# What the overlap check reads of an engagement (engagement_facts): a district may run 150,
# and the engagement page checks one against all of them.
OVERLAP_FIELDS = (
    "district_id", "partner__name", "status", "audiences", "contract_start", "contract_end",
)  # fmt: skip


def overlaps_for(*, district, engagements, involving=None):
    """Overlapping pairs among the engagements (partners loaded), each with its last joint
    meeting (three queries)."""
    by_pk = {e.pk: e for e in engagements}
    bands, areas, band_order = _terms_of(list(by_pk))
    facts = [
        engagement_facts(e, grade_bands=bands[e.pk], content_areas=areas[e.pk]) for e in engagements
    ]
    overlaps = overlaps_find(facts, involving=involving)
    if not overlaps:
        return []
    meetings = defaultdict(set)
    last_meeting = {}
    for row in CheckIn.engagements.through.objects.filter(
        checkin__district=district,
        checkin__kind__in=[CheckIn.Kind.JOINT, CheckIn.Kind.COHERENCE],
    ).values("checkin_id", "engagement_id", "checkin__date"):
        meetings[row["checkin_id"]].add(row["engagement_id"])
        last_meeting[row["checkin_id"]] = row["checkin__date"]
    last_joint = {}
    for checkin_id, members in meetings.items():
        for pair in combinations(sorted(members), 2):
            date = last_meeting[checkin_id]
            if pair not in last_joint or last_joint[pair] < date:
                last_joint[pair] = date
    # Show grade bands and audiences in their natural order (K–2 before 3–5).
    audience_order = {label: n for n, label in enumerate(Audience.labels)}
    for overlap in overlaps:
        overlap.grade_bands.sort(key=lambda name: band_order.get(name, (999, name)))
        overlap.audiences.sort(key=lambda label: audience_order.get(label, 999))
        pair = tuple(sorted((overlap.first.pk, overlap.second.pk)))
        overlap.last_joint = last_joint.get(pair)
        overlap.engagements = [by_pk[overlap.first.pk], by_pk[overlap.second.pk]]
    return overlaps


def dashboard_for(*, user, district, today: dt.date) -> dict:
    """Everything the PL manager's dashboard shows for one district."""
    queryset = Engagement.objects.for_user(user).for_district(district)
    holidays = district_holidays([district.pk])  # once, for the cadence and the coherence
    engagements = engagements_with_cadence(queryset, today=today, holidays=holidays, terms=False)
    overdue = list(
        overdue_action_items(ActionItem.objects.for_user(user).for_district(district), today=today)
    )
    open_count = sum(1 for e in engagements if e.status != Engagement.Status.CLOSED)
    last_coherence = last_coherence_meeting(district=district)
    coherence_due = (
        cadence.coherence_meeting_due(last_coherence, today, holidays.get(district.pk, frozenset()))
        if open_count > 1
        else None
    )
    alerts = alerts_build(
        engagements=engagements, overdue_actions=overdue, today=today, coherence_due=coherence_due
    )
    overlaps = overlaps_for(district=district, engagements=engagements)
    grouped = defaultdict(list)
    for alert in alerts:
        grouped[alert.kind].append(alert)
    return {
        "engagements": engagements,
        "alerts": alerts,
        "alerts_by_kind": dict(grouped),
        "counts": {
            "checkin": len(grouped["checkin-overdue"]),
            "action": len(grouped["action-overdue"]),
            "step_back": len(grouped["step-back-due"]),
            "contract": len(grouped["contract-ending"]),
        },
        "overlaps": overlaps,
        "last_coherence": last_coherence,
        "coherence_due": coherence_due,
    }


def selections_ready(*, user, district):
    """Decided selections of the district whose chosen partner has no engagement yet."""
    started = Engagement.objects.filter(
        selection=OuterRef("pk"), partner=OuterRef("chosen_partner")
    )
    return list(
        Selection.objects.for_user(user)
        .for_district(district)
        .filter(decided_at__isnull=False, chosen_partner__isnull=False)
        .exclude(Exists(started))
        .select_related("chosen_partner")
        .order_by("-decided_at")[:10]
    )


def goals_with_progress(goals, *, today: dt.date):
    """Set .progress (GoalProgress) and .latest (GoalUpdate or None) on each goal.

    The goals' updates must be prefetched (ordered by date).
    """
    goals = list(goals)
    for goal in goals:
        updates = list(goal.updates.all())
        goal.latest = updates[-1] if updates else None
        goal.progress = goal_progress(
            baseline=goal.baseline,
            target=goal.target,
            start=goal.start_date,
            due=goal.due_date,
            current=goal.latest.value if goal.latest else None,
            today=today,
        )
    return goals


def goals_queryset():
    return Goal.objects.prefetch_related(
        Prefetch("updates", queryset=GoalUpdate.objects.order_by("date", "pk"))
    )


CHECKINS_PER_PAGE = 20  # newest first; older ones a page further (?checkins=2)


def plan_rows(engagement):
    """The engagement's plan rows with what a row shows (its sessions and materials)."""
    return engagement.plan_items.prefetch_related("sessions", "materials")


def engagement_page(*, engagement, today: dt.date, goals=None, checkins_page=1) -> dict:
    """What the engagement page (and its PDF report) shows; pass goals already fetched.

    Check-ins come a page at a time (CHECKINS_PER_PAGE, newest first): an engagement may
    log 150, and the page's time must not grow with them. ``checkin_count`` is them all.
    """
    [with_cadence] = engagements_with_cadence(
        Engagement.objects.filter(pk=engagement.pk)
        .select_related("selection", "cost_band")
        .prefetch_related("curricula"),
        today=today,
    )
    if goals is None:
        goals = goals_with_progress(goals_queryset().filter(engagement=engagement), today=today)
    plan_items = list(plan_rows(engagement))
    checkin_page = Paginator(
        engagement.checkins.prefetch_related(
            Prefetch("engagements", queryset=Engagement.objects.select_related("partner")),
            Prefetch("goal_updates", queryset=GoalUpdate.objects.select_related("goal")),
        ).select_related("created_by"),
        CHECKINS_PER_PAGE,
    ).get_page(checkins_page)
    action_items = list(engagement.action_items.select_related("checkin", "done_by"))
    siblings = Engagement.objects.for_district(engagement.district).open()
    siblings = list(siblings.select_related("partner").only(*OVERLAP_FIELDS))
    if engagement.status == Engagement.Status.CLOSED:
        siblings.append(with_cadence)
    overlaps = overlaps_for(
        district=engagement.district, engagements=siblings, involving=engagement.pk
    )
    return {
        "engagement": with_cadence,
        "goals": goals,
        "plan_items": plan_items,
        "plan": plan_progress(
            plan_unit_statuses(
                (item.status, [session.status for session in item.sessions.all()])
                for item in plan_items
            )
        ),
        "checkins": list(checkin_page.object_list),
        "checkin_page": checkin_page,
        "checkin_count": checkin_page.paginator.count,
        "action_items": action_items,
        "open_action_items": [a for a in action_items if not a.done],
        "onboarding_items": list(engagement.onboarding_items.select_related("done_by")),
        "overlaps": overlaps,
        "today": today,
    }


HISTORY_SHOWN = 30  # the newest changes on the engagement's history panel


def engagement_history(engagement, *, limit=HISTORY_SHOWN) -> list:
    """The engagement's history: its terms, goals, plan, action items, onboarding, check-ins."""
    _district_id, path = history.place_of(engagement)
    querysets = {
        model: history.records(model, history_path__startswith=path)
        for model in history.models_under(Engagement)
    }
    querysets[CheckIn] = history.records(
        CheckIn,
        id__in=engagement.checkins.through.objects.filter(engagement=engagement).values(
            "checkin_id"
        ),
    )
    return history.collect(querysets, limit=limit)


def north_star_history(district, *, limit=20) -> list:
    """Versions of the district row that changed its vision, priorities or strategy."""
    fields = {"instructional_vision", "priorities", "strategy"}
    changes = history.object_records(type(district), district.pk)
    shown = []
    for change in changes:
        change.changes = [c for c in change.changes if c.field in fields]
        if change.changes:
            shown.append(change)
    return shown[:limit]
