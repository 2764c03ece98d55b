"""Browser journeys in the shared workspace: the partner uploads a material, the PL manager
requests changes, the partner uploads version 2, the manager approves; the partner reports a
session delivered and the manager confirms it; axe on the new pages at desktop and phone
width; no private check-in note on the partner's pages."""

import re

from playwright.sync_api import expect

from engagements import services
from engagements.models import ActionItem, Engagement, PlanSession
from engagements.workspace.models import CoordinationSpace, Material
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PRIVATE = "Private to the district:"


def _file(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def test_material_review_journey(page, live_server, demo_data):
    engagement = Engagement.objects.get(shares__user__email="provider@demo.test")
    login(page, "provider@demo.test")
    page.goto("/workspace/")
    page.get_by_role("link", name=engagement.title).click()
    expect(page.get_by_text("Unit 2 internalization reached every school")).to_be_visible()
    assert PRIVATE not in page.content()
    assert_accessible(page)
    screenshot(page, "workspace-partner")

    page.get_by_role("link", name="Submit a material for review").click()
    page.get_by_label("Title").fill("Unit 4 coaching deck")
    page.get_by_label("Plan row").select_option(index=1)
    page.get_by_label("Needed by").fill("2030-01-15")
    page.get_by_label("File").set_input_files(_file("unit-4-deck.pdf"))
    assert_accessible(page)
    page.get_by_role("button", name="Upload for review").click()
    expect(page.get_by_text("the district was asked to review it")).to_be_visible()
    expect(page.get_by_role("heading", name="Version 1")).to_be_visible()
    material = Material.objects.get(title="Unit 4 coaching deck")

    page.context.clear_cookies()
    login(page, "manager@demo.test")
    page.goto("/engagements/")
    page.locator("#workspace").get_by_role("link", name="Unit 4 coaching deck").click()
    page.get_by_label("Request changes").check()
    page.get_by_label("Comments for the partner").fill("Use the district's lesson template.")
    assert_accessible(page)
    screenshot(page, "workspace-review")
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Version 1: changes requested.")).to_be_visible()

    page.context.clear_cookies()
    login(page, "provider@demo.test")
    page.goto(f"/workspace/{engagement.pk}/materials/{material.pk}/")
    expect(page.get_by_text("Use the district's lesson template.")).to_be_visible()
    page.get_by_label("File").set_input_files(_file("unit-4-deck-v2.pdf"))
    page.get_by_label("What changed").fill("Moved to the district template.")
    page.get_by_role("button", name="Upload version 2").click()
    expect(page.get_by_text("Version 2 uploaded for review.")).to_be_visible()

    page.context.clear_cookies()
    login(page, "manager@demo.test")
    page.goto(f"/workspace/{engagement.pk}/materials/{material.pk}/")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Version 2: approved.")).to_be_visible()
    expect(page.locator("#v2").get_by_text("frozen")).to_be_visible()
    material.refresh_from_db()
    assert material.status == "approved"
    assert list(material.versions.values_list("number", "status")) == [
        (2, "approved"),
        (1, "changes"),
    ]
    screenshot(page, "workspace-approved")
    assert_only_local_requests(page, live_server)


def test_delivered_session_journey(page, live_server, demo_data):
    engagement = Engagement.objects.get(shares__user__email="provider@demo.test")
    # A past session the district had marked delivered is planned again: the partner reports it.
    session = (
        PlanSession.objects.filter(plan_item__engagement=engagement, status="delivered")
        .select_related("plan_item")
        .order_by("-date")
        .first()
    )
    manager = engagement.district.memberships.get(user__email="manager@demo.test").user
    services.plan_session_set(
        session=session, status="planned", version=session.version, user=manager
    )
    name = f"{session.plan_item.name}, {session.date:%b} {session.date.day}, {session.date.year}"

    login(page, "provider@demo.test")
    page.goto(f"/workspace/{engagement.pk}/")
    page.get_by_role("link", name="Report delivered sessions").click()
    # (the row's link reads "Report delivered", its accessible name adds the session)
    page.locator(f"#session-{session.pk}").get_by_role("link", name="Report delivered").click()
    page.get_by_label("Delivered on").fill(session.date.isoformat())
    page.get_by_label("Facilitator").fill("Dana Ortiz")
    page.get_by_label("Attendance").fill("19")
    page.get_by_label("Sign-in sheet (optional)").set_input_files(_file("sign-in.pdf"))
    assert_accessible(page)
    screenshot(page, "workspace-session-report")
    page.get_by_role("button", name="Report delivered").click()
    expect(page.get_by_text("the district was asked to confirm it")).to_be_visible()
    row = page.locator(f"#session-{session.pk}")
    expect(row.get_by_text("Awaiting confirmation")).to_be_visible()
    session.refresh_from_db()
    assert (session.confirmation, session.status, session.attendance) == ("awaiting", "planned", 19)

    page.context.clear_cookies()
    login(page, "manager@demo.test")
    page.goto(f"/engagements/{engagement.pk}/")
    page.locator("#workspace").get_by_role("link", name=name).click()
    assert_accessible(page)
    screenshot(page, "workspace-sessions-manager")
    page.locator(f"#decide-{session.pk}").get_by_role("button", name="Confirm delivered").click()
    expect(
        page.get_by_text("Session confirmed delivered; the partner was told by email.")
    ).to_be_visible()
    expect(
        page.locator(f"#session-{session.pk}").get_by_text("Delivered (confirmed)")
    ).to_be_visible()
    session.refresh_from_db()
    assert (session.confirmation, session.status, session.decided_by) == (
        "confirmed",
        "delivered",
        manager,
    )
    assert_only_local_requests(page, live_server)


def test_coordination_space_journey(page, live_server, demo_data):
    """The provider posts in Riverside's coordination space and ticks its own action item
    there; the PL manager sees the post and who closed the item, and takes the other partner
    out of the space."""
    space = CoordinationSpace.objects.get(district__slug="riverside-unified-demo")
    login(page, "provider@demo.test")
    page.goto("/workspace/")
    page.get_by_role("link", name=space.title).click()
    assert PRIVATE not in page.content()
    page.get_by_label("Write to the partners").fill("We can share our January calendar today.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("We can share our January calendar today.")).to_be_visible()
    item = ActionItem.objects.get(description__startswith="Send Ember the math coaching calendar")
    page.locator("#meetings").get_by_role("button", name="Done").click()
    expect(page.get_by_text("January–March”: done.")).to_be_visible()
    item.refresh_from_db()
    assert item.done and item.done_by.email == "provider@demo.test"
    screenshot(page, "coordination-partner")

    page.context.clear_cookies()
    login(page, "manager@demo.test")
    page.goto("/engagements/coherence/")
    page.get_by_role("link", name="coordination space").click()
    page.get_by_role("link", name=space.title).click()
    expect(page.get_by_text("We can share our January calendar today.")).to_be_visible()
    expect(page.get_by_text("done by Nora Provider")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "coordination-manager")
    other = space.members.exclude(engagement__partner__slug="northstar-math-collaborative").get()
    name = re.compile(rf"Remove\s+{re.escape(other.engagement.partner.name)}")
    page.get_by_role("button", name=name).click()
    expect(page.get_by_text("no longer sees this space")).to_be_visible()
    assert not space.members.filter(pk=other.pk).exists()
    assert_only_local_requests(page, live_server)


def test_workspace_pages_pass_axe_at_both_widths(browser, live_server, demo_data, reference_data):
    engagement = Engagement.objects.get(shares__user__email="provider@demo.test")
    material = Material.objects.filter(engagement=engagement).first()
    issue = engagement.issues.first()
    space = CoordinationSpace.objects.get(district=engagement.district)
    awaiting = PlanSession.objects.filter(
        plan_item__engagement=engagement, confirmation="awaiting"
    ).first()
    for width, height in ((1366, 900), (390, 844)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            login(page, "provider@demo.test")
            urls = [
                ("workspace", f"/workspace/{engagement.pk}/"),
                ("workspace-list", "/workspace/"),
                ("workspace-issue-new", f"/workspace/{engagement.pk}/issues/new/"),
            ]
            if material:
                urls.append(
                    ("workspace-material", f"/workspace/{engagement.pk}/materials/{material.pk}/")
                )
            if issue:
                urls.append(("workspace-issue", f"/workspace/{engagement.pk}/issues/{issue.pk}/"))
            urls.append(("workspace-sessions", f"/workspace/{engagement.pk}/sessions/"))
            urls.append(("coordination", f"/coordination/{space.pk}/"))
            if awaiting:
                urls.append(
                    (
                        "workspace-session-report",
                        f"/workspace/{engagement.pk}/sessions/{awaiting.pk}/report/",
                    )
                )
            for name, url in urls:
                page.goto(url)
                assert PRIVATE not in page.content()
                assert_accessible(page)
                screenshot(page, f"{name}-{width}")
            page.context.clear_cookies()
            login(page, "manager@demo.test")
            for name, url in (
                ("engagement", f"/engagements/{engagement.pk}/"),
                ("dashboard", "/engagements/"),
                ("sharing", f"/engagements/{engagement.pk}/sharing/"),
                ("sessions-district", f"/workspace/{engagement.pk}/sessions/"),
                ("coordination-list", "/engagements/coordination/"),
                ("coordination-new", "/engagements/coordination/new/"),
                ("coordination-district", f"/coordination/{space.pk}/"),
            ):
                page.goto(url)
                assert_accessible(page)
                screenshot(page, f"workspace-{name}-{width}")
        finally:
            context.close()
