"""Settings shared by every environment.

The environment decides the mode (see docs/architecture.md):

* embedded (default, nothing set): SQLite, in-memory channel layer, a Celery broker on
  the local file system and e-mail written to ``var/outbox``. ``make run`` needs nothing
  installed.
* services (``DATABASE_URL`` and ``REDIS_URL`` set): PostgreSQL, Redis for cache,
  channel layer and Celery broker, SMTP from ``EMAIL_URL``.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

SERVICES_MODE = bool(env("DATABASE_URL", default="")) and bool(
    env("REDIS_URL", default="")
)
REDIS_URL = env("REDIS_URL", default="")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
WAGTAIL_SITE_NAME = "SSP-uddannelsen"
# The one base address of every absolute link (e-mails, PDFs, calendar feeds, the
# admin's): set in production; empty in development, where the request's host is used
# (core.mail.site_base_url) and WAGTAILADMIN_BASE_URL only outside a request.
SITE_BASE_URL = env("SITE_BASE_URL", default="").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL or "http://127.0.0.1:8000"

# Apps -------------------------------------------------------------------------------

INSTALLED_APPS = [
    # daphne first so that `runserver` serves ASGI (websockets) too.
    "daphne",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.PlatformUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # NemLog-in (MitID Erhverv) speaks SAML 2.0; see accounts/nemlogin.py.
    "allauth.socialaccount.providers.saml",
    # Infrastructure
    "channels",
    "django_celery_beat",
    "csp",
    # Ours
    "core",
    "accounts",
    "courses",
    "webinars",
    "network",
    "evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.middleware.InputGuardMiddleware",
    "core.middleware.AdminBadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.SiteBaseURLMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminAccessMiddleware",
    "accounts.middleware.RequireMultiFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost, so cached pages still get the security headers on the way out.
    "core.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "lms.urls"
ASGI_APPLICATION = "lms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_navigation",
            ],
        },
    },
]

# Data -------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web process read while the Celery worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # A pool per process (psycopg's, through Django), not persistent connections:
    # under ASGI every worker thread kept a connection of its own (one daphne
    # process held 36-45 and two exhausted PostgreSQL). A process borrows a
    # connection per request or socket action and returns it; it never holds more
    # than DATABASE_POOL_MAX_SIZE. The sizing rule is in docs/architecture.md.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Which process holds a connection, in pg_stat_activity.
        "application_name": env(
            "DATABASE_APPLICATION_NAME", default=f"ssp-{os.getpid()}"
        ),
        "pool": {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
            # A request waits this long for a free connection before it fails.
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Sessions are read from the cache (Redis in services mode) and written through to
# the database, and survive a Redis restart (core/sessions.py): every page and every
# webinar handshake reads the session, and a join storm of 3,000 must not queue on
# the database for it. The same engine in both modes, so both do the same queries.
SESSION_ENGINE = "core.sessions"

# Webinar handshakes one web process works on at once; more are told to come back
# in a few seconds (core/admission.py).
WEBINAR_MAX_PENDING_JOINS = env.int("WEBINAR_MAX_PENDING_JOINS", default=150)

# Redis: redis-py 8 defaults (socket_timeout=5, max_connections=100) drop idle channel
# layer sockets after about five seconds and fail join storms, so set them explicitly.
REDIS_SOCKET_TIMEOUT = None
REDIS_MAX_CONNECTIONS = env.int("REDIS_MAX_CONNECTIONS", default=1000)
REDIS_CONNECT_TIMEOUT = 5

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lms",
            "OPTIONS": {
                # One pool per process, not one per request (core/redis_pool.py).
                "pool_class": "core.redis_pool.SharedConnectionPool",
                "max_connections": REDIS_MAX_CONNECTIONS,
                "socket_timeout": REDIS_CONNECT_TIMEOUT,
                "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": REDIS_SOCKET_TIMEOUT,
                        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                        "max_connections": REDIS_MAX_CONNECTIONS,
                        "health_check_interval": 30,
                    }
                ],
                "prefix": "lms",
                "capacity": 1500,
                "expiry": 60,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lms",
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Celery -----------------------------------------------------------------------------

if REDIS_URL:
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": REDIS_CONNECT_TIMEOUT,
        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
        "max_connections": REDIS_MAX_CONNECTIONS,
    }
else:
    # Embedded broker: kombu's file-system transport, no server to install.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_FOLDER = VAR_DIR / "celery"
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
        # Broadcast (remote control) bindings; kombu's default is ./control.
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Copenhagen"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Due dates are rows in the database; these periodic jobs send what is due. Beat's
# DatabaseScheduler copies this schedule into its tables when it starts. One entry
# per job, grouped by app.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # core
    "core-erasures-run-due": {
        "task": "core.tasks.erasures_run_due_task",
        "schedule": 3600.0,
    },
    "core-emails-send-due": {
        "task": "core.tasks.emails_send_due_task",
        "schedule": 60.0,
    },
    # courses
    "courses-enrolment-reminders": {
        "task": "courses.tasks.enrolment_reminders_schedule_task",
        "schedule": 15 * 60.0,
    },
    "courses-enrolment-offers-expire": {
        "task": "courses.tasks.enrolment_offers_expire_task",
        "schedule": 5 * 60.0,
    },
    # webinars
    "webinars-rooms-close-due": {
        "task": "webinars.tasks.rooms_close_due_task",
        "schedule": 60.0,
    },
    # network
    "network-networks-sync": {
        "task": "network.tasks.networks_sync_task",
        "schedule": 600.0,
    },
    "network-digest-daily": {
        "task": "network.tasks.notification_digest_daily_task",
        "schedule": crontab(minute=0, hour=7),
    },
    "network-digest-weekly": {
        "task": "network.tasks.notification_digest_weekly_task",
        "schedule": crontab(minute=0, hour=7, day_of_week=1),
    },
    # evaluations
    "evaluations-send-due": {
        "task": "evaluations.tasks.evaluations_send_due_task",
        "schedule": 300.0,
    },
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# E-mail -----------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="SSP-uddannelsen <noreply@ssp-uddannelsen.dk>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_OUTBOX_DIR = VAR_DIR / "outbox"
# Where erasure jobs hand a person's data export before erasing them (arkivering).
ERASURE_ARCHIVE_DIR = env.path("ERASURE_ARCHIVE_DIR", default=str(VAR_DIR / "archive"))
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_OUTBOX_DIR

# Auth -------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "SSP-uddannelsen: "
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one account within five minutes lock further attempts
    # for it; ten a minute from one address lock that address.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# How many proxies in front of daphne may be believed in X-Forwarded-For (and
# X-Forwarded-Proto). 0 unless configured: a client that reaches daphne directly
# could otherwise pick its own address and escape every per-address rate limit.
# Behind deploy/haproxy (which overwrites the header) it is 1. core.client_address
# reads it for allauth (through the adapter) and for our own limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# seed_demo refuses unless the dev or test settings allow it (demo.seed).
DEMO_DATA_ALLOWED = False
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# NemLog-in (MitID Erhverv) through allauth's SAML provider. Off unless configured;
# accounts.nemlogin builds the provider from these (docs/operations.md, README).
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
NEMLOGIN_ENABLED = env.bool("NEMLOGIN_ENABLED", default=False)
# The IdP's metadata (NemLog-in integration test or production), as a file.
NEMLOGIN_IDP_METADATA_FILE = env("NEMLOGIN_IDP_METADATA_FILE", default="")
# The service provider's signing and encryption key pair (PEM files, kept out of git).
NEMLOGIN_SP_KEY_FILE = env("NEMLOGIN_SP_KEY_FILE", default="")
NEMLOGIN_SP_CERT_FILE = env("NEMLOGIN_SP_CERT_FILE", default="")
# The entity ID registered with NemLog-in; defaults to the metadata URL.
NEMLOGIN_SP_ENTITY_ID = env("NEMLOGIN_SP_ENTITY_ID", default="")
# OIOSAML 3: NemLog-in encrypts assertions and signs them; the test IdP can do both.
NEMLOGIN_WANT_ASSERTIONS_ENCRYPTED = env.bool(
    "NEMLOGIN_WANT_ASSERTIONS_ENCRYPTED", default=True
)
NEMLOGIN_WANT_MESSAGES_SIGNED = env.bool("NEMLOGIN_WANT_MESSAGES_SIGNED", default=True)
NEMLOGIN_ALLOW_SINGLE_LABEL_HOSTS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SSP-uddannelsen"
MFA_RECOVERY_CODE_COUNT = 10

# Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Static and media -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    # hls.js plays an HLS (.m3u8) stream inside the webinar room.
    ("vendor/hls", BASE_DIR / "node_modules" / "hls.js" / "dist"),
    # PDF.js draws the webinar slides on a canvas with a text layer. The legacy
    # build: the modern one needs the newest browsers (Firefox ESR lags behind).
    # Its worker is loaded from here too, so the CSP's script-src 'self' (worker-src
    # falls back to it) allows it; eval is switched off in room.js.
    ("vendor/pdfjs", BASE_DIR / "node_modules" / "pdfjs-dist" / "legacy" / "build"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail ----------------------------------------------------------------------------

WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# No avatars from gravatar.com: every admin page would tell a third party who is
# logged in. Wagtail shows its default avatar (or an uploaded one) instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Administrators create people without inventing a password; people set their own
# through allauth's password reset.
WAGTAILUSERS_PASSWORD_REQUIRED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Security ---------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The public site allows no inline script or style; /admin/ gets the relaxed policy in
# core.middleware.ContentSecurityPolicyMiddleware because Wagtail's editor needs it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "media-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin, as tight as Wagtail 8 allows (docs/architecture.md, Security):
# inline script stays (InlinePanel, the date widgets and search promotions still
# write <script> blocks) and inline style (style attributes throughout); no eval;
# images only from here (blob: for upload previews; with Gravatar off nothing else
# is needed, and an embed's thumbnail in the editor is not fetched from its host);
# frames only from here (the live preview).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Browser features the site does not use are switched off on every response
# (django-permissions-policy). Fullscreen stays for the webinar stream.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "bluetooth",
            "browsing-topics",
            "camera",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },
    "fullscreen": ["self"],
}
ADMIN_URL_PREFIX = "/admin/"

# Logging ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
