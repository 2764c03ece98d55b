"""Writes on selections: shortlist, interviews and the decision."""

from django.db import transaction
from django.utils import timezone

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
    return interview


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
    with_reason(locked, f"Decided: {partner}" + (f" (was {before})" if before else ""))
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
    return locked
