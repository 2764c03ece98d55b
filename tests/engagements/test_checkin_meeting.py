"""Check-ins that capture a meeting (#10 item 7): any number of new action items, open items
closed or re-assigned, goal values on the saved check-in, counters updated after htmx."""

import pytest
from django.urls import reverse

from engagements.models import ActionItem, CheckIn
from tests.engagements.conftest import days
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _meeting(today, **extra):
    return {
        "kind": "regular",
        "date": today.isoformat(),
        "duration_minutes": "45",
        "attendees": "Morgan",
        "progress": "Good",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        **extra,
    }


def test_add_another_action_item_keeps_the_rows_and_saves_nothing(
    client, manager, engagement, today
):
    client.force_login(manager)
    url = reverse("engagements:checkin_create", args=[engagement.pk])
    data = _meeting(
        today,
        **{
            "actions-0-description": "Share the calendar",
            "actions-0-owner": "Morgan",
            "actions-0-due_date": days(7).isoformat(),
            "add_action": "1",
        },
    )
    for headers in ({}, HTMX):
        response = client.post(url, data, **headers)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'name="actions-TOTAL_FORMS" value="2"' in body
        assert 'value="Share the calendar"' in body and 'name="actions-1-description"' in body
    assert not CheckIn.objects.filter(date=today).exists()
    # Three rows in one check-in: any number of new action items.
    rows = {
        f"actions-{i}-{name}": value
        for i in range(3)
        for name, value in (
            ("description", f"Item {i}"),
            ("owner", "Morgan"),
            ("due_date", days(8).isoformat()),
        )
    }
    response = client.post(url, _meeting(today, **{**rows, "actions-TOTAL_FORMS": "3"}))
    assert response.status_code == 302
    assert ActionItem.objects.filter(checkin__date=today).count() == 3


def test_open_items_are_closed_or_reassigned_from_the_checkin(client, manager, engagement, today):
    close = ActionItemFactory(engagement=engagement, owner="Morgan")
    give = ActionItemFactory(engagement=engagement, owner="Morgan")
    client.force_login(manager)
    url = reverse("engagements:checkin_create", args=[engagement.pk])
    form = client.get(url).content.decode()
    assert f'name="open-{close.pk}-close"' in form
    response = client.post(
        url,
        _meeting(
            today,
            **{f"open-{close.pk}-close": "on", f"open-{give.pk}-owner": "Riley (partner)"},
        ),
    )
    assert response.status_code == 302
    close.refresh_from_db()
    give.refresh_from_db()
    assert close.done and not give.done and give.owner == "Riley (partner)"
    assert give.history.filter(history_change_reason__contains="re-assigned from Morgan").exists()
    assert close.history.filter(history_change_reason__contains="closed at the").exists()


def test_goal_values_show_on_the_saved_checkin(client, manager, engagement, today):
    goal = engagement.goals.get()
    client.force_login(manager)
    client.post(
        reverse("engagements:checkin_create", args=[engagement.pk]),
        _meeting(today, **{f"goal-{goal.pk}-value": "44.5", f"goal-{goal.pk}-note": "Walks"}),
    )
    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "Goal values" in page and "44.5" in page and "Walks" in page


def test_closing_an_action_by_htmx_updates_the_banner_and_the_count(client, manager, engagement):
    late = ActionItemFactory(engagement=engagement, due_date=days(-10))
    client.force_login(manager)
    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "1 action item overdue" in page
    response = client.post(
        reverse("engagements:action_done", args=[engagement.pk, late.pk]),
        {"done": "on", "version": late.version},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="engagement-alerts" data-hx-swap-oob="true"' in body
    assert "action item overdue" not in body
    assert 'id="open-actions-count" data-hx-swap-oob="true">0 open' in body
