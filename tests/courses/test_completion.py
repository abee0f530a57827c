"""Completion services: lessons, attendance and the module completion rules."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from courses.models import (
    AttendanceSource,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    SessionAttendance,
)
from courses.services.learning import (
    attendance_record,
    lesson_complete,
    module_completion_evaluate,
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
def learner():
    return UserFactory()


@pytest.fixture
def module():
    return module_create(title="Grundmodul", lessons=3)


def lessons_of(module) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(module).order_by("path"))


def complete_all(user, module) -> None:
    for lesson in lessons_of(module):
        lesson_complete(user=user, lesson=lesson)


def past_sessions(offering, count: int, *, cancelled: int = 0):
    start = timezone.now() - datetime.timedelta(days=10)
    return [
        SessionFactory(
            offering=offering,
            starts_at=start + datetime.timedelta(days=number),
            ends_at=start + datetime.timedelta(days=number, hours=3),
            is_cancelled=number < cancelled,
        )
        for number in range(count)
    ]


def test_without_an_offering_the_lessons_decide(learner, module):
    first, second, third = lessons_of(module)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)
    assert ModuleCompletion.objects.count() == 0
    lesson_complete(user=learner, lesson=third)
    completion = ModuleCompletion.objects.get()
    assert (completion.user, completion.module_id, completion.offering_id) == (
        learner,
        module.pk,
        None,
    )


def test_lesson_complete_is_idempotent(learner, module):
    lesson = lessons_of(module)[0]
    first = lesson_complete(user=learner, lesson=lesson)
    again = lesson_complete(user=learner, lesson=lesson)
    assert first.pk == again.pk
    assert first.completed_at == again.completed_at
    assert LessonCompletion.objects.count() == 1


def test_optional_and_unpublished_lessons_are_not_required(learner, module):
    first, second, third = lessons_of(module)
    second.is_required = False
    second.save_revision().publish()
    third.unpublish()
    lesson_complete(user=learner, lesson=first)
    assert ModuleCompletion.objects.filter(user=learner, module=module).count() == 1


def test_a_module_with_nothing_required_is_never_completed(learner):
    module = module_create(title="Tomt modul", lessons=1)
    lesson = lessons_of(module)[0]
    lesson.is_required = False
    lesson.save_revision().publish()
    lesson_complete(user=learner, lesson=lesson)
    assert module_completion_evaluate(user=learner, module=module) is None
    assert ModuleCompletion.objects.count() == 0


def test_confirmed_offering_without_sessions_is_linked_but_lessons_decide(
    learner, module
):
    offering = OfferingFactory(module=module)
    EnrolmentFactory(offering=offering, user=learner)
    complete_all(learner, module)
    assert ModuleCompletion.objects.get().offering == offering


def test_attendance_must_meet_the_offerings_threshold(learner, module):
    offering = OfferingFactory(module=module, attendance_threshold=75)
    EnrolmentFactory(offering=offering, user=learner)
    # Five sessions, one cancelled: four count, and 75 % means three of them.
    cancelled, *sessions = past_sessions(offering, 5, cancelled=1)
    assert cancelled.is_cancelled
    complete_all(learner, module)
    assert ModuleCompletion.objects.count() == 0

    attendance_record(
        session=sessions[0], user=learner, present=True, source=AttendanceSource.CHECKIN
    )
    attendance_record(
        session=sessions[1],
        user=learner,
        present=False,
        source=AttendanceSource.CHECKIN,
    )
    attendance_record(
        session=sessions[2], user=learner, present=True, source=AttendanceSource.WEBINAR
    )
    assert ModuleCompletion.objects.count() == 0  # 2 of 4 = 50 %

    # A correction of an absence to present makes 3 of 4 = 75 %.
    attendance_record(
        session=sessions[1], user=learner, present=True, source=AttendanceSource.CHECKIN
    )
    completion = ModuleCompletion.objects.get()
    assert (completion.user, completion.module_id, completion.offering) == (
        learner,
        module.pk,
        offering,
    )


def test_attendance_alone_does_not_complete_without_the_lessons(learner, module):
    offering = OfferingFactory(module=module, attendance_threshold=50)
    EnrolmentFactory(offering=offering, user=learner)
    (session,) = past_sessions(offering, 1)
    attendance_record(
        session=session, user=learner, present=True, source=AttendanceSource.WEBINAR
    )
    assert ModuleCompletion.objects.count() == 0
    first, second, third = lessons_of(module)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)
    assert ModuleCompletion.objects.count() == 0
    lesson_complete(user=learner, lesson=third)
    assert ModuleCompletion.objects.get().offering == offering


def test_wait_listed_enrolment_does_not_count(learner, module):
    offering = OfferingFactory(module=module)
    EnrolmentFactory(offering=offering, user=learner, status=EnrolmentStatus.WAITLISTED)
    past_sessions(offering, 2)
    complete_all(learner, module)
    assert ModuleCompletion.objects.get().offering is None


def test_meeting_the_threshold_in_one_of_two_offerings_is_enough(learner, module):
    missed = OfferingFactory(module=module)
    EnrolmentFactory(offering=missed, user=learner)
    past_sessions(missed, 2)
    attended = OfferingFactory(
        module=module,
        planned_start=timezone.localdate() - datetime.timedelta(days=400),
        enrolment_deadline=timezone.localdate() - datetime.timedelta(days=420),
    )
    EnrolmentFactory(offering=attended, user=learner)
    complete_all(learner, module)
    assert ModuleCompletion.objects.count() == 0
    (session,) = past_sessions(attended, 1)
    attendance_record(
        session=session, user=learner, present=True, source=AttendanceSource.CHECKIN
    )
    assert ModuleCompletion.objects.get().offering == attended


def test_module_completion_is_created_once_and_kept(learner, module):
    complete_all(learner, module)
    completion = module_completion_evaluate(user=learner, module=module)
    assert module_completion_evaluate(user=learner, module=module) == completion
    LessonCompletion.objects.filter(user=learner).delete()
    assert module_completion_evaluate(user=learner, module=module) == completion
    assert ModuleCompletion.objects.count() == 1


def test_other_learners_progress_does_not_count(learner, module):
    complete_all(UserFactory(), module)
    first, second, _third = lessons_of(module)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)
    assert ModuleCompletion.objects.filter(user=learner).count() == 0
    assert ModuleCompletion.objects.count() == 1


def test_attendance_record_is_an_idempotent_upsert(learner, module):
    offering = OfferingFactory(module=module)
    (session,) = past_sessions(offering, 1)
    recorder = UserFactory()
    first = attendance_record(
        session=session,
        user=learner,
        present=True,
        minutes_present=45,
        source=AttendanceSource.WEBINAR,
    )
    again = attendance_record(
        session=session,
        user=learner,
        present=True,
        minutes_present=45,
        source=AttendanceSource.WEBINAR,
    )
    assert first.pk == again.pk
    assert SessionAttendance.objects.count() == 1
    attendance_record(
        session=session,
        user=learner,
        present=False,
        source=AttendanceSource.CHECKIN,
        recorded_by=recorder,
    )
    row = SessionAttendance.objects.get()
    assert (row.present, row.minutes_present, row.source, row.recorded_by) == (
        False,
        None,
        "checkin",
        recorder,
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"source": "telefon"}, "Ukendt kilde til fremmøde."),
        ({"minutes_present": 1441}, "Minutter til stede skal være mellem 0 og 1440."),
        ({"minutes_present": -1}, "Minutter til stede skal være mellem 0 og 1440."),
    ],
)
def test_attendance_record_refuses_bad_input(learner, module, kwargs, error):
    (session,) = past_sessions(OfferingFactory(module=module), 1)
    arguments = {
        "session": session,
        "user": learner,
        "present": True,
        "source": AttendanceSource.WEBINAR,
        **kwargs,
    }
    with pytest.raises(ValidationError) as raised:
        attendance_record(**arguments)
    assert raised.value.messages == [error]
    assert SessionAttendance.objects.count() == 0


def test_attendance_for_a_cancelled_session_is_refused(learner, module):
    (session,) = past_sessions(OfferingFactory(module=module), 1, cancelled=1)
    with pytest.raises(ValidationError) as raised:
        attendance_record(
            session=session, user=learner, present=True, source=AttendanceSource.WEBINAR
        )
    assert raised.value.messages == [
        "Sessionen er aflyst, så der kan ikke registreres fremmøde."
    ]
    assert SessionAttendance.objects.count() == 0
