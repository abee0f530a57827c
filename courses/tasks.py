"""Celery tasks of the courses capability: the periodic enrolment jobs."""

from celery import shared_task

from courses.services.enrolment import (
    enrolment_offers_expire,
    enrolment_reminders_schedule,
)


@shared_task
def enrolment_reminders_schedule_task() -> None:
    """Periodic (beat): schedule the session and nomination-deadline reminders that
    are due. Idempotent: each reminder has a unique e-mail key, so it goes once."""
    enrolment_reminders_schedule()


@shared_task
def enrolment_offers_expire_task() -> None:
    """Periodic (beat): let offered seats that were not accepted in time lapse and
    offer them to the next on the waiting list. Idempotent."""
    enrolment_offers_expire()
