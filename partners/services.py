"""Writes of the directory: the search index of a partner, shortlisting."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from partners.models import Partner, SequenceItem


def partner_search_document(*, partner: Partner) -> str:
    """The words a text search should find a partner by, beyond its name and summary."""
    words = [partner.description]
    words += [c.name for c in partner.curricula.all()]
    words += [s.name for s in partner.specialties.all()]
    for engagement in partner.sample_engagements.all():
        words += [engagement.title, engagement.district_context, engagement.goals]
    items = SequenceItem.objects.filter(sample_engagement__partner=partner)
    for timing, participants, name, description in items.values_list(
        "timing", "participants", "name", "description"
    ):
        words += [timing, participants, name, description]
    return "\n".join(w for w in words if w)


def partner_index(*, partner: Partner) -> None:
    """Refresh the partner's search document (and its tsvector on PostgreSQL)."""
    document = partner_search_document(partner=partner)
    Partner.objects.filter(pk=partner.pk).update(search_document=document)
    partner.search_document = document
    if connection.vendor == "postgresql":
        Partner.objects.filter(pk=partner.pk).update(search_vector=partner_vector())


def partner_vector():
    """The weighted tsvector expression: name, then summary, then everything else."""
    return (
        SearchVector("name", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("search_document", weight="C", config="english")
    )


def partners_index_all(*, queryset=None) -> int:
    """Re-index every partner (after a bulk import); returns how many."""
    count = 0
    with transaction.atomic():
        for partner in (queryset or Partner.objects.all()).prefetch_related(
            "curricula", "specialties", "sample_engagements"
        ):
            partner_index(partner=partner)
            count += 1
    return count


@transaction.atomic
def shortlist_add(*, partner: Partner, user, selection=None, district=None, new_title=""):
    """Put partner on selection's shortlist, or on a new selection of district titled new_title.

    Returns (entry, created, selection). The interviews models are looked up at run time:
    partners does not import a later app (DESIGN.md, Layout).
    """
    from django.apps import apps

    Selection = apps.get_model("interviews", "Selection")
    ShortlistEntry = apps.get_model("interviews", "ShortlistEntry")
    if selection is None:
        selection = Selection.objects.create(district=district, title=new_title, created_by=user)
    entry, created = ShortlistEntry.objects.get_or_create(
        selection=selection, partner=partner, defaults={"added_by": user}
    )
    return entry, created, selection


def directory_changed() -> None:
    """Tell every process's directory index to rebuild (a write the signals don't see)."""
    from uuid import uuid4

    from partners.models import DirectoryRevision

    DirectoryRevision.objects.update_or_create(pk=1, defaults={"token": uuid4().hex})
