"""Sign-in (django-allauth), throttling, password change and reset, sessions, headers."""

import re
import time

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from engagements.models import CalendarFeed
from plpg.adapters import KNOWN_DEVICE_COOKIE
from plpg.middleware import SESSION_KEY
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # allauth's counts live in the (database) cache
    yield
    cache.clear()


def _sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_the_login_url_is_allauths_and_offers_a_reset(client):
    assert reverse("account_login") == LOGIN
    html = client.get(LOGIN).content.decode()
    assert "Forgot password?" in html and reverse("account_reset_password") in html
    assert 'href="/accounts/signup/"' not in html  # accounts come by invitation


def test_email_is_the_login(client, lead):
    response = _sign_in(client, "LEAD@home.test", "pw")
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == lead


def test_wrong_password_is_refused_with_a_message(client, lead):
    response = _sign_in(client, "lead@home.test", "nope")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_open_sign_up_is_closed(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "x@y.test", "password1": "a-long-pass-1", "password2": "a-long-pass-1"},
    )
    assert "closed" in response.content.decode().lower()
    from plpg.models import User

    assert not User.objects.filter(email="x@y.test").exists()


def test_guessing_one_account_from_one_address_cools_down(client, lead):
    for _ in range(5):
        _sign_in(client, "lead@home.test", "nope")
    response = _sign_in(client, "lead@home.test", "pw")
    assert response.status_code == 429 or "Too many" in response.content.decode()
    assert AUTH_SESSION_KEY not in client.session


def test_a_stranger_cannot_lock_the_real_user_out(client, lead):
    """Failures from another address never count against the person's own address."""
    for _ in range(10):
        _sign_in(Client(), "lead@home.test", "nope", ip="203.0.113.9")
    assert _sign_in(client, "lead@home.test", "pw", ip="198.51.100.7").status_code == 302


def test_password_spraying_from_one_address_is_stopped(client, db):
    for n in range(30):
        _sign_in(client, f"guess{n}@home.test", "Winter2026!", ip="203.0.113.9")
    UserFactory(email="real@home.test")
    response = _sign_in(client, "real@home.test", "pw", ip="203.0.113.9")
    assert AUTH_SESSION_KEY not in client.session, response.status_code


def test_a_known_device_signs_in_despite_a_sprayer_behind_the_same_address(client, lead):
    assert _sign_in(client, "lead@home.test", "pw", ip="203.0.113.9").status_code == 302
    assert client.cookies[KNOWN_DEVICE_COOKIE].value
    client.post(reverse("account_logout"))
    stranger = Client()
    for n in range(31):
        _sign_in(stranger, f"guess{n}@home.test", "Winter2026!", ip="203.0.113.9")
    # the stranger is stopped…
    UserFactory(email="colleague@home.test")
    _sign_in(stranger, "colleague@home.test", "pw", ip="203.0.113.9")
    assert AUTH_SESSION_KEY not in stranger.session
    # …the lead, on the computer they used before, is not.
    assert _sign_in(client, "lead@home.test", "pw", ip="203.0.113.9").status_code == 302


def test_logout_is_a_post(client, lead):
    client.force_login(lead)
    client.get(reverse("account_logout"))
    assert AUTH_SESSION_KEY in client.session  # GET only asks
    assert client.post(reverse("account_logout")).status_code == 302
    assert AUTH_SESSION_KEY not in client.session


def test_password_change_keeps_this_session_and_ends_the_others(client, lead):
    other_browser = Client()
    other_browser.force_login(lead)
    assert other_browser.get(reverse("team")).status_code == 200
    client.force_login(lead)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "pw", "password1": "a-much-longer-pass", "password2": "a-much-longer-pass"},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.check_password("a-much-longer-pass")
    assert client.get(reverse("team")).status_code == 200
    assert other_browser.get(reverse("team")).status_code == 302  # signed out


def test_password_change_rotates_the_calendar_feed(client, lead):
    feed = CalendarFeed.objects.create(user=lead)
    old = feed.token
    assert client.get(reverse("engagements:calendar_feed", args=[old])).status_code == 200
    lead.set_password("a-much-longer-pass")
    lead.save()
    feed.refresh_from_db()
    assert feed.token != old
    assert client.get(reverse("engagements:calendar_feed", args=[old])).status_code == 404


def _reset_link(body):
    return re.search(r"http://[^\s]+/accounts/password/reset/key/[^\s]+", body).group(0)


def test_password_reset_link_works_once(client, manager, settings):
    settings.SITE_URL = "http://plpg.test"
    response = client.post(reverse("account_reset_password"), {"email": "manager@home.test"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["manager@home.test"] and message.alternatives  # text + HTML
    link = _reset_link(message.body)
    assert link.startswith("http://plpg.test/")  # from SITE_URL
    path = link.removeprefix("http://plpg.test")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        set_url, {"password1": "new-secret-pass-9", "password2": "new-secret-pass-9"}
    )
    assert done.status_code == 302
    manager.refresh_from_db()
    assert manager.check_password("new-secret-pass-9")
    # used: the same link no longer works
    again = Client().get(path, follow=True)
    assert (
        "bad token" in again.content.decode().lower() or "invalid" in again.content.decode().lower()
    )
    assert _sign_in(Client(), "manager@home.test", "new-secret-pass-9").status_code == 302


def test_password_reset_link_expires(client, manager, settings):
    client.post(reverse("account_reset_password"), {"email": "manager@home.test"})
    path = _reset_link(mail.outbox[-1].body).split("/accounts", 1)[1]
    settings.PASSWORD_RESET_TIMEOUT = -1
    page = client.get("/accounts" + path, follow=True)
    assert "invalid" in page.content.decode().lower()
    assert 'name="password1"' not in page.content.decode()


def test_removed_member_loses_access_and_every_session_at_the_next_request(client, lead, panelist):
    from plpg import services

    client.force_login(panelist)
    assert client.get(reverse("team")).status_code == 200
    services.membership_remove(membership=panelist.memberships.get(), by=lead)
    response = client.get(reverse("team"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert AUTH_SESSION_KEY not in client.session


def test_idle_sessions_expire(client, lead, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.force_login(lead)
    client.get(reverse("home"))
    assert 0 < client.session.get_expiry_age() <= 8 * 60 * 60
    session = client.session
    session["_touched"] = int(time.time()) - 3600
    session.save()
    client.get(reverse("home"))
    assert client.session["_touched"] > time.time() - 60  # activity pushes the expiry


def test_private_pages_are_not_stored_and_features_are_off(client, lead):
    public = client.get(reverse("partners:list"))
    assert "no-store" not in public.get("Cache-Control", "")
    assert "camera=()" in public["Permissions-Policy"]
    client.force_login(lead)
    for url in (reverse("team"), reverse("home"), reverse("partners:list")):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "geolocation=()" in response["Permissions-Policy"]


def test_member_of_two_districts_switches(client, lead, other_district):
    MembershipFactory(user=lead, district=other_district, role="viewer")
    client.force_login(lead)
    home = client.get(reverse("home"))
    assert home.context["active_district"].name == "Home District"
    assert 'id="district-switch"' in home.content.decode()
    response = client.post(reverse("switch_district"), {"district": other_district.pk, "next": "/"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other_district.pk
    assert client.get(reverse("home")).context["active_role"] == "viewer"


def test_switching_to_a_foreign_district_is_refused(client, lead, other_district):
    client.force_login(lead)
    client.post(reverse("switch_district"), {"district": other_district.pk})
    assert client.session.get(SESSION_KEY) is None
    assert client.get(reverse("home")).context["active_district"].name == "Home District"


def test_switch_ignores_offsite_next(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("switch_district"),
        {"district": lead.memberships.get().district_id, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_user_without_district_is_told_so(client):
    client.force_login(UserFactory())
    assert "not a member of any district" in client.get(reverse("home")).content.decode()
