"""The one history (plpg.history): recording, reading, blind scoring, restore, activity."""

import pytest
from django.urls import reverse

from engagements import services as engagement_services
from plpg import history
from tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db


def test_every_district_model_is_registered_with_its_place():
    names = {model.__name__ for model in history.REGISTRY}
    assert {
        "District", "Membership", "Guide", "LookFor", "Selection", "ShortlistEntry",
        "Interview", "Scorecard", "Rating", "Consensus", "Engagement", "Goal",
        "GoalUpdate", "PlanItem", "CheckIn", "ActionItem",
    } <= names  # fmt: skip


def test_a_save_records_who_what_and_where(client, lead, district):
    client.force_login(lead)
    item = PlanItemFactory(engagement__district=district, name="Launch")
    item.name = "Launch institute"
    history.with_reason(item, "Renamed after the kick-off")
    item._history_user = lead
    item.save()
    record = item.history.first()
    assert record.history_district_id == district.pk
    assert record.history_path == f"engagement:{item.engagement_id}/planitem:{item.pk}/"
    (change,) = history.object_records(type(item), item.pk, limit=1)
    assert change.reason == "Renamed after the kick-off" and change.who == lead
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("name", "Launch", "Launch institute")
    ]
    page = client.get(reverse("history:object", args=["engagements.planitem", item.pk]))
    assert page.status_code == 200
    assert b"Renamed after the kick-off" in page.content and b"Launch institute" in page.content


def test_object_history_is_404_for_another_district_and_unknown_kinds(client, outsider, district):
    item = PlanItemFactory(engagement__district=district)
    client.force_login(outsider)
    assert (
        client.get(reverse("history:object", args=["engagements.planitem", item.pk])).status_code
        == 404
    )
    assert client.get(reverse("history:object", args=["auth.group", 1])).status_code == 404


@pytest.mark.smoke  # the UNION over every history table must also parse on SQLite
def test_activity_is_for_leads(client, lead, viewer, manager, district):
    engagement_services.north_star_update(
        district=district, user=lead, vision="Every student", priorities="", strategy=""
    )
    url = reverse("history:activity")
    for user in (viewer, manager):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(lead)
    page = client.get(url)
    assert page.status_code == 200 and b"Changed the vision" in page.content
    assert client.get(url + "?kind=plpg.district").status_code == 200
    assert client.get(url + "?kind=nonsense").status_code == 200


def test_restore_a_north_star_version(client, lead, viewer, district):
    for vision in ("First vision", "Second vision"):
        engagement_services.north_star_update(
            district=district, user=lead, vision=vision, priorities="", strategy=""
        )
    first = district.history.get(instructional_vision="First vision")
    url = reverse("history:restore", args=["plpg.district", district.pk, first.history_id])
    client.force_login(viewer)
    assert client.post(url).status_code == 403
    client.force_login(lead)
    assert client.post(url).status_code == 302
    district.refresh_from_db()
    assert district.instructional_vision == "First vision"
    assert district.history.first().history_change_reason.startswith("Restored the version")
    assert client.get(url).status_code == 405
