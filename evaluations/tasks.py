"""Celery tasks for evaluations."""

from celery import shared_task

from evaluations.services import (
    invitations_create_due,
    invitations_send_due,
    reminders_send_due,
)


@shared_task
def evaluations_send_due_task() -> None:
    """Periodic (beat): create the invitations that have become due, send the unsent
    ones and remind those who have not answered. Idempotent: rows are unique per
    schedule, offering (or session) and person, and every e-mail is claimed on its
    row and keyed uniquely in core.mail, so a retried or overlapping run sends
    nothing twice."""
    invitations_create_due()
    invitations_send_due()
    reminders_send_due()
