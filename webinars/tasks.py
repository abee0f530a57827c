"""Periodic jobs of the webinar rooms."""

from celery import shared_task

from .services import rooms_close_due


@shared_task
def rooms_close_due_task() -> tuple[int, int]:
    """Close breakouts whose time is up and end rooms whose session is over (which
    records attendance). Idempotent, so a retried or doubled run changes nothing."""
    return rooms_close_due()
