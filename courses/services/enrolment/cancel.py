"""Cancel: a person's place is given up, and the seat offered on."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from courses.models import (
    SEAT_HOLDING_STATUSES,
    Enrolment,
    EnrolmentEventKind,
    EnrolmentStatus,
    OfferingStatus,
)
from courses.selectors.enrolment import may_act_for_enrolment
from courses.services.enrolment._common import (
    _decision_email,
    _locked_offering,
)
from courses.services.enrolment.waitlist import (
    _enrolment_move,
    _tell_contacts,
    waitlist_promote,
)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """Cancel a place (confirmed, offered or waiting): the participant themself,
    their organisation's contact persons or an administrator.

    A freed seat is offered from the waiting list at once by the fairness rule
    (``waitlist_promote``).
    Side effects: audit events, e-mails to the person and their contacts. Raises
    ``PermissionDenied`` or ``ValidationError`` (nothing to cancel); nothing changes
    then.
    """
    if not may_act_for_enrolment(user=actor, enrolment=enrolment):
        raise PermissionDenied(_("You cannot cancel this place."))
    offering = _locked_offering(enrolment.offering_id)
    enrolment = Enrolment.objects.select_related(
        "user", "nomination__invitation__organisation"
    ).get(pk=enrolment.pk)
    if enrolment.status not in (*SEAT_HOLDING_STATUSES, EnrolmentStatus.WAITLISTED):
        raise ValidationError(_("There is no place to cancel."))
    if offering.status in (OfferingStatus.HELD, OfferingStatus.CANCELLED):
        raise ValidationError(_("The offering is held or cancelled."))
    event = _enrolment_move(
        enrolment,
        offering=offering,
        status=EnrolmentStatus.CANCELLED,
        kind=EnrolmentEventKind.CANCELLED,
        actor=actor,
    )
    _decision_email(enrolment, EnrolmentStatus.CANCELLED, event)
    _tell_contacts(enrolment, "cancelled", event, exclude=actor)
    waitlist_promote(offering=offering, actor=actor)
    return enrolment
