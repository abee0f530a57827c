"""Telling everyone when an offering or one of its sessions is cancelled.

A cancellation is saved through ``courses.services.offerings`` (the Wagtail admin's
forms call ``offering_save`` and ``session_save``). When a save turns an offering or
a session cancelled, a task is queued after commit and calls one of the services
here, which e-mail (through ``core.mail``, in Danish) everyone on the offering
(confirmed, offered and wait-listed) and the contact persons of every invited
organisation, each with a ``METHOD:CANCEL`` calendar file. The e-mail keys name the
offering or session, the calendar revision and the person, so a retried task sends
each e-mail once.
"""

from django.db.models import Prefetch
from django.urls import reverse

from accounts.models import User
from core.mail import absolute_url, email_schedule
from courses.models import (
    Enrolment,
    EnrolmentStatus,
    Invitation,
    Offering,
    OfferingStatus,
    Session,
)
from courses.selectors.enrolment import contacts_by_organisation
from courses.services.calendar import offering_calendar, session_cancel_calendar

#: Who hears about a cancellation: everyone who holds or waits for a seat.
TOLD_STATUSES = (
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.OFFERED,
    EnrolmentStatus.WAITLISTED,
)


def _recipients(offering: Offering) -> list[tuple[User, bool]]:
    """(person, is_contact) for everyone to tell, each person once: participants
    first, then the contact persons of the invited organisations."""
    people: dict[int, tuple[User, bool]] = {}
    for enrolment in Enrolment.objects.filter(
        offering=offering, status__in=TOLD_STATUSES, user__is_active=True
    ).select_related("user"):
        people.setdefault(enrolment.user_id, (enrolment.user, False))
    organisation_ids = list(
        Invitation.objects.filter(offering=offering).values_list(
            "organisation_id", flat=True
        )
    )
    for contacts in contacts_by_organisation(
        organisation_ids=organisation_ids
    ).values():
        for contact in contacts:
            people.setdefault(contact.pk, (contact, True))
    return list(people.values())


def _offering_for_mail(offering_id: int) -> Offering | None:
    return (
        Offering.objects.select_related("module", "politikreds")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
        )
        .filter(pk=offering_id)
        .first()
    )


def offering_cancellation_notify(*, offering_id: int, revision: int) -> int:
    """E-mail everyone on a cancelled offering and the invited organisations'
    contact persons, with a ``METHOD:CANCEL`` calendar file of all its sessions.

    ``revision`` is the offering's calendar sequence at the cancellation; it is part
    of each e-mail's key, so a retry sends nothing twice (idempotent), while an
    offering cancelled again after being reopened is told again. Does nothing when
    the offering is gone or no longer cancelled. Returns how many e-mails were
    scheduled.
    """
    offering = _offering_for_mail(offering_id)
    if offering is None or offering.status != OfferingStatus.CANCELLED:
        return 0
    return _cancellation_mail(
        offering=offering,
        key=f"offering-cancelled:{offering.pk}:{revision}",
        template="courses/email/offering_cancelled",
        calendar=offering_calendar(offering=offering, base_url=absolute_url("")),
        filename=f"hold-{offering.pk}-aflyst.ics",
        context={},
    )


def session_cancellation_notify(*, session_id: int, revision: int) -> int:
    """E-mail everyone on the offering of a cancelled session and the invited
    organisations' contact persons, with a ``METHOD:CANCEL`` calendar file of that
    session. Idempotent by ``revision`` like ``offering_cancellation_notify``; does
    nothing when the session is gone, no longer cancelled, or its whole offering is
    cancelled (that e-mail says it all). Returns how many e-mails were scheduled.
    """
    session = (
        Session.objects.select_related("offering__module", "offering__politikreds")
        .filter(pk=session_id)
        .first()
    )
    if (
        session is None
        or not session.is_cancelled
        or session.offering.status == OfferingStatus.CANCELLED
    ):
        return 0
    return _cancellation_mail(
        offering=session.offering,
        key=f"session-cancelled:{session.pk}:{revision}",
        template="courses/email/session_cancelled",
        calendar=session_cancel_calendar(session=session, base_url=absolute_url("")),
        filename=f"session-{session.pk}-aflyst.ics",
        context={"session": session},
    )


def _cancellation_mail(
    *,
    offering: Offering,
    key: str,
    template: str,
    calendar: bytes,
    filename: str,
    context: dict,
) -> int:
    """One e-mail with the ``METHOD:CANCEL`` calendar file to each of the
    offering's people and contact persons (``key`` plus the person makes it sent
    once). Returns how many were scheduled."""
    attachment = {
        "filename": filename,
        "content": calendar.decode(),
        "mimetype": "text/calendar",
    }
    scheduled = 0
    dashboard_url = absolute_url(reverse("courses:dashboard"))
    invitations_url = absolute_url(reverse("courses:invitations"))
    for person, is_contact in _recipients(offering):
        scheduled += bool(
            email_schedule(
                key=f"{key}:{person.pk}",
                to=person.email,
                user=person,
                template=template,
                context={
                    "offering": offering,
                    **context,
                    "person": person,
                    "is_contact": is_contact,
                    "url": invitations_url if is_contact else dashboard_url,
                },
                attachments=[attachment],
            )
        )
    return scheduled


__all__ = ["offering_cancellation_notify", "session_cancellation_notify"]
