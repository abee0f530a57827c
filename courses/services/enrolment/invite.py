"""Invite: open an offering for nominations, and set an organisation's seats."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import absolute_url, email_schedule
from courses.models import (
    EnrolmentEventKind,
    Invitation,
    Offering,
    OfferingStatus,
)
from courses.selectors.enrolment import (
    contacts_by_organisation,
    fair_seat_shares,
)
from courses.services.enrolment._common import (
    _email_context,
    _event,
    _locked_invitation,
    _locked_offering,
    _require_admin,
)
from courses.services.fairness import invitation_suggestions_recompute


@transaction.atomic
def offering_open_for_nominations(
    *,
    offering: Offering,
    actor: User,
    suggested_seats: dict[int, int] | None = None,
) -> list[Invitation]:
    """Invite every municipality of the offering's district and the district's police
    to nominate participants, and open the offering for nominations.

    ``suggested_seats`` maps organisation ids to seats; missing ones get their fair
    share. Side effects: the offering's status becomes "open", one invitation per
    organisation, an audit event each, and an e-mail to each organisation's contact
    persons. Not idempotent: a second call is refused. Raises ``PermissionDenied``
    for non-administrators and ``ValidationError`` (Danish) when the offering is not
    planned, its deadline has passed or the seats do not add up; nothing changes then.
    """
    _require_admin(actor)
    offering = _locked_offering(offering.pk)
    if offering.status != OfferingStatus.PLANNED:
        raise ValidationError(
            _("Only a planned offering can be opened for nominations.")
        )
    if timezone.localdate() > offering.enrolment_deadline:
        raise ValidationError(
            _("The nomination deadline has passed. Move it before inviting.")
        )
    shares = fair_seat_shares(offering=offering)
    suggested = {org.pk: share for org, share in shares}
    for organisation_id, seats in (suggested_seats or {}).items():
        if organisation_id not in suggested:
            raise ValidationError(
                _("Only organisations in the offering's district can be invited.")
            )
        if seats < 0:
            raise ValidationError(_("A suggested number of seats cannot be negative."))
        suggested[organisation_id] = seats
    if sum(suggested.values()) > offering.seats:
        raise ValidationError(
            _(
                "The suggested seats add up to %(total)s, but the offering has "
                "%(seats)s seats."
            )
            % {"total": sum(suggested.values()), "seats": offering.seats}
        )
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                offering=offering,
                organisation=organisation,
                suggested_seats=suggested[organisation.pk],
                # A share the administrator changed is kept when the others are
                # recomputed (services.fairness).
                seats_set_manually=suggested[organisation.pk] != share,
            )
            for organisation, share in shares
        ]
    )
    offering.status = OfferingStatus.OPEN
    offering.save(update_fields=["status", "updated_at"])
    contacts = contacts_by_organisation(
        organisation_ids=[invitation.organisation_id for invitation in invitations]
    )
    for invitation in invitations:
        _event(
            offering=offering,
            kind=EnrolmentEventKind.INVITED,
            actor=actor,
            organisation=invitation.organisation,
            detail=_("%(seats)s suggested seats")
            % {"seats": invitation.suggested_seats},
        )
        url = absolute_url(reverse("courses:invitation", args=[invitation.pk]))
        for contact in contacts[invitation.organisation_id]:
            email_schedule(
                key=f"invitation:{invitation.pk}:{contact.pk}",
                to=contact.email,
                user=contact,
                template="courses/email/invitation",
                context=_email_context(
                    offering, invitation=invitation, contact=contact, url=url
                ),
            )
    return invitations


@transaction.atomic
def invitation_set_seats(
    *, invitation: Invitation, actor: User, seats: int | None
) -> None:
    """Set the suggested seats of one invitation by hand (administrators), or give
    it back to the fairness rule (``seats=None``). The share is marked as set by
    hand and kept; the shares of the other invitations not set by hand are
    recomputed (``services.fairness``). Writes audit events. Raises
    ``ValidationError`` for a negative number; nothing changes then."""
    _require_admin(actor)
    if seats is not None and seats < 0:
        raise ValidationError(_("A suggested number of seats cannot be negative."))
    offering = _locked_offering(invitation.offering_id)
    invitation = _locked_invitation(invitation.pk)
    if seats is None:
        invitation.seats_set_manually = False
    else:
        invitation.suggested_seats = seats
        invitation.seats_set_manually = True
    invitation.save(update_fields=["suggested_seats", "seats_set_manually"])
    if seats is not None:
        _event(
            offering=offering,
            kind=EnrolmentEventKind.SEATS_CHANGED,
            actor=actor,
            organisation=invitation.organisation,
            detail=_("%(seats)s suggested seats") % {"seats": seats},
        )
    invitation_suggestions_recompute(offering=offering)
