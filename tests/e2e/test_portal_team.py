"""Browser journey: a curator invites a provider's staff from the partner page in
/curation/; the invitee follows the emailed link on a phone, signs up and lands in /portal/,
where they see their team and invite a colleague."""

import re

from django.core import mail
from playwright.sync_api import expect

from partners.models import Partner, PartnerStaff
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot


def _link_path(email):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    return "/invitations/" + link.split("/invitations/", 1)[1]


def test_curator_invites_staff_who_signs_up_and_lands_in_the_portal(
    page, browser, live_server, demo_data
):
    granite = Partner.objects.get(slug="granite-state-science")
    login(page, "curator@demo.test")
    page.goto(f"/curation/partners/{granite.pk}/")
    team = page.locator("#team")
    team.get_by_label("Email").fill("Lead.Trainer@granite.example")
    team.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to lead.trainer@granite.example")).to_be_visible()
    expect(page.locator("#team")).to_contain_text("lead.trainer@granite.example")
    assert_accessible(page)
    screenshot(page, "portal-team-01-curator-invited")

    # The link, as the email (console under make run, the outbox here) carries it.
    path = _link_path("lead.trainer@granite.example")
    newcomer = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    phone = newcomer.new_page()
    phone.set_default_timeout(10_000)
    phone.requests_seen = []
    phone.on("request", lambda request: phone.requests_seen.append(request.url))
    phone.goto(path)
    expect(phone.get_by_role("heading", name="Join Granite State Science")).to_be_visible()
    expect(phone.locator("main")).to_contain_text("partner staff")
    assert_accessible(phone)
    screenshot(phone, "portal-team-02-accept-390")
    phone.get_by_label("First name").fill("Gwen")
    phone.get_by_label("Last name").fill("Granite")
    phone.locator("#id_password1").fill("correct-horse-77")
    phone.get_by_label("Password again").fill("correct-horse-77")
    phone.get_by_role("button", name="Create account and join").click()
    phone.wait_for_url(re.compile(r"/portal/$"))
    expect(phone.get_by_text("Welcome to Granite State Science")).to_be_visible()
    expect(phone.get_by_role("heading", name="Granite State Science")).to_be_visible()
    staff = PartnerStaff.objects.get(user__email="lead.trainer@granite.example")
    assert staff.partner == granite
    # No horizontal scroll at phone width.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)
    screenshot(phone, "portal-team-03-portal-390")

    # She invites a colleague from her team box.
    box = phone.locator("#team")
    box.get_by_label("Email").fill("colleague@granite.example")
    box.get_by_role("button", name="Send invitation").click()
    expect(phone.get_by_text("Invitation sent to colleague@granite.example")).to_be_visible()
    expect(phone.locator("#team")).to_contain_text("colleague@granite.example")
    screenshot(phone, "portal-team-04-invited-390")

    # The used link says so.
    phone.goto(path)
    expect(phone.get_by_role("heading", name="This invitation was already used")).to_be_visible()
    assert_only_local_requests(phone, live_server)
    newcomer.close()
