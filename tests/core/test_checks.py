import os
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks

import pytest

from core.checks import check_security_middleware

ROOT = Path(__file__).resolve().parents[2]


def test_project_checks_pass_with_the_real_settings():
    assert check_security_middleware(None) == []


def test_project_checks_catch_a_missing_csp_and_inline_script(settings):
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "core.middleware.ContentSecurityPolicyMiddleware"
    ]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"script-src": ["'self'", "'unsafe-inline'"]}
    }
    assert sorted(error.id for error in check_security_middleware(None)) == [
        "lms.E001",
        "lms.E003",
    ]


def test_system_checks_are_clean():
    assert [str(m) for m in run_checks() if m.level >= 30] == []


def test_production_settings_pass_check_deploy_without_warnings():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "ssp-uddannelsen.dk",
        "SITE_BASE_URL": "https://ssp-uddannelsen.dk",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "EMAIL_URL": "smtp://mail.internal:25",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_ALLOWED_HOSTS="ssp-uddannelsen.dk",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("base_url", [None, "http://ssp-uddannelsen.dk"])
def test_production_refuses_to_start_without_an_https_site_base_url(base_url):
    environment = {
        key: value for key, value in os.environ.items() if key != "SITE_BASE_URL"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-key-0123456789",
        DJANGO_ALLOWED_HOSTS="ssp-uddannelsen.dk",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    if base_url:
        environment["SITE_BASE_URL"] = base_url
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SITE_BASE_URL" in result.stderr


def test_proxy_trust_checks(settings):
    from core.checks import proxy_trust_warnings

    settings.TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.SECURE_PROXY_SSL_HEADER = None
    assert proxy_trust_warnings() == []
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert [w.id for w in proxy_trust_warnings()] == ["lms.W002"]
    settings.TRUSTED_PROXY_COUNT = 1
    assert [w.id for w in proxy_trust_warnings()] == ["lms.W004"]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert proxy_trust_warnings() == []
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert [w.id for w in proxy_trust_warnings()] == ["lms.W004"]
    del settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    settings.ACCOUNT_ADAPTER = "allauth.account.adapter.DefaultAccountAdapter"
    assert [w.id for w in proxy_trust_warnings()] == ["lms.W005"]
    settings.ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 3
    assert [w.id for w in proxy_trust_warnings()] == ["lms.W006"]
