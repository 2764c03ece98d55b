import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from plpg.adapters import remember_device

SESSION_KEY = "active_district_id"


def _memberships(request) -> list:
    """The user's memberships with their districts: one query per request, read by the
    active membership and by the navigation's district switcher."""
    if not request.user.is_authenticated:
        return []
    return list(request.user.memberships.select_related("district"))


def _active_membership(request):
    memberships = request.memberships
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.district_id == wanted:
            return membership
    return memberships[0] if memberships else None


class ActiveDistrictMiddleware:
    """Sets ``request.membership``: the user's membership in the district they work in now.

    A user in several districts switches with the district switcher; the choice is kept in
    the session. Views still fetch objects through scoped querysets, never through this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = SimpleLazyObject(lambda: _memberships(request))
        request.membership = SimpleLazyObject(lambda: _active_membership(request))
        return self.get_response(request)


@receiver(user_logged_in)
def _touch_at_sign_in(sender, request, user, **kwargs):
    """A new session starts touched, so the first request after sign-in writes nothing."""
    if request is not None and hasattr(request, "session"):
        request.session["_touched"] = int(time.time())


class IdleSessionMiddleware:
    """Ends a session after ``SESSION_IDLE_HOURS`` without a request.

    The session's expiry (``SESSION_COOKIE_AGE``, the idle limit) is pushed forward when
    the session is saved; this saves it at most every five minutes while the person works,
    rather than on every request.
    """

    TOUCH_EVERY = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("_touched", 0) > self.TOUCH_EVERY:
                request.session["_touched"] = now
        return self.get_response(request)


def mfa_required(user) -> bool:
    """Whether settings.MFA_REQUIRED_FOR asks this user for a second factor."""
    wanted = settings.MFA_REQUIRED_FOR
    if not wanted or not user.is_authenticated:
        return False
    if "staff" in wanted and (user.is_staff or user.is_superuser):
        return True
    roles = wanted - {"staff"}
    return bool(roles) and user.memberships.filter(role__in=roles).exists()


class MfaRequiredMiddleware:
    """With MFA_REQUIRED_FOR set, a user it names who has no authenticator app yet can
    only reach the account pages (to set one up) until they do."""

    ALLOWED = ("/accounts/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR
            and request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED)
            and mfa_required(request.user)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists():
                messages.warning(
                    request,
                    "Your role requires two-factor authentication. Set up an authenticator "
                    "app to continue.",
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; ``Cache-Control: no-store`` on everything a
    signed-in person sees (district pages, PDFs) and on private feeds and PDFs, so a
    shared computer's cache or a proxy keeps none of it; the known-device cookie after a
    sign-in (plpg.adapters)."""

    PRIVATE_TYPES = ("application/pdf", "text/calendar")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.get(
            "Content-Type", ""
        ).startswith(self.PRIVATE_TYPES):
            add_never_cache_headers(response)
        remember_device(request, response)
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A parameter that is nothing but a number too large for a database id (2**63 - 1).
_HUGE_NUMBER = 19


class BadInputMiddleware:
    """Refuse input no page can use, before any view runs (nothing is read or saved):

    - 415 for a POST whose body is not a form (JSON, XML, text): every view here is a
      form view, and parsing another body as a form would read it as "all fields empty";
    - 400 for a NUL byte in any query or form parameter (PostgreSQL text cannot hold it);
    - 400 for a form field that is only a number too large for an id (SQLite cannot bind it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            has_body = request.META.get("CONTENT_LENGTH", "") not in ("", "0")
            if has_body and content_type not in FORM_CONTENT_TYPES:
                return _refuse(
                    "Not saved: this address accepts form submissions only "
                    "(application/x-www-form-urlencoded or multipart/form-data).",
                    415,
                )
        problem = _bad_parameter(request.GET, numbers=False) or (
            _bad_parameter(request.POST, numbers=True) if request.method == "POST" else None
        )
        if problem:
            return _refuse(problem, 400)
        return self.get_response(request)


def _bad_parameter(params, *, numbers: bool):
    """Why params cannot be used, or None. Huge numbers only matter in forms (a query string's
    bad id is ignored by the page, through plpg.params)."""
    for key, values in params.lists():
        for value in (key, *values):
            if "\x00" in value:
                return "Refused: a parameter contains a NUL character, which no field can hold."
            digits = value.strip().lstrip("-")
            if (
                numbers
                and len(digits) >= _HUGE_NUMBER
                and digits.isdigit()
                and int(digits) >= 2**63
            ):
                return f"Not saved: “{key[:40]}” is a number too large to be an id."
    return None


def _refuse(message, status):
    from django.http import HttpResponse

    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
