"""The survey builder says when an edit makes a new version (the current one has
answers) and stays quiet when it does not."""

from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory
from tests.evaluations.factories import (
    responses_create,
    schedule_create,
    template_create,
)

pytestmark = pytest.mark.django_db

WARNING = "af evalueringen er besvaret. Gemmer du ændringer"


@pytest.fixture
def admin_client(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


def test_no_warning_while_the_version_has_no_answers(admin_client):
    template = template_create()
    page = admin_client.get(reverse("evalueringsskabeloner:edit", args=[template.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert WARNING not in html
    # Each option's input is named (inside Wagtail's escaped block definitions).
    assert r"aria-label=\&quot;Svarmulighed\&quot;" in html


def test_the_warning_names_the_answered_and_the_next_version(admin_client):
    offering = OfferingFactory()
    schedule = schedule_create(offering=offering)
    responses_create(schedule=schedule, offering=offering, count=1)
    page = admin_client.get(
        reverse("evalueringsskabeloner:edit", args=[schedule.template.pk])
    )
    assert (
        "Version 1 af evalueringen er besvaret. Gemmer du ændringer, bliver de til "
        "version 2; de svar, der allerede er givet, hører fortsat til version 1 og "
        "dens spørgsmål." in page.content.decode()
    )
