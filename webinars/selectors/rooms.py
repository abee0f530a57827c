"""Rooms and their people: lists, staff, invitations."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus, OfferingFormat, Session

from ..models import (
    Room,
    WebinarInvitation,
)
from .access import _administers, _runs_webinars


def room_get(*, room_id: int) -> Room | None:
    return (
        Room.objects.select_related("session__offering__module")
        .filter(pk=room_id)
        .first()
    )


def rooms_for_user(*, user: User) -> QuerySet[Room]:
    """Rooms ``user`` may enter, soonest first (standalone webinars by their own
    time)."""
    rooms = Room.objects.select_related(
        "session__offering__module", "session__offering__politikreds"
    ).order_by(Coalesce("session__starts_at", "starts_at"), "pk")
    if _administers(user):
        return rooms
    confirmed = Enrolment.objects.filter(
        offering_id=OuterRef("session__offering_id"),
        user=user,
        status=EnrolmentStatus.CONFIRMED,
    )
    return rooms.filter(
        Q(Exists(confirmed))
        | Q(hosts=user)
        | Q(moderators=user)
        | Q(captioners=user)
        | Q(invitations__user=user)
        | Q(session__offering__responsible=user)
    ).distinct()


def sessions_without_room(*, user: User) -> QuerySet[Session]:
    """Webinar sessions ``user`` could open a room for (moderators only)."""
    if not (_runs_webinars(user) or _administers(user)):
        return Session.objects.none()
    sessions = Session.objects.select_related(
        "offering__module", "offering__politikreds"
    ).filter(
        webinar_room__isnull=True,
        is_cancelled=False,
        offering__format__in=[OfferingFormat.WEBINAR, OfferingFormat.HYBRID],
        ends_at__gte=timezone.now() - datetime.timedelta(days=1),
    )
    if not _administers(user):
        sessions = sessions.filter(offering__responsible=user)
    return sessions.order_by("starts_at")


def webinar_staff_candidates() -> QuerySet[User]:
    """Active people who run webinars: whom administrators may name as a room's
    hosts or moderators."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="run_webinars")
            | Q(user_permissions__codename="run_webinars")
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def room_staff_names(*, room: Room) -> list[str]:
    """The names of the room's named hosts and moderators, hosts first. Two
    queries."""
    names: list[str] = []
    for people in (room.hosts.all(), room.moderators.all()):
        for person in people.order_by("first_name", "last_name"):
            name = person.get_full_name()
            if name and name not in names:
                names.append(name)
    return names


def room_invitations(*, room: Room) -> QuerySet[WebinarInvitation]:
    """The people invited to a standalone webinar, by name."""
    return (
        WebinarInvitation.objects.filter(room=room)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user_id")
    )
