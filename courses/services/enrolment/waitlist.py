"""The waiting list: a freed seat is offered by the fairness rule, accepted in
time, or lapses to the next in line."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.mail import absolute_url, email_schedule
from courses.models import (
    SEAT_HOLDING_STATUSES,
    Enrolment,
    EnrolmentEvent,
    EnrolmentEventKind,
    EnrolmentStatus,
    Invitation,
    Offering,
)
from courses.selectors.enrolment import organisation_contacts
from courses.services.enrolment._common import (
    _decision_email,
    _email_context,
    _event,
    _locked_offering,
    _seats_taken,
)
from courses.services.fairness import (
    WaitingPlace,
    promotion_order,
)

#: How long the first on the waiting list has to accept an offered seat.
OFFER_TIME = datetime.timedelta(days=3)


def _organisation_of(enrolment: Enrolment) -> Organisation | None:
    """The organisation that nominated the person, else the person's own."""
    if enrolment.nomination is not None:
        return enrolment.nomination.invitation.organisation
    return enrolment.user.organisation


def _enrolment_move(
    enrolment: Enrolment,
    *,
    offering: Offering,
    status: str,
    kind: str,
    actor: User | None,
    expires=None,
    detail: str = "",
) -> EnrolmentEvent:
    """Give a place its new status (and offer deadline) and record the event."""
    enrolment.offering = offering
    enrolment.status = status
    enrolment.offer_expires_at = expires
    enrolment.save(update_fields=["status", "offer_expires_at", "updated_at"])
    return _event(
        offering=offering,
        kind=kind,
        actor=actor,
        organisation=_organisation_of(enrolment),
        nomination=enrolment.nomination,
        detail=detail,
    )


def _contacts_of(enrolment: Enrolment) -> Iterable[User]:
    organisation = _organisation_of(enrolment)
    return organisation_contacts(organisation=organisation) if organisation else []


def _tell_contacts(
    enrolment: Enrolment, kind: str, event: EnrolmentEvent, *, exclude: User | None
) -> None:
    for contact in _contacts_of(enrolment):
        if exclude is not None and contact.pk == exclude.pk:
            continue
        email_schedule(
            key=f"contact-{kind}:{event.pk}:{contact.pk}",
            to=contact.email,
            user=contact,
            template=f"courses/email/contact_{kind}",
            context=_email_context(
                enrolment.offering,
                enrolment=enrolment,
                person=enrolment.user,
                url=absolute_url(reverse("courses:invitations")),
            ),
        )


def waitlist_promote(*, offering: Offering, actor: User | None) -> list[Enrolment]:
    """Offer free seats from the waiting list by the fairness rule
    (``services.fairness.promotion_order``): first to the waiting list of the
    organisation furthest below its suggested share, ties and the rest in the order
    people were wait-listed. Must run inside the caller's transaction with the
    offering row locked (``_locked_offering``). Each promoted person holds the seat
    until ``offer_expires_at`` and gets an e-mail; their contacts are told. Returns
    the promoted enrolments (none when no seat is free)."""
    free = offering.seats - _seats_taken(offering)
    if free <= 0:
        return []
    waiting_enrolments = list(
        Enrolment.objects.filter(offering=offering, status=EnrolmentStatus.WAITLISTED)
        .select_related("user", "nomination__invitation__organisation")
        .order_by("waitlisted_at", "pk")
    )
    if not waiting_enrolments:
        return []
    shares = dict(
        Invitation.objects.filter(offering=offering).values_list(
            "organisation_id", "suggested_seats"
        )
    )
    holding: dict[int | None, int] = {}
    for enrolment in Enrolment.objects.filter(
        offering=offering, status__in=SEAT_HOLDING_STATUSES
    ).select_related("user", "nomination__invitation"):
        organisation_id = _organisation_id_of(enrolment)
        holding[organisation_id] = holding.get(organisation_id, 0) + 1
    by_id = {enrolment.pk: enrolment for enrolment in waiting_enrolments}
    chosen = promotion_order(
        free=free,
        shares=shares,
        holding=holding,
        waiting=[
            WaitingPlace(enrolment.pk, _organisation_id_of(enrolment))
            for enrolment in waiting_enrolments
        ],
    )
    waiting = [by_id[place.enrolment_id] for place in chosen]
    expires = timezone.now() + OFFER_TIME
    for enrolment in waiting:
        event = _enrolment_move(
            enrolment,
            offering=offering,
            status=EnrolmentStatus.OFFERED,
            kind=EnrolmentEventKind.OFFERED,
            actor=actor,
            expires=expires,
            detail=_("open until %(until)s")
            % {"until": timezone.localtime(expires).strftime("%d.%m.%Y %H:%M")},
        )
        email_schedule(
            key=f"enrolment:{enrolment.pk}:tilbudt:{event.pk}",
            to=enrolment.user.email,
            user=enrolment.user,
            template="courses/email/enrolment_tilbudt",
            context=_email_context(
                offering,
                enrolment=enrolment,
                person=enrolment.user,
                expires=expires,
            ),
        )
        _tell_contacts(enrolment, "offered", event, exclude=None)
    return waiting


def _organisation_id_of(enrolment: Enrolment) -> int | None:
    """The id of the organisation a place counts for (``_organisation_of``)."""
    if enrolment.nomination is not None:
        return enrolment.nomination.invitation.organisation_id
    return enrolment.user.organisation_id


@transaction.atomic
def enrolment_offer_accept(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """Accept a seat offered from the waiting list (only the person offered it, only
    before the offer expires). The seat was held for them, so this never oversells.
    Side effects: an audit event and a confirmation with the calendar invitation."""
    if actor.pk != enrolment.user_id:
        raise PermissionDenied(_("Only the person offered the seat can accept it."))
    offering = _locked_offering(enrolment.offering_id)
    enrolment = Enrolment.objects.select_related(
        "user__organisation", "nomination__invitation__organisation"
    ).get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.OFFERED:
        raise ValidationError(_("There is no offered seat to accept."))
    if (
        enrolment.offer_expires_at is None
        or enrolment.offer_expires_at < timezone.now()
    ):
        raise ValidationError(
            _("The offer has expired, and the seat has gone to the next in line.")
        )
    event = _enrolment_move(
        enrolment,
        offering=offering,
        status=EnrolmentStatus.CONFIRMED,
        kind=EnrolmentEventKind.OFFER_ACCEPTED,
        actor=actor,
    )
    _decision_email(enrolment, EnrolmentStatus.CONFIRMED, event)
    return enrolment


def enrolment_offers_expire() -> int:
    """Periodic: offers not accepted in time lapse, and the seat goes to the next on
    the waiting list. One transaction per offering. Idempotent. Returns how many
    offers lapsed."""
    lapsed = 0
    offering_ids = set(
        Enrolment.objects.filter(
            status=EnrolmentStatus.OFFERED, offer_expires_at__lt=timezone.now()
        ).values_list("offering_id", flat=True)
    )
    for offering_id in offering_ids:
        with transaction.atomic():
            offering = _locked_offering(offering_id)
            expired = list(
                Enrolment.objects.filter(
                    offering=offering,
                    status=EnrolmentStatus.OFFERED,
                    offer_expires_at__lt=timezone.now(),
                ).select_related("user", "nomination__invitation__organisation")
            )
            for enrolment in expired:
                event = _enrolment_move(
                    enrolment,
                    offering=offering,
                    status=EnrolmentStatus.CANCELLED,
                    kind=EnrolmentEventKind.OFFER_EXPIRED,
                    actor=None,
                )
                _decision_email(enrolment, "udloebet", event)
            lapsed += len(expired)
            waitlist_promote(offering=offering, actor=None)
    return lapsed
