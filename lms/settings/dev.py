"""Settings for a developer's machine (`make run`)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-6c0f3b1e9a7d4e2f8b5a1c3d7e9f0a2b",
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# NemLog-in against the local test IdP (`manage.py saml_test_idp`, started by
# `make run`), which writes these files on start. Point them at NemLog-in's
# integration-test metadata and your own keys to try the real thing (README).
NEMLOGIN_ENABLED = env.bool("NEMLOGIN_ENABLED", default=True)
NEMLOGIN_IDP_METADATA_FILE = env(
    "NEMLOGIN_IDP_METADATA_FILE",
    default=str(VAR_DIR / "saml" / "idp.xml"),  # noqa: F405
)
NEMLOGIN_SP_KEY_FILE = env(
    "NEMLOGIN_SP_KEY_FILE",
    default=str(VAR_DIR / "saml" / "sp.key"),  # noqa: F405
)
NEMLOGIN_SP_CERT_FILE = env(
    "NEMLOGIN_SP_CERT_FILE",
    default=str(VAR_DIR / "saml" / "sp.crt"),  # noqa: F405
)
NEMLOGIN_ALLOW_SINGLE_LABEL_HOSTS = True  # "testserver", "localhost"
# Demo content and demo logins (published password) may be created here only:
# the demo app (`manage.py seed_demo`, `demo_totp`) is installed here, never in
# production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
DEMO_DATA_ALLOWED = True
