"""Demo data (accounts with a published password and TOTP secret) exists only in
development and tests: seed_demo refuses elsewhere, even where the demo app is
installed by mistake. (Production does not install it, and a deploy with demo
accounts fails its checks: tests/core/test_demo_guard.py.)"""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_seed_demo_refuses_outside_development_and_changes_nothing(settings):
    settings.DEMO_DATA_ALLOWED = False
    before = (User.objects.count(), Page.objects.count())
    with pytest.raises(CommandError, match="kun oprettes i udviklings"):
        call_command("seed_demo")
    assert (User.objects.count(), Page.objects.count()) == before


def test_seed_demo_refuses_under_production_settings():
    environment = {
        **os.environ,
        # Production, plus the demo app that lms.settings.production leaves out.
        "DJANGO_SETTINGS_MODULE": "tests.demo.settings_production_with_demo",
        "DJANGO_SECRET_KEY": "x" * 50,
        "SITE_BASE_URL": "https://ssp-uddannelsen.dk",
        "DJANGO_ALLOWED_HOSTS": "ssp-uddannelsen.dk",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Demo-data kan kun oprettes i udviklings- eller testtilstand" in (
        result.stderr
    )


def test_every_account_the_seed_creates_is_recognised_as_demo():
    from core.checks import demo_accounts
    from demo.seed import DEMO_USERS

    before = set(User.objects.values_list("pk", flat=True))
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    created = set(User.objects.values_list("pk", flat=True)) - before
    assert len(created) >= len(DEMO_USERS)
    assert set(demo_accounts().values_list("pk", flat=True)) == created
