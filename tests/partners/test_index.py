"""The in-memory directory index stays in step with the database, whatever writes to it.

Each process keeps its own index (partners.index) and rebuilds it when the DirectoryRevision
token changed; database triggers change the token. "Another server" is simulated by holding
on to the index one process built before a write: its token must no longer be current.
"""

import pytest
from django.db import connection, transaction

from partners import index as directory
from partners.models import DirectoryRevision, Partner, Phase
from partners.selectors import directory_search
from partners.services import partner_index
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def listed() -> set[str]:
    return {c.partner.slug for c in directory_search(params={}, page_size=None).partners}


@pytest.fixture
def two(taxonomy):
    return PartnerFactory(slug="a", phases=["launch"]), PartnerFactory(slug="b")


def stale_after(write) -> bool:
    """Whether an index built before ``write`` is out of date after it."""
    before = directory.directory_index()
    write()
    return directory.directory_token() != before.token


def test_queryset_update_is_seen(two):
    assert listed() == {"a", "b"}
    assert stale_after(lambda: Partner.objects.filter(slug="a").update(status="archived"))
    assert listed() == {"b"}


def test_bulk_create_and_m2m_through_rows_are_seen(two):
    a, b = two
    launch = Phase.objects.get(slug="launch")
    assert stale_after(
        lambda: Partner.objects.bulk_create([Partner(name="C", slug="c", status="published")])
    )
    assert "c" in listed()
    through = Partner.phases.through
    assert stale_after(lambda: through.objects.bulk_create([through(partner=b, phase=launch)]))
    result = directory_search(params={"phase": ["launch"]})
    assert {c.partner.slug for c in result.partners} == {"a", "b"}
    assert stale_after(lambda: through.objects.filter(partner=a).delete())


def test_raw_sql_and_taxonomy_renames_are_seen(two):
    def raw():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE partners_partner SET status = 'draft' WHERE slug = 'b'")

    assert stale_after(raw)
    assert listed() == {"a"}
    assert stale_after(lambda: Phase.objects.filter(slug="launch").update(name="Launch!"))
    result = directory_search(params={})
    assert "Launch!" in [o.label for f in result.facets for o in f.options]


def test_reindexing_search_text_does_not_rebuild(two):
    assert not stale_after(lambda: partner_index(partner=two[0]))


def test_a_missing_revision_row_is_recreated(two):
    """A flush (TRUNCATE) of the revision table must not freeze the token."""
    DirectoryRevision.objects.all().delete()
    assert stale_after(lambda: PartnerFactory(slug="c"))
    assert DirectoryRevision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_never_matches_a_later_one(taxonomy):
    PartnerFactory(slug="kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        PartnerFactory(slug="undone")
        assert "undone" in listed()  # this process saw its own uncommitted write
        raise RuntimeError
    assert listed() == {"kept"}


def test_mask_sets_exactly_the_given_bits():
    assert directory._mask([]) == 0
    assert directory._mask([0, 3, 9]) == 0b1000001001
    assert directory._mask([4999]) == 1 << 4999
