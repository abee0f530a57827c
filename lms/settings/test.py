"""Settings for the test suite. Services mode when DATABASE_URL/REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-3f6a9c2e1b7d4a8f"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
WHITENOISE_AUTOREFRESH = True
# Connections opened in worker threads (database_sync_to_async, the live server) are
# closed after each use, so the test database can be dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
NEMLOGIN_ALLOW_SINGLE_LABEL_HOSTS = True  # "testserver", "localhost"

# Periodic heartbeats would land between the messages a test expects; the one after a
# Redis recovery is sent whatever this says (tests/webinars/test_wire.py).
WEBINAR_HEARTBEAT_SECONDS = 3600
# Demo content and demo logins (published password) may be created here only:
# the demo app (`manage.py seed_demo`, `demo_totp`) is installed here, never in
# production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
DEMO_DATA_ALLOWED = True
