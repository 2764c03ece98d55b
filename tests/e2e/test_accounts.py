"""A lead invites a panelist from the team page; the panelist accepts from the emailed
link, sets a password, and sees the interview they were then added to."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import Interview
from plpg.models import Membership
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot
from tests.factories.interviews import SelectionFactory, interview_for


def test_lead_invites_a_panelist_who_accepts_and_sees_their_interview(
    page, browser, live_server, demo_data
):
    login(page, "leader@demo.test")
    page.goto("/district/team/")
    assert_accessible(page)
    screenshot(page, "accounts-01-team")
    invite = page.locator("form[action='/district/team/invite/']")
    invite.get_by_label("Email").fill("new.panelist@example.org")
    invite.get_by_label("Role").select_option("interviewer")
    invite.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to new.panelist@example.org")).to_be_visible()
    expect(page.locator("#pending-heading + ul")).to_contain_text("new.panelist@example.org")

    # The link, as the email carries it.
    message = [m for m in mail.outbox if m.to == ["new.panelist@example.org"]][-1]
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    path = "/invitations/" + link.split("/invitations/", 1)[1]

    newcomer = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    phone = newcomer.new_page()
    phone.set_default_timeout(10_000)
    phone.requests_seen = []
    phone.on("request", lambda request: phone.requests_seen.append(request.url))
    phone.goto(path)
    expect(phone.get_by_role("heading", name="Join Riverside Unified (demo)")).to_be_visible()
    assert_accessible(phone)
    screenshot(phone, "accounts-02-accept-390")
    phone.get_by_label("First name").fill("Nia")
    phone.get_by_label("Last name").fill("Newcomer")
    phone.locator("#id_password1").fill("correct-horse-77")
    phone.get_by_label("Password again").fill("correct-horse-77")
    phone.get_by_role("button", name="Create account and join").click()
    expect(phone.get_by_text("Welcome to Riverside Unified (demo)")).to_be_visible()
    expect(phone.locator("main")).to_contain_text("Riverside Unified (demo) · Interview panelist")
    member = Membership.objects.get(user__email="new.panelist@example.org")
    assert member.role == "interviewer" and member.district.slug == "riverside-unified-demo"

    # The lead puts Nia on the panel of an interview that is still to come (the demo's own
    # selection is decided, so a new search of the district's has one next week).
    lead = Membership.objects.get(user__email="leader@demo.test").user
    selection = SelectionFactory(district=member.district, title="Science partner search")
    interview = interview_for(selection, panel=[lead], when=timezone.now() + timedelta(days=7))
    assert interview.status == Interview.Status.SCHEDULED
    page.goto(f"/interviews/{interview.pk}/edit/")
    page.get_by_label("Nia Newcomer").check()
    page.get_by_role("button", name=re.compile("Save|Schedule|Update")).click()
    page.wait_for_url(re.compile(rf"/interviews/{interview.pk}/$"))

    # Nia sees it.
    phone.goto(f"/selections/{interview.selection_id}/")
    expect(phone.get_by_text(str(interview.partner)).first).to_be_visible()
    phone.goto(f"/interviews/{interview.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text(str(interview.partner))
    screenshot(phone, "accounts-03-interview-390")
    # The link is used now.
    phone.goto(path)
    expect(phone.get_by_role("heading", name="This invitation was already used")).to_be_visible()
    assert_only_local_requests(phone, live_server)
    newcomer.close()


def test_login_page_offers_a_reset_and_allauth_pages_use_the_layout(page, live_server, demo_data):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot password?").click()
    page.wait_for_url("**/accounts/password/reset/")
    assert_accessible(page)
    screenshot(page, "accounts-04-reset")
    page.get_by_label("Email").fill("manager@demo.test")
    page.get_by_role("button", name=re.compile("Reset", re.I)).click()
    page.wait_for_url("**/accounts/password/reset/done/")
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    page.goto("/accounts/" + link.split("/accounts/", 1)[1])
    page.locator("#id_password1").fill("a-brand-new-pass-8")
    page.locator("#id_password2").fill("a-brand-new-pass-8")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Change password", re.I)).click()
    expect(page.get_by_text(re.compile("password is now changed", re.I))).to_be_visible()
    login(page, "manager@demo.test", "a-brand-new-pass-8")
    expect(page.get_by_text("Welcome, Morgan")).to_be_visible()
    page.goto("/accounts/2fa/")
    assert_accessible(page)
    screenshot(page, "accounts-05-two-factor")
    assert_only_local_requests(page, live_server)
