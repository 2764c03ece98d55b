"""Two-factor with allauth's mfa: enrol an authenticator app, sign in with a real TOTP
code computed here (RFC 6238), sign in with a recovery code, and the MFA_REQUIRED_FOR rule."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


def totp(secret: str, at: float) -> str:
    """The six-digit code an authenticator app shows at ``at`` (RFC 6238, SHA-1, 30 s)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """allauth's clock for TOTP, moved forward by the test (a code is never used twice)."""
    now = [time.time()]
    monkeypatch.setattr("allauth.mfa.totp.internal.auth.time.time", lambda: now[0])
    return now


def _sign_in(client, email="lead@home.test", password="pw"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _enrol(client, clock):
    assert _sign_in(client).status_code == 302
    # allauth asks for the password again before a security change
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302 and page["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": "pw"})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    html = page.content.decode()
    assert secret in html and 'src="data:image/svg+xml;base64,' in html  # QR code, no CDN
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret, clock[0])})
    assert response.status_code == 302, response.content.decode()[:500]
    return secret, response


def test_enrol_then_sign_in_with_the_app_or_a_recovery_code(client, lead, clock):
    secret, response = _enrol(client, clock)
    assert Authenticator.objects.filter(user=lead, type="totp").exists()
    # recovery codes are shown right away, once
    codes_page = client.get(response["Location"], follow=True)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=lead, type="recovery_codes")
    ).get_unused_codes()
    assert len(codes) == 10 and codes[0] in codes_page.content.decode()
    client.post(reverse("account_logout"))

    # password alone is not enough any more
    response = _sign_in(client)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert AUTH_SESSION_KEY not in client.session
    wrong = client.post(
        reverse("mfa_authenticate"),
        {"code": "000000" if totp(secret, clock[0] + 30) != "000000" else "111111"},
    )
    assert wrong.status_code == 200 and AUTH_SESSION_KEY not in client.session
    clock[0] += 30
    response = client.post(reverse("mfa_authenticate"), {"code": totp(secret, clock[0])})
    assert response.status_code == 302 and AUTH_SESSION_KEY in client.session
    client.post(reverse("account_logout"))

    # a recovery code works once
    _sign_in(client)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert AUTH_SESSION_KEY in client.session
    client.post(reverse("account_logout"))
    _sign_in(client)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert AUTH_SESSION_KEY not in client.session


def test_recovery_codes_are_shown_once(client, lead, clock, monkeypatch):
    _enrol(client, clock)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=lead, type="recovery_codes")
    ).get_unused_codes()
    url = reverse("mfa_view_recovery_codes")
    assert codes[0] in client.get(url).content.decode()
    later = time.time() + 11 * 60
    monkeypatch.setattr("plpg.mfa.time.time", lambda: later)
    page = client.get(url).content.decode()
    assert codes[0] not in page and "shown once" in page
    assert codes[0] not in client.get(reverse("mfa_download_recovery_codes")).content.decode()


def test_required_for_leads_when_the_setting_says_so(client, lead, panelist, settings, clock):
    settings.MFA_REQUIRED_FOR = {"lead", "staff"}
    _sign_in(client)
    response = client.get(reverse("team"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_logout"))
    _enrol(client, clock)
    assert client.get(reverse("team")).status_code == 200
    client.post(reverse("account_logout"))
    # a panelist is offered two-factor, not required to use it
    _sign_in(client, "panelist@home.test")
    assert client.get(reverse("team")).status_code == 200


def test_offered_not_required_by_default(settings, client, lead):
    assert not settings.MFA_REQUIRED_FOR
    client.force_login(lead)
    assert client.get(reverse("team")).status_code == 200
    assert "Two-factor" in client.get(reverse("home")).content.decode()
