"""The PL manager's year in the browser: dashboard, engagement page, logging a check-in."""

import datetime as dt
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagements.models import ActionItem, Engagement, GoalUpdate, PlanItem
from engagements.progress import plan_progress
from engagements.selectors import plan_statuses
from tests.e2e.conftest import (
    assert_accessible,
    assert_only_local_requests,
    login,
    screenshot,
)

pytestmark = pytest.mark.e2e


def wait_for(condition, seconds=3.0):
    """Poll the database until the live server's write is visible (it runs in a thread)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_manager_logs_the_overdue_monthly_checkin(page, live_server, demo_data):
    ember = Engagement.objects.get(partner__slug="ember-literacy-partners")
    goal = ember.goals.get()
    login(page, "manager@demo.test")
    page.goto("/engagements/")
    overdue = page.locator("[data-alert='checkin-overdue']")
    assert overdue.count() == 1
    assert "Ember Literacy Partners" in overdue.inner_text()
    assert page.locator("#count-checkin-overdue").inner_text() == "1"
    screenshot(page, "engagements-dashboard")
    assert_accessible(page)

    overdue.get_by_role("link", name="Log check-in").click()
    page.wait_for_url(f"**/engagements/{ember.pk}/check-ins/new/")
    page.get_by_label("Kind").select_option("regular")
    page.get_by_label("Attendees").fill("Morgan Manager, Ember lead coach")
    page.get_by_label("Progress").fill("Coaching back on schedule in all 12 schools.")
    page.get_by_label("Challenges").fill("Winter screener window is short.")
    page.get_by_label("Next steps").fill("Share phonics look-fors.")
    page.get_by_label(goal.title, exact=False).fill("47")
    page.locator(f"#id_goal-{goal.pk}-note").fill("Winter screener")
    page.locator("#id_actions-0-description").fill("Send the winter screener summary")
    page.locator("#id_actions-0-owner").fill("Ember lead coach")
    due = timezone.localdate() + dt.timedelta(days=10)
    page.locator("#id_actions-0-due_date").fill(due.isoformat())
    screenshot(page, "engagements-checkin-form")
    assert_accessible(page)
    page.get_by_role("button", name="Save the check-in").click()
    page.wait_for_url(f"**/engagements/{ember.pk}/#checkins")

    assert "Regular check-in of" in page.locator(".messages").inner_text()
    assert GoalUpdate.objects.filter(goal=goal, value=47).exists()
    assert ActionItem.objects.filter(
        engagement=ember, description="Send the winter screener summary"
    ).exists()
    assert page.get_by_text("Send the winter screener summary").count() >= 1
    screenshot(page, "engagements-detail-after-checkin")
    assert_accessible(page)

    page.goto("/engagements/")
    assert page.locator("[data-alert='checkin-overdue']").count() == 0
    assert page.locator("#count-checkin-overdue").inner_text() == "0"
    screenshot(page, "engagements-dashboard-after-checkin")
    assert_only_local_requests(page, live_server)


def test_plan_is_edited_inline(page, live_server, demo_data):
    northstar = Engagement.objects.get(partner__slug="northstar-math-collaborative")
    item = northstar.plan_items.get(name="Mid-year data dive")
    login(page, "manager@demo.test")
    page.goto(f"/engagements/{northstar.pk}/")
    assert_accessible(page)
    progress = page.locator("#plan-progress")
    before = progress.inner_text()
    row = page.locator(f"#plan-item-{item.pk}")
    row.get_by_role("button", name="Delivered").click()
    page.wait_for_function(
        "id => document.querySelector('#plan-item-' + id + ' .badge').textContent === 'Delivered'",
        arg=item.pk,
    )
    page.wait_for_function(
        "before => document.querySelector('#plan-progress').innerText !== before", arg=before
    )
    # Delivered versus planned counts dated sessions (a monthly row is one per month).
    plan = plan_progress(plan_statuses([northstar.pk])[northstar.pk])
    assert f"{plan.delivered} of {plan.total} sessions delivered" in progress.inner_text()

    row = page.locator(f"#plan-item-{item.pk}")
    row.get_by_role("button", name="Edit").click()
    # The editor moves focus to its first field (keyboard users); wait for that before typing.
    expect(page.locator(f"#plan-item-{item.pk} input[name='timing']")).to_be_focused()
    field = page.locator(f"#plan-item-{item.pk} input[name='name']")
    field.fill("Mid-year data dive with principals")
    with page.expect_response(lambda r: r.request.method == "POST" and "/edit/" in r.url) as saved:
        page.locator(f"#plan-item-{item.pk}").get_by_role("button", name="Save").click()
    assert saved.value.status == 200, saved.value.text()
    page.wait_for_selector(f"#plan-item-{item.pk} >> text=Mid-year data dive with principals")
    assert wait_for(lambda: PlanItem.objects.get(pk=item.pk).name.endswith("with principals"))
    assert PlanItem.objects.get(pk=item.pk).status == "delivered"

    page.get_by_role("button", name="Add a row").click()
    new_row = page.locator("tr.eng-row-editing")
    expect(new_row.locator("input[name='timing']")).to_be_focused()
    new_row.locator("input[name='timing']").fill("June")
    new_row.locator("input[name='participants']").fill("Implementation team")
    new_row.locator("input[name='name']").fill("End-of-year reflection")
    new_row.get_by_role("button", name="Add").click()
    page.wait_for_selector("#plan-rows >> text=End-of-year reflection")
    page.wait_for_function(
        "total => document.querySelector('#plan-progress').innerText.includes("
        "'of ' + total + ' sessions delivered')",
        arg=plan.total + 1,
    )
    assert northstar.plan_items.filter(name="End-of-year reflection").exists()
    screenshot(page, "engagements-plan-inline")
    assert_only_local_requests(page, live_server)


def test_north_star_coherence_and_calendar_pages_are_accessible(page, live_server, demo_data):
    login(page, "manager@demo.test")
    for path, name in [
        ("/engagements/north-star/", "north-star"),
        ("/engagements/north-star/?edit=1", "north-star-edit"),
        ("/engagements/coherence/", "coherence"),
        ("/engagements/calendar/", "calendar"),
        ("/engagements/new/", "new"),
    ]:
        page.goto(path)
        screenshot(page, f"engagements-{name}")
        assert_accessible(page)
    assert_only_local_requests(page, live_server)


def test_checklist_and_action_items_save_in_place(page, live_server, demo_data):
    ember = Engagement.objects.get(partner__slug="ember-literacy-partners")
    item = ember.onboarding_items.get(key="monitoring")
    # The action item the engagement demo gives Ember (a coordination meeting adds another).
    action = ember.action_items.filter(done=False).order_by("pk").first()
    login(page, "manager@demo.test")
    page.goto(f"/engagements/{ember.pk}/")
    page.locator(f"#onboarding-notes-{item.pk}").fill("Exit tickets after each coaching cycle.")
    page.locator(f"#onboarding-{item.pk}").get_by_role("button", name="Save notes").click()
    page.wait_for_selector(f"#onboarding-{item.pk} >> text=Saved")
    page.locator(f"#onboarding-done-{item.pk}").check()
    page.wait_for_selector(f"#onboarding-{item.pk}.eng-done")
    item.refresh_from_db()
    assert item.done and item.notes == "Exit tickets after each coaching cycle."

    page.locator(f"#action-done-{action.pk}").check()
    page.wait_for_selector(f"#action-item-{action.pk} .text-decoration-line-through")
    action.refresh_from_db()
    assert action.done
    assert_accessible(page)


def test_first_plan_row_hides_the_empty_note_and_rows_move_by_keyboard(
    page, live_server, demo_data
):
    ember = Engagement.objects.get(partner__slug="ember-literacy-partners")
    ember.plan_items.all().delete()
    login(page, "manager@demo.test")
    page.goto(f"/engagements/{ember.pk}/")
    empty = page.locator("#plan-empty")
    expect(empty).to_be_visible()
    for timing, name in [("January", "Phonics refresher"), ("February", "Coaching cycle 3")]:
        page.get_by_role("button", name="Add a row").focus()
        page.keyboard.press("Enter")
        row = page.locator("tr.eng-row-editing")
        expect(row.locator("input[name='timing']")).to_be_focused()
        expect(empty).to_be_hidden()
        page.keyboard.type(timing)
        row.locator("input[name='participants']").fill("K–2 teachers")
        row.locator("input[name='name']").fill(name)
        row.get_by_role("button", name="Add").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(f"#plan-rows >> text={name}")
    # The note stays hidden without a reload.
    expect(empty).to_be_hidden()

    second = ember.plan_items.get(name="Coaching cycle 3")
    page.locator(f"#plan-item-{second.pk}").get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#plan-rows tr').innerText.includes('Coaching cycle 3')"
    )
    # Now first: its up arrow is disabled, so focus lands on its down arrow.
    expect(
        page.locator(f"#plan-item-{second.pk}").get_by_role("button", name="Move down")
    ).to_be_focused()
    assert wait_for(
        lambda: (
            list(ember.plan_items.order_by("position").values_list("name", flat=True))
            == ["Coaching cycle 3", "Phonics refresher"]
        )
    )
    screenshot(page, "engagements-plan-first-rows")
    assert_accessible(page)


def test_record_progress_on_a_goal_by_keyboard(page, live_server, demo_data):
    ember = Engagement.objects.get(partner__slug="ember-literacy-partners")
    goal = ember.goals.get()
    login(page, "manager@demo.test")
    page.goto(f"/engagements/{ember.pk}/")
    card = page.locator(f"#goal-{goal.pk}")
    card.locator("summary", has_text="Record progress").focus()
    page.keyboard.press("Enter")
    card.get_by_label("Value").fill("51")
    card.get_by_label("Note").fill("Mid-year screener")
    card.get_by_role("button", name="Record").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Progress recorded" in page.locator(".messages").inner_text()
    assert GoalUpdate.objects.filter(goal=goal, value=51, checkin=None).exists()
    assert_accessible(page)
