"""Writes on scorecards: declaration, ratings, submission, consensus, reminders."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from interviews import lifecycle, policy
from interviews.models import (
    Consensus,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
    Rating,
    Scorecard,
)
from interviews.services.base import Locked, StaleVersion
from plpg import history
from plpg.email import absolute_url, send_email
from plpg.history import with_reason
from plpg.models import Membership


def scorecard_declare(*, scorecard: Scorecard, has_conflict: bool, note: str, user) -> Scorecard:
    """The panelist's conflict-of-interest declaration; a conflict blocks scoring."""
    _check_not_cancelled(scorecard.interview)
    if scorecard.conflict != Scorecard.Conflict.UNANSWERED:
        raise Locked("You have already answered the declaration.")
    scorecard.conflict = Scorecard.Conflict.DECLARED if has_conflict else Scorecard.Conflict.NONE
    scorecard.conflict_note = note
    with_reason(scorecard, "Answered the conflict-of-interest declaration")
    scorecard.save(update_fields=["conflict", "conflict_note", "updated_at"])
    if has_conflict:
        _conflict_notify_leads(scorecard=scorecard, note=note)
    return scorecard


def _conflict_notify_leads(*, scorecard: Scorecard, note: str):
    """Tell the district's leads that a panelist declared a conflict and waits for them."""
    interview = scorecard.interview
    leads = Membership.objects.filter(
        district=interview.selection.district, role=Membership.Role.LEAD
    ).values_list("user__email", flat=True)
    if not leads:
        return
    send_email(
        to=list(leads),
        template="interviews/email/conflict_declared",
        context={
            "interview": interview,
            "panelist": scorecard.panelist,
            "note": note,
            "url": absolute_url(reverse("interviews:detail", args=[interview.pk]) + "#panel"),
        },
    )


def conflict_resolve(*, scorecard: Scorecard, allow: bool, note: str, user) -> Scorecard:
    """The lead's decision on a declared conflict: may score, or recused."""
    if scorecard.conflict != Scorecard.Conflict.DECLARED:
        raise Locked("There is no open conflict declaration on this scorecard.")
    scorecard.conflict = Scorecard.Conflict.CLEARED if allow else Scorecard.Conflict.RECUSED
    scorecard.conflict_resolution = note
    with_reason(scorecard, "Decided on the declared conflict")
    scorecard.save(update_fields=["conflict", "conflict_resolution", "updated_at"])
    return scorecard


def _check_not_cancelled(interview: Interview):
    if interview.status in (Interview.Status.CANCELLED, Interview.Status.NO_SHOW):
        raise Locked(lifecycle.scoring_refusal(interview))


def _check_scorecard_open(scorecard: Scorecard):
    """Refuse changes to a submitted, withdrawn or conflicted scorecard, and scoring an
    interview that has not started (unless the lead opened it) or is over."""
    refusal = lifecycle.scoring_refusal(scorecard.interview)
    if refusal:
        raise Locked(refusal)
    if scorecard.submitted_at is not None:
        raise Locked("This scorecard is submitted and locked. Ask the lead to reopen it.")
    if scorecard.withdrawn_at is not None:
        raise Locked("This scorecard was withdrawn: the interview was closed without it.")
    if not scorecard.may_score:
        raise Locked("You cannot score this interview until your declaration is resolved.")


def rating_save(
    *,
    scorecard_id: int,
    look_for: LookFor,
    score,
    not_addressed: bool,
    note: str,
    version: int,
    user,
) -> Rating:
    """Save one rating if ``version`` is the one the panelist last saw (0: none yet).

    Only the scorecard row is locked for the save (not the joined interview), so one
    panelist's saves are serialised and a submit cannot slip between check and write, while
    other panelists' scorecards are other rows and never wait or collide.
    """
    # One query locks the scorecard and reads the consensus and the current rating with it;
    # then one write and its history line (the autosave's budget is six queries in all).
    current = Rating.objects.filter(scorecard=OuterRef("pk"), look_for=look_for)
    with transaction.atomic():
        scorecard = (
            Scorecard.objects.select_for_update(of=("self",))
            .select_related("interview__selection")
            .annotate(
                consensus_set=Exists(
                    Consensus.objects.filter(interview=OuterRef("interview_id"), look_for=look_for)
                ),
                **{
                    f"rating_{name}": Subquery(current.values(name)[:1])
                    for name in ("id", "version", "score", "not_addressed", "note")
                },
            )
            .get(pk=scorecard_id)
        )
        _check_scorecard_open(scorecard)
        if scorecard.consensus_set:
            raise Locked("The lead has set the consensus for this look-for; its scores are locked.")
        rating = None
        if scorecard.rating_id is not None:
            rating = Rating(
                pk=scorecard.rating_id,
                scorecard=scorecard,
                look_for=look_for,
                version=scorecard.rating_version,
                score=scorecard.rating_score,
                not_addressed=scorecard.rating_not_addressed,
                note=scorecard.rating_note,
            )
        current_version = rating.version if rating else 0
        if version != current_version:
            raise StaleVersion(rating)
        # The locked read's subqueries see the rows as they were when it started; a save that
        # waited for the lock may find a rating another save has since written. So the write
        # itself checks the version too, and losing that race is a stale version, not a 500.
        if rating is None:
            try:
                with transaction.atomic():
                    rating = Rating.objects.create(
                        scorecard=scorecard,
                        look_for=look_for,
                        score=score,
                        not_addressed=not_addressed,
                        note=note,
                    )
            except IntegrityError:
                raise StaleVersion(
                    Rating.objects.get(scorecard=scorecard, look_for=look_for)
                ) from None
        elif (rating.score, rating.not_addressed, rating.note) != (score, not_addressed, note):
            rating.updated_at = timezone.now()
            updated = Rating.objects.filter(pk=rating.pk, version=rating.version).update(
                score=score,
                not_addressed=not_addressed,
                note=note,
                version=F("version") + 1,
                updated_at=rating.updated_at,
            )
            if not updated:
                raise StaleVersion(Rating.objects.get(pk=rating.pk))
            rating.score, rating.not_addressed, rating.note = score, not_addressed, note
            rating.version += 1
            # update() writes no history by itself: the same change, recorded (one insert).
            history.note(rating, reason="Changed the rating", user=user)
    return rating


def scorecard_update(
    *, scorecard_id: int, recommendation: str, takeaways: str, version: int, user
) -> Scorecard:
    """Save the overall recommendation and key take-aways (versioned like ratings)."""
    with transaction.atomic():
        scorecard = (
            Scorecard.objects.select_for_update(of=("self",))
            .select_related("interview__selection", "panelist")
            .get(pk=scorecard_id)
        )
        _check_scorecard_open(scorecard)
        if scorecard.version != version:
            raise StaleVersion(scorecard)
        scorecard.recommendation = recommendation
        scorecard.takeaways = takeaways
        scorecard.version += 1
        scorecard.save(update_fields=["recommendation", "takeaways", "version", "updated_at"])
    return scorecard


def scorecard_submit(*, scorecard: Scorecard, user) -> Scorecard:
    """Submit and lock the scorecard; from now on the panelist sees the panel's ratings."""
    with transaction.atomic():
        scorecard = (
            Scorecard.objects.select_for_update(of=("self",))
            .select_related("interview__selection")
            .get(pk=scorecard.pk)
        )
        _check_scorecard_open(scorecard)
        scorecard.submitted_at = timezone.now()
        scorecard.version += 1
        with_reason(scorecard, "Submitted the scorecard")
        scorecard.save(update_fields=["submitted_at", "version", "updated_at"])
        _complete_when_all_submitted(interview=scorecard.interview, user=user)
    return scorecard


def _complete_when_all_submitted(*, interview: Interview, user) -> None:
    """A scheduled interview is completed once every panelist still scoring has submitted."""
    if interview.status not in (Interview.Status.SCHEDULED, Interview.Status.IN_PROGRESS):
        return
    still_open = (
        interview.scorecards.filter(submitted_at__isnull=True, withdrawn_at__isnull=True)
        .exclude(conflict=Scorecard.Conflict.RECUSED)
        .exists()
    )
    if not still_open:
        interview.status = Interview.Status.COMPLETED
        with_reason(interview, "Every panelist still scoring has submitted")
        interview.save(update_fields=["status"])


def scorecard_reopen(*, scorecard: Scorecard, user) -> Scorecard:
    """The lead reopens a submitted scorecard so the panelist can change it."""
    with transaction.atomic():
        scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
        if scorecard.submitted_at is None:
            raise Locked("This scorecard is not submitted.")
        scorecard.submitted_at = None
        scorecard.version += 1
        with_reason(scorecard, "Reopened the scorecard")
        scorecard.save(update_fields=["submitted_at", "version", "updated_at"])
        # A panelist scores again: the interview is no longer complete, consensus waits.
        interview = scorecard.interview
        if interview.status == Interview.Status.COMPLETED:
            interview.status = Interview.Status.IN_PROGRESS
            with_reason(interview, f"Reopened the scorecard of {scorecard.panelist}")
            interview.save(update_fields=["status"])
    return scorecard


def consensus_set(
    *,
    interview: Interview,
    look_for: LookFor,
    score,
    not_addressed: bool,
    reason: str,
    version: int,
    user,
) -> Consensus:
    """Set the panel's consensus on a look-for (a reason is required); locks its ratings."""
    if not reason.strip():
        raise ValidationError("Give a reason for the consensus rating.")
    refusal = policy.consensus_refusal(user, interview)
    if refusal:
        raise Locked(refusal)
    with transaction.atomic():
        current = (
            Consensus.objects.select_for_update()
            .filter(interview=interview, look_for=look_for)
            .first()
        )
        if (current.version if current else 0) != version:
            raise StaleVersion(current)
        if current is None:
            try:
                with transaction.atomic():
                    current = Consensus.objects.create(
                        interview=interview,
                        look_for=look_for,
                        score=score,
                        not_addressed=not_addressed,
                        reason=reason,
                        set_by=user,
                    )
            except IntegrityError as error:
                raise StaleVersion(
                    Consensus.objects.get(interview=interview, look_for=look_for)
                ) from error
        else:
            current.score, current.not_addressed, current.reason = score, not_addressed, reason
            current.set_by = user
            current.version += 1
            current.save()
    return current


def non_negotiable_result_set(
    *, interview: Interview, non_negotiable: NonNegotiable, status: str, note: str, user
) -> NonNegotiableResult:
    """Record whether the partner meets a non-negotiable: met, not met or unclear."""
    result, _ = NonNegotiableResult.objects.get_or_create(
        interview=interview, non_negotiable=non_negotiable, defaults={"set_by": user}
    )
    result.status, result.note, result.set_by = status, note, user
    result.save()
    return result


def reminders_send(*, now=None) -> int:
    """Email panelists who have not submitted, one day after the interview (once each)."""
    now = now or timezone.now()
    due = (
        Scorecard.objects.filter(
            submitted_at__isnull=True,
            reminded_at__isnull=True,
            interview__scheduled_at__lte=now - timezone.timedelta(days=1),
        )
        .filter(withdrawn_at__isnull=True)
        .exclude(interview__status__in=[Interview.Status.CANCELLED, Interview.Status.NO_SHOW])
        .exclude(conflict=Scorecard.Conflict.RECUSED)
        .select_related("panelist", "interview__partner", "interview__selection__district")
    )
    sent = 0
    for scorecard in due:
        interview = scorecard.interview
        url = absolute_url(reverse("interviews:score", args=[interview.pk]))
        send_email(
            to=scorecard.panelist.email,
            template="interviews/email/scorecard_reminder",
            context={"interview": interview, "panelist": scorecard.panelist, "url": url},
        )
        Scorecard.objects.filter(pk=scorecard.pk).update(reminded_at=now)
        sent += 1
    return sent
