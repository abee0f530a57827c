"""Celery tasks of the courses capability: the periodic enrolment jobs."""

from celery import shared_task

from courses.services.cancellation import (
    offering_cancellation_notify,
    session_cancellation_notify,
)
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


@shared_task
def offering_cancellation_notify_task(offering_id: int, revision: int) -> None:
    """Queued after an offering is cancelled: e-mail everyone on it and the invited
    organisations' contact persons. Idempotent (the e-mail keys name the revision);
    quiet when the offering is gone or reopened."""
    offering_cancellation_notify(offering_id=offering_id, revision=revision)


@shared_task
def session_cancellation_notify_task(session_id: int, revision: int) -> None:
    """Queued after a session is cancelled: e-mail everyone on its offering and the
    contact persons. Idempotent; quiet when the session is gone or reinstated."""
    session_cancellation_notify(session_id=session_id, revision=revision)
