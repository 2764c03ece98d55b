"""Writes on selections: shortlist, interviews and the decision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from interviews import lifecycle
from interviews.models import (
    Guide,
    Interview,
    NonNegotiable,
    Scorecard,
    SectionKind,
    Selection,
    ShortlistEntry,
)
from interviews.services.base import StaleVersion
from interviews.services.guides import guide_freeze
from plpg.history import with_reason
from plpg.limits import check_limit


def shortlist_add(*, selection: Selection, partner, user) -> ShortlistEntry:
    """Put a partner on the selection's shortlist (once)."""
    entry, created = ShortlistEntry.objects.get_or_create(
        selection=selection, partner=partner, defaults={"added_by": user}
    )
    return entry


def shortlist_set_status(*, entry: ShortlistEntry, status: str, user) -> ShortlistEntry:
    """Change a shortlisted partner's status (considering, interviewing, declined, selected)."""
    if entry.status != status:
        entry.status = status
        entry.save(update_fields=["status"])
    return entry


def selection_kinds(*, selection: Selection) -> list[str]:
    """The section kinds in scope by default: General plus the selection's phases."""
    return [SectionKind.GENERAL.value, *selection.phases.values_list("slug", flat=True)]


def sections_in_scope(*, guide: Guide, selection: Selection):
    """General plus the sections of the selection's phases."""
    return guide.sections.filter(kind__in=selection_kinds(selection=selection))


def selection_prefill_apply(*, selection: Selection, prefill: dict) -> Selection:
    """Give a new selection the needs the diagnostic found (partners.needs.diagnostic_prefill)
    where it has none yet, so nobody types them again."""
    if not prefill:
        return selection
    fields = []
    for name in ("needs", "content_area", "budget_band"):
        if prefill.get(name) and not getattr(selection, name):
            setattr(selection, name, prefill[name])
            fields.append(name)
    if fields:
        selection.save(update_fields=fields)
    for name in ("phases", "curricula"):
        if prefill.get(name) and not getattr(selection, name).exists():
            getattr(selection, name).set(prefill[name])
    return selection


@transaction.atomic
def selection_create(*, district, user, form=None, title: str = "", prefill=None) -> Selection:
    """Start a district's selection from its needs form (a SelectionForm), or from a title
    alone on the default guide (the directory's shortlist picker).

    ``prefill`` (partners.needs.diagnostic_prefill) fills needs that are still empty.
    """
    if form is not None:
        selection = form.save(commit=False)
    else:
        selection = Selection(title=title, guide=Guide.objects.default())
    selection.district = district
    selection.created_by = user
    selection.save()
    if form is not None:
        form.save_m2m()
    if prefill:
        selection_prefill_apply(selection=selection, prefill=prefill)
    return selection


def selection_update(*, form, user) -> Selection:
    """Save the selection's needs form (its history says which fields changed)."""
    if form.changed_data:
        labels = ", ".join(str(form.fields[name].label or name) for name in form.changed_data)
        with_reason(form.instance, f"Edited {labels}")
    return form.save()


def non_negotiable_add(*, selection: Selection, text: str, user) -> NonNegotiable:
    """Add one of the district's non-negotiables to the selection."""
    item = NonNegotiable.objects.create(
        selection=selection, text=text, position=selection.non_negotiables.count()
    )
    return item


def non_negotiable_remove(*, item: NonNegotiable, user):
    """Remove a selection's non-negotiable (and its results in interviews)."""
    item.delete()


# Bounded work per request: the results page and PDF have a column per panelist, the
# comparison one per interview.
PANEL_LIMIT = 12
INTERVIEWS_LIMIT = 40


@transaction.atomic
def interview_save(*, interview: Interview, panel, sections, user) -> Interview:
    """Create or update an interview; freezes its guide and gives each panelist a scorecard."""
    creating = interview.pk is None
    panel = list(panel)
    check_limit(
        current=0, adding=len(panel), limit=PANEL_LIMIT, what="panelists", holder="an interview"
    )
    if creating:
        check_limit(
            current=interview.selection.interviews.count(),
            adding=1,
            limit=INTERVIEWS_LIMIT,
            what="interviews",
            holder="a selection",
        )
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
    for entry in ShortlistEntry.objects.filter(
        selection=interview.selection,
        partner=interview.partner,
        status=ShortlistEntry.Status.CONSIDERING,
    ):
        entry.status = ShortlistEntry.Status.INTERVIEWING
        entry.save(update_fields=["status"])
    if creating:
        ShortlistEntry.objects.get_or_create(
            selection=interview.selection,
            partner=interview.partner,
            defaults={"status": ShortlistEntry.Status.INTERVIEWING, "added_by": user},
        )
        lifecycle.selection_interviewing(selection=interview.selection, user=user)
    return interview


# The playbook's questions deserve a real answer: the board and next year's team read them.
MIN_ANSWER_WORDS = 5
MIN_ANSWER_CHARS = 30
ANSWER_RULE = (
    f"Write a real answer (at least {MIN_ANSWER_WORDS} words): the decision report carries "
    "it to the board and to whoever reviews this partnership next year."
)
ANSWER_ERROR = (
    f"Too short to be an answer: write at least {MIN_ANSWER_WORDS} words "
    f"({MIN_ANSWER_CHARS} characters) that someone reading the report later can follow."
)
OVERRIDE_RULE = (
    "This partner has no submitted scorecard in this selection. To decide without one, "
    f"explain why (at least {MIN_ANSWER_WORDS} words); the reason is printed in the report."
)


def answer_too_short(text: str) -> bool:
    text = (text or "").strip()
    return len(text) < MIN_ANSWER_CHARS or len(text.split()) < MIN_ANSWER_WORDS


def partner_was_scored(*, selection: Selection, partner) -> bool:
    """Whether partner was interviewed here with at least one submitted scorecard."""
    return (
        Scorecard.objects.filter(
            interview__selection=selection, interview__partner=partner, submitted_at__isnull=False
        )
        .exclude(interview__status=Interview.Status.CANCELLED)
        .exists()
    )


def decision_problems(*, selection: Selection, partner, answers: dict, override_reason: str):
    """{field: message} of what keeps this decision from being recorded ({} when none).

    The decision form shows them next to the fields; ``selection_decide`` refuses with them.
    """
    problems = {}
    if not lifecycle.selection_can(selection, Selection.Status.DECIDED):
        problems["__all__"] = f"This selection is {selection.get_status_display().lower()}."
    for name, value in answers.items():
        if answer_too_short(value):
            problems[name] = ANSWER_ERROR
    if (
        partner is not None
        and not partner_was_scored(selection=selection, partner=partner)
        and answer_too_short(override_reason)
    ):
        problems["override_reason"] = OVERRIDE_RULE
    return problems


@transaction.atomic
def selection_decide(
    *,
    selection: Selection,
    partner,
    answers: dict,
    notes: str,
    version: int,
    user,
    override_reason: str = "",
    others: str = "close",
):
    """Record the decision with the answers to the playbook's four questions to consider.

    Refused (ValidationError) unless the partner was scored here or the lead wrote an
    override reason, and every question has a real answer. Then the selection's other
    interviews are closed or cancelled (``others``) and scorecards still owed are withdrawn.
    """
    locked = Selection.objects.select_for_update().get(pk=selection.pk)
    if locked.version != version:
        raise StaleVersion(locked)
    problems = decision_problems(
        selection=locked, partner=partner, answers=answers, override_reason=override_reason
    )
    if problems:
        raise ValidationError(problems)
    before = str(locked.chosen_partner or "")
    for name, value in answers.items():
        setattr(locked, name, value)
    locked.chosen_partner = partner
    locked.decision_notes = notes
    locked.override_reason = (
        "" if partner_was_scored(selection=locked, partner=partner) else override_reason.strip()
    )
    locked.decided_at = timezone.now()
    locked.decided_by = user
    locked.version += 1
    with_reason(locked, f"Decided: {partner}" + (f" (was {before})" if before else ""))
    locked.save()
    lifecycle.selection_move(selection=locked, target=Selection.Status.DECIDED, user=user)
    lifecycle.interviews_after_decision(selection=locked, how=others, user=user)
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
    return locked
