"""Decide: confirm, wait-list or decline nominations in bulk, under the seat lock."""

import logging
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_create
from core.mail import absolute_url, email_schedule
from core.text_guard import validate_no_cpr
from courses.models import (
    SEAT_HOLDING_STATUSES,
    Enrolment,
    EnrolmentEvent,
    EnrolmentEventKind,
    EnrolmentStatus,
    Nomination,
    NominationStatus,
    Offering,
    OfferingStatus,
)
from courses.services.enrolment._common import (
    Decision,
    _calendar_attachment,
    _decision_email,
    _email_context,
    _event,
    _require_admin,
    _seats_taken,
)

logger = logging.getLogger(__name__)


def _account_for(nomination: Nomination) -> tuple[User, bool]:
    """The nominee's account, created (with a set-password invitation) if missing."""
    user = (
        nomination.user or User.objects.filter(email__iexact=nomination.email).first()
    )
    if user is not None:
        return user, False
    # The set-password link goes to this address, so reaching the account proves
    # the address: it is stored as verified.
    user = user_create(
        email=nomination.email,
        first_name=nomination.first_name,
        last_name=nomination.last_name,
        organisation=nomination.invitation.organisation,
        sector=nomination.sector,
        email_verified=True,
    )
    return user, True


def _account_invitation_email(user: User, offering: Offering) -> None:
    # allauth's own generator: its tokens also bind the e-mail address.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    email_schedule(
        key=f"account-invitation:{user.pk}",
        to=user.email,
        user=user,
        template="courses/email/account_invitation",
        context=_email_context(
            offering,
            person=user,
            url=absolute_url(path),
            login_url=absolute_url(reverse("account_login")),
        ),
    )


def nominations_decide(
    *,
    offering: Offering,
    nomination_ids: Sequence[int],
    actor: User,
    decision: str,
    message: str = "",
) -> list[Enrolment]:
    """Confirm, wait-list or decline nominations of one offering, in bulk.

    Administrators only. The offering row is locked first, so confirmations never
    exceed the seats however many run at once; a batch that does not fit is refused
    whole. The lock is held only for the seat arithmetic and the writes (accounts,
    enrolments, nominations, one audit event per nomination): the e-mails are
    rendered after that transaction has committed, so a rush for the last seats
    queues on the writes alone. Nominees without an account get one, with an e-mail
    inviting them to set a password. Each person gets a Danish e-mail with the
    decision and the optional ``message`` (a confirmation carries the sessions and a
    calendar invitation); the e-mail keys name the audit event, so they go once.
    Raises ``PermissionDenied`` or ``ValidationError``; nothing changes then.
    """
    _require_admin(actor)
    if decision not in Decision.ALL:
        raise ValidationError(_("Choose confirm, waiting list or decline."))
    if not nomination_ids:
        raise ValidationError(_("Choose at least one nomination."))
    message = (message or "").strip()
    if len(message) > 2000:
        raise ValidationError(_("A message can be at most 2,000 characters."))
    validate_no_cpr(message)
    if decision == Decision.CONFIRM:
        _refuse_when_full(offering=offering, chosen=len(set(nomination_ids)))
    with transaction.atomic():
        decided = _nominations_decide_locked(
            offering_id=offering.pk,
            nomination_ids=nomination_ids,
            actor=actor,
            decision=decision,
            message=message,
        )
    # Committed (unless a caller's transaction is still open): the seat is taken and
    # the lock released before any template is rendered. The decision stands even
    # if an e-mail cannot be rendered; that is logged for the operators rather than
    # shown as a failed decision the administrator would try again.
    try:
        _decision_emails_send(decided, message=message)
    except Exception:  # noqa: BLE001 - the decision is already committed
        logger.exception(
            "Decision e-mails for offering %s could not be scheduled", offering.pk
        )
    return [enrolment for enrolment, _event, _new in decided]


def _seats_refusal(*, free: int, chosen: int) -> ValidationError:
    return ValidationError(
        _(
            "There are %(free)s free seats, but you chose %(chosen)s people. "
            "Nothing was changed."
        )
        % {"free": max(free, 0), "chosen": chosen}
    )


def _refuse_when_full(*, offering: Offering, chosen: int) -> None:
    """Refuse a confirmation that cannot fit, without waiting for the lock.

    One unlocked count (none when the caller fetched the offering with
    ``selectors.enrolment.offering_with_seats_taken``). It can only refuse: a seat
    is granted under the lock, where the count is repeated. A refusal here is what
    the locked count would have said a moment earlier, so in a rush for the last
    seats the many who are too late are told at once instead of queueing behind
    the lock."""
    taken = getattr(offering, "seats_taken", None)
    if taken is None:
        taken = _seats_taken(offering)
    free = offering.seats - taken
    if chosen > free:
        raise _seats_refusal(free=free, chosen=chosen)


def _nominations_decide_locked(
    *,
    offering_id: int,
    nomination_ids: Sequence[int],
    actor: User,
    decision: str,
    message: str,
) -> list[tuple[Enrolment, EnrolmentEvent, bool]]:
    """The part of a decision that holds the offering's row lock: check, count,
    write. Returns (enrolment, audit event, whether the account is new)."""
    offering = (
        Offering.objects.select_for_update(of=("self",))
        .select_related("module", "politikreds")
        .get(pk=offering_id)
    )
    if offering.status in (OfferingStatus.HELD, OfferingStatus.CANCELLED):
        raise ValidationError(_("The offering is held or cancelled."))
    nominations = list(
        Nomination.objects.filter(pk__in=nomination_ids, invitation__offering=offering)
        .select_related("invitation__organisation", "user")
        .order_by("invitation__organisation__name", "priority")
    )
    if len(nominations) != len(set(nomination_ids)):
        raise ValidationError(_("Some of the chosen nominations do not exist."))
    existing = {
        enrolment.nomination_id: enrolment
        for enrolment in Enrolment.objects.filter(nomination__in=nominations)
    }
    for nomination in nominations:
        if nomination.status == NominationStatus.WITHDRAWN:
            raise ValidationError(
                _("%(name)s's nomination was withdrawn.")
                % {"name": nomination.full_name}
            )
        enrolment = existing.get(nomination.pk)
        if enrolment and enrolment.status in (
            *SEAT_HOLDING_STATUSES,
            EnrolmentStatus.CANCELLED,
        ):
            raise ValidationError(
                _("%(name)s already has a place or has cancelled it.")
                % {"name": nomination.full_name}
            )
    if decision == Decision.CONFIRM:
        free = offering.seats - _seats_taken(offering)
        if len(nominations) > free:
            raise _seats_refusal(free=free, chosen=len(nominations))
    status = {
        Decision.CONFIRM: EnrolmentStatus.CONFIRMED,
        Decision.WAITLIST: EnrolmentStatus.WAITLISTED,
        Decision.DECLINE: EnrolmentStatus.DECLINED,
    }[decision]
    event_kind = {
        Decision.CONFIRM: EnrolmentEventKind.CONFIRMED,
        Decision.WAITLIST: EnrolmentEventKind.WAITLISTED,
        Decision.DECLINE: EnrolmentEventKind.DECLINED,
    }[decision]
    now = timezone.now()
    decided = []
    for nomination in nominations:
        enrolment = existing.get(nomination.pk)
        new_account = False
        if enrolment is None:
            user, new_account = _account_for(nomination)
            if Enrolment.objects.filter(offering=offering, user=user).exists():
                raise ValidationError(
                    _("%(name)s is already enrolled on this offering.")
                    % {"name": nomination.full_name}
                )
            enrolment = Enrolment(offering=offering, user=user, nomination=nomination)
        enrolment.offering = offering
        enrolment.status = status
        enrolment.waitlisted_at = now if status == EnrolmentStatus.WAITLISTED else None
        enrolment.offer_expires_at = None
        enrolment.save()
        nomination.user = enrolment.user
        nomination.status = NominationStatus.DECIDED
        nomination.save(update_fields=["user", "status"])
        event = _event(
            offering=offering,
            kind=event_kind,
            actor=actor,
            organisation=nomination.invitation.organisation,
            nomination=nomination,
            detail=_("with a message") if message else "",
        )
        decided.append((enrolment, event, new_account))
    return decided


def _decision_emails_send(
    decided: list[tuple[Enrolment, EnrolmentEvent, bool]], *, message: str
) -> None:
    """The e-mails of a decision, rendered outside the seat lock: one calendar file
    for the batch, one e-mail per person (plus a set-password invitation for new
    accounts). Idempotent by the e-mail keys."""
    if not decided:
        return
    offering = decided[0][0].offering
    offering.active_sessions = list(  # type: ignore[attr-defined]
        offering.sessions.filter(is_cancelled=False)
    )
    status = decided[0][0].status
    attachments = (
        _calendar_attachment(offering) if status == EnrolmentStatus.CONFIRMED else []
    )
    with transaction.atomic():
        for enrolment, event, new_account in decided:
            if new_account and status != EnrolmentStatus.DECLINED:
                _account_invitation_email(enrolment.user, offering)
            _decision_email(enrolment, status, event, message, attachments)
