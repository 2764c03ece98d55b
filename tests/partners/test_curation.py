"""Curators: CSV export/import of partners (django-import-export) and the admin pages."""

import pytest
import tablib
from django.urls import reverse

from partners.models import Partner
from partners.resources import PartnerResource
from tests.factories import PartnerFactory
from tests.partners.test_importer import IM

pytestmark = pytest.mark.django_db


def test_csv_round_trip(taxonomy):
    PartnerFactory(
        slug="a", name="Alpha", phases=["launch", "adoption"], content_areas=["math"],
        curricula=["illustrative-mathematics"], cost_bands=["50k-100k"], states_served=["CA", "OR"],
        specialties=["multilingual-learners"], delivery_formats=["hybrid"], grade_bands=["k-2"],
        pl_types=["instructional-coaching"], last_reviewed="2026-09-01",
    )  # fmt: skip
    PartnerFactory(slug="b", name="Bravo", national=True, status=Partner.Status.DRAFT)
    exported = PartnerResource().export().csv
    assert "launch;adoption" in exported or "adoption;launch" in exported

    before = {p.slug: snapshot(p) for p in Partner.objects.all()}
    Partner.objects.all().delete()
    result = PartnerResource().import_data(tablib.Dataset().load(exported, format="csv"))
    assert not result.has_errors() and not result.has_validation_errors()
    after = {p.slug: snapshot(p) for p in Partner.objects.all()}
    assert after == before
    # A second import of the same file changes nothing.
    result = PartnerResource().import_data(tablib.Dataset().load(exported, format="csv"))
    assert {row.import_type for row in result.rows} == {"skip"}
    assert "Illustrative Mathematics" in Partner.objects.get(slug="a").search_document


def snapshot(partner):
    fields = ["name", "summary", "national", "status", "last_reviewed", "is_demo", "hq_state_id"]
    data = {f: getattr(partner, f) for f in fields}
    for m2m in ["phases", "content_areas", "curricula", "cost_bands", "states_served",
                "specialties", "delivery_formats", "grade_bands", "pl_types"]:  # fmt: skip
        data[m2m] = sorted(getattr(partner, m2m).values_list("slug", flat=True))
    return data


def test_csv_import_rejects_unknown_terms(taxonomy):
    data = tablib.Dataset(headers=["slug", "name", "phases", "states_served", "status"])
    data.append(["new", "New", "launch;warp-speed", "CA", "published"])
    result = PartnerResource().import_data(data, raise_errors=False)
    assert result.has_errors()
    assert "unknown phase warp-speed" in str(result.row_errors()[0][1][0].error)
    assert not Partner.objects.filter(slug="new").exists()


def test_admin_pages(client, curator, taxonomy):
    partner = PartnerFactory(slug="a")
    client.force_login(curator)
    for url in [
        reverse("admin:partners_partner_changelist"),
        reverse("admin:partners_partner_change", args=[partner.pk]),
        reverse("admin:partners_partner_import"),
        reverse("admin:partners_partner_export"),
        reverse("admin:partners_sampleengagement_changelist"),
        reverse("admin:partners_phase_changelist"),
        reverse("admin:partners_state_changelist"),
        reverse("admin:partners_partner_import_scope_sequence", args=[partner.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_archive_action_leaves_the_directory(client, curator, taxonomy):
    """The action is a QuerySet.update (no signals): the directory must still see it."""
    from partners.selectors import directory_search

    partner = PartnerFactory(slug="a")
    assert directory_search(params={}).total == 1
    client.force_login(curator)
    response = client.post(
        reverse("admin:partners_partner_changelist"),
        {"action": "archive", "_selected_action": [partner.pk]},
    )
    assert response.status_code == 302
    assert directory_search(params={}).total == 0


def test_admin_scope_sequence_upload(client, curator, taxonomy):
    from django.core.files.uploadedfile import SimpleUploadedFile

    partner = PartnerFactory(slug="a")
    client.force_login(curator)
    url = reverse("admin:partners_partner_import_scope_sequence", args=[partner.pk])
    bad = SimpleUploadedFile("bad.txt", b"Timing\tParticipants\tName\tDescription\nAug\tT\tN\n")
    response = client.post(url, {"file": bad})
    assert response.status_code == 200
    assert "Line 2" in response.content.decode()
    assert not partner.sample_engagements.exists()
    good = SimpleUploadedFile("im.txt", IM.encode())
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert partner.sample_engagements.get().items.count() == 4


def test_admin_is_staff_only(client, lead):
    client.force_login(lead)
    response = client.get(reverse("admin:partners_partner_changelist"))
    assert response.status_code == 302
