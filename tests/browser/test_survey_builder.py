"""The survey builder in the Wagtail admin passes axe with every field labelled, and
warns in Danish that editing a survey with answers makes a new version."""

from django.core.management import call_command

import pytest

from evaluations.models import Response, SurveyTemplate
from tests.browser.conftest import assert_accessible
from tests.browser.test_enrolment import log_in

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def answered_template(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    return SurveyTemplate.objects.filter(
        versions__responses__in=Response.objects.all()
    ).first()


def test_editing_an_answered_survey_warns_and_makes_a_new_version(
    new_page, answered_template
):
    versions_before = answered_template.versions.count()
    latest = answered_template.versions.order_by("-number").first()
    admin = new_page()
    log_in(admin, "admin@demo.ssp.test", totp=True)
    admin.goto(f"/admin/evalueringsskabeloner/edit/{answered_template.pk}/")
    admin.wait_for_load_state("networkidle")
    # Every option of a choice question has a label now (axe "label" was critical).
    assert admin.get_by_label("Svarmulighed", exact=True).count() >= 2
    warning = admin.get_by_role("note")
    assert warning.inner_text() == (
        f"Version {latest.number} af evalueringen er besvaret. Gemmer du ændringer, "
        f"bliver de til version {latest.number + 1}; de svar, der allerede er givet, "
        f"hører fortsat til version {latest.number} og dens spørgsmål."
    )
    assert_accessible(admin)

    admin.locator("#id_title").fill(answered_template.title + " (2027)")
    admin.get_by_role("button", name="Gem").first.click()
    admin.wait_for_url("**/admin/evalueringsskabeloner/")
    assert (
        f"er gemt som version {latest.number + 1}, fordi version {latest.number} "
        "er besvaret." in admin.content()
    )
    assert answered_template.versions.count() == versions_before + 1
    latest.refresh_from_db()
    assert latest.title == answered_template.title  # the answered version is frozen
