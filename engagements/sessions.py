"""A plan row's dated sessions (PlanSession): the dates its timing and date give, kept in step
with the row, and each session marked delivered, planned or cancelled on its own.

The dates come from engagements/timing.py within the engagement's contract year, on the
district's working days (plpg/holidays.py). Every write to a row goes through
``services.plan_item_save`` or ``services.plan_rows_add``, which call ``plan_sessions_sync``;
a session's own status changes through ``services.plan_session_set``.
"""

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from engagements.models import PlanItem, PlanSession
from engagements.timing import ContractYear, row_dates, timing_date_problem, timing_parse
from plpg import history
from plpg.history import with_reason
from plpg.holidays import district_holidays

# A weekly row over a three-year contract is about 156 sessions.
SESSIONS_PER_ROW_LIMIT = 200

Status = PlanItem.Status


def contract_year(engagement, day=None) -> ContractYear:
    """The dates a plan row's month words fall in for this engagement."""
    return ContractYear.of(
        start=engagement.contract_start,
        end=engagement.contract_end,
        day=day,
        today=timezone.localdate(),
    )


def holidays_of(engagement) -> frozenset:
    return district_holidays([engagement.district_id]).get(engagement.district_id, frozenset())


def plan_row_problem(*, engagement, timing: str, planned_date) -> str:
    """Why a row's date and timing disagree, or "" (the plan form and the services ask it)."""
    return timing_date_problem(
        timing_parse(timing), planned_date, contract_year(engagement, planned_date)
    )


def plan_row_date_fill(*, item, holidays) -> None:
    """Give a row without a date the one its timing gives within the contract year."""
    if item.planned_date is None:
        item.planned_date, _ = row_dates(
            timing_text=item.timing,
            planned_date=None,
            year=contract_year(item.engagement),
            holidays=holidays,
            limit=1,
        )


def _derived_status(statuses, fallback: str) -> str:
    """A row's status from its sessions: cancelled when all are, delivered when every one not
    cancelled is, else planned."""
    if not statuses:
        return fallback
    live = [s for s in statuses if s != Status.CANCELLED]
    if not live:
        return Status.CANCELLED
    return Status.DELIVERED if all(s == Status.DELIVERED for s in live) else Status.PLANNED


# What a status set on a recurring row does to its sessions: new row status -> (sessions
# from, sessions to). Delivered sessions are never undone from the row: they took place, and
# each is undone on its own.
_ROW_MOVES = {
    Status.CANCELLED: (Status.PLANNED, Status.CANCELLED),
    Status.DELIVERED: (Status.PLANNED, Status.DELIVERED),
    Status.PLANNED: (Status.CANCELLED, Status.PLANNED),
}


def sessions_move(sessions, *, status: str, reason: str) -> None:
    """Give each session a new status, one save each so the history keeps every change."""
    for session in sessions:
        session.status = status
        session.version += 1
        with_reason(session, reason)
        session.save(update_fields=["status", "version", "updated_at"])


@transaction.atomic
def plan_sessions_sync(*, item: PlanItem, previous_status: str | None, holidays, user=None) -> None:
    """Give the row the sessions its date and timing say, and its status from them.

    A one-off row has exactly one session, at its date, with the row's status. A recurring
    row has one per date; sessions no longer in the series go unless delivered (they took
    place); a status set on the row moves its sessions (cancelled: the ones still planned are
    cancelled; delivered: they are delivered; planned: the cancelled ones are planned again),
    then the row's status is worked out from its sessions. Every change is in the history.
    """
    timing = timing_parse(item.timing)
    _, dates = row_dates(
        timing_text=item.timing,
        planned_date=item.planned_date,
        year=contract_year(item.engagement, item.planned_date),
        holidays=holidays,
        limit=SESSIONS_PER_ROW_LIMIT,
    )
    sessions = PlanSession.objects.filter(plan_item=item)
    if not timing.recurring:
        for session in sessions.exclude(date__in=dates):
            with_reason(session, "The row's date changed")
            session.delete()
        if dates and not sessions.filter(date=dates[0]).exists():
            session = PlanSession(plan_item=item, date=dates[0], status=item.status)
            session.settle_confirmation()  # bulk_create does not call save()
            history.bulk_create(
                [session],
                user=user,
                reason="Dated the plan row",
            )
        sessions_move(
            sessions.exclude(status=item.status),
            status=item.status,
            reason=f"The row is {item.get_status_display().lower()}",
        )
        return
    for session in sessions.exclude(date__in=dates).exclude(status=Status.DELIVERED):
        with_reason(session, "No longer in the row's series")
        session.delete()
    have = set(sessions.values_list("date", flat=True))
    history.bulk_create(
        [PlanSession(plan_item=item, date=day) for day in dates if day not in have],
        user=user,
        reason=f"Sessions of “{item.timing}”",
    )
    if previous_status is not None and item.status != previous_status:
        before, after = _ROW_MOVES[item.status]
        sessions_move(
            sessions.filter(status=before),
            status=after,
            reason=f"The row was set {item.get_status_display().lower()}",
        )
    row_status_refresh(item)


def row_status_refresh(item: PlanItem) -> None:
    """Store the row's status as its sessions make it (and when the last one was delivered)."""
    rows = list(
        PlanSession.objects.filter(plan_item=item).values_list(
            "status", Coalesce("delivered_on", "date")
        )
    )
    status = _derived_status([s for s, _ in rows], item.status)
    delivered = [day for s, day in rows if s == Status.DELIVERED]
    delivered_on = max(delivered) if status == Status.DELIVERED and delivered else None
    if (status, delivered_on) != (item.status, item.delivered_on):
        item.status, item.delivered_on = status, delivered_on
        with_reason(item, "Its sessions make it " + item.get_status_display().lower())
        item.save(update_fields=["status", "delivered_on"])
