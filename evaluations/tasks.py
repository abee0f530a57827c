"""Celery tasks for evaluations."""

from celery import shared_task

from evaluations.services import (
    invitations_create_due,
    invitations_send_due,
    reminders_send_due,
    self_paced_invitations_create,
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


@shared_task
def self_paced_invitations_create_task(user_id: int, module_id: int) -> None:
    """Queued after a lesson or quiz of a module the person completed on their own:
    invite them to the module's evaluations that are due and send the invitations.
    Idempotent (unique per schedule, module and person; e-mails claimed and keyed),
    quiet when the module does not count yet or has no evaluation."""
    self_paced_invitations_create(user_id=user_id, module_id=module_id)


def self_paced_invitations_queue(user_id: int, module_id: int) -> None:
    """Registered with ``courses.hooks`` (EvaluationsConfig.ready): queue
    ``self_paced_invitations_create_task`` for a module completed on one's own."""
    self_paced_invitations_create_task.delay(user_id, module_id)
