"""The in-memory directory index stays in step with the database, whatever writes to it.

Each process keeps its own index (partners.index) and rebuilds it when the revision token
(the DirectoryChange rows that database triggers insert) changed. "Another server" is simulated by holding
on to the index one process built before a write: its token must no longer be current.
"""

import time

import psycopg2
import pytest
from django.db import connection, transaction

from partners import index as directory
from partners.models import DirectoryChange, Partner, Phase
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
    return directory.directory_token()[0] != before.token


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


def test_a_cached_card_never_outlives_a_write(client, two):
    """Result cards are rendered once per index and card fields (PartnerCard.html). A summary
    is not in the index (no new index after its update): the key has it."""
    url = "/partners/"
    assert "Before the write" not in client.get(url).content.decode()
    assert directory.directory_index().card_html  # the page's cards are cached
    Partner.objects.filter(slug="a").update(summary="Before the write")
    assert "Before the write" in client.get(url).content.decode()
    cached = directory.directory_index().card_html
    assert any("Before the write" in html for html in cached.values())
    Phase.objects.filter(slug="launch").update(name="Launch, renamed")  # a term on the card
    html = client.get(url).content.decode()
    assert "Launch, renamed" in html and html.count('class="partner-card') == 2


def test_reindexing_search_text_does_not_rebuild(two):
    assert not stale_after(lambda: partner_index(partner=two[0]))


def test_pruned_changes_never_freeze_the_token(two):
    """Deleting change rows (the triggers prune those older than an hour) keeps it moving."""
    DirectoryChange.objects.all().delete()
    assert stale_after(lambda: PartnerFactory(slug="c"))
    assert DirectoryChange.objects.count() >= 1


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


def _writer():
    """A second real PostgreSQL connection, as another app server would have."""
    assert connection.vendor == "postgresql"
    other = psycopg2.connect(**connection.get_connection_params())
    other.cursor().execute("SET lock_timeout = '2s'")  # waiting on a lock fails the test
    return other


@pytest.mark.django_db(transaction=True)
def test_writers_never_wait_and_searches_catch_up_within_a_second(taxonomy, settings):
    for slug in "abc":
        PartnerFactory(slug=slug)
    assert listed() == {"a", "b", "c"}  # built now (the tests' setting: never stale)
    settings.DIRECTORY_STALE_SECONDS = directory.STALE_SECONDS
    before = directory.directory_index()
    first, second = _writer(), _writer()
    try:
        # Two curators' writes at once: the first stays open while the second commits.
        first.cursor().execute("UPDATE partners_partner SET status = 'archived' WHERE slug = 'a'")
        started = time.monotonic()
        second.cursor().execute("UPDATE partners_partner SET status = 'archived' WHERE slug = 'b'")
        second.commit()
        assert time.monotonic() - started < 1.0  # did not queue behind the open write
        committed = time.monotonic()
        # The first search after the write is answered at once, from the index as it was
        # (no rebuild in the request)...
        assert directory.directory_index() is before
        # ...and one second after the commit, every search shows it.
        time.sleep(max(0.0, committed + STALE_SECONDS + 0.05 - time.monotonic()))
        assert listed() == {"a", "c"}
        assert directory.directory_index() is not before
        first.commit()
        time.sleep(STALE_SECONDS + 0.05)
        assert listed() == {"c"}
    finally:
        first.close()
        second.close()
    while directory._rebuilding.is_set():  # leave no thread behind for the next test
        time.sleep(0.01)


STALE_SECONDS = directory.STALE_SECONDS
