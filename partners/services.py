"""Writes of the directory: the search index of a partner."""

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
    # "queryset or …" would run a query, and an empty queryset would mean every partner.
    partners = Partner.objects.all() if queryset is None else queryset
    with transaction.atomic():
        for partner in partners.prefetch_related("curricula", "specialties", "sample_engagements"):
            partner_index(partner=partner)
            count += 1
    return count
