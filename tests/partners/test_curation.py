"""Curators: CSV export/import of partners (django-import-export) and the admin pages,
which never change a profile (drafts in /curation/ do)."""

import pytest
import tablib
from django.urls import reverse

from partners.models import Partner
from partners.resources import PartnerResource
from partners.selectors import directory_search
from tests.factories import PartnerFactory, SampleEngagementFactory, SequenceItemFactory

pytestmark = pytest.mark.django_db


def _csv(rows, headers):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data


def test_csv_export_reimports_unchanged_and_never_rewrites_a_published_profile(taxonomy):
    PartnerFactory(
        slug="a", name="Alpha", summary="Published text.", phases=["launch", "adoption"],
        content_areas=["math"], curricula=["illustrative-mathematics"], cost_bands=["50k-100k"],
        states_served=["CA", "OR"], specialties=["multilingual-learners"],
        delivery_formats=["hybrid"], grade_bands=["k-2"], pl_types=["instructional-coaching"],
        last_reviewed="2026-09-01",
    )  # fmt: skip
    PartnerFactory(slug="b", name="Bravo", national=True, status=Partner.Status.DRAFT)
    exported = PartnerResource().export().csv
    assert "launch;adoption" in exported or "adoption;launch" in exported
    before = {p.slug: snapshot(p) for p in Partner.objects.all()}

    # The export, imported again, changes nothing.
    result = PartnerResource().import_data(tablib.Dataset().load(exported, format="csv"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}

    # A published profile's text: refused with a sentence, nothing changed (all or nothing).
    edited = exported.replace("Published text.", "Rewritten in the admin.")
    result = PartnerResource().import_data(
        tablib.Dataset().load(edited, format="csv"), raise_errors=False
    )
    assert result.has_errors()
    assert "change its profile through a draft" in str(result.row_errors()[0][1][0].error)
    assert {p.slug: snapshot(p) for p in Partner.objects.all()} == before


def test_csv_import_brings_in_applicants_without_claims(taxonomy):
    headers = ["slug", "name", "summary", "content_areas", "phases", "status", "last_reviewed"]
    result = PartnerResource().import_data(
        _csv([["new", "Newcomer", "We coach.", "math;ela", "", "", ""]], headers)
    )
    assert not result.has_errors() and not result.has_validation_errors()
    new = Partner.objects.get(slug="new")
    assert new.status == Partner.Status.DRAFT and new.last_reviewed is None
    assert sorted(new.content_areas.values_list("slug", flat=True)) == ["ela", "math"]
    assert not new.phases.exists()
    assert directory_search(params={}).total == 0  # not in the directory
    # An applicant may be updated by a later import.
    PartnerResource().import_data(
        _csv([["new", "Newcomer", "We coach teams.", "math", "", "draft", ""]], headers)
    )
    assert Partner.objects.get(slug="new").summary == "We coach teams."
    # Claims, status and review date are export-only: a different value fails the row.
    for row, words in [
        (["new", "Newcomer", "x", "math", "launch", "", ""], "claims a curator confirms"),
        (["new", "Newcomer", "x", "math", "", "published", ""], "set by review"),
        (["other", "Other", "x", "math", "", "", "2026-01-01"], "set by review"),
    ]:
        result = PartnerResource().import_data(_csv([row], headers), raise_errors=False)
        assert result.has_errors(), row
        assert words in str(result.row_errors()[0][1][0].error), row
    assert Partner.objects.get(slug="new").summary == "We coach teams."
    assert not Partner.objects.get(slug="new").phases.exists()
    assert not Partner.objects.filter(slug="other").exists()


def snapshot(partner):
    fields = ["name", "summary", "national", "status", "last_reviewed", "is_demo", "hq_state_id"]
    data = {f: getattr(partner, f) for f in fields}
    for m2m in ["phases", "content_areas", "curricula", "cost_bands", "states_served",
                "specialties", "delivery_formats", "grade_bands", "pl_types"]:  # fmt: skip
        data[m2m] = sorted(getattr(partner, m2m).values_list("slug", flat=True))
    return data


def test_csv_import_rejects_unknown_terms(taxonomy):
    data = _csv(
        [["new", "New", "math;warp-speed", "CA"]],
        ["slug", "name", "content_areas", "states_served"],
    )
    result = PartnerResource().import_data(data, raise_errors=False)
    assert result.has_errors()
    assert "unknown content area warp-speed" in str(result.row_errors()[0][1][0].error)
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
    ]:
        assert client.get(url).status_code == 200, url


def test_the_admin_never_edits_a_profile(client, curator, operator, taxonomy):
    """Profiles change through drafts in /curation/ only: the admin shows partners, sample
    engagements and their rows read-only, to curators and to the operator alike."""
    partner = PartnerFactory(slug="a", name="Alpha", summary="Published text.")
    engagement = SampleEngagementFactory(partner=partner, title="IM launch")
    item = SequenceItemFactory(sample_engagement=engagement, timing="August")
    for user in (curator, operator):
        client.force_login(user)
        change = reverse("admin:partners_partner_change", args=[partner.pk])
        page = client.get(change).content.decode()
        assert 'name="summary"' not in page and 'name="_save"' not in page
        assert reverse("partners:curation_partner", args=[partner.pk]) in page
        response = client.post(change, {"name": "Hacked", "summary": "Hacked", "slug": "a"})
        assert response.status_code == 403
        for url in [
            reverse("admin:partners_partner_add"),
            reverse("admin:partners_sampleengagement_add"),
            reverse("admin:partners_sampleengagement_change", args=[engagement.pk]),
            reverse("admin:partners_sequenceitem_change", args=[item.pk]),
            reverse("admin:partners_sampleengagement_delete", args=[engagement.pk]),
        ]:
            assert client.post(url, {"title": "Hacked", "post": "yes"}).status_code == 403, url
    partner.refresh_from_db()
    engagement.refresh_from_db()
    assert partner.summary == "Published text." and engagement.title == "IM launch"
    assert partner.sample_engagements.get().items.get().timing == "August"


def test_admin_archive_action_leaves_the_directory(client, curator, taxonomy):
    """The action is a QuerySet.update (no signals): the directory must still see it."""
    partner = PartnerFactory(slug="a")
    assert directory_search(params={}).total == 1
    client.force_login(curator)
    response = client.post(
        reverse("admin:partners_partner_changelist"),
        {"action": "archive", "_selected_action": [partner.pk]},
    )
    assert response.status_code == 302
    assert directory_search(params={}).total == 0


def test_admin_is_staff_only(client, lead):
    client.force_login(lead)
    response = client.get(reverse("admin:partners_partner_changelist"))
    assert response.status_code == 302
