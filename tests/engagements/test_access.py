"""IDOR: every district-owned engagements URL, GET and POST, through the Foundation helper."""

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.models import ActionItem, CheckIn, Goal, GoalUpdate, PlanItem, PlanSession
from tests.access import assert_district_private
from tests.factories import ActionItemFactory, EngagementFactory, SelectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(engagement):
    return {
        "pk": engagement.pk,
        "goal": engagement.goals.get().pk,
        "plan": engagement.plan_items.get().pk,
        "session": PlanSession.objects.create(
            plan_item=engagement.plan_items.get(), date=engagement.contract_start
        ).pk,
        "onboarding": engagement.onboarding_items.first().pk,
        "action": ActionItemFactory(engagement=engagement).pk,
        "checkin": engagement.checkins.get().pk,
    }


READS = [
    ("engagements:detail", ["pk"]),
    ("engagements:edit", ["pk"]),
    ("engagements:report_pdf", ["pk"]),
    ("engagements:checkin_create", ["pk"]),
    ("engagements:goal_create", ["pk"]),
    ("engagements:goal_edit", ["pk", "goal"]),
    ("engagements:plan_progress", ["pk"]),
    ("engagements:plan_create", ["pk"]),
    ("engagements:plan_row", ["pk", "plan"]),
    ("engagements:plan_edit", ["pk", "plan"]),
    ("engagements:checkin_edit", ["pk", "checkin"]),
]

WRITES = [
    ("engagements:edit", ["pk"], {"title": "Hijacked"}),
    ("engagements:checkin_create", ["pk"], {"kind": "regular", "date": "2026-01-05"}),
    ("engagements:goal_create", ["pk"], {"title": "Hijacked"}),
    ("engagements:goal_edit", ["pk", "goal"], {"title": "Hijacked"}),
    ("engagements:onboarding_item", ["pk", "onboarding"], {"done": "on", "version": 1}),
    ("engagements:action_create", ["pk"], {"description": "Hijacked"}),
    ("engagements:action_done", ["pk", "action"], {"done": "on", "version": 1}),
    ("engagements:plan_create", ["pk"], {"timing": "x"}),
    ("engagements:plan_import", ["pk"], {"text": "x"}),
    ("engagements:plan_from_sample", ["pk"], {"sample": "1"}),
    ("engagements:plan_edit", ["pk", "plan"], {"name": "Hijacked"}),
    ("engagements:plan_status", ["pk", "plan"], {"status": "cancelled", "version": 1}),
    ("engagements:plan_move", ["pk", "plan"], {"direction": "up"}),
    (
        "engagements:plan_session_status",
        ["pk", "plan", "session"],
        {"status": "delivered", "version": 1},
    ),
    ("engagements:goal_progress", ["pk", "goal"], {"date": "2026-01-05", "value": "1"}),
    ("engagements:checkin_edit", ["pk", "checkin"], {"progress": "Hijacked", "version": 1}),
    # Deletes last: the member's request really deletes.
    ("engagements:checkin_delete", ["pk", "checkin"], {}),
    ("engagements:goal_delete", ["pk", "goal"], {}),
    ("engagements:plan_delete", ["pk", "plan"], {}),
]


@pytest.mark.parametrize(("name", "args"), READS)
def test_reads_are_district_private(client, objects, outsider, manager, name, args):
    url = reverse(name, args=[objects[a] for a in args])
    assert_district_private(client, url, outsider=outsider, member=manager)


@pytest.mark.parametrize(("name", "args", "data"), WRITES)
def test_writes_are_district_private(client, objects, outsider, manager, name, args, data):
    url = reverse(name, args=[objects[a] for a in args])
    assert_district_private(client, url, outsider=outsider, method="post", data=data)


def test_outsider_posts_change_nothing(client, objects, outsider, engagement):
    client.force_login(outsider)
    for name, args, data in WRITES:
        client.post(reverse(name, args=[objects[a] for a in args]), data)
    engagement.refresh_from_db()
    assert engagement.title != "Hijacked"
    assert Goal.objects.filter(pk=objects["goal"]).exists()
    assert PlanItem.objects.get(pk=objects["plan"]).status == "planned"
    assert not ActionItem.objects.get(pk=objects["action"]).done
    assert CheckIn.objects.filter(district=engagement.district).count() == 1
    assert Goal.objects.filter(engagement=engagement).count() == 1
    assert not GoalUpdate.objects.filter(goal_id=objects["goal"], value=1).exists()


def test_member_writes_are_allowed(client, objects, manager):
    for name, args, data in WRITES[-3:]:
        url = reverse(name, args=[objects[a] for a in args])
        client.force_login(manager)
        assert client.post(url, data).status_code == 302


def test_start_from_selection_is_district_private(client, district, outsider, lead):
    selection = SelectionFactory(district=district)
    selection.chosen_partner = EngagementFactory(district=district).partner
    selection.decided_at = timezone.now()
    selection.save()
    url = reverse("engagements:start_from_selection", args=[selection.pk])
    assert_district_private(client, url, outsider=outsider, member=lead)
    assert_district_private(client, url, outsider=outsider, method="post", data={"title": "x"})


def test_interviewers_are_refused_engagement_pages(client, engagement, panelist):
    client.force_login(panelist)
    assert client.get(reverse("engagements:detail", args=[engagement.pk])).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "engagements:dashboard",
        "engagements:north_star",
        "engagements:coherence",
        "engagements:calendar",
        "engagements:create",
    ],
)
def test_district_pages_need_sign_in_and_show_only_ones_own_district(
    client, engagement, outsider, name
):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 200
    if name != "engagements:create":  # its partner list is the public directory
        assert engagement.partner.name.encode() not in response.content
    assert engagement.district.name.encode() not in response.content
