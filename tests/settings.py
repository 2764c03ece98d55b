"""Test settings: production settings with test-friendly transport and a fast hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
# The test client and the live server speak plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Emails are sent at once into the locmem outbox; tests/plpg/test_email.py runs the
# database queue and its worker.
os.environ.setdefault("TASKS_IMMEDIATE", "1")
# Uploads the tests make (the demo's workspace materials among them) go to a scratch folder,
# not the checkout's var/media.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="plpg-test-media-"))

from plpg.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
DIRECTORY_STALE_SECONDS = (
    0  # synchronous index rebuilds; tests/partners/test_index.py tests the 1 s
)

# django-zeal: a lazy load repeated in a loop (an N+1) during any request the tests make —
# test client or live server, every page present and future — raises NPlusOneError, so the
# test fails and names the model, the field and the line. Fix it with select_related /
# prefetch_related (docs/performance.md); no allow-list: `zeal_ignore()` only around a proven
# false positive, with the reason beside it.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = ["zeal.middleware.zeal_middleware", *MIDDLEWARE]  # noqa: F405
ZEAL_RAISE = True
# One false positive, allowed by name: when a session is no longer valid (its password or
# session epoch changed), Django's own auth.get_user() loads the session row and then
# flush() -> SessionStore.delete() reads it again with Session.objects.get() before deleting
# it. zeal counts two get()s from the same first project frame (plpg/middleware.py) as an
# N+1; it is two reads of one row, once per request, inside Django
# (tests/plpg/test_accounts.py's session tests).
ZEAL_ALLOWLIST = [{"model": "sessions.Session", "field": "get()"}]
