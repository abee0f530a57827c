"""A participant who completed a module on their own answers its evaluation from the
link, without logging in. axe on every page."""

import re

from django.urls import reverse

import pytest

from courses.models import ModuleKind
from evaluations.models import Invitation, Response
from evaluations.services import invitation_token
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_accessible
from tests.courses.factories import module_create
from tests.evaluations.factories import schedule_create, self_paced_invitation_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_self_paced_participant_answers_the_evaluation(new_page):
    module = module_create(title="Digital kriminalitet", kind=ModuleKind.ELECTIVE)
    invitation = self_paced_invitation_create(
        schedule=schedule_create(module=module), module=module, user=UserFactory()
    )
    page = new_page()
    page.goto(
        reverse("evaluations:answer", args=[invitation_token(invitation=invitation)])
    )
    assert page.get_by_text("Digital kriminalitet · Selvstændigt forløb").is_visible()
    assert_accessible(page)

    page.get_by_role("group", name=re.compile("relevant for mit arbejde")).get_by_label(
        "Enig", exact=True
    ).check()
    page.get_by_role("group", name=re.compile("anbefaler modulet")).get_by_label(
        "8", exact=True
    ).check()
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_url("**/evaluering/tak/")
    assert_accessible(page)
    stored = Response.objects.get()
    assert (stored.module, stored.offering, stored.politikreds) == (module, None, None)
    assert Invitation.objects.get().responded_at is not None
