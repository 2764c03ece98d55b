"""The admin split: curators reach the directory only; superusers cannot edit what
panelists wrote, and their every view of it is logged. Walks the admin's registry, so a
model registered later is covered without editing this test."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse

from interviews.models import Rating, Scorecard
from plpg.admin_site import CURATOR_APPS, READ_ONLY_MODELS
from plpg.models import AdminViewLog

pytestmark = pytest.mark.django_db


def _admin_urls(model):
    info = (model._meta.app_label, model._meta.model_name)
    obj = model._default_manager.order_by("pk").first()
    pk = quote(obj.pk) if obj else "1"
    return [
        reverse("admin:{}_{}_changelist".format(*info)),
        reverse("admin:{}_{}_add".format(*info)),
        reverse("admin:{}_{}_change".format(*info), args=[pk]),
        reverse("admin:{}_{}_delete".format(*info), args=[pk]),
        reverse("admin:{}_{}_history".format(*info), args=[pk]),
    ]


def _registered(district_data):
    models = [
        m for m in admin.site._registry if (m._meta.app_label not in CURATOR_APPS) == district_data
    ]
    assert models
    return models


def test_curator_gets_404_on_every_non_directory_admin_url(client, curator, demo):
    client.force_login(curator)
    failures = []
    models = _registered(district_data=True)
    labels = {m._meta.label_lower for m in models}
    # what the issue names must be among them
    for label in ("interviews.scorecard", "interviews.rating", "engagements.checkin",
                  "engagements.engagement", "interviews.selection", "plpg.membership",
                  "plpg.district", "plpg.invitation"):  # fmt: skip
        assert label in labels, label
    for model in models:
        for url in _admin_urls(model):
            for method in (client.get, client.post):
                status = method(url).status_code
                if status not in (403, 404):
                    failures.append(f"{method.__name__.upper()} {url}: {status}")
    assert not failures, "\n".join(failures)


def test_curator_index_lists_only_the_directory(client, curator, demo):
    client.force_login(curator)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    shown = {model["object_name"] for app in index.context["app_list"] for model in app["models"]}
    assert "Partner" in shown
    assert not shown & {"Scorecard", "Rating", "District", "Membership", "CheckIn", "User"}


def test_curator_still_sees_the_directory_and_edits_its_terms(client, curator, demo):
    from partners.models import Partner, Phase

    client.force_login(curator)
    for model in _registered(district_data=False):
        assert client.get(_admin_urls(model)[0]).status_code == 200, model
    phase = Phase.objects.order_by("pk").first()
    page = client.get(reverse("admin:partners_phase_change", args=[phase.pk]))
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()
    # Profiles are read-only here: they change through drafts in /curation/.
    partner = Partner.objects.order_by("pk").first()
    page = client.get(reverse("admin:partners_partner_change", args=[partner.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_curator_cannot_autocomplete_district_data(client, curator, demo):
    client.force_login(curator)
    url = reverse("admin:autocomplete")
    query = {"app_label": "plpg", "model_name": "membership", "field_name": "user", "term": "demo"}
    assert client.get(url, query).status_code in (403, 404)


def test_superuser_reads_scorecards_and_ratings_but_cannot_change_them(client, operator, demo):
    client.force_login(operator)
    assert {"interviews.scorecard", "interviews.rating"} <= READ_ONLY_MODELS
    scorecard = Scorecard.objects.order_by("pk").first()
    rating = Rating.objects.order_by("pk").first()
    before = AdminViewLog.objects.count()
    change = reverse("admin:interviews_scorecard_change", args=[scorecard.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:interviews_rating_changelist")).status_code == 200
    assert client.post(change, {"conflict": "none"}).status_code == 403
    assert client.get(reverse("admin:interviews_rating_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:interviews_rating_delete", args=[rating.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Rating.objects.filter(pk=rating.pk).exists()
    logged = list(AdminViewLog.objects.order_by("pk")[before:])
    assert [(entry.user, entry.model) for entry in logged] == [
        (operator, "interviews.scorecard"),
        (operator, "interviews.rating"),
    ]
    assert logged[0].object_id == str(scorecard.pk)


def test_superuser_manages_districts_and_memberships(client, operator, demo):
    client.force_login(operator)
    assert client.get(reverse("admin:plpg_district_changelist")).status_code == 200
    assert client.get(reverse("admin:plpg_membership_add")).status_code == 200


def test_demo_curator_is_not_a_superuser(demo):
    from plpg.models import User

    curator = User.objects.get(email="curator@demo.test")
    assert curator.is_staff and not curator.is_superuser
    assert curator.groups.filter(name="curator").exists()
    assert User.objects.get(email="admin@demo.test").is_superuser
