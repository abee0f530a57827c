"""E-mail about followed threads: immediately, or in a daily or weekly digest that
sends each notification once, even when the job runs twice."""

from django.core import mail
from django.urls import reverse

import pytest

from core.models import ScheduledEmail
from network.models import EmailFrequency, Notification
from network.services import (
    notification_digests_send,
    notification_preference_set,
    notifications_mark_read,
    post_create,
)
from network.tasks import notification_digest_daily_task
from tests.network.factories import ODENSE, person, theme_network, thread_with_replies

pytestmark = pytest.mark.django_db


def test_immediate_email_is_sent_once_after_commit(
    django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    author = person()
    notification_preference_set(user=author, email_frequency=EmailFrequency.IMMEDIATE)
    thread = thread_with_replies(network=theme_network(), author=author)
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(user=person(ODENSE), thread=thread, body="Et svar")
    notification = Notification.objects.get(recipient=author)
    email = ScheduledEmail.objects.get(key=f"network-notification:{notification.pk}")
    assert email.to_address == author.email
    assert email.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f'Nyt i tråden "{thread.title}"'
    assert f"#post-{post.pk}" in mail.outbox[0].body
    # The post's text is not in the e-mail: it stays behind the login.
    assert "Et svar" not in mail.outbox[0].body
    # Already handled, so never in a digest too.
    assert notification_digests_send(frequency=EmailFrequency.DAILY) == 0


def test_daily_digest_lists_threads_once_and_claims_the_notifications():
    author = person()  # no preference: daily digest
    thread = thread_with_replies(
        network=theme_network(), author=author, repliers=[person(ODENSE)] * 3
    )
    assert notification_digest_daily_task() == 1
    email = ScheduledEmail.objects.get(to_address=author.email)
    assert email.key.startswith(f"network-digest:{author.pk}:")
    assert email.subject == "I dag i dine netværk"
    assert f"{thread.title} (Digital dannelse): 3 nye indlæg" in email.body_text
    assert Notification.objects.filter(digested_at__isnull=True).count() == 0
    # A second run (retry, overlap) sends nothing more.
    assert notification_digests_send(frequency=EmailFrequency.DAILY) == 0
    assert ScheduledEmail.objects.filter(to_address=author.email).count() == 1


def test_weekly_people_are_not_in_the_daily_digest():
    author = person()
    notification_preference_set(user=author, email_frequency=EmailFrequency.WEEKLY)
    thread_with_replies(network=theme_network(), author=author, repliers=[person()])
    assert notification_digests_send(frequency=EmailFrequency.DAILY) == 0
    assert notification_digests_send(frequency=EmailFrequency.WEEKLY) == 1
    assert ScheduledEmail.objects.get().subject == "Denne uge i dine netværk"


def test_read_notifications_and_never_are_not_emailed():
    reader = person()
    thread_with_replies(network=theme_network(), author=reader, repliers=[person()])
    notifications_mark_read(user=reader)
    quiet = person()
    notification_preference_set(user=quiet, email_frequency=EmailFrequency.NEVER)
    thread_with_replies(network=theme_network(), author=quiet, repliers=[person()])
    assert notification_digests_send(frequency=EmailFrequency.DAILY) == 0
    assert ScheduledEmail.objects.count() == 0
    assert Notification.objects.get(recipient=quiet).read_at is None


def test_notifications_page_lists_and_saves_the_preference(client):
    author = person()
    thread = thread_with_replies(
        network=theme_network(), author=author, repliers=[person()]
    )
    client.force_login(author)
    response = client.get(reverse("network:notifications"))
    assert thread.title in response.content.decode()
    response = client.post(
        reverse("network:notifications"), {"email_frequency": "ugentligt"}
    )
    assert response.status_code == 302
    assert author.network_preference.email_frequency == EmailFrequency.WEEKLY
    response = client.post(reverse("network:notifications"), {"email_frequency": "x"})
    author.network_preference.refresh_from_db()
    assert author.network_preference.email_frequency == EmailFrequency.WEEKLY
