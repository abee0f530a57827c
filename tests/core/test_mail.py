"""Scheduled e-mail: rendered once, sent once, even when a task is retried."""

import smtplib
from datetime import timedelta
from pathlib import Path

from django.core import mail
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from core.mail import MAX_ATTEMPTS, email_schedule, email_send, emails_send_due
from core.models import ScheduledEmail
from core.tasks import email_send_task
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    # A new list, so that Django's setting_changed signal rebuilds the engines.
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES_DIR]}]


def schedule(key="hello:1", **kwargs):
    return email_schedule(
        key=key,
        to="anne@example.dk",
        template="email_test/hello",
        context={"name": "Anne"},
        **kwargs,
    )


def test_an_email_due_now_is_sent_after_commit_in_plain_text_and_html(
    django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = schedule(user=user)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Hej Anne fra SSP"
    assert message.to == ["anne@example.dk"]
    assert message.body == "Hej Anne. Se http://127.0.0.1:8000/hold/\n"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<p>Hej Anne</p>" in html
    assert '<html lang="da">' in html
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_scheduling_the_same_key_twice_stores_one_email():
    assert schedule() is not None
    assert schedule() is None
    assert ScheduledEmail.objects.count() == 1


def test_a_retried_or_duplicated_send_sends_once():
    email = schedule()
    assert email_send(email_id=email.pk) is True
    assert email_send(email_id=email.pk) is False
    email_send_task.apply(args=[email.pk])  # a redelivered task
    assert emails_send_due() == 0
    assert len(mail.outbox) == 1


def test_an_email_for_later_waits_for_the_periodic_job():
    email = schedule(due_at=timezone.now() + timedelta(days=2))
    assert email_send(email_id=email.pk) is False
    assert emails_send_due() == 0
    ScheduledEmail.objects.filter(pk=email.pk).update(
        due_at=timezone.now() - timedelta(seconds=1)
    )
    assert emails_send_due() == 1
    assert emails_send_due() == 0
    assert [m.subject for m in mail.outbox] == ["Hej Anne fra SSP"]


def test_a_network_error_releases_the_claim_so_a_retry_can_send(monkeypatch):
    email = schedule()

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection lost")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        with pytest.raises(smtplib.SMTPServerDisconnected):
            email_send(email_id=email.pk)
        assert emails_send_due() == 0  # logged, left for later
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 2
    assert email.last_error == "connection lost"
    assert emails_send_due() == 1
    assert len(mail.outbox) == 1


def test_an_email_that_keeps_failing_is_given_up():
    email = schedule()
    ScheduledEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS)
    assert emails_send_due() == 0
    assert email_send(email_id=email.pk) is False
    assert mail.outbox == []


def test_a_gone_row_is_ignored():
    assert email_send(email_id=987654) is False


def test_the_local_outbox_lists_emails_for_staff_in_development(client, settings):
    settings.DEBUG = True
    email = schedule()
    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(staff)
    listing = client.get("/udvikling/udbakke/")
    assert listing.status_code == 200
    assert "Hej Anne fra SSP" in listing.content.decode()
    detail = client.get(f"/udvikling/udbakke/{email.pk}/")
    assert "Hej Anne. Se http://127.0.0.1:8000/hold/" in detail.content.decode()


@pytest.mark.parametrize(("debug", "is_staff"), [(False, True), (True, False)])
def test_the_outbox_is_hidden_in_production_and_from_participants(
    client, settings, debug, is_staff
):
    settings.DEBUG = debug
    email = schedule()
    user = UserFactory(is_staff=is_staff)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    assert client.get("/udvikling/udbakke/").status_code == 404
    assert client.get(f"/udvikling/udbakke/{email.pk}/").status_code == 404


def test_attachments_travel_with_the_email():
    email = email_schedule(
        key="with-ics",
        to="anne@example.dk",
        template="email_test/hello",
        context={"name": "Anne"},
        attachments=[
            {
                "filename": "hold.ics",
                "content": "BEGIN:VCALENDAR",
                "mimetype": "text/calendar",
            }
        ],
    )
    assert email_send(email_id=email.pk) is True
    assert mail.outbox[0].attachments == [
        ("hold.ics", "BEGIN:VCALENDAR", "text/calendar")
    ]
