"""Production: services mode, DEBUG off, every secret from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SERVICES_MODE, TRUSTED_PROXY_COUNT, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# Every link in e-mails, certificates and feeds is built on this (https://…).
SITE_BASE_URL = env("SITE_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
if not SITE_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_BASE_URL must be the site's https:// address.")

if not SERVICES_MODE:
    raise ImproperlyConfigured(
        "Production needs DATABASE_URL and REDIS_URL (services mode)."
    )

# X-Forwarded-Proto is believed only from a declared proxy (TRUSTED_PROXY_COUNT).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT > 0 else None
)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
