"""PLPG settings, read from the environment (see README "Configuration")."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "plpg.apps.PlpgAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # The order is the order a district works in; seed_demo follows it.
    "plpg",
    "partners",
    "interviews",
    "engagements",
    "engagements.workspace",
    "engagements.impact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # 415 for non-form bodies, 400 for NUL bytes and out-of-range ids (plpg.middleware).
    "plpg.middleware.BadInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user on every history row written during the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "plpg.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "plpg.middleware.ActiveDistrictMiddleware",
    "plpg.middleware.MfaRequiredMiddleware",
    "plpg.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "plpg.urls"
WSGI_APPLICATION = "plpg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plpg.context_processors.district",
                "partners.context_processors.portal",
            ],
            # Every template (pages, PDFs, emails) prints dates one way: plpg.formats.
            "builtins": ["plpg.templatetags.plpg_formats"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'plpg.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is for one person (make run): WAL lets readers and one writer work at once, and
    # IMMEDIATE transactions plus a busy timeout make concurrent writers wait their turn
    # instead of failing with "database is locked". A team runs PostgreSQL (README).
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

AUTH_USER_MODEL = "plpg.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Accounts: django-allauth (sign-in, password reset, email change and verification) and its
# mfa app (TOTP with recovery codes). Accounts are made by invitation (plpg.invitations), so
# allauth's own sign-up stays closed (plpg.adapters.AccountAdapter.is_open_for_signup).
ACCOUNT_ADAPTER = "plpg.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# A new address (change of email) is verified by a link; sign-in is not blocked on it.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # this session stays; every other one ends
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PLPG] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# Password reset links work once (the token is bound to the password hash) and for an hour.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 60 * 60)
# Sign-in throttling: allauth's rate limits (the only mechanism), kept in the database cache
# so every app server counts the same. See plpg.adapters for why a stranger cannot lock a
# real user out: failures count per address and per (address, account), never per account
# alone; a browser the account signed in from before is exempt from the per-address count.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "30/15m/ip,5/5m/key"),
    # No cap on sign-in attempts as such (allauth's default 30/m per address would let a
    # stranger block a whole school's address): only failures count, above.
    "login": "",
}
# Behind load balancers the client address is the last hop they append to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PLPG"
MFA_RECOVERY_CODE_COUNT = 10
# Two-factor is offered to everyone; required for these (comma-separated: lead, interviewer,
# manager, viewer — a role in any district — and staff) when set, e.g. "lead,staff".
MFA_REQUIRED_FOR = set(envlist("MFA_REQUIRED_FOR", ""))
_unknown = MFA_REQUIRED_FOR - {"lead", "interviewer", "manager", "viewer", "staff"}
if _unknown:
    raise ImproperlyConfigured(f"MFA_REQUIRED_FOR: unknown roles {sorted(_unknown)}")

# Sessions end after this many hours without a request (and on sign-out, password change,
# removal from a district).
SESSION_IDLE_HOURS = envint("SESSION_IDLE_HOURS", 8)
SESSION_COOKIE_AGE = SESSION_IDLE_HOURS * 60 * 60

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# The one date and time format (plpg/formats): Django's |date, the admin and our filters.
FORMAT_MODULE_PATH = "plpg.formats"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (claim evidence): never served from a public URL, only through views that
# check access (partners.views.portal.claim_evidence). Local disk under var/media by default;
# with several app servers, an S3-compatible bucket through django-storages (README).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if MEDIA_S3_BUCKET
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
)
# Evidence PDFs larger than this are refused (bytes).
EVIDENCE_MAX_BYTES = envint("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Workspace materials and documents (PDF, PPTX, DOCX, XLSX): decks with pictures are larger.
MATERIAL_MAX_BYTES = envint("MATERIAL_MAX_BYTES", 25 * 1024 * 1024)
# Evidence of impact (docs/impact.md): warn when the share of the contract spent runs ahead
# of the share of planned sessions delivered by more than this many percentage points.
SPEND_AHEAD_MARGIN = envint("SPEND_AHEAD_MARGIN", 15)
# A session's public feedback link closes this many days after the session.
FEEDBACK_OPEN_DAYS = envint("FEEDBACK_OPEN_DAYS", 14)
# Feedback answers accepted per client address (allauth's rate-limit format).
FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "") or "40/1h/ip"
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default": in the database, shared by every app server (allauth's sign-in counts).
# "pdf": rendered PDFs keyed by the hash of their HTML, in a database table that a migration
# creates, so every app server shares one copy (plpg/pdf.py). PDF_CACHE_ENTRIES bounds it.
CACHES = {
    # Database-backed, so every app server shares it: allauth's sign-in counts live here.
    # Migrations create its table (plpg/migrations), on SQLite and PostgreSQL alike.
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "plpg_cache"},
    "pdf": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "plpg_pdf_cache",
        "TIMEOUT": 30 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": envint("PDF_CACHE_ENTRIES", 500)},
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: the console by default; EMAIL_URL-style pieces for a real relay.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PLPG <noreply@plpg.invalid>")
# Absolute links in emails and calendar feeds.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Every email goes through plpg.email: rendered at once, sent by a django-tasks task. The
# database backend keeps the queue in the app's database (SQLite or PostgreSQL) and
# `manage.py db_worker` sends it; TASKS_IMMEDIATE=1 (the make run default) sends at once.
TASKS_IMMEDIATE = envbool("TASKS_IMMEDIATE", DEBUG)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
EMAIL_MAX_ATTEMPTS = envint("EMAIL_MAX_ATTEMPTS", 5)

# Security. Production (DEBUG off) gets secure cookies, HSTS and an HTTPS redirect;
# behind a TLS-terminating load balancer set SECURE_PROXY_SSL_HEADER_ENABLED=1.
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload directive only makes the site eligible; submitting it to browsers is a separate step.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Features no page of PLPG uses, switched off for the page and anything it could embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
X_FRAME_OPTIONS = "DENY"
if envbool("SECURE_PROXY_SSL_HEADER_ENABLED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script anywhere; everything is served by the app itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Request bodies: generous for the CSV import, small enough to refuse abuse.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# Files above this go to a temporary file instead of memory while a request is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
