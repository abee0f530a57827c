"""The tallies reports are built from: counted in the transaction that stores a
response, equal to a recount from the answers, and rebuilt idempotently by the
catch-up command for responses stored another way."""

import io

from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from evaluations.models import (
    INVITED,
    RESPONDENTS,
    RESPONSES,
    Answer,
    ReportTally,
    Response,
)
from evaluations.selectors import ReportFilters, report_build
from evaluations.services import response_submit
from evaluations.tallies import report_tallies_compute, report_tallies_rebuild
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory
from tests.evaluations.factories import (
    invitation_create,
    question_ids,
    schedule_create,
)

pytestmark = pytest.mark.django_db


def _rows(version):
    return sorted(
        ReportTally.objects.filter(version=version).values_list(
            "offering_id", "question_id", "value", "count"
        )
    )


def _computed(version):
    return sorted(
        (row["offering_id"], row["question_id"], row["value"], row["count"])
        for row in report_tallies_compute(version_id=version.pk)
    )


@pytest.fixture
def survey():
    offering = OfferingFactory()
    schedule = schedule_create(module=offering.module)
    version = schedule.template.versions.get()
    invitations = [
        invitation_create(schedule=schedule, offering=offering, user=UserFactory())
        for _ in range(3)
    ]
    return version, offering, invitations


def _answers(version, likert, choices, text=""):
    ids = question_ids(version)
    return {
        f"q-{ids['likert']}": [str(likert)],
        f"q-{ids['scale']}": ["7"],
        f"q-{ids['multiple_choice']}": [str(choice) for choice in choices],
        f"q-{ids['free_text']}": [text],
    }


def test_a_stored_response_is_counted_in_its_transaction(survey):
    version, offering, invitations = survey
    ids = question_ids(version)
    response_submit(
        invitation_id=invitations[0].pk, data=_answers(version, 4, [0, 2], "Godt")
    )
    response_submit(invitation_id=invitations[1].pk, data=_answers(version, 4, [2]))
    expected = {
        (RESPONSES, INVITED): 3,
        (RESPONSES, RESPONDENTS): 2,
        (ids["likert"], RESPONDENTS): 2,
        (ids["likert"], 4): 2,
        (ids["scale"], RESPONDENTS): 2,
        (ids["scale"], 7): 2,
        # Multiple choice: respondents, and one count per chosen option.
        (ids["multiple_choice"], RESPONDENTS): 2,
        (ids["multiple_choice"], 0): 1,
        (ids["multiple_choice"], 2): 2,
        # Free text: respondents only; the text stays with the answer.
        (ids["free_text"], RESPONDENTS): 1,
    }
    assert {
        (question_id, value): count
        for _offering, question_id, value, count in _rows(version)
    } == expected
    assert _rows(version) == _computed(version)

    # A refused second response counts nothing.
    before = _rows(version)
    with pytest.raises(ValidationError):
        response_submit(invitation_id=invitations[0].pk, data=_answers(version, 1, []))
    assert _rows(version) == before


def test_rebuild_catches_up_and_is_idempotent(survey):
    version, offering, invitations = survey
    response_submit(invitation_id=invitations[0].pk, data=_answers(version, 5, [1]))
    # Stored without the service (an import, or a failure between the two): the
    # tallies miss it until the catch-up runs.
    ids = question_ids(version)
    for _ in range(4):
        response = Response.objects.create(
            version=version,
            schedule=invitations[0].schedule,
            offering=offering,
            module_id=offering.module_id,
            politikreds_id=offering.politikreds_id,
            year=offering.planned_start.year,
        )
        Answer.objects.create(response=response, question_id=ids["likert"], value=2)
    assert report_build(version=version, filters=ReportFilters()).suppressed
    assert _rows(version) != _computed(version)

    output = io.StringIO()
    call_command("report_tallies_rebuild", stdout=output)
    assert f"version {version.pk}:" in output.getvalue()
    first = _rows(version)
    assert first == _computed(version)
    report_tallies_rebuild(version_id=version.pk)
    assert _rows(version) == first
    report = report_build(version=version, filters=ReportFilters())
    assert (report.responses, report.questions[0].n) == (5, 5)
    assert report.questions[0].mean == round((5 + 4 * 2) / 5, 2)
