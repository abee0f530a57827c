"""Celery tasks of the core: sending e-mail."""

from celery import shared_task

from .mail import NETWORK_ERRORS, email_send, emails_send_due


@shared_task(
    autoretry_for=NETWORK_ERRORS,
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
)
def email_send_task(email_id: int) -> None:
    """Send one scheduled e-mail. Idempotent: the row is claimed before sending, so
    a retry or a duplicate delivery never sends it twice; a gone row is ignored."""
    email_send(email_id=email_id)


@shared_task
def emails_send_due_task() -> None:
    """Periodic (beat, every minute): send every e-mail whose time has come. Picks up
    e-mails scheduled for later and any whose send task was lost."""
    emails_send_due()


@shared_task
def erasures_run_due_task() -> None:
    """Periodic (beat, hourly): carry out the erasures that are due, archiving
    first where decided. Idempotent: each erasure is claimed before it runs."""
    from .erasure import erasures_run_due

    erasures_run_due()
