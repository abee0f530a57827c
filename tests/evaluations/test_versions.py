"""Survey templates are versioned: a version with responses is frozen."""

import pytest

from evaluations.models import SurveyVersion
from evaluations.services import survey_version_sync
from tests.courses.factories import OfferingFactory
from tests.evaluations.factories import (
    responses_create,
    schedule_create,
    template_create,
)

pytestmark = pytest.mark.django_db


def test_saving_unchanged_keeps_the_version():
    template = template_create()
    version = template.versions.get()
    assert survey_version_sync(template=template) == version
    assert version.number == 1
    assert [item["kind"] for item in version.questions] == [
        "section",
        "likert",
        "scale",
        "single_choice",
        "multiple_choice",
        "free_text",
    ]


def test_an_edit_without_responses_updates_the_version_in_place():
    template = template_create()
    template.title = "Evaluering, rettet"
    template.save()
    version = survey_version_sync(template=template)
    assert SurveyVersion.objects.filter(template=template).count() == 1
    assert version.title == "Evaluering, rettet"


def test_an_edit_after_responses_makes_a_new_version_and_freezes_the_old():
    template = template_create()
    offering = OfferingFactory()
    schedule = schedule_create(template=template, module=offering.module)
    responses_create(schedule=schedule, offering=offering, count=1)
    old = template.versions.get()
    frozen_questions = old.questions

    template.questions[1].value["text"] = "Modulet var nyttigt"
    template.save()
    new = survey_version_sync(template=template)

    assert new.number == 2
    assert new.questions[1]["text"] == "Modulet var nyttigt"
    # The question keeps its id across versions; its old wording stays with v1.
    assert new.questions[1]["id"] == frozen_questions[1]["id"]
    old.refresh_from_db()
    assert old.questions == frozen_questions
    assert old.responses.count() == 1
