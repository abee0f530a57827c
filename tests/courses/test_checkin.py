"""The check-in list for in-person sessions."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from courses.models import (
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    OfferingFormat,
    SessionAttendance,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    EnrolmentFactory,
    OfferingFactory,
    SessionFactory,
    module_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering():
    return OfferingFactory(
        module=module_create(title="Grundmodul", lessons=1),
        format=OfferingFormat.IN_PERSON,
        attendance_threshold=100,
    )


@pytest.fixture
def session(offering):
    start = timezone.now() - datetime.timedelta(hours=2)
    return SessionFactory(
        offering=offering,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        venue="Rådhuset",
    )


@pytest.fixture
def participants(offering):
    anne = UserFactory(first_name="Anne", last_name="Andersen")
    bo = UserFactory(first_name="Bo", last_name="Berg")
    EnrolmentFactory(offering=offering, user=anne)
    EnrolmentFactory(offering=offering, user=bo)
    waiting = UserFactory(first_name="Vera", last_name="Venteliste")
    EnrolmentFactory(offering=offering, user=waiting, status=EnrolmentStatus.WAITLISTED)
    return anne, bo, waiting


@pytest.fixture
def presenter():
    return UserFactory(roles=[Role.PRESENTER], first_name="Ulrik")


def url(offering, session) -> str:
    return reverse(
        "courses:session_checkin",
        kwargs={"offering_id": offering.pk, "session_id": session.pk},
    )


def test_presenter_sees_the_confirmed_participants(
    client, offering, session, participants, presenter
):
    anne, bo, waiting = participants
    client.force_login(presenter)
    response = client.get(url(offering, session))
    html = response.content.decode()
    assert response.status_code == 200
    assert url(offering, session) == (
        f"/hold/{offering.pk}/session/{session.pk}/fremmoede/"
    )
    assert "<h1>Fremmødeliste</h1>" in html
    assert f'value="{anne.pk}" id="present-{anne.pk}">' in html
    assert f'value="{bo.pk}" id="present-{bo.pk}">' in html
    assert "Vera" not in html
    assert html.index("Anne Andersen") < html.index("Bo Berg")
    assert html.count("endnu ikke registreret") == 2


def test_saving_records_present_and_absent_with_the_recorder(
    client, offering, session, participants, presenter
):
    anne, bo, _waiting = participants
    lesson = LessonPage.objects.child_of(offering.module).get()
    LessonCompletion.objects.create(user=anne, lesson=lesson)
    client.force_login(presenter)
    response = client.post(url(offering, session), {"present": [str(anne.pk)]})
    assert response.status_code == 302
    assert response.url == url(offering, session)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Fremmødet er gemt: 1 af 2 til stede."
    ]
    rows = {
        row.user_id: (row.present, row.source, row.recorded_by_id)
        for row in SessionAttendance.objects.all()
    }
    assert rows == {
        anne.pk: (True, "checkin", presenter.pk),
        bo.pk: (False, "checkin", presenter.pk),
    }
    # Attendance completed Anne's module (lesson done, 1 of 1 session).
    assert list(ModuleCompletion.objects.values_list("user_id", "offering_id")) == [
        (anne.pk, offering.pk)
    ]
    html = client.get(url(offering, session)).content.decode()
    assert f'value="{anne.pk}" id="present-{anne.pk}" checked>' in html
    assert f'value="{bo.pk}" id="present-{bo.pk}">' in html
    assert "endnu ikke registreret" not in html

    # Saving again is idempotent; ticking Bo updates his row.
    client.post(url(offering, session), {"present": [str(anne.pk), str(bo.pk)]})
    assert SessionAttendance.objects.count() == 2
    assert SessionAttendance.objects.filter(present=True).count() == 2


def test_administrator_may_keep_the_list(client, offering, session, participants):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(admin)
    assert client.get(url(offering, session)).status_code == 200
    anne = participants[0]
    client.post(url(offering, session), {"present": [str(anne.pk)]})
    assert SessionAttendance.objects.get(user=anne).recorded_by == admin


@pytest.mark.parametrize(
    "roles", [[Role.PARTICIPANT], [Role.MUNICIPAL_CONTACT], [Role.POLICE_CONTACT]]
)
def test_others_are_refused(client, offering, session, participants, roles):
    client.force_login(UserFactory(roles=roles))
    assert client.get(url(offering, session)).status_code == 403
    response = client.post(
        url(offering, session), {"present": [str(participants[0].pk)]}
    )
    assert response.status_code == 403
    assert SessionAttendance.objects.count() == 0


def test_anonymous_is_sent_to_login(client, offering, session):
    response = client.get(url(offering, session))
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_unknown_ids_give_404(client, offering, session, presenter):
    other_session = SessionFactory()
    client.force_login(presenter)
    assert (
        client.get(
            reverse(
                "courses:session_checkin",
                kwargs={"offering_id": 999999, "session_id": session.pk},
            )
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "courses:session_checkin",
                kwargs={"offering_id": offering.pk, "session_id": other_session.pk},
            )
        ).status_code
        == 404
    )


def test_someone_not_confirmed_is_refused(
    client, offering, session, participants, presenter
):
    anne, _bo, waiting = participants
    client.force_login(presenter)
    for bad in [[str(waiting.pk)], [str(anne.pk), "abc"], ["999999"]]:
        response = client.post(url(offering, session), {"present": bad})
        assert response.status_code == 400
        assert (
            "Listen indeholder en person, der ikke er bekræftet deltager."
            in response.content.decode()
        )
    assert SessionAttendance.objects.count() == 0


def test_cancelled_session_cannot_be_checked_in(
    client, offering, session, participants, presenter
):
    session.is_cancelled = True
    session.save()
    client.force_login(presenter)
    html = client.get(url(offering, session)).content.decode()
    assert "Sessionen er aflyst, så der kan ikke registreres fremmøde." in html
    assert 'type="checkbox"' not in html
    response = client.post(
        url(offering, session), {"present": [str(participants[0].pk)]}
    )
    assert response.status_code == 400
    assert SessionAttendance.objects.count() == 0
