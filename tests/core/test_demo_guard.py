"""Production never has demo data: its settings do not install the demo app (so
there is no seed_demo to run), and a deploy with demo accounts fails its checks.
The seed's own refusal is in tests/demo/test_guard.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.checks import check_no_demo_accounts
from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "SITE_BASE_URL": "https://ssp-uddannelsen.dk",
    "DJANGO_ALLOWED_HOSTS": "ssp-uddannelsen.dk",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
}


def _under_production_settings(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *arguments],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENVIRONMENT},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_do_not_install_the_demo_app():
    result = _under_production_settings(
        "-c",
        "import django; django.setup(); from django.apps import apps; "
        "print(apps.is_installed('demo'), apps.is_installed('courses'))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_seed_demo_does_not_exist_under_production_settings():
    result = _under_production_settings("manage.py", "seed_demo")
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr


@pytest.mark.django_db
def test_the_deploy_check_fails_while_demo_accounts_exist():
    assert check_no_demo_accounts(None) == []
    UserFactory(email="kontakt.aarhus@demo.ssp.test")
    assert [error.id for error in check_no_demo_accounts(None)] == ["lms.E004"]
