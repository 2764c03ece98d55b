"""Browser journey: a provider edits a draft and submits it, a curator reads the diff and
approves, the public profile changes; axe on every new page, at desktop and phone width."""

from playwright.sync_api import expect

from partners.models import Partner
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot

NEW_SUMMARY = "Coaching and planning for K-8 teams using Illustrative Mathematics, now in Nevada."


def test_provider_submits_curator_approves_public_profile_changes(page, live_server, demo_data):
    northstar = Partner.objects.get(slug="northstar-math-collaborative")
    before = northstar.summary
    page.goto("/partners/northstar-math-collaborative/")
    expect(page.locator(".lead")).to_have_text(before)

    login(page, "provider@demo.test")
    page.goto("/portal/")
    expect(page.get_by_role("heading", name="Northstar Math Collaborative")).to_be_visible()
    expect(page.get_by_text("Please describe what you do")).to_be_visible()  # returned draft
    expect(page.get_by_text("Awaiting evidence")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "portal-home")

    page.get_by_role("button", name="Edit the profile (new draft)").click()
    summary = page.get_by_label("Summary")
    summary.fill(NEW_SUMMARY)
    page.get_by_role("checkbox", name="Utah").check()
    assert_accessible(page)
    screenshot(page, "portal-draft")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft saved. The public profile has not changed.")).to_be_visible()
    expect(page.locator(".diff-list ins").first).to_be_visible()

    # Saved but not approved: the public profile is unchanged.
    page.goto("/partners/northstar-math-collaborative/")
    expect(page.locator(".lead")).to_have_text(before)
    page.go_back()

    page.get_by_label("Note for the curator").fill("New summary; we now work in Utah.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("was sent to the curators")).to_be_visible()

    page.context.clear_cookies()  # another person at the same browser
    login(page, "curator@demo.test")
    page.goto("/curation/")
    assert_accessible(page)
    screenshot(page, "curation-queue")
    page.get_by_role("link", name="Northstar Math Collaborative — draft 3").click()
    diff = page.locator(".diff-list")
    expect(diff.locator("ins", has_text="Nevada.").first).to_be_visible()
    expect(diff.locator(".chip-added", has_text="Utah")).to_be_visible()
    expect(page.get_by_text("New summary; we now work in Utah.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "curation-diff")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("is published")).to_be_visible()

    page.goto("/partners/northstar-math-collaborative/")
    expect(page.locator(".lead")).to_have_text(NEW_SUMMARY)
    expect(page.get_by_text("Last reviewed")).to_be_visible()
    assert_only_local_requests(page, live_server)


def test_new_pages_pass_axe_at_phone_width(browser, live_server, demo_data, reference_data):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login(page, "curator@demo.test")
        northstar = Partner.objects.get(slug="northstar-math-collaborative")
        claim = northstar.claims.filter(status="submitted").first()
        for name, url in [
            ("curation-queue-phone", "/curation/"),
            ("curation-partner-phone", f"/curation/partners/{northstar.pk}/"),
            ("curation-claim-phone", f"/curation/claims/{claim.pk}/"),
            ("curation-partners-phone", "/curation/partners/"),
        ]:
            page.goto(url)
            assert_accessible(page)
            screenshot(page, name)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        context.clear_cookies()
        login(page, "provider@demo.test")
        draft = northstar.drafts.filter(status="returned").first()
        for name, url in [
            ("portal-home-phone", "/portal/"),
            ("portal-draft-phone", f"/portal/drafts/{draft.pk}/"),
            ("portal-claim-phone", f"/portal/claims/{claim.pk}/"),
        ]:
            page.goto(url)
            assert_accessible(page)
            screenshot(page, name)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    finally:
        context.close()
