"""Erasure jobs: archive first when decided, erase when due, once."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

import pytest

from core.erasure import erasure_request_create, erasure_run, erasures_run_due
from core.models import ErasureRequest
from courses.models import Enrolment
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _archive(settings, tmp_path):
    settings.ERASURE_ARCHIVE_DIR = tmp_path / "arkiv"
    return settings.ERASURE_ARCHIVE_DIR


def test_a_due_erasure_hands_the_data_to_the_archive_then_erases(_archive):
    enrolment = EnrolmentFactory()
    person = enrolment.user
    email = person.email
    admin = UserFactory()
    request = erasure_request_create(
        user=person, requested_by=admin, reason="Ophørt i SSP-arbejdet"
    )

    assert erasures_run_due() == 1
    assert erasures_run_due() == 0  # once

    request.refresh_from_db()
    assert request.completed_at is not None
    [archived] = list(_archive.iterdir())
    assert request.archive_file == str(archived)
    document = json.loads(archived.read_text(encoding="utf-8"))
    assert document["label"] == f"bruger #{person.pk}"
    assert document["reason"] == "Ophørt i SSP-arbejdet"
    assert [
        row["fields"]["offering"] for row in document["data"]["courses.Enrolment"]
    ] == [enrolment.offering_id]
    person.refresh_from_db()
    assert (person.first_name, person.is_active) == ("Slettet", False)
    assert person.email != email
    assert not Enrolment.objects.filter(user=person).exists()


def test_an_erasure_waits_until_it_is_due_and_can_skip_the_archive(_archive):
    person = UserFactory()
    request = erasure_request_create(
        user=person,
        requested_by=None,
        reason="Anmodning om sletning",
        archive=False,
        due_at=timezone.now() + datetime.timedelta(days=30),
    )
    assert erasures_run_due() == 0
    person.refresh_from_db()
    assert person.is_active
    ErasureRequest.objects.filter(pk=request.pk).update(
        due_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert erasure_run(request_id=request.pk) is True
    assert erasure_run(request_id=request.pk) is False
    assert not _archive.exists()
    person.refresh_from_db()
    assert not person.is_active


def test_if_the_archive_cannot_be_written_nothing_is_erased(settings, tmp_path):
    blocked = tmp_path / "fil"
    blocked.write_text("not a folder")
    settings.ERASURE_ARCHIVE_DIR = blocked / "arkiv"
    person = UserFactory()
    request = erasure_request_create(user=person, requested_by=None, reason="Test")
    assert erasures_run_due() == 0
    request.refresh_from_db()
    assert (request.started_at, request.completed_at) == (None, None)
    person.refresh_from_db()
    assert person.is_active


def test_bad_requests_are_refused_in_danish():
    person = UserFactory()
    with translation.override("da"), pytest.raises(ValidationError) as error:
        erasure_request_create(user=person, requested_by=None, reason=" ")
    assert error.value.messages == ["Angiv grunden til sletningen."]
    erasure_request_create(user=person, requested_by=None, reason="Første")
    with translation.override("da"), pytest.raises(ValidationError) as error:
        erasure_request_create(user=person, requested_by=None, reason="Anden")
    assert error.value.messages == ["En sletning af personen venter allerede."]
    assert ErasureRequest.objects.count() == 1


def test_the_erase_person_command_records_the_decision():
    import io

    from django.core.management import CommandError, call_command

    person = UserFactory(email="ophoert@kommune.test")
    out = io.StringIO()
    call_command(
        "erase_person", "Ophoert@kommune.test", reason="Ophørt", in_days=30, stdout=out
    )
    request = ErasureRequest.objects.get()
    assert (request.user, request.archive, request.reason) == (person, True, "Ophørt")
    assert f"Sletning {request.pk} af bruger #{person.pk}" in out.getvalue()
    with pytest.raises(CommandError, match="Ingen bruger"):
        call_command("erase_person", "ukendt@kommune.test", reason="x")
    assert ErasureRequest.objects.count() == 1
