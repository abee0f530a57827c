"""Reads for enrolment by dialogue. Each selector fetches what its page shows in a
fixed number of queries, and the ones a contact person meets only return their own
organisation's rows."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Organisation, User
from courses.models import (
    SEAT_HOLDING_STATUSES,
    DialogueMessage,
    DialogueReadMark,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Invitation,
    Nomination,
    NominationStatus,
    Offering,
    OfferingStatus,
    Session,
)


def is_enrolment_admin(user: User) -> bool:
    """Whether ``user`` decides enrolments (Socialstyrelsen's administrators)."""
    return user.is_authenticated and user.has_perm("accounts.manage_offerings")


def _with_permission(codename: str) -> QuerySet[User]:
    permission = Permission.objects.filter(
        content_type__app_label="accounts", codename=codename
    )
    return User.objects.filter(is_active=True).filter(
        Q(groups__permissions__in=permission)
        | Q(user_permissions__in=permission)
        | Q(is_superuser=True)
    )


def contacts_by_organisation(*, organisation_ids) -> dict[int, list[User]]:
    """The active contact persons (who may nominate) of several organisations, in one
    query, keyed by organisation id."""
    contacts: dict[int, list[User]] = {pk: [] for pk in organisation_ids}
    for contact in (
        _with_permission("nominate_participants")
        .filter(organisation_id__in=contacts, is_superuser=False)
        .distinct()
        .order_by("last_name", "first_name")
    ):
        if contact.organisation_id is not None:
            contacts[contact.organisation_id].append(contact)
    return contacts


def organisation_contacts(*, organisation: Organisation) -> list[User]:
    """The active contact persons of an organisation (who may nominate)."""
    return contacts_by_organisation(organisation_ids=[organisation.pk])[organisation.pk]


def offering_administrators(*, offering: Offering) -> list[User]:
    """Who hears from the organisations: the offering's responsible staff, or every
    administrator when nobody is responsible."""
    responsible = list(offering.responsible.filter(is_active=True))
    if responsible:
        return responsible
    return list(
        _with_permission("manage_offerings")
        .filter(is_superuser=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


def invitable_organisations(*, offering: Offering) -> list[Organisation]:
    """The municipalities of the offering's district and the district's police, police
    last."""
    return list(
        Organisation.objects.in_politikreds(offering.politikreds_id)
        .filter(kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.POLICE])
        .order_by("-kind", "name")
    )


def fair_seat_shares(*, offering: Offering) -> list[tuple[Organisation, int]]:
    """The suggested share of the seats for each organisation that would be
    invited, by the one fairness rule (``services.fairness.fair_shares``): equal
    shares, the remainder one each in alphabetical order. The administrator can
    adjust every share before inviting."""
    from courses.services.fairness import fair_shares

    organisations = invitable_organisations(offering=offering)
    shares = fair_shares(
        seats=offering.seats,
        organisations=[
            (organisation.pk, organisation.name) for organisation in organisations
        ],
    )
    return [(organisation, shares[organisation.pk]) for organisation in organisations]


def nominations_open(*, offering: Offering) -> bool:
    return (
        offering.status == OfferingStatus.OPEN
        and timezone.localdate() <= offering.enrolment_deadline
    )


_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _unread_annotation(user: User) -> Coalesce:
    """Per invitation: messages by others newer than the user's read mark."""
    read_at = DialogueReadMark.objects.filter(
        invitation=OuterRef("invitation"), user=user
    ).values("read_at")[:1]
    unread = (
        DialogueMessage.objects.filter(invitation=OuterRef("pk"))
        .exclude(author=user)
        .filter(created_at__gt=Coalesce(Subquery(read_at), Value(_EPOCH)))
        .order_by()
        .values("invitation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


def invitations_for_contact(*, user: User) -> list[Invitation]:
    """The invitations of the contact person's own organisation, newest offering
    first, each with ``unread`` (messages they have not read) and ``nominated``
    (live nominations). Three queries whatever the number."""
    if not user.organisation_id:
        return []
    return list(
        Invitation.objects.filter(organisation_id=user.organisation_id)
        .select_related("offering__module", "offering__politikreds", "organisation")
        .annotate(
            unread=_unread_annotation(user),
            nominated=Count(
                "nominations",
                filter=~Q(nominations__status=NominationStatus.WITHDRAWN),
                distinct=True,
            ),
        )
        .order_by("-offering__planned_start", "pk")
    )


def unread_dialogue_count(*, user: User) -> int:
    """How many messages wait unread for ``user`` across their threads."""
    if is_enrolment_admin(user):
        invitations = Invitation.objects.filter(messages__isnull=False)
    elif user.has_perm("accounts.nominate_participants") and user.organisation_id:
        invitations = Invitation.objects.filter(organisation_id=user.organisation_id)
    else:
        return 0
    return sum(
        invitations.distinct()
        .annotate(unread=_unread_annotation(user))
        .values_list("unread", flat=True)
    )


@dataclass
class InvitationView:
    invitation: Invitation
    nominations: list[Nomination]
    messages: list[DialogueMessage]
    read_at: datetime.datetime | None
    is_open: bool
    seats_used: int

    @property
    def live_nominations(self) -> list[Nomination]:
        return [n for n in self.nominations if n.status != NominationStatus.WITHDRAWN]


def invitation_for_user(*, invitation_id: int, user: User) -> InvitationView | None:
    """One invitation with its nominations (each with its enrolment) and its thread,
    for the organisation's contacts and for administrators; ``None`` for anyone
    else, so a contact can never open another organisation's invitation."""
    invitation = (
        Invitation.objects.select_related(
            "offering__module", "offering__politikreds", "organisation"
        )
        .prefetch_related(
            Prefetch(
                "offering__sessions",
                queryset=Session.objects.filter(is_cancelled=False),
            )
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return None
    if not is_enrolment_admin(user) and not (
        user.has_perm("accounts.nominate_participants")
        and user.organisation_id == invitation.organisation_id
    ):
        return None
    nominations = list(
        Nomination.objects.filter(invitation=invitation)
        .select_related("enrolment")
        .order_by("priority")
    )
    messages = list(
        DialogueMessage.objects.filter(invitation=invitation).select_related("author")
    )
    read_mark = DialogueReadMark.objects.filter(
        invitation=invitation, user=user
    ).first()
    read_at = read_mark.read_at if read_mark else None
    for message in messages:
        message.is_new = message.author_id != user.pk and (  # type: ignore[attr-defined]
            read_at is None or message.created_at > read_at
        )
    seats_used = sum(
        1
        for nomination in nominations
        if getattr(nomination, "enrolment", None)
        and nomination.enrolment.status in SEAT_HOLDING_STATUSES
    )
    return InvitationView(
        invitation=invitation,
        nominations=nominations,
        messages=messages,
        read_at=read_at,
        is_open=nominations_open(offering=invitation.offering),
        seats_used=seats_used,
    )


@dataclass
class OrganisationGroup:
    invitation: Invitation
    nominations: list[Nomination] = field(default_factory=list)
    unread: int = 0

    @property
    def seats_used(self) -> int:
        enrolments = [n.enrolment_or_none for n in self.nominations]  # type: ignore[attr-defined]
        return sum(
            1
            for enrolment in enrolments
            if enrolment and enrolment.status in SEAT_HOLDING_STATUSES
        )

    @property
    def live_nominations(self) -> list[Nomination]:
        return [n for n in self.nominations if n.status != NominationStatus.WITHDRAWN]


@dataclass
class EnrolmentOverview:
    offering: Offering
    groups: list[OrganisationGroup]
    seats_taken: int
    waiting: list[Enrolment]
    is_open: bool

    @property
    def seats_free(self) -> int:
        return max(self.offering.seats - self.seats_taken, 0)


def offering_with_seats_taken(*, offering_id: int) -> Offering | None:
    """The offering with ``seats_taken`` (confirmed and offered places) counted in
    the same query, unlocked: what a decision checks before it queues for the lock.
    One query; None when there is no such offering."""
    return (
        Offering.objects.filter(pk=offering_id)
        .annotate(
            seats_taken=Count(
                "enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING_STATUSES)
            )
        )
        .first()
    )


def offering_enrolment_overview(*, offering_id: int, user: User) -> EnrolmentOverview:
    """Everything the administrator decides from: nominations grouped by
    organisation with seats used, the seats taken and free, and the waiting list in
    order. A fixed number of queries whatever the number of organisations or
    nominations."""
    offering = Offering.objects.select_related("module", "politikreds").get(
        pk=offering_id
    )
    invitations = list(
        Invitation.objects.filter(offering=offering)
        .select_related("organisation")
        .annotate(unread=_unread_annotation(user))
        .order_by("-organisation__kind", "organisation__name")
    )
    groups = {
        invitation.pk: OrganisationGroup(invitation) for invitation in invitations
    }
    for invitation in invitations:
        groups[invitation.pk].unread = invitation.unread or 0
    enrolments = {
        enrolment.nomination_id: enrolment
        for enrolment in Enrolment.objects.filter(
            offering=offering, nomination__isnull=False
        ).select_related("user")
    }
    for nomination in Nomination.objects.filter(invitation__offering=offering).order_by(
        "priority"
    ):
        nomination.enrolment_or_none = enrolments.get(  # type: ignore[attr-defined]
            nomination.pk
        )
        groups[nomination.invitation_id].nominations.append(nomination)
    seats_taken = Enrolment.objects.filter(
        offering=offering, status__in=SEAT_HOLDING_STATUSES
    ).count()
    waiting = list(
        Enrolment.objects.filter(
            offering=offering,
            status__in=[EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED],
        )
        .select_related("user", "nomination__invitation__organisation")
        .order_by("status", "waitlisted_at", "pk")
    )
    return EnrolmentOverview(
        offering=offering,
        groups=list(groups.values()),
        seats_taken=seats_taken,
        waiting=waiting,
        is_open=nominations_open(offering=offering),
    )


def enrolment_events(*, offering: Offering) -> QuerySet[EnrolmentEvent]:
    """The audit trail of an offering, newest first, with who and for whom."""
    return EnrolmentEvent.objects.filter(offering=offering).select_related(
        "actor", "organisation", "nomination"
    )


def session_reminders_due(
    *, within: datetime.timedelta
) -> list[tuple[Session, Enrolment]]:
    """(session, confirmed enrolment) pairs for sessions that start within
    ``within`` from now and have not started, of offerings that go ahead."""
    now = timezone.now()
    sessions = (
        Session.objects.filter(
            starts_at__gt=now, starts_at__lte=now + within, is_cancelled=False
        )
        .exclude(offering__status=OfferingStatus.CANCELLED)
        .select_related("offering__module", "offering__politikreds")
        .prefetch_related(
            Prefetch(
                "offering__enrolments",
                queryset=Enrolment.objects.filter(
                    status=EnrolmentStatus.CONFIRMED
                ).select_related("user"),
                to_attr="confirmed",
            )
        )
    )
    return [
        (session, enrolment)
        for session in sessions
        for enrolment in session.offering.confirmed  # type: ignore[attr-defined]
        if enrolment.user.is_active
    ]


def deadline_reminders_due(*, days: int) -> list[tuple[Invitation, User]]:
    """(invitation, contact) pairs for offerings open for nominations whose deadline
    is within ``days`` days (and not passed)."""
    today = timezone.localdate()
    invitations = list(
        Invitation.objects.filter(
            offering__status=OfferingStatus.OPEN,
            offering__enrolment_deadline__gte=today,
            offering__enrolment_deadline__lte=today + datetime.timedelta(days=days),
        ).select_related("offering__module", "offering__politikreds", "organisation")
    )
    contacts = contacts_by_organisation(
        organisation_ids={invitation.organisation_id for invitation in invitations}
    )
    return [
        (invitation, contact)
        for invitation in invitations
        for contact in contacts[invitation.organisation_id]
    ]


def may_act_for_enrolment(*, user: User, enrolment: Enrolment) -> bool:
    """Whether ``user`` may act on ``enrolment``: it is theirs, they are an
    administrator, or they are a contact person of the organisation that nominated
    the person (else the person's own organisation)."""
    if enrolment.user_id == user.pk or is_enrolment_admin(user):
        return True
    organisation_id = (
        enrolment.nomination.invitation.organisation_id
        if enrolment.nomination is not None
        else enrolment.user.organisation_id
    )
    return (
        organisation_id is not None
        and user.has_perm("accounts.nominate_participants")
        and user.organisation_id == organisation_id
    )


def enrolment_for_user(*, enrolment_id: int, user: User) -> Enrolment | None:
    """An enrolment the person may act on: their own, one from their organisation
    (contact persons), or any (administrators)."""
    enrolment = (
        Enrolment.objects.select_related(
            "offering__module",
            "offering__politikreds",
            "user",
            "nomination__invitation__organisation",
        )
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or not may_act_for_enrolment(user=user, enrolment=enrolment):
        return None
    return enrolment
