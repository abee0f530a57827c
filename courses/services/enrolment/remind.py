"""Remind: participants before each session, contacts before the deadline."""

import datetime

from django.urls import reverse

from core.mail import absolute_url, email_schedule
from courses.services.enrolment._common import _email_context

#: Reminders go out this long before a session and before the nomination deadline.
SESSION_REMINDER_BEFORE = datetime.timedelta(days=2)
DEADLINE_REMINDER_DAYS = 3


def enrolment_reminders_schedule() -> int:
    """Periodic: schedule the reminders that are due now. Confirmed participants get
    one before each session; contact persons of invited organisations get one
    before the nomination deadline. The e-mail keys make each reminder unique, so
    running this every hour sends each one once. Returns how many were scheduled."""
    from courses.selectors.enrolment import (
        deadline_reminders_due,
        session_reminders_due,
    )

    scheduled = 0
    for session, enrolment in session_reminders_due(within=SESSION_REMINDER_BEFORE):
        scheduled += bool(
            email_schedule(
                key=f"session-reminder:{session.pk}:{enrolment.user_id}",
                to=enrolment.user.email,
                user=enrolment.user,
                template="courses/email/session_reminder",
                context=_email_context(
                    session.offering, session=session, person=enrolment.user
                ),
            )
        )
    for invitation, contact in deadline_reminders_due(days=DEADLINE_REMINDER_DAYS):
        scheduled += bool(
            email_schedule(
                key=f"deadline-reminder:{invitation.pk}:{contact.pk}",
                to=contact.email,
                user=contact,
                template="courses/email/deadline_reminder",
                context=_email_context(
                    invitation.offering,
                    invitation=invitation,
                    contact=contact,
                    url=absolute_url(
                        reverse("courses:invitation", args=[invitation.pk])
                    ),
                ),
            )
        )
    return scheduled
