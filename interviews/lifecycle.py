"""Selection and interview lifecycles: the states, the moves allowed between them, and the
one function per object that makes a move (checked against the table, recorded in history).

Selection:  open → interviewing → decided → closed, and cancelled (from open/interviewing).
Interview:  scheduled → in progress → completed, or cancelled / no-show; a cancelled or
            no-show interview can be reinstated (scheduled again), a completed one goes back
            to "in progress" when the lead reopens a scorecard.

"In progress" starts by itself at the interview's start time (``effective_status``) or when
the lead opens it early; scoring before that is refused (``scoring_refusal``).
"""

from django.db import transaction
from django.utils import timezone

from interviews.models import Interview, Scorecard, Selection
from interviews.services.base import Locked
from plpg import formats
from plpg.history import with_reason

S = Selection.Status
I = Interview.Status  # noqa: E741

SELECTION_TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.INTERVIEWING, S.DECIDED, S.CANCELLED},
    S.INTERVIEWING: {S.DECIDED, S.CANCELLED},
    S.DECIDED: {S.DECIDED, S.CLOSED},  # decided → decided: the lead revises the decision
    S.CLOSED: set(),
    S.CANCELLED: {S.OPEN},
}

INTERVIEW_TRANSITIONS: dict[str, set[str]] = {
    I.SCHEDULED: {I.IN_PROGRESS, I.CANCELLED, I.NO_SHOW},
    I.IN_PROGRESS: {I.COMPLETED, I.CANCELLED, I.NO_SHOW},
    I.COMPLETED: {I.IN_PROGRESS},
    I.CANCELLED: {I.SCHEDULED},
    I.NO_SHOW: {I.SCHEDULED},
}

# What the lead's buttons say for each move of an interview (the page shows the allowed ones).
INTERVIEW_ACTIONS = {
    I.IN_PROGRESS: "Open for scoring now",
    I.COMPLETED: "Close the interview",
    I.CANCELLED: "Cancel the interview",
    I.NO_SHOW: "Mark as no-show",
    I.SCHEDULED: "Reinstate",
}

# A selection that no longer takes interviews or scores.
SELECTION_FINISHED = {S.DECIDED, S.CLOSED, S.CANCELLED}
# An interview nobody scores any more.
INTERVIEW_FINISHED = {I.COMPLETED, I.CANCELLED, I.NO_SHOW}


class NotAllowed(Locked):
    """The move is not in the state table (the message says what is allowed)."""


def _check(table, labels, current, target, what):
    if target not in table[current]:
        allowed = ", ".join(sorted(str(labels[t]).lower() for t in table[current])) or "nothing"
        raise NotAllowed(
            f"This {what} is {str(labels[current]).lower()}: it cannot become "
            f"{str(labels[target]).lower()} (from here: {allowed})."
        )


def selection_can(selection: Selection, target: str) -> bool:
    return target in SELECTION_TRANSITIONS[selection.status]


def selection_move(*, selection: Selection, target: str, user, note: str = "") -> Selection:
    """Move the selection to target (checked against the table), with a history line."""
    labels = dict(S.choices)
    _check(SELECTION_TRANSITIONS, labels, selection.status, target, "selection")
    before = selection.status
    if before != target:
        selection.status = target
        with_reason(
            selection,
            f"Status: {labels[before]} → {labels[target]}" + (f" — {note}" if note else ""),
        )
        selection.save(update_fields=["status", "updated_at"])
    return selection


def selection_interviewing(*, selection: Selection, user) -> None:
    """An interview was scheduled: an open selection is now interviewing."""
    if selection.status == S.OPEN:
        selection_move(selection=selection, target=S.INTERVIEWING, user=user)


def effective_status(interview: Interview, now=None) -> str:
    """The status to show and act on: a scheduled interview is in progress from its start."""
    now = now or timezone.now()
    if interview.status == I.SCHEDULED and interview.scheduled_at <= now:
        return I.IN_PROGRESS
    return interview.status


def effective_status_label(interview: Interview, now=None) -> str:
    return dict(I.choices)[effective_status(interview, now)]


def interview_targets(interview: Interview) -> list[tuple[str, str]]:
    """The moves the lead may make now, as (status, button label)."""
    current = effective_status(interview)
    if interview.selection.status in SELECTION_FINISHED and current not in INTERVIEW_FINISHED:
        # After the decision only closing or cancelling remains.
        allowed = {I.COMPLETED, I.CANCELLED}
    elif interview.selection.status in SELECTION_FINISHED:
        return []
    else:
        allowed = INTERVIEW_TRANSITIONS[current]
    return [(t, INTERVIEW_ACTIONS[t]) for t in INTERVIEW_ACTIONS if t in allowed]


def scoring_refusal(interview: Interview, now=None) -> str:
    """Why nobody may score this interview now ('' if they may)."""
    status = effective_status(interview, now)
    if status == I.SCHEDULED:
        when = timezone.localtime(interview.scheduled_at)
        return (
            f"Scoring opens when the interview starts ({formats.when(when)}) "
            "or when the lead opens it early."
        )
    if status == I.CANCELLED:
        return "This interview was cancelled, so it cannot be scored."
    if status == I.NO_SHOW:
        return "The partner did not show up for this interview, so it cannot be scored."
    if interview.selection.status in SELECTION_FINISHED:
        return "The selection is decided or closed: scoring has ended."
    return ""


@transaction.atomic
def interview_move(*, interview: Interview, target: str, user, note: str = "") -> Interview:
    """Move the interview to target (checked against the table), with a history line.

    Completing it withdraws the scorecards not submitted ("missing"); reinstating a cancelled
    or no-show interview puts them back. Consensus opens once it is completed.
    """
    labels = dict(I.choices)
    current = effective_status(interview)
    if interview.selection.status in SELECTION_FINISHED and target not in (
        I.COMPLETED,
        I.CANCELLED,
    ):
        raise NotAllowed("The selection is decided or closed: its interviews can only be closed.")
    _check(INTERVIEW_TRANSITIONS, labels, current, target, "interview")
    now = timezone.now()
    # Scorecard.objects, not interview.scorecards: a decision moves every interview of the
    # selection in a loop, each with its own history row; the cards get this interview
    # object (their history path is read from it) instead of loading it again each.
    open_cards = Scorecard.objects.filter(interview=interview, submitted_at__isnull=True).exclude(
        conflict=Scorecard.Conflict.RECUSED
    )
    missing = []
    if target == I.COMPLETED:
        for card in open_cards.filter(withdrawn_at__isnull=True).select_related("panelist"):
            card.interview = interview
            missing.append(str(card.panelist))
            card.withdrawn_at = now
            with_reason(card, "Withdrawn: the interview was closed without it")
            card.save(update_fields=["withdrawn_at"])
    elif target == I.SCHEDULED:
        for card in open_cards.filter(withdrawn_at__isnull=False):
            card.interview = interview
            card.withdrawn_at = None
            with_reason(card, "Given back: the interview was reinstated")
            card.save(update_fields=["withdrawn_at"])
    interview.status = target
    detail = f"missing scorecards: {', '.join(missing)}" if missing else ""
    with_reason(
        interview,
        "; ".join(filter(None, [f"Status: {labels[current]} → {labels[target]}", detail, note])),
    )
    interview.save(update_fields=["status"])
    return interview


def interviews_after_decision(*, selection: Selection, how: str, user) -> int:
    """Close ("completed") or cancel the selection's other unfinished interviews (the chosen
    partner's own are closed); withdraw every scorecard still owed in the selection (they
    leave the panelists' lists). Returns how many interviews were moved."""
    moved = 0
    for interview in selection.interviews.exclude(status__in=INTERVIEW_FINISHED):
        interview.selection = selection
        chosen = interview.partner_id == selection.chosen_partner_id
        target = I.COMPLETED if how == "close" or chosen else I.CANCELLED
        current = effective_status(interview)
        if current == I.SCHEDULED and target == I.COMPLETED:
            # It never took place: "completed" would claim it did.
            interview_move(interview=interview, target=I.CANCELLED, user=user, note="decided")
        else:
            interview_move(interview=interview, target=target, user=user, note="decided")
        moved += 1
    for card in Scorecard.objects.filter(
        interview__selection=selection, submitted_at__isnull=True, withdrawn_at__isnull=True
    ).select_related("interview"):
        card.interview.selection = selection  # its history path, without a read per card
        card.withdrawn_at = timezone.now()
        with_reason(card, "Withdrawn: the selection was decided")
        card.save(update_fields=["withdrawn_at"])
    return moved
