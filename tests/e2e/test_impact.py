"""Browser journey for evidence of impact: a participant on a phone answers a session's
feedback form from its QR link, and the PL manager sees the count rise; axe on the new
pages at desktop and phone width."""

import segno
from playwright.sync_api import expect

from engagements.impact.models import FeedbackLink, FeedbackResponse
from engagements.models import Engagement
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot

NORTHSTAR = "northstar-math-collaborative"


def test_participant_answers_from_the_qr_link_and_the_manager_sees_it(
    browser, live_server, demo_data, settings
):
    settings.SITE_URL = live_server.url  # the QR code's absolute link points at this server
    engagement = Engagement.objects.get(partner__slug=NORTHSTAR)
    link = FeedbackLink.objects.get(
        session__plan_item__engagement=engagement,
        closes_on__gte=engagement.contract_start,
        responses__isnull=True,
    )
    desk = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server.url)
    manager = desk.new_page()
    manager.set_default_timeout(10_000)
    login(manager, "manager@demo.test")
    manager.goto(f"/engagements/{engagement.pk}/")
    before = int(manager.locator("#feedback-total").inner_text())
    manager.locator(f'#feedback a[href$="/feedback/{link.pk}/"]').click()
    url = manager.locator("#feedback-url").inner_text()
    assert url == f"{live_server.url}/feedback/{link.token}/"
    # The QR code on the page encodes exactly that link (segno draws the same symbol).
    drawn = manager.locator(".impact-qr svg path").get_attribute("d")
    assert drawn and drawn in segno.make(url, error="m").svg_inline(scale=6)
    assert_accessible(manager)
    screenshot(manager, "feedback-link-1366")

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    participant = phone.new_page()
    participant.set_default_timeout(10_000)
    seen = []
    participant.on("request", lambda request: seen.append(request.url))
    participant.goto(url)
    expect(participant.get_by_role("heading", name="Coach PLC")).to_be_visible()
    assert engagement.district.name not in participant.content()
    assert_accessible(participant)
    for statement, answer in (
        ("This session was relevant to my work.", "Strongly agree"),
        ("The session was well facilitated.", "Agree"),
        (link.can_statement, "Agree"),
        ("I will use this in the next two weeks.", "Strongly agree"),
    ):
        participant.get_by_role("group", name=statement).get_by_text(answer, exact=True).tap()
    participant.get_by_label("Anything else? (optional)").fill("The cycle tool makes sense now.")
    screenshot(participant, "feedback-form-390")
    participant.get_by_role("button", name="Send").tap()
    expect(participant.get_by_text("Your answers were recorded.")).to_be_visible()
    participant.goto(url)
    expect(participant.get_by_text("You already answered")).to_be_visible()
    assert not [u for u in seen if not u.startswith((live_server.url, "data:"))]
    phone.close()

    [response] = FeedbackResponse.objects.filter(link=link)
    assert (response.relevance, response.facilitation, response.learning) == (4, 3, 3)
    manager.goto(f"/engagements/{engagement.pk}/")
    expect(manager.locator("#feedback-total")).to_have_text(str(before + 1))
    desk.close()


def test_impact_pages_pass_axe_at_both_widths(browser, live_server, demo_data):
    engagement = Engagement.objects.get(partner__slug=NORTHSTAR)
    link = FeedbackLink.objects.filter(session__plan_item__engagement=engagement).first()
    beacon = Engagement.objects.get(partner__slug="beacon-ela-institute")
    for width, height in ((1366, 900), (390, 844)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requests_seen = []
        page.on("request", lambda request, page=page: page.requests_seen.append(request.url))
        try:
            page.goto(f"/feedback/{link.token}/")
            assert_accessible(page)
            login(page, "manager@demo.test")
            for name, url in (
                ("feedback", f"/workspace/{engagement.pk}/feedback/"),
                ("invoices", f"/engagements/{engagement.pk}/invoices/"),
                ("outcomes", f"/engagements/{engagement.pk}/outcomes/"),
                ("portfolio", "/engagements/portfolio/"),
                ("years", f"/engagements/{engagement.pk}/years/"),
                ("review", f"/engagements/{beacon.pk}/review/"),
            ):
                page.goto(url)
                assert_accessible(page)
                screenshot(page, f"impact-{name}-{width}")
            assert_only_local_requests(page, live_server)
        finally:
            context.close()
