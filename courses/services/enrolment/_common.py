"""What every enrolment flow shares: the permission checks, the audit event, the
locked rows that guard the seats, and the e-mails' context and decision e-mail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.mail import absolute_url, email_schedule
from courses.models import (
    SEAT_HOLDING_STATUSES,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Invitation,
    Nomination,
    Offering,
    OfferingStatus,
    Session,
)
from courses.selectors.enrolment import is_enrolment_admin
from courses.services.calendar import offering_calendar


class Decision:
    """The administrator's three answers to a nomination (``nominations_decide``)."""

    CONFIRM = "confirm"
    WAITLIST = "waitlist"
    DECLINE = "decline"
    ALL = (CONFIRM, WAITLIST, DECLINE)


def _event(
    *,
    offering: Offering,
    kind: str,
    actor: User | None,
    organisation: Organisation | None = None,
    nomination: Nomination | None = None,
    detail: str = "",
) -> EnrolmentEvent:
    return EnrolmentEvent.objects.create(
        offering=offering,
        organisation=organisation,
        kind=kind,
        actor=actor,
        nomination=nomination,
        detail=detail[:300],
    )


def _require_admin(actor: User) -> None:
    if not is_enrolment_admin(actor):
        raise PermissionDenied(_("Only Socialstyrelsen's administrators may do this."))


def _require_contact(actor: User, organisation: Organisation) -> None:
    if not (
        actor.has_perm("accounts.nominate_participants")
        and actor.organisation_id == organisation.pk
    ):
        raise PermissionDenied(
            _("Only the organisation's own contact persons may do this.")
        )


def _nominations_open(offering: Offering) -> None:
    if offering.status != OfferingStatus.OPEN:
        raise ValidationError(_("The offering is not open for nominations."))
    if timezone.localdate() > offering.enrolment_deadline:
        raise ValidationError(
            _(
                "The nomination deadline was %(deadline)s, so nominations are closed. "
                "Write to Socialstyrelsen in the message thread if something must "
                "change."
            )
            % {"deadline": offering.enrolment_deadline.strftime("%d.%m.%Y")}
        )


def _locked_offering(offering_id: int) -> Offering:
    """The offering's row, locked until the transaction ends: the gate every write
    that takes a seat passes through. Its sessions come along (unlocked) for the
    e-mails the write sends."""
    return (
        Offering.objects.select_for_update(of=("self",))
        .select_related("module", "politikreds")
        .prefetch_related(_active_sessions_prefetch())
        .get(pk=offering_id)
    )


def _active_sessions_prefetch() -> Prefetch:
    return Prefetch(
        "sessions",
        queryset=Session.objects.filter(is_cancelled=False),
        to_attr="active_sessions",
    )


def _locked_invitation(invitation_id: int) -> Invitation:
    """The invitation's row, locked, with a fresh offering: nominations of one
    organisation are re-numbered one writer at a time."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("offering", "organisation")
        .get(pk=invitation_id)
    )


def _seats_taken(offering: Offering) -> int:
    return Enrolment.objects.filter(
        offering=offering, status__in=SEAT_HOLDING_STATUSES
    ).count()


def _email_context(offering: Offering, **extra) -> dict:
    # Offerings from _locked_offering carry their sessions: one query per write,
    # however many e-mails it sends.
    sessions = getattr(offering, "active_sessions", None)
    if sessions is None:
        sessions = list(offering.sessions.filter(is_cancelled=False))
    return {
        "offering": offering,
        "sessions": sessions,
        "dashboard_url": absolute_url(reverse("courses:dashboard")),
        **extra,
    }


def _calendar_attachment(offering: Offering) -> list[dict]:
    content = offering_calendar(offering=offering, base_url=absolute_url(""))
    return [
        {
            "filename": f"hold-{offering.pk}.ics",
            "content": content.decode(),
            "mimetype": "text/calendar",
        }
    ]


def _decision_email(
    enrolment: Enrolment,
    kind: str,
    event: EnrolmentEvent,
    message: str = "",
    attachments: list[dict] | None = None,
) -> None:
    """The person's e-mail about a decision; a confirmation carries the calendar
    (pass ``attachments`` to reuse one built for a whole batch)."""
    offering = enrolment.offering
    if attachments is None and kind == EnrolmentStatus.CONFIRMED:
        attachments = _calendar_attachment(offering)
    email_schedule(
        key=f"enrolment:{enrolment.pk}:{kind}:{event.pk}",
        to=enrolment.user.email,
        user=enrolment.user,
        template=f"courses/email/enrolment_{kind}",
        context=_email_context(
            offering, enrolment=enrolment, person=enrolment.user, message=message
        ),
        attachments=attachments or [],
    )
