"""The lead's results page saves consensus and non-negotiables in place (htmx), by keyboard;
a panelist declares and scores at tablet width with the keyboard alone."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from interviews import lifecycle
from interviews.models import Consensus, Interview, LookFor, NonNegotiableResult, Selection
from partners.models import Partner
from plpg.models import User
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot
from tests.factories import interview_for


def test_lead_sets_consensus_and_a_non_negotiable_without_a_reload(page, live_server, demo_data):
    northstar = Interview.objects.get(partner__slug="northstar-math-collaborative")
    look_for = (
        LookFor.objects.filter(block__section__in=northstar.sections.all())
        .exclude(pk__in=Consensus.objects.filter(interview=northstar).values("look_for_id"))
        .order_by("block__section__position", "block__position", "position")
        .first()
    )
    login(page, "leader@demo.test")
    page.goto(f"/interviews/{northstar.pk}/")
    page.evaluate("window.notReloaded = true")
    before = page.locator("#results-summary .fs-3").inner_text()

    cell = page.locator(f"#consensus-{look_for.pk}")
    cell.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the details
    page.keyboard.press("Tab")  # the rating
    page.keyboard.press("Home")  # "Choose the consensus rating": no default
    page.keyboard.press("ArrowDown")  # 1 · Not evident
    page.keyboard.press("Tab")  # the reason
    page.keyboard.type("Panel agreed after the call")
    page.keyboard.press("Enter")
    expect(cell).to_contain_text("Consensus saved")
    expect(page.locator("#results-summary .fs-3")).not_to_have_text(before)
    expect(page.locator(f"#consensus-{look_for.pk} summary")).to_be_focused()
    assert Consensus.objects.get(interview=northstar, look_for=look_for).score == 1

    item = page.locator("#non-negotiables li").first
    item.locator("select").select_option("not_met")
    item.locator("input[name=note]").fill("Would not commit to our tool")
    item.locator("input[name=note]").press("Enter")
    expect(page.locator("#non-negotiables li").first).to_contain_text("Saved.")
    assert NonNegotiableResult.objects.filter(interview=northstar, status="not_met").exists()
    assert page.evaluate("window.notReloaded") is True
    screenshot(page, "interviews-results-htmx")
    assert_accessible(page)
    assert_only_local_requests(page, live_server)


def test_panelist_declares_and_rates_at_tablet_width_by_keyboard(page, live_server, demo_data):
    # Lakeview's demo interview and RFP are scored (issue 15): a new interview with Ember.
    lakeview = interview_for(
        Selection.objects.get(title="K–5 literacy partner (demo)"),
        panel=[User.objects.get(email="other@demo.test")],
        partner=Partner.objects.get(slug="ember-literacy-partners"),
        when=timezone.now() + dt.timedelta(days=10),
    )
    first = (
        LookFor.objects.filter(block__section__in=lakeview.sections.all())
        .order_by("block__section__position", "block__position", "position")
        .first()
    )
    # It starts in ten days: the lead opens it early, or scoring would be refused.
    lifecycle.interview_move(
        interview=lakeview, target=Interview.Status.IN_PROGRESS, user=None, note="opened early"
    )
    page.set_viewport_size({"width": 768, "height": 1024})
    login(page, "other@demo.test")
    page.goto(f"/interviews/{lakeview.pk}/score/")
    page.get_by_label("No, I have no conflict of interest").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-scoring]")
    page.locator(f"#lf-{first.pk}-1").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 3
    page.keyboard.press("Tab")
    page.keyboard.type("Concrete plan for the launch")
    page.keyboard.press("Tab")
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=20_000)
    # Nothing runs off the side at tablet width.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "interviews-scoring-tablet-keyboard")
    assert_accessible(page)
    page.reload()
    assert page.locator(f"#lf-{first.pk}-3").is_checked()
    # The submit confirmation says how much is still unrated.
    assert "not rated yet" in page.locator("#submit-scorecard").get_attribute("data-confirm")
