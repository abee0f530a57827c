"""Writes for enrolment by dialogue: invite, nominate, talk, decide, change, remind.

The seat limit is guarded in the database: every write that can take a seat locks
the offering's row (``select_for_update``) and counts the seat-holding enrolments
inside that lock, so concurrent confirmations queue up and the last seat goes to one
of them. Every step writes an ``EnrolmentEvent`` (the audit trail) and schedules its
e-mails through ``core.mail`` (sent after commit, once).
"""

import datetime
import logging
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.services import user_create
from core.mail import absolute_url, email_schedule
from core.text_guard import validate_no_cpr
from courses.models import (
    SEAT_HOLDING_STATUSES,
    DialogueMessage,
    DialogueReadMark,
    Enrolment,
    EnrolmentEvent,
    EnrolmentEventKind,
    EnrolmentStatus,
    Invitation,
    Nomination,
    NominationStatus,
    Offering,
    OfferingStatus,
    Session,
)
from courses.selectors.enrolment import (
    contacts_by_organisation,
    fair_seat_shares,
    is_enrolment_admin,
    may_act_for_enrolment,
    offering_administrators,
    organisation_contacts,
)
from courses.services.calendar import offering_calendar
from courses.services.fairness import (
    WaitingPlace,
    invitation_suggestions_recompute,
    promotion_order,
)

logger = logging.getLogger(__name__)

#: How long the first on the waiting list has to accept an offered seat.
OFFER_TIME = datetime.timedelta(days=3)
#: Reminders go out this long before a session and before the nomination deadline.
SESSION_REMINDER_BEFORE = datetime.timedelta(days=2)
DEADLINE_REMINDER_DAYS = 3


class Decision:
    CONFIRM = "confirm"
    WAITLIST = "waitlist"
    DECLINE = "decline"
    ALL = (CONFIRM, WAITLIST, DECLINE)


# -- helpers ---------------------------------------------------------------------


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
    if offering.status != OfferingStatus.AABEN:
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


# -- invite ----------------------------------------------------------------------


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
    if offering.status != OfferingStatus.PLANLAGT:
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
    offering.status = OfferingStatus.AABEN
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


# -- nominate --------------------------------------------------------------------


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
            .exclude(status=NominationStatus.TRUKKET)
            .exists()
        ):
            errors.setdefault("email", []).append(
                _("This person is already nominated.")
            )
        elif (
            Enrolment.objects.filter(offering=offering, user__email__iexact=email)
            .exclude(status=EnrolmentStatus.AFMELDT)
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
    if nomination.status != NominationStatus.INDSTILLET:
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
    nomination.status = NominationStatus.TRUKKET
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
    if nomination.status == NominationStatus.TRUKKET:
        raise ValidationError(_("A withdrawn nomination has no place in the order."))
    live = invitation.nominations.exclude(status=NominationStatus.TRUKKET)
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


# -- talk ------------------------------------------------------------------------


@transaction.atomic
def dialogue_message_post(
    *, invitation: Invitation, actor: User, body: str
) -> DialogueMessage:
    """Post a message in the thread between an organisation and Socialstyrelsen.

    Open to the organisation's contact persons and to administrators, also after
    the deadline (late changes go through the thread). Refuses empty, too long and
    CPR-holding text in Danish, storing nothing. Side effects: the author's read
    mark moves to the message, an audit event (without the text), and an e-mail to
    each person on the other side: the contacts, or the offering's responsible
    staff (all administrators when none is set).
    """
    from_admin = is_enrolment_admin(actor)
    if not from_admin:
        _require_contact(actor, invitation.organisation)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    if len(body) > 4000:
        raise ValidationError(
            {"body": [_("A message can be at most 4,000 characters.")]}
        )
    try:
        validate_no_cpr(body)
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from error
    message = DialogueMessage.objects.create(
        invitation=invitation, author=actor, from_socialstyrelsen=from_admin, body=body
    )
    DialogueReadMark.objects.update_or_create(
        invitation=invitation, user=actor, defaults={"read_at": message.created_at}
    )
    offering = invitation.offering
    _event(
        offering=offering,
        kind=EnrolmentEventKind.MESSAGE,
        actor=actor,
        organisation=invitation.organisation,
    )
    recipients = (
        organisation_contacts(organisation=invitation.organisation)
        if from_admin
        else offering_administrators(offering=offering)
    )
    url = absolute_url(reverse("courses:invitation", args=[invitation.pk]))
    for recipient in recipients:
        if recipient.pk == actor.pk:
            continue
        email_schedule(
            key=f"dialogue-message:{message.pk}:{recipient.pk}",
            to=recipient.email,
            user=recipient,
            template="courses/email/dialogue_message",
            context=_email_context(
                offering, invitation=invitation, message=message, url=url
            ),
        )
    return message


def dialogue_mark_read(*, invitation: Invitation, user: User) -> None:
    """Mark the whole thread as read for ``user``. Idempotent."""
    DialogueReadMark.objects.update_or_create(
        invitation=invitation, user=user, defaults={"read_at": timezone.now()}
    )


# -- decide ----------------------------------------------------------------------


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
    if attachments is None and kind == EnrolmentStatus.BEKRAEFTET:
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
    if offering.status in (OfferingStatus.AFHOLDT, OfferingStatus.AFLYST):
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
        if nomination.status == NominationStatus.TRUKKET:
            raise ValidationError(
                _("%(name)s's nomination was withdrawn.")
                % {"name": nomination.full_name}
            )
        enrolment = existing.get(nomination.pk)
        if enrolment and enrolment.status in (
            *SEAT_HOLDING_STATUSES,
            EnrolmentStatus.AFMELDT,
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
        Decision.CONFIRM: EnrolmentStatus.BEKRAEFTET,
        Decision.WAITLIST: EnrolmentStatus.VENTELISTE,
        Decision.DECLINE: EnrolmentStatus.AFVIST,
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
        enrolment.waitlisted_at = now if status == EnrolmentStatus.VENTELISTE else None
        enrolment.offer_expires_at = None
        enrolment.save()
        nomination.user = enrolment.user
        nomination.status = NominationStatus.AFGJORT
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
        _calendar_attachment(offering) if status == EnrolmentStatus.BEKRAEFTET else []
    )
    with transaction.atomic():
        for enrolment, event, new_account in decided:
            if new_account and status != EnrolmentStatus.AFVIST:
                _account_invitation_email(enrolment.user, offering)
            _decision_email(enrolment, status, event, message, attachments)


# -- change ----------------------------------------------------------------------


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
        Enrolment.objects.filter(offering=offering, status=EnrolmentStatus.VENTELISTE)
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
            status=EnrolmentStatus.TILBUDT,
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
    if enrolment.status not in (*SEAT_HOLDING_STATUSES, EnrolmentStatus.VENTELISTE):
        raise ValidationError(_("There is no place to cancel."))
    if offering.status in (OfferingStatus.AFHOLDT, OfferingStatus.AFLYST):
        raise ValidationError(_("The offering is held or cancelled."))
    event = _enrolment_move(
        enrolment,
        offering=offering,
        status=EnrolmentStatus.AFMELDT,
        kind=EnrolmentEventKind.CANCELLED,
        actor=actor,
    )
    _decision_email(enrolment, EnrolmentStatus.AFMELDT, event)
    _tell_contacts(enrolment, "cancelled", event, exclude=actor)
    waitlist_promote(offering=offering, actor=actor)
    return enrolment


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
    if enrolment.status != EnrolmentStatus.TILBUDT:
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
        status=EnrolmentStatus.BEKRAEFTET,
        kind=EnrolmentEventKind.OFFER_ACCEPTED,
        actor=actor,
    )
    _decision_email(enrolment, EnrolmentStatus.BEKRAEFTET, event)
    return enrolment


def enrolment_offers_expire() -> int:
    """Periodic: offers not accepted in time lapse, and the seat goes to the next on
    the waiting list. One transaction per offering. Idempotent. Returns how many
    offers lapsed."""
    lapsed = 0
    offering_ids = set(
        Enrolment.objects.filter(
            status=EnrolmentStatus.TILBUDT, offer_expires_at__lt=timezone.now()
        ).values_list("offering_id", flat=True)
    )
    for offering_id in offering_ids:
        with transaction.atomic():
            offering = _locked_offering(offering_id)
            expired = list(
                Enrolment.objects.filter(
                    offering=offering,
                    status=EnrolmentStatus.TILBUDT,
                    offer_expires_at__lt=timezone.now(),
                ).select_related("user", "nomination__invitation__organisation")
            )
            for enrolment in expired:
                event = _enrolment_move(
                    enrolment,
                    offering=offering,
                    status=EnrolmentStatus.AFMELDT,
                    kind=EnrolmentEventKind.OFFER_EXPIRED,
                    actor=None,
                )
                _decision_email(enrolment, "udloebet", event)
            lapsed += len(expired)
            waitlist_promote(offering=offering, actor=None)
    return lapsed


# -- remind ----------------------------------------------------------------------


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


__all__ = [
    "Decision",
    "dialogue_mark_read",
    "dialogue_message_post",
    "enrolment_cancel",
    "enrolment_offer_accept",
    "enrolment_offers_expire",
    "enrolment_reminders_schedule",
    "invitation_set_seats",
    "nomination_add",
    "nomination_move",
    "nomination_withdraw",
    "nominations_decide",
    "offering_open_for_nominations",
    "waitlist_promote",
]
