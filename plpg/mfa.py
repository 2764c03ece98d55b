"""Two-factor authentication (django-allauth's mfa: TOTP + recovery codes), PLPG's rules.

- Required for some people: ``settings.MFA_REQUIRED_FOR`` (plpg.middleware.mfa_required).
- Recovery codes are shown once: right after they are made (with the authenticator app,
  or regenerated) the person may view and download them for ten minutes; after that the
  page only offers to make new ones (which retires the old ones).
"""

import time

from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from django.shortcuts import render

SHOW_WINDOW = 10 * 60
SESSION_KEY = "plpg_recovery_codes_until"


def _makes_codes(view):
    """Activating the app (which makes the first codes) or making new codes opens the
    window in which they can be seen."""

    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method == "POST"
            and response.status_code == 302
            and "reauthenticate" not in response.get("Location", "")
        ):
            request.session[SESSION_KEY] = int(time.time()) + SHOW_WINDOW
        return response

    return wrapper


def _once(view):
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated and request.session.get(SESSION_KEY, 0) < time.time():
            return render(request, "mfa/recovery_codes/shown_once.html", status=200)
        return view(request, *args, **kwargs)

    return wrapper


view_recovery_codes = _once(recovery_views.view_recovery_codes)
download_recovery_codes = _once(recovery_views.download_recovery_codes)
activate_totp = _makes_codes(totp_views.activate_totp)
generate_recovery_codes = _makes_codes(recovery_views.generate_recovery_codes)
