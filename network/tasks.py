"""Celery tasks for the networks: the periodic e-mail digests and keeping one
network per district and per offering."""

from celery import shared_task

from .models import EmailFrequency
from .services import networks_sync, notification_digests_send


@shared_task
def notification_digest_daily_task() -> int:
    """Periodic (beat, every morning): send the daily digests. Idempotent: each
    notification is claimed before its digest is scheduled, and digests are sent
    once by core.mail."""
    return notification_digests_send(frequency=EmailFrequency.DAILY)


@shared_task
def notification_digest_weekly_task() -> int:
    """Periodic (beat, Monday mornings): send the weekly digests. Idempotent as
    the daily one."""
    return notification_digests_send(frequency=EmailFrequency.WEEKLY)


@shared_task
def networks_sync_task() -> int:
    """Periodic (beat, every ten minutes): create the network of each new offering
    (and of any new district). Idempotent."""
    return networks_sync()
