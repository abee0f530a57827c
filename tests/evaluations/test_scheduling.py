"""Invitations and reminders are created by the periodic job when due (time moved
forward with ``now``), each person is invited once, and every e-mail is sent once
even when the task is retried."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from courses.models import EnrolmentStatus, ModuleCompletion, OfferingFormat
from evaluations.models import Invitation, Trigger
from evaluations.services import (
    invitation_send,
    invitations_create_due,
    invitations_send_due,
    reminders_send_due,
)
from evaluations.tasks import evaluations_send_due_task
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, OfferingFactory, SessionFactory
from tests.evaluations.factories import schedule_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


def _offering_ended(days_ago: int, **fields):
    """An offering whose only session ended ``days_ago`` days ago."""
    offering = OfferingFactory(
        planned_start=timezone.localdate() - datetime.timedelta(days=days_ago),
        **fields,
    )
    SessionFactory(offering=offering)
    return offering


def _run(now, capture):
    with capture(execute=True):
        invitations_create_due(now=now)
        invitations_send_due(now=now)
        reminders_send_due(now=now)


def test_after_the_last_session_invites_confirmed_participants_once(
    django_capture_on_commit_callbacks,
):
    offering = _offering_ended(days_ago=0)
    confirmed = EnrolmentFactory(offering=offering).user
    EnrolmentFactory(offering=offering, status=EnrolmentStatus.WAITLISTED)
    schedule_create(module=offering.module, delay_days=3, reminder_count=0)
    last_end = offering.sessions.get().ends_at

    _run(
        last_end + datetime.timedelta(days=2, hours=23),
        django_capture_on_commit_callbacks,
    )
    assert not Invitation.objects.exists()
    assert mail.outbox == []

    _run(last_end + datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert invitation.user == confirmed
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [confirmed.email]
    assert message.subject == "Evaluering: Evaluering af modul"
    assert "/evaluering/svar/" in message.body

    # Later runs find nothing new to do.
    _run(last_end + datetime.timedelta(days=4), django_capture_on_commit_callbacks)
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_retried_task_sends_each_invitation_once(
    django_capture_on_commit_callbacks, monkeypatch
):
    offering = _offering_ended(days_ago=5)
    EnrolmentFactory(offering=offering)
    EnrolmentFactory(offering=offering)
    schedule_create(offering=offering, delay_days=1)

    with django_capture_on_commit_callbacks(execute=True):
        evaluations_send_due_task.apply()
    with django_capture_on_commit_callbacks(execute=True):
        evaluations_send_due_task.apply()  # a retry, or beat firing twice
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2
    assert len({message.to[0] for message in mail.outbox}) == 2

    # A second send of an invitation that was already claimed does nothing.
    invitation = Invitation.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitation_send(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 2


def test_reminders_go_to_non_respondents_at_most_the_set_number_of_times(
    django_capture_on_commit_callbacks,
):
    offering = _offering_ended(days_ago=0)
    silent = EnrolmentFactory(offering=offering).user
    answered = EnrolmentFactory(offering=offering).user
    schedule_create(
        module=offering.module,
        delay_days=1,
        reminder_count=2,
        reminder_interval_days=7,
        open_days=30,
    )
    start = offering.sessions.get().ends_at + datetime.timedelta(days=1)
    _run(start, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    Invitation.objects.filter(user=answered).update(responded_at=start)

    _run(start + datetime.timedelta(days=6), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # too early
    _run(start + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    _run(start + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    reminder = mail.outbox[-1]
    assert reminder.to == [silent.email]
    assert reminder.subject == "Påmindelse – evaluering: Evaluering af modul"
    _run(start + datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    _run(start + datetime.timedelta(days=21), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 4  # two reminders at most
    assert Invitation.objects.get(user=silent).reminders_sent == 2
    assert Invitation.objects.get(user=answered).reminders_sent == 0


def test_no_reminder_after_the_closing_date(django_capture_on_commit_callbacks):
    offering = _offering_ended(days_ago=0)
    EnrolmentFactory(offering=offering)
    schedule_create(
        module=offering.module, delay_days=0, open_days=5, reminder_interval_days=7
    )
    start = offering.sessions.get().ends_at
    _run(start, django_capture_on_commit_callbacks)
    _run(start + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_follow_up_ninety_days_after_the_participants_own_completion(
    django_capture_on_commit_callbacks,
):
    offering = _offering_ended(days_ago=10)
    user = UserFactory()
    other = UserFactory()
    completed_at = timezone.now() - datetime.timedelta(days=5)
    ModuleCompletion.objects.create(
        user=user, module=offering.module, offering=offering, completed_at=completed_at
    )
    ModuleCompletion.objects.create(
        user=other,
        module=offering.module,
        offering=offering,
        completed_at=completed_at + datetime.timedelta(days=10),
    )
    schedule_create(
        module=offering.module, trigger=Trigger.AFTER_COMPLETION, delay_days=90
    )
    _run(completed_at + datetime.timedelta(days=89), django_capture_on_commit_callbacks)
    assert not Invitation.objects.exists()
    _run(completed_at + datetime.timedelta(days=90), django_capture_on_commit_callbacks)
    assert list(Invitation.objects.values_list("user", flat=True)) == [user.pk]
    _run(
        completed_at + datetime.timedelta(days=100), django_capture_on_commit_callbacks
    )
    assert set(Invitation.objects.values_list("user", flat=True)) == {
        user.pk,
        other.pk,
    }


def test_after_a_webinar_session_only_for_webinar_offerings(
    django_capture_on_commit_callbacks,
):
    webinar = _offering_ended(days_ago=2, format=OfferingFormat.WEBINAR)
    second = SessionFactory(
        offering=webinar,
        starts_at=webinar.sessions.get().starts_at + datetime.timedelta(days=1),
        ends_at=webinar.sessions.get().ends_at + datetime.timedelta(days=1),
    )
    in_person = _offering_ended(
        days_ago=2, format=OfferingFormat.IN_PERSON, module=webinar.module
    )
    participant = EnrolmentFactory(offering=webinar).user
    EnrolmentFactory(offering=in_person)
    schedule_create(module=webinar.module, trigger=Trigger.AFTER_WEBINAR, delay_days=0)

    _run(timezone.now(), django_capture_on_commit_callbacks)
    invitations = Invitation.objects.order_by("session__starts_at")
    assert [(i.user_id, i.offering_id) for i in invitations] == [
        (participant.pk, webinar.pk),
        (participant.pk, webinar.pk),
    ]
    assert invitations[1].session == second
    assert len(mail.outbox) == 2
