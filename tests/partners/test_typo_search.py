"""Search that forgives typos (issue #12 item 7): pg_trgm on PostgreSQL, difflib-like
trigram similarity in Python for picking the word; behind directory_search."""

import pytest
from django.db import connection
from django.urls import reverse

from partners.models import Partner
from partners.selectors import directory_search, similarity, spelling_suggestion

pytestmark = pytest.mark.django_db


def test_trigram_similarity_matches_pg_trgm():
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            pytest.fail("typo search is tested on PostgreSQL")
        cursor.execute(
            "SELECT similarity('ilustrative', 'illustrative'), similarity('coachng', 'coaching')"
        )
        expected = cursor.fetchone()
    assert similarity("ilustrative", "illustrative") == pytest.approx(expected[0], abs=1e-6)
    assert similarity("coachng", "coaching") == pytest.approx(expected[1], abs=1e-6)


def test_ilustrative_finds_the_illustrative_mathematics_partners(client, demo):
    im = set(
        Partner.objects.published()
        .filter(curricula__slug="illustrative-mathematics")
        .values_list("name", flat=True)
    )
    assert im
    response = client.get(reverse("partners:list"), {"q": "ilustrative"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.suggestion == "illustrative"
    assert im <= {card.name for card in result.partners}
    page = response.content.decode()
    assert "Did you mean" in page and "?q=illustrative" in page
    # Still ranked: the same order as searching the right spelling.
    right = directory_search(params={"q": ["illustrative"]})
    assert [c.pk for c in result.partners] == [c.pk for c in right.partners]
    assert right.suggestion == ""  # a word found as typed is never "corrected"


def test_coachng_finds_coaching_and_filters_still_apply(demo):
    result = directory_search(params={"q": ["coachng"]})
    assert result.suggestion == "coaching"
    assert result.total == directory_search(params={"q": ["coaching"]}).total > 0
    launch = directory_search(params={"q": ["coachng"], "phase": ["launch"]})
    assert launch.total == directory_search(params={"q": ["coaching"], "phase": ["launch"]}).total


def test_nonsense_finds_nothing_and_suggests_nothing(demo):
    result = directory_search(params={"q": ["qzxqzxqzx"]})
    assert result.total == 0 and result.suggestion == ""
    assert spelling_suggestion("math") == ""  # found as typed
