"""The outside test's reproductions (issue 9): each answers 4xx and changes nothing."""

import json

import pytest
from django.urls import reverse

from engagements.models import Engagement
from interviews.models import Selection
from tests.factories import PartnerFactory, SelectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


def test_district_switch_with_a_bad_district_or_next(client, lead, district):
    client.force_login(lead)
    url = reverse("switch_district")
    assert client.post(url, {"district": "abc"}).status_code == 400
    assert client.post(url, {"district": str(2**64)}).status_code == 400
    response = client.post(url, {"district": district.pk, "next": "-1"})
    assert response.status_code == 302 and response["Location"] == "/"
    response = client.post(url, {"district": district.pk, "next": "//evil.test/x"})
    assert response["Location"] == "/"


def test_shortlist_add_with_next_minus_one(client, lead, district):
    partner = PartnerFactory(slug="northstar", name="Northstar")
    selection = SelectionFactory(district=district)
    client.force_login(lead)
    response = client.post(
        reverse("interviews:shortlist_from_directory"),
        {"partner": "northstar", "selection": selection.pk, "next": "-1"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/partners/{partner.slug}/#shortlist"
    assert selection.shortlist.get().partner == partner


def test_nul_bytes_in_parameters_are_400(client, lead):
    assert client.get(reverse("partners:compare") + "?p=a%00b").status_code == 400
    client.force_login(lead)
    url = reverse("interviews:shortlist_from_directory")
    assert client.get(url + "?partner=x%00").status_code == 400
    assert client.post(url, {"partner": "x\x00"}).status_code == 400
    assert client.post(url, {"partner\x00": "x"}).status_code == 400


@pytest.mark.smoke
def test_ids_beyond_64_bits_in_multi_selects_are_400(client, lead, district):
    """On SQLite such an id cannot even be bound to a query; it runs in the SQLite smoke too."""
    selection = SelectionFactory(district=district)
    client.force_login(lead)
    url = reverse("interviews:selection_edit", args=[selection.pk])
    response = client.post(url, {"title": "Changed", "needs": "", "phases": [str(2**63)]})
    assert response.status_code == 400
    assert Selection.objects.get(pk=selection.pk).title == selection.title
    url = reverse("engagements:create")
    assert client.post(url, {"grade_bands": str(10**30)}).status_code == 400
    assert not Engagement.objects.exists()


def test_json_post_to_the_north_star_is_415_and_changes_nothing(client, lead, district):
    district.instructional_vision = "Every student, every day"
    district.priorities = "Math"
    district.strategy = "HQIM"
    district.save()
    client.force_login(lead)
    url = reverse("engagements:north_star")
    response = client.post(
        url, json.dumps({"instructional_vision": ""}), content_type="application/json"
    )
    assert response.status_code == 415
    response = client.post(url, "vision=", content_type="text/plain")
    assert response.status_code == 415
    # A form with the text fields left out is refused too (nothing blanked).
    response = client.post(url, {"priorities": "Only this"})
    assert response.status_code == 400 and b"nothing was saved" in response.content
    district.refresh_from_db()
    assert (district.instructional_vision, district.priorities, district.strategy) == (
        "Every student, every day",
        "Math",
        "HQIM",
    )
