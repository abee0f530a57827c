"""Nominate: a contact person adds, withdraws and re-orders nominations."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from core.text_guard import validate_no_cpr
from courses.models import (
    Enrolment,
    EnrolmentEventKind,
    EnrolmentStatus,
    Invitation,
    Nomination,
    NominationStatus,
)
from courses.services.enrolment._common import (
    _event,
    _locked_invitation,
    _nominations_open,
    _require_contact,
)


@transaction.atomic
def nomination_add(
    *,
    invitation: Invitation,
    actor: User,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    sector: str,
    ssp_main_job: bool,
) -> Nomination:
    """Nominate a named colleague, last in the organisation's priority order.

    Only the organisation's contact persons, and only until the deadline. Links the
    nomination to an existing account with the same e-mail. Side effect: an audit
    event. Raises ``PermissionDenied`` or ``ValidationError`` (Danish, keyed by
    field where it belongs); nothing is stored then.
    """
    _require_contact(actor, invitation.organisation)
    invitation = _locked_invitation(invitation.pk)
    offering = invitation.offering
    _nominations_open(offering)
    email = User.objects.normalize_email(email or "").strip().lower()
    errors: dict[str, list[str]] = {}
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if not (value or "").strip():
            errors.setdefault(field, []).append(_("Fill in the name."))
    if not (job_title or "").strip():
        errors.setdefault("job_title", []).append(_("Fill in the job."))
    try:
        validate_email(email)
    except ValidationError:
        errors.setdefault("email", []).append(_("Enter a valid e-mail address."))
    if sector not in User.Sector.values:
        errors.setdefault("sector", []).append(_("Choose a sector."))
    for field, value in (
        ("first_name", first_name),
        ("last_name", last_name),
        ("job_title", job_title),
    ):
        try:
            validate_no_cpr(value)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    if not errors.get("email"):
        if (
            invitation.nominations.filter(email__iexact=email)
            .exclude(status=NominationStatus.WITHDRAWN)
            .exists()
        ):
            errors.setdefault("email", []).append(
                _("This person is already nominated.")
            )
        elif (
            Enrolment.objects.filter(offering=offering, user__email__iexact=email)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .exists()
        ):
            errors.setdefault("email", []).append(
                _("This person already has a place or a decision on this offering.")
            )
    if errors:
        raise ValidationError(errors)
    last = invitation.nominations.aggregate(last=Max("priority"))["last"] or 0
    nomination = Nomination.objects.create(
        invitation=invitation,
        priority=last + 1,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        job_title=job_title.strip(),
        sector=sector,
        ssp_main_job=ssp_main_job,
        user=User.objects.filter(email__iexact=email).first(),
        nominated_by=actor,
    )
    _event(
        offering=offering,
        kind=EnrolmentEventKind.NOMINATED,
        actor=actor,
        organisation=invitation.organisation,
        nomination=nomination,
        detail=_("priority %(priority)s") % {"priority": nomination.priority},
    )
    return nomination


def _undecided(nomination: Nomination) -> None:
    if nomination.status != NominationStatus.NOMINATED:
        raise ValidationError(
            _(
                "Socialstyrelsen has already decided on this nomination. Write in the "
                "message thread, or cancel the place."
            )
        )


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, actor: User) -> Nomination:
    """Withdraw an undecided nomination before the deadline (the organisation's
    contact persons). Side effect: an audit event. Idempotent refusals: a withdrawn
    or decided nomination raises ``ValidationError``."""
    _require_contact(actor, nomination.invitation.organisation)
    invitation = _locked_invitation(nomination.invitation_id)
    nomination.refresh_from_db()
    _nominations_open(invitation.offering)
    _undecided(nomination)
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status"])
    _event(
        offering=invitation.offering,
        kind=EnrolmentEventKind.NOMINATION_WITHDRAWN,
        actor=actor,
        organisation=invitation.organisation,
        nomination=nomination,
    )
    return nomination


@transaction.atomic
def nomination_move(*, nomination: Nomination, actor: User, up: bool) -> None:
    """Swap a nomination with its neighbour in the priority order (up or down).

    The organisation's contact persons, until the deadline. The invitation row is
    locked so two re-orderings cannot interleave. At the top (or bottom) it is a
    no-op. Side effect: an audit event.
    """
    _require_contact(actor, nomination.invitation.organisation)
    invitation = _locked_invitation(nomination.invitation_id)
    _nominations_open(invitation.offering)
    nomination.refresh_from_db()
    if nomination.status == NominationStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn nomination has no place in the order."))
    live = invitation.nominations.exclude(status=NominationStatus.WITHDRAWN)
    neighbour = (
        live.filter(priority__lt=nomination.priority).order_by("-priority").first()
        if up
        else live.filter(priority__gt=nomination.priority).order_by("priority").first()
    )
    if neighbour is None:
        return
    nomination.priority, neighbour.priority = neighbour.priority, nomination.priority
    Nomination.objects.bulk_update([nomination, neighbour], ["priority"])
    _event(
        offering=invitation.offering,
        kind=EnrolmentEventKind.REORDERED,
        actor=actor,
        organisation=invitation.organisation,
        nomination=nomination,
        detail=_("priority %(priority)s") % {"priority": nomination.priority},
    )
