"""Writes: every change to an engagement goes through here and leaves a line of history."""

import datetime as dt
import re

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from engagements import sessions
from engagements.models import (
    ActionItem,
    CalendarFeed,
    CheckIn,
    Engagement,
    EngagementChange,
    Goal,
    GoalUpdate,
    NorthStarChange,
    OnboardingItem,
    PlanItem,
    PlanSession,
    new_feed_token,
)
from partners.importer import parse_scope_sequence
from plpg import formats

# The playbook's kick-off meeting ("Onboard Your Vendor"): (key, title, guidance).
KICK_OFF_ITEMS = [
    (
        "vision",
        "Communicate the academic vision",
        "Share the district's instructional vision and how this partner will help achieve it.",
    ),
    (
        "practices",
        "Current PL practices: stop, start, continue",
        "Give an overview of current professional learning practices and agree which should "
        "stop, start or continue to reach the PL goals.",
    ),
    (
        "cohesion",
        "Plan for cohesion",
        "Discuss where the partner's practices coincide with ours and where they may "
        "contradict; agree a plan that avoids confusion in the field.",
    ),
    (
        "non-negotiables",
        "Non-negotiables and how they are measured",
        "Review the non-negotiables in the contract and how we will measure whether they are met.",
    ),
    (
        "monitoring",
        "Monitoring and feedback plan",
        "Agree how PL services are monitored, how feedback from all users reaches the partner, "
        "and how the scope of work is refined from these data.",
    ),
]


class PlanDateProblem(ValueError):
    """A plan row's date and timing disagree (the message says how)."""


class StaleVersion(Exception):
    """Someone else saved this row since the form was loaded."""

    message = "Someone else changed this since you opened it. Reload to see their version."


def history_record(*, engagement, user, summary, details=None) -> EngagementChange:
    """Add a line to the engagement's history."""
    return EngagementChange.objects.create(
        engagement=engagement, user=user, summary=summary[:500], details=details or {}
    )


def _bump_version(model, obj, version):
    """Raise StaleVersion unless the row is still at ``version``; then move it on by one."""
    updated = model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion()
    obj.version = version + 1


def onboarding_items_create(*, engagement) -> None:
    """The kick-off checklist for a new engagement (idempotent)."""
    for position, (key, title, guidance) in enumerate(KICK_OFF_ITEMS):
        OnboardingItem.objects.get_or_create(
            engagement=engagement,
            key=key,
            defaults={"position": position, "title": title, "guidance": guidance},
        )


@transaction.atomic
def engagement_create(*, district, user, m2m=None, **fields) -> Engagement:
    """A new engagement of district, with its onboarding checklist."""
    engagement = Engagement.objects.create(district=district, created_by=user, **fields)
    for name, values in (m2m or {}).items():
        getattr(engagement, name).set(values)
    onboarding_items_create(engagement=engagement)
    history_record(engagement=engagement, user=user, summary="Created the engagement")
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
    engagement.save()
    if changed:
        labels = [str(Engagement._meta.get_field(name).verbose_name) for name in changed]
        history_record(
            engagement=engagement,
            user=user,
            summary="Changed " + ", ".join(labels),
            details=changed,
        )
        return labels
    return []


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
    item.save()
    if was_done != done:
        verb = "Ticked" if done else "Unticked"
        history_record(
            engagement=item.engagement, user=user, summary=f"{verb} onboarding: {item.title}"
        )
    return item


@transaction.atomic
def goal_save(*, goal, user, version=None) -> Goal:
    """Create or change a goal."""
    creating = goal.pk is None
    if not creating:
        _bump_version(Goal, goal, version)
    goal.save()
    history_record(
        engagement=goal.engagement,
        user=user,
        summary=f"{'Added' if creating else 'Changed'} goal: {goal.title}",
    )
    return goal


@transaction.atomic
def goal_delete(*, goal, user) -> None:
    history_record(engagement=goal.engagement, user=user, summary=f"Deleted goal: {goal.title}")
    goal.delete()


@transaction.atomic
def goal_update_add(*, goal, user, date, value, note="", checkin=None) -> GoalUpdate:
    """Record a dated measurement of a goal."""
    update = GoalUpdate.objects.create(
        goal=goal, date=date, value=value, note=note, checkin=checkin, created_by=user
    )
    history_record(
        engagement=goal.engagement,
        user=user,
        summary=f"Goal update: {goal.title} = {value}{goal.unit and ' ' + goal.unit}",
    )
    return update


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
            item.done, item.done_at = True, timezone.now()
            changes.append("closed")
        item.version += 1
        item.save(update_fields=["owner", "done", "done_at", "version"])
        history_record(
            engagement=item.engagement,
            user=user,
            summary=f"Action item {' and '.join(changes)} at the {kind.replace('-', ' ')}: "
            f"{item.description}",
        )
    label = checkin.get_kind_display()
    for engagement in engagements:
        history_record(
            engagement=engagement,
            user=user,
            summary=f"Logged {label.lower()} of {formats.day(date)}",
            details={"checkin": checkin.pk},
        )
        # The first kick-off moves an onboarding engagement on.
        if kind == CheckIn.Kind.KICK_OFF and engagement.status == Engagement.Status.ONBOARDING:
            Engagement.objects.filter(pk=engagement.pk).update(
                status=Engagement.Status.ACTIVE, version=F("version") + 1
            )
            history_record(engagement=engagement, user=user, summary="Status: onboarding → active")
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
    checkin.save()
    if changed:
        labels = ", ".join(str(CheckIn._meta.get_field(f).verbose_name) for f in changed)
        for engagement in checkin.engagements.all():
            history_record(
                engagement=engagement,
                user=user,
                summary=f"Corrected the check-in of {formats.day(checkin.date)}: {labels}",
            )
    return changed


@transaction.atomic
def checkin_delete(*, checkin, user) -> None:
    """Delete a check-in logged by mistake; its goal updates and action items stay."""
    label = f"Deleted the {checkin.get_kind_display().lower()} of {formats.day(checkin.date)}"
    for engagement in checkin.engagements.all():
        history_record(engagement=engagement, user=user, summary=label)
    checkin.delete()


@transaction.atomic
def action_item_set_done(*, item, user, done: bool, version) -> ActionItem:
    """Mark an action item done or open again."""
    _bump_version(ActionItem, item, version)
    item.done = done
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done", "done_at"])
    history_record(
        engagement=item.engagement,
        user=user,
        summary=f"{'Closed' if done else 'Reopened'} action item: {item.description}",
    )
    return item


@transaction.atomic
def action_item_create(
    *, engagement, user, description, owner, due_date, for_partner=False
) -> ActionItem:
    item = ActionItem.objects.create(
        engagement=engagement,
        description=description,
        owner=owner,
        due_date=due_date,
        for_partner=for_partner,
    )
    history_record(engagement=engagement, user=user, summary=f"Added action item: {description}")
    return item


def _next_position(engagement) -> int:
    top = engagement.plan_items.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def plan_item_save(*, item, user, version=None) -> PlanItem:
    """Create or change a plan row."""
    creating = item.pk is None
    before = (None, None, None)
    if creating:
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
    sessions.plan_sessions_sync(item=item, previous_status=before[0], holidays=holidays)
    history_record(
        engagement=item.engagement,
        user=user,
        summary=f"{'Added' if creating else 'Changed'} plan row: {item.name} ({item.get_status_display().lower()})",
    )
    return item


@transaction.atomic
def plan_session_set(*, session: PlanSession, status: str, version: int, user) -> PlanSession:
    """Mark one session delivered, planned or cancelled (refusing a stale version); the row's
    status follows, and its version moves on so an open edit of the row is refused."""
    updated = PlanSession.objects.filter(pk=session.pk, version=version).update(
        status=status, version=F("version") + 1
    )
    if not updated:
        raise StaleVersion()
    session.status, session.version = status, version + 1
    item = PlanItem.objects.select_for_update().get(pk=session.plan_item_id)
    sessions.row_status_refresh(item)
    PlanItem.objects.filter(pk=item.pk).update(version=F("version") + 1)
    item.refresh_from_db()
    session.plan_item = item
    history_record(
        engagement=item.engagement,
        user=user,
        summary=f"Session of {formats.day(session.date)} of {item.name}: "
        f"{session.get_status_display().lower()}",
    )
    return session


@transaction.atomic
def plan_item_delete(*, item, user) -> None:
    history_record(engagement=item.engagement, user=user, summary=f"Deleted plan row: {item.name}")
    item.delete()


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
    PlanItem.objects.bulk_update(items, ["position"])
    history_record(
        engagement=item.engagement, user=user, summary=f"Moved plan row {direction}: {item.name}"
    )
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
    PlanItem.objects.bulk_create(items)
    for item in items:
        sessions.plan_sessions_sync(item=item, previous_status=None, holidays=holidays)
    history_record(
        engagement=engagement, user=user, summary=f"Added {len(items)} plan rows from {source}"
    )
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
    district.save(update_fields=[*NORTH_STAR_FIELDS, "updated_at"])
    labels = [NORTH_STAR_FIELDS[name] for name in changed]
    NorthStarChange.objects.create(
        district=district, user=user, summary="Changed the " + ", ".join(labels), details=changed
    )
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
