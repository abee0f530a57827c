"""One client address for every rate limit: X-Forwarded-For is believed only from
declared proxies, so a client reaching daphne directly cannot pick its own."""

from django.urls import reverse

import pytest
from allauth.account.adapter import get_adapter

from core.client_address import client_address

SPOOFED = {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "10.9.8.7"}


def test_without_a_declared_proxy_the_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", **SPOOFED)
    assert client_address(request) == "203.0.113.5"
    assert get_adapter(request).get_client_ip(request) == "203.0.113.5"


def test_behind_one_proxy_the_address_it_saw_counts(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    assert client_address(request) == "198.51.100.7"
    assert get_adapter(request).get_client_ip(request) == "198.51.100.7"


@pytest.mark.parametrize("header", ["", "not-an-address", " , "])
def test_a_missing_or_bad_header_falls_back_to_the_peer(rf, settings, header):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
    assert client_address(request) == "10.0.0.2"


def test_the_default_is_no_trusted_proxy():
    from django.conf import settings

    assert settings.TRUSTED_PROXY_COUNT == 0


@pytest.mark.django_db
def test_certificate_lookups_cannot_escape_the_limit_with_a_forged_header(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    url = reverse("courses:certificate_verify_code", args=["K7QM2XHRP9TD"])
    statuses = [
        client.get(
            url, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        ).status_code
        for n in range(40)
    ]
    assert 429 in statuses


@pytest.mark.django_db
def test_login_attempts_cannot_escape_the_limit_with_a_forged_header(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        client.post(
            reverse("account_login"),
            {"login": f"x{n}@example.dk", "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.{n}.1",
        ).status_code
        for n in range(60)
    ]
    assert 429 in statuses


def test_production_trusts_no_proxy_unless_configured():
    import os
    import subprocess
    import sys
    from pathlib import Path

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "SITE_BASE_URL": "https://ssp-uddannelsen.dk",
        "DJANGO_ALLOWED_HOSTS": "ssp-uddannelsen.dk",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    environment.pop("TRUSTED_PROXY_COUNT", None)
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT, "
        "s.SECURE_PROXY_SSL_HEADER)"
    )

    def run(**extra):
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=Path(__file__).resolve().parents[2],
            env={**environment, **extra},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()

    assert run() == ["0", "0", "None"]
    assert run(TRUSTED_PROXY_COUNT="1")[:2] == ["1", "1"]
