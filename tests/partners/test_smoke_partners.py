"""Smoke: with the demo loaded, every directory page renders (PostgreSQL and SQLite)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Partner
from plpg.models import User

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]

SIX = [
    "northstar-math-collaborative",
    "catalyst-math-coaching",
    "summit-instructional-partners",
    "bright-path-learning",
    "ember-literacy-partners",
    "prairie-reading-institute",
]


def test_directory_pages_render_with_the_demo(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert Partner.objects.published().filter(is_demo=True).count() >= 40
    assert set(SIX) <= set(Partner.objects.published().values_list("slug", flat=True))
    pages = [
        reverse("partners:list"),
        reverse("partners:list") + "?phase=adoption&content_area=math&q=coaching&sort=reviewed",
        reverse("partners:list") + "?cost=bogus&page=99999&state=ZZ",
        reverse("partners:export") + "?phase=launch",
        reverse("partners:detail", args=[SIX[0]]),
        reverse("partners:detail", args=[SIX[1]]),
        reverse("partners:compare") + f"?p={SIX[0]}&p={SIX[1]}",
        reverse("partners:diagnostic") + "?stage=supporting&audience=both",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    for email in ("leader@demo.test", "panelist@demo.test", "manager@demo.test", "other@demo.test"):
        client.force_login(User.objects.get(email=email))
        for url in pages:
            assert client.get(url).status_code == 200, (email, url)
    # Text search works on either database.
    response = client.get(reverse("partners:list"), {"q": "Illustrative Mathematics"})
    slugs = {c.partner.slug for c in response.context["result"].partners}
    assert SIX[0] in slugs
