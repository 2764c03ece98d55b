"""Writes: every change to an engagement goes through here and leaves a line of history."""

import datetime as dt
import re

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from engagements import sessions
from engagements.guidance import KICK_OFF_ITEMS
from engagements.models import (
    ActionItem,
    CalendarFeed,
    CheckIn,
    Engagement,
    Goal,
    GoalUpdate,
    OnboardingItem,
    PlanItem,
    PlanSession,
    new_feed_token,
)
from partners.importer import parse_scope_sequence
from plpg import formats, history
from plpg.history import with_reason
from plpg.limits import check_limit
from plpg.trash import trash_move

# Bounded work (issue 9): what one engagement may hold, so every page and the step-back
# report PDF stay fast (tests/engagements/test_limits.py renders the PDF at these limits).
PLAN_ROWS_LIMIT = 150
GOALS_LIMIT = 25
ACTION_ITEMS_LIMIT = 200
CHECKINS_LIMIT = 150


class PlanDateProblem(ValueError):
    """A plan row's date and timing disagree (the message says how)."""


class StaleVersion(Exception):
    """Someone else saved this row since the form was loaded."""

    message = "Someone else changed this since you opened it. Reload to see their version."


def _bump_version(model, obj, version):
    """Raise StaleVersion unless the row is still at ``version``; then move it on by one."""
    updated = model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion()
    obj.version = version + 1


def onboarding_items_create(*, engagement) -> None:
    """The kick-off checklist for a new engagement (idempotent)."""
    have = set(OnboardingItem.objects.filter(engagement=engagement).values_list("key", flat=True))
    for position, (key, title) in enumerate(KICK_OFF_ITEMS):
        if key not in have:  # one read, then one create (and history row) per missing item
            OnboardingItem.objects.create(
                engagement=engagement, key=key, position=position, title=title
            )


@transaction.atomic
def engagement_create(*, district, user, m2m=None, **fields) -> Engagement:
    """A new engagement of district, with its onboarding checklist."""
    engagement = Engagement.objects.create(district=district, created_by=user, **fields)
    for name, values in (m2m or {}).items():
        getattr(engagement, name).set(values)
    onboarding_items_create(engagement=engagement)
    return engagement


def _display(value):
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    return str(value)


@transaction.atomic
def engagement_update(*, engagement, user, version, cleaned_data, fields) -> list[str]:
    """Save the given fields from a form's cleaned_data; refuse a stale version.

    Returns the labels of the fields that changed (also written to the history).
    """
    _bump_version(Engagement, engagement, version)
    current = Engagement.objects.get(pk=engagement.pk)
    changed = {}
    for name in fields:
        field = Engagement._meta.get_field(name)
        new = cleaned_data[name]
        if field.many_to_many:
            old_ids = set(getattr(current, name).values_list("pk", flat=True))
            new_ids = {obj.pk for obj in new}
            if old_ids != new_ids:
                changed[name] = {"from": _display(getattr(current, name)), "to": _display(new)}
                getattr(engagement, name).set(new)
        else:
            old = getattr(current, name)
            if old != new:
                changed[name] = {"from": _display(old), "to": _display(new)}
            setattr(engagement, name, new)
    labels = [str(Engagement._meta.get_field(name).verbose_name) for name in changed]
    # Lists (audiences, content areas…) are not columns: the reason keeps what they became.
    lists = [
        f"{Engagement._meta.get_field(name).verbose_name}: {change['to'] or '—'}"
        for name, change in changed.items()
        if Engagement._meta.get_field(name).many_to_many
    ]
    if changed:
        with_reason(engagement, "Changed " + ", ".join(labels) + "".join(f"; {x}" for x in lists))
    engagement.save()
    return labels


@transaction.atomic
def onboarding_item_update(*, item, user, version, done, notes) -> OnboardingItem:
    """Tick (or untick) a kick-off item and keep its notes."""
    _bump_version(OnboardingItem, item, version)
    # The item may carry a form's unsaved values; what counts is what was stored.
    was_done = OnboardingItem.objects.values_list("done", flat=True).get(pk=item.pk)
    if done and not was_done:
        item.done_at, item.done_by = timezone.now(), user
    if not done:
        item.done_at, item.done_by = None, None
    item.done, item.notes = done, notes
    if was_done != done:
        with_reason(item, f"{'Ticked' if done else 'Unticked'} onboarding: {item.title}")
    item.save()
    return item


@transaction.atomic
def goal_save(*, goal, user, version=None) -> Goal:
    """Create or change a goal."""
    creating = goal.pk is None
    if creating:
        check_limit(
            current=goal.engagement.goals.count(), adding=1, limit=GOALS_LIMIT, what="goals"
        )
    if not creating:
        _bump_version(Goal, goal, version)
    goal.save()
    return goal


def goal_delete(*, goal, user) -> None:
    """Move the goal (with its progress updates) to the trash."""
    trash_move(obj=goal, user=user)


@transaction.atomic
def goal_update_add(*, goal, user, date, value, note="", checkin=None) -> GoalUpdate:
    """Record a dated measurement of a goal."""
    return GoalUpdate.objects.create(
        goal=goal, date=date, value=value, note=note, checkin=checkin, created_by=user
    )


@transaction.atomic
def checkin_log(
    *,
    district,
    engagements,
    user,
    kind,
    date: dt.date,
    duration_minutes=60,
    attendees="",
    progress="",
    challenges="",
    next_steps="",
    shared_notes="",
    private_notes="",
    goal_updates=(),
    action_items=(),
    action_changes=(),
) -> CheckIn:
    """Log a check-in covering one or more engagements, with goal updates and action items.

    ``goal_updates``: (goal, value, note) triples; ``action_items``: dicts with engagement,
    description, owner and due_date. All of it is saved together or not at all.
    """
    engagements = list(engagements)
    for engagement in engagements:
        check_limit(
            current=engagement.checkins.count(), adding=1, limit=CHECKINS_LIMIT, what="check-ins"
        )
        adding = sum(1 for spec in action_items if spec.get("engagement") == engagement)
        check_limit(
            current=engagement.action_items.count(),
            adding=adding,
            limit=ACTION_ITEMS_LIMIT,
            what="action items",
        )
    if not engagements:
        raise ValueError("A check-in covers at least one engagement.")
    if any(e.district_id != district.pk for e in engagements):
        raise ValueError("A check-in covers engagements of one district only.")
    checkin = CheckIn.objects.create(
        district=district,
        kind=kind,
        date=date,
        duration_minutes=duration_minutes,
        attendees=attendees,
        progress=progress,
        challenges=challenges,
        next_steps=next_steps,
        shared_notes=shared_notes,
        private_notes=private_notes,
        created_by=user,
    )
    checkin.engagements.set(engagements)
    for goal, value, note in goal_updates:
        GoalUpdate.objects.create(
            goal=goal, checkin=checkin, date=date, value=value, note=note, created_by=user
        )
    for spec in action_items:
        ActionItem.objects.create(checkin=checkin, **spec)
    # Open items closed or re-assigned in the meeting: (item, done, owner).
    for item, done, owner in action_changes:
        changes = []
        if owner and owner != item.owner:
            changes.append(f"re-assigned from {item.owner} to {owner}")
            item.owner = owner
        if done:
            item.done, item.done_at, item.done_by = True, timezone.now(), user
            changes.append("closed")
        item.version += 1
        with_reason(
            item,
            f"Action item {' and '.join(changes)} at the {kind.replace('-', ' ')}: "
            f"{item.description}",
        )
        item.save(update_fields=["owner", "done", "done_at", "done_by", "version"])
    for engagement in engagements:
        # The first kick-off moves an onboarding engagement on.
        if kind == CheckIn.Kind.KICK_OFF and engagement.status == Engagement.Status.ONBOARDING:
            current = Engagement.objects.select_for_update().get(pk=engagement.pk)
            current.status = Engagement.Status.ACTIVE
            current.version += 1
            with_reason(current, f"The kick-off of {formats.day(date)} was logged")
            current.save(update_fields=["status", "version"])
    return checkin


@transaction.atomic
def checkin_update(*, checkin, user, version) -> list[str]:
    """Save corrections to a logged check-in (the form's values are on ``checkin``)."""
    _bump_version(CheckIn, checkin, version)
    before = CheckIn.objects.get(pk=checkin.pk)
    fields = [
        "kind",
        "date",
        "duration_minutes",
        "attendees",
        "progress",
        "challenges",
        "next_steps",
        "shared_notes",
        "private_notes",
    ]
    changed = [f for f in fields if getattr(before, f) != getattr(checkin, f)]
    if changed:
        with_reason(checkin, "Corrected the check-in")
    checkin.save()
    return changed


@transaction.atomic
def checkin_delete(*, checkin, user) -> None:
    """Move a check-in logged by mistake to the trash; its goal updates and action items stay."""
    trash_move(obj=checkin, user=user)


@transaction.atomic
def action_item_set_done(*, item, user, done: bool, version) -> ActionItem:
    """Mark an action item done or open again."""
    _bump_version(ActionItem, item, version)
    item.done = done
    item.done_at, item.done_by = (timezone.now(), user) if done else (None, None)
    with_reason(item, "Closed the action item" if done else "Reopened the action item")
    item.save(update_fields=["done", "done_at", "done_by", "version"])
    return item


@transaction.atomic
def action_item_create(
    *, engagement, user, description, owner, due_date, for_partner=False
) -> ActionItem:
    check_limit(
        current=engagement.action_items.count(),
        adding=1,
        limit=ACTION_ITEMS_LIMIT,
        what="action items",
    )
    return ActionItem.objects.create(
        engagement=engagement,
        description=description,
        owner=owner,
        due_date=due_date,
        for_partner=for_partner,
    )


def _next_position(engagement) -> int:
    top = engagement.plan_items.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def plan_item_save(*, item, user, version=None) -> PlanItem:
    """Create or change a plan row."""
    creating = item.pk is None
    before = (None, None, None)
    if creating:
        check_limit(
            current=item.engagement.plan_items.count(),
            adding=1,
            limit=PLAN_ROWS_LIMIT,
            what="plan rows",
        )
        item.position = _next_position(item.engagement)
    else:
        before = PlanItem.objects.values_list("status", "timing", "planned_date").get(pk=item.pk)
        _bump_version(PlanItem, item, version)
    holidays = sessions.holidays_of(item.engagement)
    sessions.plan_row_date_fill(item=item, holidays=holidays)
    # Checked when the date or timing is new, so that a status click on a row that a later
    # contract change put outside the contract still works.
    if (item.timing, item.planned_date) != before[1:] and (
        problem := sessions.plan_row_problem(
            engagement=item.engagement, timing=item.timing, planned_date=item.planned_date
        )
    ):
        raise PlanDateProblem(problem)
    if item.status == PlanItem.Status.DELIVERED and item.delivered_on is None:
        item.delivered_on = timezone.localdate()
    if item.status != PlanItem.Status.DELIVERED:
        item.delivered_on = None
    item.save()
    sessions.plan_sessions_sync(item=item, previous_status=before[0], holidays=holidays, user=user)
    return item


@transaction.atomic
def plan_session_set(
    *, session: PlanSession, status: str, version: int, user, reason: str = ""
) -> PlanSession:
    """Mark one session delivered, planned or cancelled (refusing a stale version); the row's
    status follows, and its version moves on so an open edit of the row is refused.

    The district marking a session delivered confirms it (PlanSession.settle_confirmation),
    whether or not the partner reported it first (engagements/workspace/deliveries.py)."""
    session = PlanSession.objects.select_for_update().get(pk=session.pk)
    if session.version != version:
        raise StaleVersion()
    session.status = status
    session.version += 1
    fields = ["status", "version", "updated_at"]
    if status == PlanSession.Status.DELIVERED:
        session.decided_by, session.decided_at = user, timezone.now()
        fields += ["decided_by", "decided_at"]
    with_reason(
        session,
        reason or f"Session of {formats.day(session.date)}: {session.get_status_display().lower()}",
    )
    session.save(update_fields=fields)
    item = PlanItem.objects.select_for_update().get(pk=session.plan_item_id)
    item.version += 1
    # Bookkeeping, no history line of its own: the session's change is the news.
    PlanItem.objects.filter(pk=item.pk).update(version=item.version)
    sessions.row_status_refresh(item)
    session.plan_item = item
    return session


@transaction.atomic
def plan_item_delete(*, item, user) -> None:
    trash_move(obj=item, user=user)


@transaction.atomic
def plan_item_move(*, item, user, direction: str) -> bool:
    """Move a plan row one place "up" or "down"; False when it is already at that end."""
    items = list(
        PlanItem.objects.select_for_update()
        .filter(engagement_id=item.engagement_id)
        .order_by("position", "pk")
    )
    index = next(n for n, row in enumerate(items) if row.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    # Renumber the whole plan: rows added before positions were kept may share a number.
    for position, row in enumerate(items):
        row.position = position
    moved = next(row for row in items if row.pk == item.pk)
    with_reason(moved, f"Moved the plan row {direction}")
    PlanItem.objects.bulk_update(items, ["position"])
    # Positions are bookkeeping: one history row for the row the user moved.
    moved.save(update_fields=["position"])
    return True


_FORMAT_SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")
_FORMAT_WORDS = ("virtual", "in-person", "in person", "hybrid", "on-site", "onsite")


def plan_row_name(name: str, format: str) -> str:
    """The row's name without a trailing "(virtual)"-like note once the format holds it."""
    match = _FORMAT_SUFFIX.search(name)
    if format and match and any(word in match.group(1).lower() for word in _FORMAT_WORDS):
        return name[: match.start()].strip() or name
    return name


@transaction.atomic
def plan_rows_add(*, engagement, user, rows, source: str) -> int:
    """Append rows (objects with timing, participants, name, format, description) to the plan."""
    rows = list(rows)
    check_limit(
        current=engagement.plan_items.count(),
        adding=len(rows),
        limit=PLAN_ROWS_LIMIT,
        what="plan rows",
    )
    position = _next_position(engagement)
    holidays = sessions.holidays_of(engagement)
    items = [
        PlanItem(
            engagement=engagement,
            position=position + n,
            timing=(row.timing or "")[:200],
            participants=(row.participants or "")[:300],
            name=plan_row_name(row.name or "", row.format or "")[:300],
            format=(row.format or "")[:100],
            description=row.description or "",
        )
        for n, row in enumerate(rows)
    ]
    for item in items:
        # Seed tables give months without a year: the contract year gives it.
        sessions.plan_row_date_fill(item=item, holidays=holidays)
    history.bulk_create(items, user=user, reason=f"Added from {source}")
    for item in items:
        sessions.plan_sessions_sync(item=item, previous_status=None, holidays=holidays, user=user)
    return len(items)


def plan_copy_from_sample(*, engagement, sample, user) -> int:
    """Start the plan from one of the partner's sample engagements."""
    return plan_rows_add(
        engagement=engagement, user=user, rows=sample.items.all(), source=f"sample “{sample.title}”"
    )


def plan_import(*, engagement, text, user) -> int:
    """Import rows in the seed's scope-and-sequence format (raises ScopeSequenceError)."""
    parsed = parse_scope_sequence(text)
    return plan_rows_add(engagement=engagement, user=user, rows=parsed.rows, source="an import")


NORTH_STAR_FIELDS = {
    "instructional_vision": "vision",
    "priorities": "priorities",
    "strategy": "strategy",
}


@transaction.atomic
def north_star_update(*, district, user, vision, priorities, strategy) -> list[str]:
    """Save the district's vision, priorities and strategy; keep a history line of what changed."""
    new = {"instructional_vision": vision, "priorities": priorities, "strategy": strategy}
    changed = {
        name: {"from": getattr(district, name), "to": value}
        for name, value in new.items()
        if getattr(district, name) != value
    }
    if not changed:
        return []
    for name, value in new.items():
        setattr(district, name, value)
    labels = [NORTH_STAR_FIELDS[name] for name in changed]
    with_reason(district, "Changed the " + ", ".join(labels))
    district.save(update_fields=[*NORTH_STAR_FIELDS, "updated_at"])
    return labels


def calendar_feed_for(*, user) -> CalendarFeed:
    """The user's calendar feed, created on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_revoke(*, user) -> CalendarFeed:
    """Replace the feed's secret token: the old URL stops working at once."""
    feed = calendar_feed_for(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed
