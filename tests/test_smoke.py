"""Smoke run: migrate, seed_demo, and every main page renders — on whatever database
DATABASE_URL names (make test runs it on PostgreSQL and again on SQLite)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from plpg.models import User

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]

PUBLIC_PAGES = ["home", "account_login", "partners:list", "partners:diagnostic", "healthz"]
MEMBER_PAGES = [
    "home",
    "interviews:selection_list",
    "engagements:dashboard",
    "account_change_password",
    "team",
]


def test_seed_demo_is_idempotent_and_pages_render(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    counts = {model: model.objects.count() for model in (User,)}
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert "leader@demo.test" in out.getvalue()
    assert {model: model.objects.count() for model in counts} == counts

    for name in PUBLIC_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    for email in ("leader@demo.test", "panelist@demo.test", "manager@demo.test", "other@demo.test"):
        client.force_login(User.objects.get(email=email))
        for name in MEMBER_PAGES:
            # A panelist has no engagement work: that page is a refusal (403), not a 200.
            refused = email == "panelist@demo.test" and name == "engagements:dashboard"
            expected = 403 if refused else 200
            assert client.get(reverse(name)).status_code == expected, (email, name)
    client.force_login(User.objects.get(email="curator@demo.test"))
    assert client.get(reverse("admin:index")).status_code == 200


def test_seed_demo_refuses_production(settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="DEBUG=1"):
        call_command("seed_demo", stdout=io.StringIO())
