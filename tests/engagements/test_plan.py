from pathlib import Path

import pytest
from django.urls import reverse

from engagements.models import PlanItem
from partners.models import SampleEngagement, SequenceItem
from tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
HTMX = {"HTTP_HX_REQUEST": "true"}


def row_data(item, **changes):
    data = {
        "timing": item.timing,
        "participants": item.participants,
        "name": item.name,
        "format": item.format,
        "description": item.description,
        "planned_date": "",
        "status": item.status,
        "version": item.version,
    }
    data.update(changes)
    return data


def test_inline_edit_returns_the_row_and_triggers_progress(client, manager, engagement):
    item = engagement.plan_items.get()
    client.force_login(manager)
    url = reverse("engagements:plan_edit", args=[engagement.pk, item.pk])
    response = client.get(url, **HTMX)
    assert response.status_code == 200 and b'name="timing"' in response.content
    assert b"<tr" in response.content and b"<html" not in response.content
    response = client.post(
        url, row_data(item, name="Launch institute, day 1", planned_date="2026-08-04"), **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "plan-changed"
    assert b"Launch institute, day 1" in response.content
    item.refresh_from_db()
    assert item.name == "Launch institute, day 1" and item.version == 2
    assert item.history.filter(history_type="~", name="Launch institute, day 1").exists()


def test_inline_edit_refuses_a_stale_version(client, manager, engagement):
    item = engagement.plan_items.get()
    client.force_login(manager)
    url = reverse("engagements:plan_edit", args=[engagement.pk, item.pk])
    assert client.post(url, row_data(item, name="First"), **HTMX).status_code == 200
    response = client.post(url, row_data(item, name="Second, from an old page"), **HTMX)
    assert response.status_code == 409
    assert b"Someone else changed this" in response.content
    assert PlanItem.objects.get(pk=item.pk).name == "First"


def test_inline_edit_bad_input(client, manager, engagement):
    item = engagement.plan_items.get()
    client.force_login(manager)
    url = reverse("engagements:plan_edit", args=[engagement.pk, item.pk])
    response = client.post(
        url, row_data(item, timing="", planned_date="not-a-date", status="lost"), **HTMX
    )
    assert response.status_code == 400
    assert b"This field is required" in response.content


def test_status_buttons_and_progress(client, manager, engagement):
    item = engagement.plan_items.get()
    PlanItemFactory(engagement=engagement)
    client.force_login(manager)
    url = reverse("engagements:plan_status", args=[engagement.pk, item.pk])
    assert client.post(url, {"status": "delivered", "version": 1}, **HTMX).status_code == 200
    item.refresh_from_db()
    assert item.status == "delivered" and item.delivered_on
    progress = client.get(reverse("engagements:plan_progress", args=[engagement.pk]), **HTMX)
    assert b"1</strong> of 2 sessions delivered (50%)" in progress.content
    assert client.post(url, {"status": "planned", "version": 1}, **HTMX).status_code == 409
    assert client.post(url, {"status": "bogus", "version": 2}, **HTMX).status_code == 400
    assert client.post(url, {"status": "planned"}, **HTMX).status_code == 400


def test_add_and_delete_rows(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:plan_create", args=[engagement.pk])
    assert b'name="timing"' in client.get(url, **HTMX).content
    response = client.post(
        url,
        {"timing": "May", "participants": "Coaches", "name": "Close-out", "status": "planned"},
        **HTMX,
    )
    assert response.status_code == 200
    item = engagement.plan_items.get(name="Close-out")
    assert list(engagement.plan_items.all())[-1] == item
    response = client.post(
        reverse("engagements:plan_delete", args=[engagement.pk, item.pk]), **HTMX
    )
    assert response.status_code == 200
    assert not engagement.plan_items.filter(name="Close-out").exists()


def test_without_htmx_the_editor_is_a_page(client, manager, engagement):
    item = engagement.plan_items.get()
    client.force_login(manager)
    url = reverse("engagements:plan_edit", args=[engagement.pk, item.pk])
    assert b"<html" in client.get(url).content
    response = client.post(url, row_data(item, name="Saved without JS"))
    assert response.status_code == 302 and response["Location"].endswith("#plan")


def test_import_the_seed_table(client, manager, engagement):
    text = (SEEDS / "scope-sequence-leaders-math.txt").read_text(encoding="utf-8")
    client.force_login(manager)
    response = client.post(reverse("engagements:plan_import", args=[engagement.pk]), {"text": text})
    assert response.status_code == 302
    names = list(engagement.plan_items.values_list("name", flat=True))
    assert len(names) > 10
    assert any("Introduction to the IPG" in name for name in names)


def test_import_errors_name_the_problem(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:plan_import", args=[engagement.pk])
    response = client.post(url, {"text": "just some words\nno table here"})
    assert response.status_code == 400
    assert engagement.plan_items.count() == 1
    assert client.post(url, {"text": "x" * 200_000}).status_code == 400


def test_copy_from_the_partners_sample(client, manager, engagement):
    sample = SampleEngagement.objects.create(partner=engagement.partner, title="IM launch")
    for n in range(3):
        SequenceItem.objects.create(
            sample_engagement=sample,
            position=n,
            timing="Monthly",
            participants="Coaches",
            name=f"PLC {n}",
        )
    client.force_login(manager)
    url = reverse("engagements:plan_from_sample", args=[engagement.pk])
    assert client.post(url, {"sample": sample.pk}).status_code == 302
    assert engagement.plan_items.filter(name__startswith="PLC").count() == 3
    other = SampleEngagement.objects.create(
        partner=PlanItemFactory().engagement.partner, title="Someone else's"
    )
    client.post(url, {"sample": other.pk})
    assert engagement.plan_items.count() == 4
