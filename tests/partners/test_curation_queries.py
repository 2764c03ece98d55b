"""The curation and portal pages ask a fixed number of queries, whatever the number of
drafts, claims, renewals, versions, staff and invitations; long lists are paged."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners import curation, team
from partners.models import Curriculum, Partner, Specialty
from plpg.params import PAGE_SIZE
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = dt.date(2020, 1, 1)  # due for renewal (and hidden)


def _grow(n, curator):
    """n partners, each with a submitted draft, an approved version, a claim with evidence,
    two staff and a pending invitation; all due for renewal. Returns the first partner."""
    first = None
    curricula = list(Curriculum.objects.order_by("pk")[:2])
    specialty = Specialty.objects.first()
    for i in range(n):
        partner = PartnerFactory(slug=f"p-{n}-{i}", name=f"Partner {n} {i}")
        for k in range(2):
            curation.staff_add(partner=partner, user=UserFactory(email=f"s{k}@p-{n}-{i}.test"))
        staff = partner.staff.first().user
        curation.partner_renew(partner=partner, curator=curator)  # an approved version
        draft = curation.draft_start(partner=partner, user=staff)
        curation.draft_submit(draft=draft, user=staff, note="Please review.")
        for curriculum in curricula:
            curation.claim_create(
                partner=partner, kind="curriculum", term=curriculum, user=staff,
                url="https://example.org/case-study",
            )  # fmt: skip
        curation.claim_create(partner=partner, kind="specialty", term=specialty, user=staff)
        team.staff_invite(partner=partner, email=f"new@p-{n}-{i}.test", by=staff)
        Partner.objects.filter(pk=partner.pk).update(last_reviewed=LONG_AGO)
        first = first or partner
    return first


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def _pages(partner):
    draft = partner.drafts.filter(status="submitted").get()
    claim = partner.claims.filter(status="submitted").first()
    return {
        "queue": reverse("partners:curation_queue"),
        "partner list": reverse("partners:curation_partners"),
        "partner": reverse("partners:curation_partner", args=[partner.pk]),
        "draft review": reverse("partners:curation_draft", args=[draft.pk]),
        "claim review": reverse("partners:curation_claim", args=[claim.pk]),
    }


def test_curation_pages_ask_a_fixed_number_of_queries(client, curator, taxonomy):
    small = _grow(2, curator)
    client.force_login(curator)
    before = {name: _count(client, url)[0] for name, url in _pages(small).items()}
    big = _grow(8, curator)
    # More rows on every page (the big partner's own lists are as long as the small one's).
    after = {name: _count(client, url)[0] for name, url in _pages(big).items()}
    assert after == before, (before, after)
    assert max(after.values()) <= 20, after


def test_portal_home_asks_a_fixed_number_of_queries(client, curator, taxonomy):
    partner = _grow(1, curator)
    user = partner.staff.first().user
    client.force_login(user)
    before, _ = _count(client, reverse("partners:portal_home"))
    for k in range(5):
        curation.staff_add(partner=partner, user=UserFactory(email=f"more{k}@x.test"))
        team.staff_invite(partner=partner, email=f"invited{k}@x.test", by=user)
        curation.claim_create(
            partner=partner,
            kind="curriculum",
            term=Curriculum.objects.order_by("pk")[10 + k],
            user=user,
            url="https://x.test",
        )
    curation.draft_return(
        draft=partner.drafts.get(status="submitted"), reviewer=curator, comment="More detail."
    )
    client.force_login(user)
    after, response = _count(client, reverse("partners:portal_home"))
    assert "invited4@x.test" in response.content.decode()
    assert after == before and after <= 20, (before, after)


def test_long_lists_are_paged_not_cut(client, curator, taxonomy):
    for i in range(PAGE_SIZE + 3):
        PartnerFactory(slug=f"many-{i:03}", name=f"Many {i:03}", last_reviewed=LONG_AGO)
    client.force_login(curator)
    url = reverse("partners:curation_partners")
    first = client.get(url).content.decode()
    assert "Many 000" in first and f"Many {PAGE_SIZE:03}" not in first
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert f"Many {PAGE_SIZE + 2:03}" in second and "Many 000" not in second
    searched = client.get(url, {"q": "many", "page": 2}).content.decode()
    assert "q=many&amp;page=1" in searched or "page=1&amp;q=many" in searched
    # Bad page numbers never fail: the first page, or the last for one past the end.
    for page, shows in (
        ("x", "Many 000"),
        ("-1", f"Many {PAGE_SIZE + 2:03}"),
        ("999", f"Many {PAGE_SIZE + 2:03}"),
    ):
        response = client.get(url, {"page": page})
        assert response.status_code == 200 and shows in response.content.decode()
    # The queue's renewals are paged the same way (all 53 are due).
    queue = client.get(reverse("partners:curation_queue")).content.decode()
    assert "?renewals=2" in queue and f"{PAGE_SIZE + 3}</span>" in queue
