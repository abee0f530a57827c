"""Writes for offerings (hold) and their sessions.

Every save of an offering or a session raises its ``ical_sequence``, so calendar
programs that already hold the event replace it instead of keeping a stale copy
(RFC 5545 §3.8.7.4). The ``uid`` never changes.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.models import Offering, OfferingStatus, Session

DEADLINE_AFTER_START = _("The nomination deadline must be on or before the start.")
SEATS_TOO_FEW = _("An offering must have at least one seat.")
SESSION_ENDS_BEFORE_START = _("A session must end after it starts.")


def offering_validate(*, offering: Offering) -> None:
    """Check the rules an offering must keep, with Danish messages per field.

    No side effects. Raises ``ValidationError`` (a dict keyed by field name).
    """
    errors: dict[str, list] = {}
    if (
        offering.enrolment_deadline
        and offering.planned_start
        and offering.enrolment_deadline > offering.planned_start
    ):
        errors.setdefault("enrolment_deadline", []).append(DEADLINE_AFTER_START)
    if offering.seats is not None and offering.seats < 1:
        errors.setdefault("seats", []).append(SEATS_TOO_FEW)
    if errors:
        raise ValidationError(errors)


def session_validate(*, session: Session) -> None:
    """Check that a session ends after it starts. No side effects; raises
    ``ValidationError`` keyed by ``ends_at``."""
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": [SESSION_ENDS_BEFORE_START]})


@transaction.atomic
def offering_save(
    *, offering: Offering, responsible: Iterable[User] | None = None
) -> Offering:
    """Create or update an offering.

    Side effects: on an update the offering's ``ical_sequence`` and that of each of
    its sessions go up by one, because every session's calendar event carries the
    offering's module, format and status. When ``responsible`` is given the
    responsible staff are replaced by it. Not idempotent: each call is a new
    revision of the calendar events. An offering that becomes cancelled has everyone
    on it e-mailed after commit (``services.cancellation``); a change of seats
    recomputes the invited organisations' suggested seats
    (``services.fairness``). Raises ``ValidationError`` with Danish messages
    and saves nothing when the offering breaks a rule.
    """
    offering_validate(offering=offering)
    if offering.pk is not None and not offering._state.adding:
        current, previous_status, previous_seats = (
            Offering.objects.select_for_update()
            .values_list("ical_sequence", "status", "seats")
            .get(pk=offering.pk)
        )
        offering.ical_sequence = current + 1
        offering.save()
        Session.objects.filter(offering=offering).update(
            ical_sequence=F("ical_sequence") + 1
        )
        if (
            offering.status == OfferingStatus.CANCELLED
            and previous_status != OfferingStatus.CANCELLED
        ):
            _after_commit_notify_offering(offering.pk, offering.ical_sequence)
        if offering.seats != previous_seats:
            from courses.services.fairness import invitation_suggestions_recompute

            invitation_suggestions_recompute(offering=offering)
    else:
        offering.save()
    if responsible is not None:
        offering.responsible.set(responsible)
    return offering


def _after_commit_notify_offering(offering_id: int, revision: int) -> None:
    from courses.tasks import offering_cancellation_notify_task

    transaction.on_commit(
        lambda: offering_cancellation_notify_task.delay(offering_id, revision)
    )


def _after_commit_notify_session(session_id: int, revision: int) -> None:
    from courses.tasks import session_cancellation_notify_task

    transaction.on_commit(
        lambda: session_cancellation_notify_task.delay(session_id, revision)
    )


@transaction.atomic
def offering_cancel(*, offering: Offering) -> Offering:
    """Cancel an offering (status ``aflyst``).

    Side effects: the status changes and the sequences go up as in
    ``offering_save``, so subscribed calendars mark every session cancelled, and
    after commit everyone on the offering and the invited organisations' contact
    persons are e-mailed (``services.cancellation``).
    Idempotent in outcome: cancelling a cancelled offering changes nothing.
    """
    if offering.status == OfferingStatus.CANCELLED:
        return offering
    offering.status = OfferingStatus.CANCELLED
    return offering_save(offering=offering)


@transaction.atomic
def session_save(*, session: Session) -> Session:
    """Create or update a session of an offering.

    Side effects: on an update the session's ``ical_sequence`` goes up by one; a
    session that becomes cancelled has everyone on its offering e-mailed after
    commit (``services.cancellation``). Not
    idempotent (each call is a new calendar revision). Raises ``ValidationError``
    with a Danish message and saves nothing when the session ends before it starts.
    """
    session_validate(session=session)
    was_cancelled = False
    if session.pk is not None and not session._state.adding:
        current, was_cancelled = (
            Session.objects.select_for_update()
            .values_list("ical_sequence", "is_cancelled")
            .get(pk=session.pk)
        )
        session.ical_sequence = current + 1
    session.save()
    if session.is_cancelled and not was_cancelled:
        _after_commit_notify_session(session.pk, session.ical_sequence)
    return session
