"""Desk settings, read from the environment (every variable is documented in README.md).

With nothing set, Desk runs on a SQLite file and runs Celery tasks in-process, so a newcomer
needs nothing installed. DATABASE_URL and REDIS_URL switch to PostgreSQL and real workers.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (Docker secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = env(name, "")
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for a local development run)."
        )
    # Only good on a laptop: with DEBUG off Desk refuses to start without a real key.
    SECRET_KEY = "dev-insecure-desk-secret-key-change-me-0123456789abcdefghijklmnop"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "departments",
    "desk",
    "feedback",
    # The demo company: no models, URLs or templates, only the load_demo command (`make demo`).
    "demo",
    "sso",
    "inbound",
    "helpcenter",
    "surveys",
    "api",
    "webhooks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    # Login throttling: failed attempts, lockouts an admin can lift (README, Security).
    "axes",
    "ninja",
]

MIDDLEWARE = [
    # Probes get their answer before host checks, SSL redirect and sessions (desk/views/health.py).
    "desk.views.health.HealthCheckMiddleware",
    # Request id and one log line per request (desk/logging.py); outermost so it sees every answer.
    "desk.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "desk.middleware.NulByteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "desk.middleware.PrivateCacheMiddleware",
    "desk.middleware.EmployeeLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "desk.urls"
WSGI_APPLICATION = "desk.wsgi.application"

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
                "django.template.context_processors.i18n",
                "desk.context_processors.csrf",
                "desk.context_processors.navigation",
            ],
        },
    },
    # The queue's body, the whole request page, the parts around every page's content and the
    # form field markup (desk/jinja2.py says why); every other template is Django's.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "desk.jinja2.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool(
    "DB_PREPARED_STATEMENTS", True
):
    # Parameters sent apart from the SQL, and a statement run a few times on a connection is
    # prepared: PostgreSQL then skips parsing and, once its generic plan is as good, planning.
    # Planning dominated Desk's queries (desk_request has many indexes): a request page's backend
    # CPU fell from 4.3 to 1.3 ms (bench/results.md). Turn it off behind a transaction-pooling
    # PgBouncer older than 1.21 (or one without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no pooled connections to check, and WAL lets the demo server and a shell coexist.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "departments.Employee"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "login"

# Single sign-on with OpenID Connect (mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is set;
# README "Single sign-on" explains each variable. `manage.py oidc_endpoints ISSUER` prints the
# endpoint lines from the provider's discovery document.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
# The provider's end_session_endpoint: logging out of Desk logs out there too. Empty: Desk only.
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for the provider's logout (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
# Claims read at the first login; an empty name switches that claim off.
OIDC_CLAIM_NAME = env("OIDC_CLAIM_NAME", "name")
OIDC_CLAIM_DEPARTMENT = env("OIDC_CLAIM_DEPARTMENT")
OIDC_CLAIM_CLIENT_TYPE = env("OIDC_CLAIM_CLIENT_TYPE")
# Refuse a login whose email the provider does not mark verified (`email_verified`).
OIDC_REQUIRE_VERIFIED_EMAIL = envbool("OIDC_REQUIRE_VERIFIED_EMAIL", default=True)
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
# Shown on the login button ("Log in with Contoso ID"); empty: "Log in with single sign-on".
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME")
# With SSO, passwords can be switched off for everyone but superusers (the way in when the
# provider is down).
DESK_PASSWORD_LOGIN = envbool("DESK_PASSWORD_LOGIN", default=True)
# Axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "sso.auth.PasswordBackend"]
if SSO_ENABLED:
    AUTHENTICATION_BACKENDS.append("sso.auth.EmployeeOIDCBackend")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["desk.formats"]
TIME_ZONE = env("TIME_ZONE", "Europe/Warsaw")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and envbool("STATIC_MANIFEST", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email: the console backend unless EMAIL_HOST is set.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Desk <desk@localhost>")
# Links in emails are absolute; this is where Desk is reached from a mail client.
DESK_BASE_URL = env("DESK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Celery: with REDIS_URL a real broker and workers; without it tasks run in-process.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 240)
# An unacknowledged task comes back after this many seconds; no countdown may exceed it.
CELERY_BROKER_VISIBILITY_TIMEOUT = envint("CELERY_BROKER_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
    # Workers look for such lost tasks this often (kombu's default scan is only every ~100 s).
    "unacked_restore_interval": envint("CELERY_BROKER_RESTORE_INTERVAL", 60),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    # How a publisher (a web request calling .delay()) connects: one quick retry, then an error.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Workers and beat reconnect forever when Redis restarts, from their first start on.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Publishing must not retry in a loop: a user's action waits for it. desk.tasking.enqueue turns a
# failed publish into a warning, and the work recorded in the database is swept up later.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 0,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# A worker that loses Redis stops its acks_late tasks; Redis delivers them again (idempotent).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Workers log through LOGGING below (desk/celery.py connects setup_logging), JSON included.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A slow, idempotent task for the fault tests (tests/prod), only when asked for.
CELERY_INCLUDE = ["desk.tasks_testing"] if envbool("DESK_TEST_TASKS", default=False) else []
CELERY_TIMEZONE = TIME_ZONE
# Periodic work. Every task is idempotent, so a beat that fires twice does no harm.
CELERY_BEAT_SCHEDULE = {
    "close-expired-resolved": {"task": "desk.tasks.close_expired_resolved", "schedule": 15 * 60},
    "notify-overdue": {"task": "desk.tasks.notify_overdue", "schedule": 10 * 60},
    "remind-approvals": {"task": "desk.tasks.remind_approvals", "schedule": 15 * 60},
    # Emails whose task was lost (broker down at commit, worker killed) go out late, not never.
    "sweep-unsent-emails": {"task": "desk.tasks.sweep_unsent_emails", "schedule": 5 * 60},
    # Webhook events whose task was lost go out late, not never.
    "sweep-webhook-deliveries": {
        "task": "webhooks.tasks.sweep_webhook_deliveries",
        "schedule": 5 * 60,
    },
    "sweep-stale-report-cells": {"task": "feedback.tasks.sweep_stale_cells", "schedule": 60},
    # The queue's state counts (desk/status_counts.py): appended rows folded, one per state.
    "compact-status-counts": {"task": "desk.tasks.compact_status_counts", "schedule": 5 * 60},
    "recompute-recent-reports": {
        "task": "feedback.tasks.recompute_recent",
        "schedule": crontab(hour=2, minute=30),
    },
    # Hourly: each active survey's round once per quarter, then any invitation not emailed yet
    # (an SMTP failure stops a run; the next one sends what is left).
    "send-due-surveys": {"task": "surveys.tasks.send_due_rounds", "schedule": crontab(minute=5)},
    "monthly-report-email": {
        # Runs daily; the task itself sends only on the month's first working day.
        "task": "feedback.tasks.send_monthly_reports",
        "schedule": crontab(hour=7, minute=0),
    },
}

# Email to request (inbound/; README "Email to request"): the IMAP mailbox read over TLS.
# Off while DESK_INBOUND_IMAP_HOST is empty.
DESK_INBOUND_IMAP_HOST = env("DESK_INBOUND_IMAP_HOST")
DESK_INBOUND_IMAP_PORT = envint("DESK_INBOUND_IMAP_PORT", 993)
DESK_INBOUND_IMAP_USER = env("DESK_INBOUND_IMAP_USER")
DESK_INBOUND_IMAP_PASSWORD = env("DESK_INBOUND_IMAP_PASSWORD")
# The shared inbox (plus-addressing); addresses with a folder of their own are read there too.
DESK_INBOUND_IMAP_FOLDER = env("DESK_INBOUND_IMAP_FOLDER", "INBOX")
# A CA bundle for a server whose certificate the system does not trust (a private CA).
DESK_INBOUND_IMAP_CA_FILE = env("DESK_INBOUND_IMAP_CA_FILE")
DESK_INBOUND_IMAP_TIMEOUT = envint("DESK_INBOUND_IMAP_TIMEOUT", 30)
DESK_INBOUND_POLL_SECONDS = envint("DESK_INBOUND_POLL_SECONDS", 60)
DESK_INBOUND_MAX_MESSAGE_MB = envint("DESK_INBOUND_MAX_MESSAGE_MB", 25)
DESK_INBOUND_BATCH = envint("DESK_INBOUND_BATCH", 100)
if DESK_INBOUND_IMAP_HOST:
    CELERY_BEAT_SCHEDULE["poll-inbound-mailbox"] = {
        "task": "inbound.tasks.poll_mailbox",
        "schedule": DESK_INBOUND_POLL_SECONDS,
    }


def next_redis_database(url: str) -> str:
    """The same Redis server as `url`, the next database number."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{number + 1}"))


# The cache: shared by every process (the queue page's cache needs that for its invalidation
# counters), and never in the broker's database, so that nothing put in the cache competes with
# queued tasks. CACHE_REDIS_URL defaults to the broker server's next database; a memory limit is
# per server, so production runs a separate, capped instance (docker-compose.yml's `cache`).
# Without REDIS_URL each process has its own memory.
CACHE_REDIS_URL = env("CACHE_REDIS_URL") or (next_redis_database(REDIS_URL) if REDIS_URL else "")
if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": "desk-cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Keep rendered queue page bodies between changes (desk/page_cache.py). Only correct with a cache
# shared by all web processes: on by default exactly when REDIS_URL is set.
QUEUE_PAGE_CACHE = envbool("DESK_QUEUE_PAGE_CACHE", default=bool(REDIS_URL))
# At most this many queue bodies stored per department and minute (searches are free text).
QUEUE_PAGE_CACHE_MAX_BODIES = envint("DESK_QUEUE_PAGE_CACHE_MAX_BODIES", 200)
# work_mem of a full report recomputation's statement (feedback/reports/sql.py): bounds the
# PostgreSQL backend's memory; larger is faster until it no longer spills to temporary files.
REPORTS_RECOMPUTE_WORK_MEM_MB = envint("DESK_REPORTS_RECOMPUTE_WORK_MEM_MB", 24)

# Attachments: at most this many files per upload, each at most this many megabytes.
DESK_MAX_ATTACHMENTS = envint("DESK_MAX_ATTACHMENTS", 5)
DESK_MAX_ATTACHMENT_MB = envint("DESK_MAX_ATTACHMENT_MB", 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# REST API (/api/v1/): calls a minute per personal token (or per person, from the browser);
# beyond it the API answers 429 with Retry-After. 0 switches the limit off.
DESK_API_RATE_LIMIT = envint("DESK_API_RATE_LIMIT", 120)
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
# Outgoing webhooks: attempts per event, and the first wait before a retry (doubling each time,
# at most 10 minutes: 30 s, 1, 2, 4, 8, 10, 10 min... with the defaults).
DESK_WEBHOOK_MAX_ATTEMPTS = envint("DESK_WEBHOOK_MAX_ATTEMPTS", 8)
DESK_WEBHOOK_RETRY_SECONDS = envint("DESK_WEBHOOK_RETRY_SECONDS", 30)
# How long a requester may reopen a resolved request before it closes by itself.
DESK_REOPEN_WINDOW_DAYS = envint("DESK_REOPEN_WINDOW_DAYS", 7)
# The currency of hourly costs and of the cost figures in reports (an ISO 4217 code).
DESK_CURRENCY = env("DESK_CURRENCY", "EUR")

# Pulse surveys (surveys/): a figure built from fewer answers than this is not shown (anonymity);
# nobody is asked twice within DESK_SURVEY_CAP_DAYS (across all surveys); a round stays open
# DESK_SURVEY_OPEN_DAYS.
DESK_SURVEY_MIN_ANSWERS = envint("DESK_SURVEY_MIN_ANSWERS", 5)
DESK_SURVEY_CAP_DAYS = envint("DESK_SURVEY_CAP_DAYS", 30)
DESK_SURVEY_OPEN_DAYS = envint("DESK_SURVEY_OPEN_DAYS", 14)

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (or the header named below) and
# strips it from clients' requests. Set SECURE_PROXY_SSL=0 when Desk faces clients directly.
SECURE_PROXY_SSL_HEADER = (
    (
        "HTTP_"
        + env("SECURE_PROXY_SSL_HEADER_NAME", "X-Forwarded-Proto").upper().replace("-", "_"),
        "https",
    )
    if envbool("SECURE_PROXY_SSL", default=True)
    else None
)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# The preload flag only matters once the domain is submitted to the browsers' preload list.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Content-Security-Policy (django-csp 4). Scripts only from Desk's own static files: htmx comes from
# django-htmx's static copy, behaviour from static/desk/desk.js, and base.html tells htmx not to
# inject its indicator <style> (desk.css carries those rules) nor to eval. Style *attributes* are
# allowed on purpose: a few templates and Django's admin use them, and a style attribute can
# neither run script nor select elements to leak data; <style> elements stay forbidden.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if OIDC_OP_LOGOUT_ENDPOINT:
    # Logging out is a form posted to Desk that redirects to the provider's end-session page;
    # browsers apply form-action to that redirect too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        "{0.scheme}://{0.netloc}".format(urlsplit(OIDC_OP_LOGOUT_ENDPOINT))
    )

# One line per request (desk.request) and per task (desk.task), each with its request id;
# LOG_FORMAT=json writes one JSON object per line for a log collector.
LOG_FORMAT = env("LOG_FORMAT", "plain").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "desk.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "desk.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # desk.request logs every request already, with its id and duration.
        "django.server": {"level": "WARNING"},
    },
}

# Login throttling (django-axes). After AXES_FAILURE_LIMIT wrong passwords an account is locked
# for everyone, and an address for every account, for DESK_LOGIN_LOCKOUT_MINUTES; the same
# counts hold on /admin/login/. An admin lifts a lockout in Admin → Axes → Access attempts, or
# with `manage.py axes_reset_username EMAIL` / `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = envint("DESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("DESK_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "desk.views.auth.attempted_email"
AXES_LOCKOUT_CALLABLE = "desk.views.auth.locked_out"
# Behind a proxy, the client's address is this many hops back in X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = envint("DESK_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False
# Password-reset emails: at most this many per address and per client address an hour.
DESK_RESET_EMAILS_PER_ADDRESS = envint("DESK_RESET_EMAILS_PER_ADDRESS", 3)
DESK_RESET_EMAILS_PER_CLIENT = envint("DESK_RESET_EMAILS_PER_CLIENT", 10)
