"""Closing the gaps: quick goal progress, north-star history, plan reordering, empty plan note."""

import pytest
from django.urls import reverse

from engagements import services
from tests.engagements.conftest import days
from tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


# Record progress on a goal without a check-in


def test_record_progress_on_a_goal(client, manager, engagement, today):
    goal = engagement.goals.get()
    client.force_login(manager)
    url = reverse("engagements:goal_progress", args=[engagement.pk, goal.pk])
    response = client.post(url, {"date": today.isoformat(), "value": "42", "note": "Week 14"})
    assert response.status_code == 302 and response.url.endswith(f"#goal-{goal.pk}")
    update = goal.updates.get()
    assert update.value == 42 and update.checkin is None and update.created_by == manager
    assert update.history.get().history_user == manager
    assert b"42%" in client.get(reverse("engagements:detail", args=[engagement.pk])).content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2026-13-45", "value": "1"}, b"Enter a valid date"),
        ({"date": "", "value": "1"}, b"This field is required"),
        ({"value": "abc"}, b"Enter a number"),
        ({"value": "1" * 20}, b"too large"),
        ({"value": "1", "note": "x" * 2000}, b"at most 1000 characters"),
        ({"date": "2999-01-01", "value": "1"}, b"dated in the future"),
        ({"date": "2000-01-01", "value": "1"}, b"pick a later date"),
    ],
)
def test_record_progress_bad_input_is_a_400(client, manager, engagement, today, data, message):
    goal = engagement.goals.get()
    client.force_login(manager)
    url = reverse("engagements:goal_progress", args=[engagement.pk, goal.pk])
    response = client.post(url, {"date": today.isoformat(), **data})
    assert response.status_code == 400
    assert message in response.content
    assert not goal.updates.exists()


def test_record_progress_needs_an_editor_and_post(client, viewer, engagement):
    goal = engagement.goals.get()
    url = reverse("engagements:goal_progress", args=[engagement.pk, goal.pk])
    client.force_login(viewer)
    assert client.post(url, {"date": days(0).isoformat(), "value": "1"}).status_code == 403
    assert client.get(url).status_code == 405  # require_POST answers before the role check


# North-star history


def test_north_star_edits_keep_history(client, manager, lead, district):
    url = reverse("engagements:north_star")
    client.force_login(manager)
    client.post(url, {"instructional_vision": "Every student", "priorities": "", "strategy": ""})
    client.force_login(lead)
    client.post(url, {"instructional_vision": "Every student", "priorities": "One", "strategy": ""})
    # Saving unchanged text adds no line.
    client.post(url, {"instructional_vision": "Every student", "priorities": "One", "strategy": ""})
    changes = list(district.history.filter(history_type="~").order_by("history_date"))
    assert [(c.history_user, c.history_change_reason) for c in changes] == [
        (manager, "Changed the vision"),
        (lead, "Changed the priorities"),
    ]
    assert [(f.field, f.old, f.new) for f in changes[1].diff_against(changes[0]).changes] == [
        ("priorities", "", "One")
    ]
    html = client.get(url).content.decode()
    assert "Changed the priorities" in html and "Changed the vision" in html


def test_north_star_history_is_district_private(client, manager, outsider, district):
    client.force_login(manager)
    client.post(reverse("engagements:north_star"), {"instructional_vision": "Secret vision"})
    client.force_login(outsider)
    html = client.get(reverse("engagements:north_star")).content.decode()
    assert "Changed the vision" not in html and "Secret vision" not in html


def test_north_star_update_service_reports_changed_fields(district, manager):
    labels = services.north_star_update(
        district=district, user=manager, vision="V", priorities="P", strategy=""
    )
    assert labels == ["vision", "priorities"]
    assert (
        services.north_star_update(
            district=district, user=manager, vision="V", priorities="P", strategy=""
        )
        == []
    )


# Reordering plan rows


def _names(engagement):
    return list(engagement.plan_items.order_by("position", "pk").values_list("name", flat=True))


def test_move_plan_rows_up_and_down(client, manager, engagement):
    engagement.plan_items.update(position=0)
    PlanItemFactory(engagement=engagement, name="Coach PLC", position=1)
    PlanItemFactory(engagement=engagement, name="Rounds", position=2)
    rounds = engagement.plan_items.get(name="Rounds")
    client.force_login(manager)
    url = reverse("engagements:plan_move", args=[engagement.pk, rounds.pk])
    response = client.post(url, {"direction": "up"}, **HTMX)
    assert response.status_code == 200 and b"<html" not in response.content
    assert _names(engagement) == ["Launch institute", "Rounds", "Coach PLC"]
    # The moved row's arrow keeps the keyboard focus.
    assert response.content.count(b"data-autofocus") == 1
    client.post(url, {"direction": "up"}, **HTMX)
    assert _names(engagement) == ["Rounds", "Launch institute", "Coach PLC"]
    # Already at the top: nothing moves; the arrow is disabled.
    response = client.post(url, {"direction": "up"}, **HTMX)
    assert _names(engagement) == ["Rounds", "Launch institute", "Coach PLC"]
    assert response.content.count(b" disabled") == 2  # first row's up, last row's down
    response = client.post(url, {"direction": "down"})
    assert response.status_code == 302 and response.url.endswith(f"#plan-item-{rounds.pk}")
    assert _names(engagement) == ["Launch institute", "Rounds", "Coach PLC"]
    moves = rounds.history.filter(history_change_reason="Moved the plan row up")
    assert moves.count() == 2


def test_move_renumbers_rows_that_share_a_position(manager, engagement):
    a = engagement.plan_items.get()
    b = PlanItemFactory(engagement=engagement, name="B", position=a.position)
    services.plan_item_move(item=b, user=manager, direction="up")
    assert _names(engagement) == ["B", "Launch institute"]
    assert sorted(engagement.plan_items.values_list("position", flat=True)) == [0, 1]


@pytest.mark.parametrize("direction", ["", "left", "x" * 5000])
def test_move_with_a_bad_direction_is_a_400(client, manager, engagement, direction):
    item = engagement.plan_items.get()
    client.force_login(manager)
    url = reverse("engagements:plan_move", args=[engagement.pk, item.pk])
    response = client.post(url, {"direction": direction}, **HTMX)
    assert response.status_code == 400 and b"up or down" in response.content


def test_move_needs_an_editor(client, viewer, engagement):
    item = engagement.plan_items.get()
    client.force_login(viewer)
    url = reverse("engagements:plan_move", args=[engagement.pk, item.pk])
    assert client.post(url, {"direction": "up"}).status_code == 403


# The "No plan yet" note


def test_empty_plan_note_is_always_rendered_and_hidden_once_there_are_rows(
    client, manager, engagement
):
    client.force_login(manager)
    url = reverse("engagements:detail", args=[engagement.pk])
    assert b'id="plan-empty" hidden' in client.get(url).content
    engagement.plan_items.all().delete()
    html = client.get(url).content
    # Present and visible, so the page's script can hide it when the first row is added.
    assert b'id="plan-empty">' in html


# Imported rows: the name loses a "(virtual)" note once the format column holds it


@pytest.mark.parametrize(
    ("name", "format", "expected"),
    [
        ("Partnership Launch (virtual)", "Virtual", "Partnership Launch"),
        ("Support (virtual and in-person)", "Hybrid", "Support"),
        ("Coaching Virtual", "Virtual", "Coaching Virtual"),
        ("Unit 3 (grades 6-8)", "Virtual", "Unit 3 (grades 6-8)"),
        ("Walkthrough (in-person)", "", "Walkthrough (in-person)"),
        ("(virtual)", "Virtual", "(virtual)"),
    ],
)
def test_plan_row_name(name, format, expected):
    assert services.plan_row_name(name, format) == expected


def test_north_star_history_query_count_is_flat(
    client, manager, lead, district, django_assert_max_num_queries
):
    for n in range(25):
        services.north_star_update(
            district=district,
            user=manager if n % 2 else lead,
            vision=f"V{n}",
            priorities="",
            strategy="",
        )
    client.force_login(manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("engagements:north_star"))
    assert response.content.decode().count("Changed the vision") == 20  # the latest 20


def test_checkin_form_query_count(client, manager, engagement, django_assert_max_num_queries):
    client.force_login(manager)
    with django_assert_max_num_queries(26):
        response = client.get(reverse("engagements:checkin_create", args=[engagement.pk]))
    assert response.status_code == 200


def test_goal_zero_and_odd_feed_tokens_are_404s(client, manager, engagement):
    client.force_login(manager)
    assert client.get(f"/engagements/{engagement.pk}/goals/0/").status_code == 404
    assert client.post(f"/engagements/{engagement.pk}/goals/0/", {"title": "x"}).status_code == 404
    for token in ("%00", "a%00b", "..%2F..", "x" * 300):
        assert client.get(f"/engagements/calendar/{token}.ics").status_code == 404


def test_step_back_link_titles_the_form(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:checkin_create", args=[engagement.pk])
    assert b"Log a step-back meeting with" in client.get(url + "?kind=step-back").content
    assert b"Log a check-in with" in client.get(url + "?kind=nonsense").content
