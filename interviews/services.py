"""Writes: guides, selections, interviews, scorecards, consensus, decisions — with history."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from interviews.models import (
    Block,
    Consensus,
    Guide,
    HistoryEntry,
    Interview,
    LookFor,
    NonNegotiable,
    NonNegotiableResult,
    Question,
    Rating,
    Scorecard,
    Section,
    SectionKind,
    Selection,
    ShortlistEntry,
)


class StaleVersion(Exception):
    """Someone changed this since the page was loaded; carries the current row."""

    def __init__(self, current):
        super().__init__("changed by someone else")
        self.current = current


class Locked(Exception):
    """The scorecard or look-for can no longer change (submitted, consensus, conflict)."""


def history_record(*, selection, actor, action, target="", before="", after="", interview=None):
    """Write one history line: who changed what, when."""
    return HistoryEntry.objects.create(
        selection=selection,
        interview=interview,
        actor=actor,
        action=action,
        target=str(target)[:300],
        before=str(before),
        after=str(after),
    )


# --- Guides --------------------------------------------------------------------------------


def _guide_clone(*, source: Guide, **fields) -> Guide:
    """A deep copy of source's sections, blocks, questions, look-fors and non-negotiables."""
    guide = Guide.objects.create(
        name=source.name,
        edition=source.edition,
        source=source.source,
        introduction=source.introduction,
        preparation=source.preparation,
        **fields,
    )
    sections = source.sections.prefetch_related("blocks__questions", "blocks__look_fors")
    for section in sections:
        new_section = Section.objects.create(
            guide=guide,
            kind=section.kind,
            title=section.title,
            weight=section.weight,
            position=section.position,
        )
        for block in section.blocks.all():
            new_block = Block.objects.create(
                section=new_section, guidance=block.guidance, position=block.position
            )
            Question.objects.bulk_create(
                Question(block=new_block, text=q.text, position=q.position)
                for q in block.questions.all()
            )
            LookFor.objects.bulk_create(
                LookFor(block=new_block, text=lf.text, weight=lf.weight, position=lf.position)
                for lf in block.look_fors.all()
            )
    NonNegotiable.objects.bulk_create(
        NonNegotiable(guide=guide, text=nn.text, position=nn.position)
        for nn in source.non_negotiables.all()
    )
    return guide


@transaction.atomic
def guide_copy(*, guide: Guide, district, user) -> Guide:
    """A district's own editable copy of a guide (a template or another of its guides)."""
    return _guide_clone(
        source=guide,
        district=district,
        copied_from=guide,
        created_by=user,
    )


@transaction.atomic
def guide_new_version(*, guide: Guide, user) -> Guide:
    """An editable next version of a frozen district guide; past interviews keep theirs."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    newer = guide.next_versions.filter(is_current=True).first()
    if newer is not None:
        return newer
    new = _guide_clone(
        source=guide,
        district=guide.district,
        version=guide.version + 1,
        previous_version=guide,
        copied_from=guide.copied_from,
        created_by=user,
    )
    Guide.objects.filter(pk=guide.pk).update(is_current=False)
    Selection.objects.filter(guide=guide, decided_at__isnull=True).update(guide=new)
    return new


def guide_check_editable(*, guide: Guide):
    """Refuse edits to templates and frozen guides."""
    if guide.is_template:
        raise Locked("Global templates cannot be edited. Copy the guide to your district first.")
    if guide.is_frozen:
        raise Locked(
            "An interview has used this guide, so it is frozen. "
            "Make a new version to edit it; past interviews keep what they asked."
        )


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def guide_item_add(*, guide: Guide, parent, kind: str, text: str = "", weight=1):
    """Add a section's block, or a block's question or look-for, or a non-negotiable."""
    guide_check_editable(guide=guide)
    if kind == "block":
        return Block.objects.create(
            section=parent, guidance=text, position=_next_position(parent.blocks)
        )
    if kind == "question":
        return Question.objects.create(
            block=parent, text=text, position=_next_position(parent.questions)
        )
    if kind == "look-for":
        return LookFor.objects.create(
            block=parent, text=text, weight=weight, position=_next_position(parent.look_fors)
        )
    if kind == "non-negotiable":
        return NonNegotiable.objects.create(
            guide=guide, text=text, position=_next_position(guide.non_negotiables)
        )
    raise ValueError(kind)


def guide_item_move(*, guide: Guide, item, direction: int):
    """Swap an item with its neighbour (direction -1 up, +1 down) among its siblings."""
    guide_check_editable(guide=guide)
    siblings = list(type(item).objects.filter(**_sibling_filter(item)))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    with transaction.atomic():
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                type(item).objects.filter(pk=sibling.pk).update(position=position)


def _sibling_filter(item) -> dict:
    if isinstance(item, Question | LookFor):
        return {"block_id": item.block_id}
    if isinstance(item, Block):
        return {"section_id": item.section_id}
    if isinstance(item, Section):
        return {"guide_id": item.guide_id}
    return {"guide_id": item.guide_id}


def guide_freeze(*, guide: Guide):
    """Mark a guide used: from now on editing it makes a new version."""
    if guide.frozen_at is None:
        Guide.objects.filter(pk=guide.pk, frozen_at__isnull=True).update(frozen_at=timezone.now())
        guide.frozen_at = timezone.now()


# --- Selections and interviews -------------------------------------------------------------


def shortlist_add(*, selection: Selection, partner, user) -> ShortlistEntry:
    """Put a partner on the selection's shortlist (once)."""
    entry, _ = ShortlistEntry.objects.get_or_create(
        selection=selection, partner=partner, defaults={"added_by": user}
    )
    return entry


def shortlist_set_status(*, entry: ShortlistEntry, status: str, user) -> ShortlistEntry:
    if entry.status != status:
        history_record(
            selection=entry.selection,
            actor=user,
            action="shortlist status",
            target=entry.partner,
            before=entry.get_status_display(),
            after=ShortlistEntry.Status(status).label,
        )
        entry.status = status
        entry.save(update_fields=["status"])
    return entry


def sections_in_scope(*, guide: Guide, selection: Selection):
    """General plus the sections of the selection's phases."""
    kinds = {SectionKind.GENERAL, *selection.phases.values_list("slug", flat=True)}
    return guide.sections.filter(kind__in=kinds)


@transaction.atomic
def interview_save(*, interview: Interview, panel, sections, user) -> Interview:
    """Create or update an interview; freezes its guide and gives each panelist a scorecard."""
    creating = interview.pk is None
    if creating:
        interview.created_by = user
    interview.save()
    interview.panel.set(panel)
    interview.sections.set(sections)
    guide_freeze(guide=interview.guide)
    for panelist in panel:
        Scorecard.objects.get_or_create(interview=interview, panelist=panelist)
    # Someone taken off the panel loses a scorecard they never used; started ones stay.
    Scorecard.objects.filter(interview=interview, ratings__isnull=True).exclude(
        panelist__in=panel
    ).delete()
    ShortlistEntry.objects.filter(
        selection=interview.selection,
        partner=interview.partner,
        status=ShortlistEntry.Status.CONSIDERING,
    ).update(status=ShortlistEntry.Status.INTERVIEWING)
    if creating:
        ShortlistEntry.objects.get_or_create(
            selection=interview.selection,
            partner=interview.partner,
            defaults={"status": ShortlistEntry.Status.INTERVIEWING, "added_by": user},
        )
        history_record(
            selection=interview.selection,
            interview=interview,
            actor=user,
            action="interview scheduled",
            target=interview,
        )
    return interview


# --- Scorecards ----------------------------------------------------------------------------


def scorecard_declare(*, scorecard: Scorecard, has_conflict: bool, note: str, user) -> Scorecard:
    """The panelist's conflict-of-interest declaration; a conflict blocks scoring."""
    if scorecard.conflict != Scorecard.Conflict.UNANSWERED:
        raise Locked("You have already answered the declaration.")
    scorecard.conflict = Scorecard.Conflict.DECLARED if has_conflict else Scorecard.Conflict.NONE
    scorecard.conflict_note = note
    scorecard.save(update_fields=["conflict", "conflict_note", "updated_at"])
    history_record(
        selection=scorecard.interview.selection,
        interview=scorecard.interview,
        actor=user,
        action="conflict declaration",
        target=scorecard.panelist,
        after=scorecard.get_conflict_display() + (f": {note}" if note else ""),
    )
    return scorecard


def conflict_resolve(*, scorecard: Scorecard, allow: bool, note: str, user) -> Scorecard:
    """The lead's decision on a declared conflict: may score, or recused."""
    if scorecard.conflict != Scorecard.Conflict.DECLARED:
        raise Locked("There is no open conflict declaration on this scorecard.")
    scorecard.conflict = Scorecard.Conflict.CLEARED if allow else Scorecard.Conflict.RECUSED
    scorecard.conflict_resolution = note
    scorecard.save(update_fields=["conflict", "conflict_resolution", "updated_at"])
    history_record(
        selection=scorecard.interview.selection,
        interview=scorecard.interview,
        actor=user,
        action="conflict resolved",
        target=scorecard.panelist,
        before=Scorecard.Conflict.DECLARED.label,
        after=scorecard.get_conflict_display() + (f": {note}" if note else ""),
    )
    return scorecard


def _check_scorecard_open(scorecard: Scorecard):
    if scorecard.submitted_at is not None:
        raise Locked("This scorecard is submitted and locked. Ask the lead to reopen it.")
    if not scorecard.may_score:
        raise Locked("You cannot score this interview until your declaration is resolved.")


def _panelist_name(scorecard, user) -> str:
    """The scorecard's panelist, without a query when they are the one saving."""
    return (
        str(user)
        if user is not None and scorecard.panelist_id == user.pk
        else str(scorecard.panelist)
    )


def _describe(score, not_addressed, note) -> str:
    value = "not addressed" if not_addressed else (str(score) if score else "not rated")
    return f"{value}" + (f" — {note}" if note else "")


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

    The scorecard row is locked for the save, so one panelist's saves are serialised and a
    submit cannot slip between check and write; other panelists' scorecards are other rows
    and never wait or collide.
    """
    with transaction.atomic():
        scorecard = (
            Scorecard.objects.select_for_update()
            .select_related("interview__selection")
            .get(pk=scorecard_id)
        )
        _check_scorecard_open(scorecard)
        if Consensus.objects.filter(interview=scorecard.interview, look_for=look_for).exists():
            raise Locked("The lead has set the consensus for this look-for; its scores are locked.")
        rating = Rating.objects.filter(scorecard=scorecard, look_for=look_for).first()
        current_version = rating.version if rating else 0
        if version != current_version:
            raise StaleVersion(rating)
        before = _describe(rating.score, rating.not_addressed, rating.note) if rating else ""
        if rating is None:
            rating = Rating.objects.create(
                scorecard=scorecard,
                look_for=look_for,
                score=score,
                not_addressed=not_addressed,
                note=note,
            )
        else:
            Rating.objects.filter(pk=rating.pk).update(
                score=score,
                not_addressed=not_addressed,
                note=note,
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
            rating.score, rating.not_addressed, rating.note = score, not_addressed, note
            rating.version += 1
        after = _describe(score, not_addressed, note)
        if before != after:
            history_record(
                selection=scorecard.interview.selection,
                interview=scorecard.interview,
                actor=user,
                action="rating",
                target=f"{_panelist_name(scorecard, user)} · {look_for.lead[:120]}",
                before=before,
                after=after,
            )
    return rating


def scorecard_update(
    *, scorecard_id: int, recommendation: str, takeaways: str, version: int, user
) -> Scorecard:
    """Save the overall recommendation and key take-aways (versioned like ratings)."""
    with transaction.atomic():
        scorecard = (
            Scorecard.objects.select_for_update()
            .select_related("interview__selection", "panelist")
            .get(pk=scorecard_id)
        )
        _check_scorecard_open(scorecard)
        if scorecard.version != version:
            raise StaleVersion(scorecard)
        before = f"{scorecard.get_recommendation_display()} — {scorecard.takeaways}"
        scorecard.recommendation = recommendation
        scorecard.takeaways = takeaways
        scorecard.version += 1
        scorecard.save(update_fields=["recommendation", "takeaways", "version", "updated_at"])
        after = f"{scorecard.get_recommendation_display()} — {scorecard.takeaways}"
        if before != after:
            history_record(
                selection=scorecard.interview.selection,
                interview=scorecard.interview,
                actor=user,
                action="recommendation",
                target=scorecard.panelist,
                before=before,
                after=after,
            )
    return scorecard


def scorecard_submit(*, scorecard: Scorecard, user) -> Scorecard:
    """Submit and lock the scorecard; from now on the panelist sees the panel's ratings."""
    with transaction.atomic():
        scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
        _check_scorecard_open(scorecard)
        scorecard.submitted_at = timezone.now()
        scorecard.version += 1
        scorecard.save(update_fields=["submitted_at", "version", "updated_at"])
        history_record(
            selection=scorecard.interview.selection,
            interview=scorecard.interview,
            actor=user,
            action="scorecard submitted",
            target=scorecard.panelist,
        )
    return scorecard


def scorecard_reopen(*, scorecard: Scorecard, user) -> Scorecard:
    """The lead reopens a submitted scorecard so the panelist can change it."""
    with transaction.atomic():
        scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
        if scorecard.submitted_at is None:
            raise Locked("This scorecard is not submitted.")
        scorecard.submitted_at = None
        scorecard.version += 1
        scorecard.save(update_fields=["submitted_at", "version", "updated_at"])
        history_record(
            selection=scorecard.interview.selection,
            interview=scorecard.interview,
            actor=user,
            action="scorecard reopened",
            target=scorecard.panelist,
        )
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
    with transaction.atomic():
        current = (
            Consensus.objects.select_for_update()
            .filter(interview=interview, look_for=look_for)
            .first()
        )
        if (current.version if current else 0) != version:
            raise StaleVersion(current)
        before = _describe(current.score, current.not_addressed, current.reason) if current else ""
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
        history_record(
            selection=interview.selection,
            interview=interview,
            actor=user,
            action="consensus",
            target=look_for.lead[:150],
            before=before,
            after=_describe(score, not_addressed, reason),
        )
    return current


def non_negotiable_result_set(
    *, interview: Interview, non_negotiable: NonNegotiable, status: str, note: str, user
) -> NonNegotiableResult:
    """Record whether the partner meets a non-negotiable: met, not met or unclear."""
    result, _ = NonNegotiableResult.objects.get_or_create(
        interview=interview, non_negotiable=non_negotiable, defaults={"set_by": user}
    )
    before = result.get_status_display()
    result.status, result.note, result.set_by = status, note, user
    result.save()
    history_record(
        selection=interview.selection,
        interview=interview,
        actor=user,
        action="non-negotiable",
        target=non_negotiable.text[:150],
        before=before,
        after=result.get_status_display() + (f" — {note}" if note else ""),
    )
    return result


@transaction.atomic
def selection_decide(
    *, selection: Selection, partner, answers: dict, notes: str, version: int, user
):
    """Record the decision with the answers to the playbook's four questions to consider."""
    locked = Selection.objects.select_for_update().get(pk=selection.pk)
    if locked.version != version:
        raise StaleVersion(locked)
    before = str(locked.chosen_partner or "")
    for name, value in answers.items():
        setattr(locked, name, value)
    locked.chosen_partner = partner
    locked.decision_notes = notes
    locked.decided_at = timezone.now()
    locked.decided_by = user
    locked.status = Selection.Status.DECIDED
    locked.version += 1
    locked.save()
    for entry in locked.shortlist.all():
        status = (
            ShortlistEntry.Status.SELECTED
            if entry.partner_id == partner.pk
            else (
                ShortlistEntry.Status.DECLINED
                if entry.status == ShortlistEntry.Status.SELECTED
                else entry.status
            )
        )
        if status != entry.status:
            entry.status = status
            entry.save(update_fields=["status"])
    ShortlistEntry.objects.get_or_create(
        selection=locked,
        partner=partner,
        defaults={"status": ShortlistEntry.Status.SELECTED, "added_by": user},
    )
    history_record(
        selection=locked,
        actor=user,
        action="decision",
        target=partner,
        before=before,
        after=partner,
    )
    return locked


def reminders_send(*, now=None) -> int:
    """Email panelists who have not submitted, one day after the interview (once each)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    now = now or timezone.now()
    due = (
        Scorecard.objects.filter(
            submitted_at__isnull=True,
            reminded_at__isnull=True,
            interview__scheduled_at__lte=now - timezone.timedelta(days=1),
            interview__status=Interview.Status.SCHEDULED,
        )
        .exclude(conflict=Scorecard.Conflict.RECUSED)
        .select_related("panelist", "interview__partner", "interview__selection__district")
    )
    sent = 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    for scorecard in due:
        interview = scorecard.interview
        url = base + reverse("interviews:score", args=[interview.pk])
        send_mail(
            subject=f"Reminder: your scorecard for {interview.partner}",
            message=(
                f"Hello {scorecard.panelist.display_name},\n\n"
                f"The interview with {interview.partner} for "
                f"{interview.selection.district} took place on "
                f"{timezone.localtime(interview.scheduled_at):%B %-d, %Y}. "
                f"Your scorecard is not submitted yet:\n{url}\n"
            ),
            from_email=None,
            recipient_list=[scorecard.panelist.email],
        )
        Scorecard.objects.filter(pk=scorecard.pk).update(reminded_at=now)
        sent += 1
    return sent
