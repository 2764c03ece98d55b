"""How PLPG plugs into django-allauth: mail, links, sign-up, and sign-in throttling.

Throttling (allauth's rate limits, the only mechanism; README "Sign-in throttling"):

- per address: ``30/15m/ip`` failed sign-ins — one address trying many accounts
  (password spraying) is stopped;
- per (address, account): ``5/5m/key`` — guessing one account from one address is stopped,
  for five minutes, not an hour;
- never per account alone: a stranger elsewhere cannot lock a real user out by failing on
  purpose with their email;
- a browser the account signed in from before (a signed "known device" cookie set at
  sign-in) is exempt from the per-address count, so a stranger behind the same school
  address cannot lock out colleagues on their usual computers.

A successful sign-in takes back its own count (allauth).
"""

import hashlib
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.urls import reverse

from plpg.email import absolute_url, send_email

KNOWN_DEVICE_COOKIE = "plpg_device"
KNOWN_DEVICE_SALT = "plpg.known-device"
KNOWN_DEVICE_MAX_AGE = 365 * 24 * 60 * 60
KNOWN_DEVICE_ACCOUNTS = 5  # accounts remembered per browser


def _account_hash(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


def known_accounts(request) -> list[str]:
    """Hashes of the accounts that signed in from this browser before."""
    value = request.get_signed_cookie(
        KNOWN_DEVICE_COOKIE, default="", salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_MAX_AGE
    )
    return [item for item in value.split(",") if item]


def remember_device(request, response):
    """Set the known-device cookie for the account that just signed in (by middleware)."""
    email = getattr(request, "_plpg_signed_in_email", None)
    if not email:
        return
    accounts = [_account_hash(email)] + [
        h for h in known_accounts(request) if h != _account_hash(email)
    ]
    response.set_signed_cookie(
        KNOWN_DEVICE_COOKIE,
        ",".join(accounts[:KNOWN_DEVICE_ACCOUNTS]),
        salt=KNOWN_DEVICE_SALT,
        max_age=KNOWN_DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """No open sign-up: a district lead invites people (plpg.invitations); staff start
        districts (/staff/districts/new/)."""
        return False

    def send_mail(self, template_prefix, email, context):
        """allauth's emails go through plpg.email like every other email."""
        send_email(
            to=email,
            template=template_prefix,
            context={"email": email, "current_site": {"name": "PLPG"}, **context},
        )

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def login(self, request, user):
        super().login(request, user)
        request._plpg_signed_in_email = user.email

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The per-"key" count is per (client address, account), never per account alone."""
        login = credentials.get("email", credentials.get("username", "")) or ""
        return f"{ratelimit.get_ip(request)}:{login.strip().lower()}"

    def pre_authenticate(self, request, **credentials):
        login = credentials.get("email", credentials.get("username", "")) or ""
        if _account_hash(login) not in known_accounts(request):
            return super().pre_authenticate(request, **credentials)
        # A known device: only the (address, account) count applies.
        rates = settings.ACCOUNT_RATE_LIMITS.get("login_failed", "")
        key_only = ",".join(r for r in rates.split(",") if r.strip().endswith("/key"))
        self._login_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=self._get_login_attempts_cache_key(request, **credentials),
            config={"login_failed": key_only},
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")
