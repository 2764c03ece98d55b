from tests.e2e.conftest import (
    assert_accessible,
    assert_only_local_requests,
    login,
    screenshot,
)


def test_leader_logs_in_and_sees_their_district(page, live_server, demo_data):
    page.goto("/")
    assert_accessible(page)
    login(page, "leader@demo.test")
    assert page.get_by_role("heading", name="Welcome, Dana").is_visible()
    assert page.get_by_text("Riverside Unified (demo)").first.is_visible()
    path = screenshot(page, "foundation-leader-home")
    assert path.stat().st_size > 10_000
    assert_accessible(page)
    assert_only_local_requests(page, live_server)


def test_login_page_is_accessible_and_local(page, live_server, demo_data):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill("leader@demo.test")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text(
        "The email address and/or password you specified are not correct."
    ).is_visible()
    assert_only_local_requests(page, live_server)


def test_keyboard_skip_link_reaches_main(page, live_server, demo_data):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
