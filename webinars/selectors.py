"""Reads for webinar rooms: who may enter and moderate, catch-up, attendance."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus, Offering, OfferingFormat, Session

from .models import Breakout, Presence, Question, Room, RoomEvent, RoomState

CATCH_UP_LIMIT = 500


@dataclass(frozen=True)
class RoomAccess:
    can_enter: bool
    is_moderator: bool
    removed: bool = False


def _runs_webinars(user: User) -> bool:
    return user.has_perm("accounts.run_webinars")


def _administers(user: User) -> bool:
    return user.has_perm("accounts.manage_offerings")


def room_access(*, room: Room, user: User) -> RoomAccess:
    """What ``user`` may do in ``room``: moderators are the room's hosts and the
    offering's responsible staff who run webinars, and administrators; participants
    are the offering's confirmed participants. A removed person may not come back."""
    if not user.is_authenticated or not user.is_active:
        return RoomAccess(False, False)
    offering_id = room.session.offering_id
    staff = (
        room.hosts.filter(pk=user.pk).exists()
        or Offering.responsible.through.objects.filter(
            offering_id=offering_id, user_id=user.pk
        ).exists()
    )
    if _administers(user) or (staff and _runs_webinars(user)):
        return RoomAccess(True, True)
    if room.removals.filter(user=user).exists():
        return RoomAccess(False, False, removed=True)
    if staff:
        return RoomAccess(True, False)
    enrolled = Enrolment.objects.filter(
        offering_id=offering_id, user=user, status=EnrolmentStatus.BEKRAEFTET
    ).exists()
    return RoomAccess(enrolled, False)


def room_get(*, room_id: int) -> Room | None:
    return (
        Room.objects.select_related("session__offering__module")
        .filter(pk=room_id)
        .first()
    )


def rooms_for_user(*, user: User) -> QuerySet[Room]:
    """Rooms ``user`` may enter, soonest first."""
    rooms = Room.objects.select_related(
        "session__offering__module", "session__offering__politikreds"
    ).order_by("session__starts_at")
    if _administers(user):
        return rooms
    confirmed = Enrolment.objects.filter(
        offering_id=OuterRef("session__offering_id"),
        user=user,
        status=EnrolmentStatus.BEKRAEFTET,
    )
    return rooms.filter(
        Q(Exists(confirmed)) | Q(hosts=user) | Q(session__offering__responsible=user)
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


def breakout_of(*, room: Room, user: User) -> Breakout | None:
    """The open breakout ``user`` is in, if any."""
    return (
        Breakout.objects.filter(room=room, closed_at__isnull=True, members=user)
        .order_by("-number")
        .first()
    )


def events_after(
    *, room: Room, after: int, breakout: Breakout | None = None
) -> list[RoomEvent]:
    """Up to CATCH_UP_LIMIT events of the room's stream (or one breakout's stream)
    after sequence number ``after``, oldest first. One query."""
    return list(
        RoomEvent.objects.filter(
            room=room, breakout=breakout, seq__gt=max(after, 0)
        ).order_by("seq")[:CATCH_UP_LIMIT]
    )


def participants_present(*, room: Room) -> list[dict]:
    """Who is connected now (an open presence), by name. One query."""
    rows = (
        Presence.objects.filter(room=room, left_at__isnull=True)
        .values("user_id", "user__first_name", "user__last_name")
        .distinct()
        .order_by("user__first_name", "user__last_name", "user_id")
    )
    return [
        {
            "user": row["user_id"],
            "name": f"{row['user__first_name']} {row['user__last_name']}".strip(),
        }
        for row in rows
    ]


def _merged_minutes(
    intervals: list[tuple[datetime.datetime, datetime.datetime]],
) -> int:
    """Minutes covered by possibly overlapping intervals (several tabs count once)."""
    total = datetime.timedelta()
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_end is not None:
        total += current_end - current_start
    return int(total.total_seconds() // 60)


@dataclass(frozen=True)
class AttendanceRow:
    user: User
    first_joined: datetime.datetime | None
    last_left: datetime.datetime | None
    minutes: int
    visits: int
    confirmed: bool


def room_attendance(*, room: Room) -> list[AttendanceRow]:
    """Per person who was present, or is a confirmed participant: first join, last
    leave, minutes present (overlaps merged), number of visits. Two queries."""
    now = timezone.now()
    confirmed_users = {
        enrolment.user_id: enrolment.user
        for enrolment in Enrolment.objects.select_related("user").filter(
            offering_id=room.session.offering_id, status=EnrolmentStatus.BEKRAEFTET
        )
    }
    by_user: dict[int, list[Presence]] = {}
    users: dict[int, User] = dict(confirmed_users)
    for presence in Presence.objects.filter(room=room).select_related("user"):
        by_user.setdefault(presence.user_id, []).append(presence)
        users[presence.user_id] = presence.user
    rows = []
    for user_id, user in users.items():
        stays = by_user.get(user_id, [])
        intervals = [(p.joined_at, p.left_at or room.ended_at or now) for p in stays]
        rows.append(
            AttendanceRow(
                user=user,
                first_joined=min((p.joined_at for p in stays), default=None),
                last_left=max((end for _start, end in intervals), default=None),
                minutes=_merged_minutes(intervals),
                visits=len(stays),
                confirmed=user_id in confirmed_users,
            )
        )
    rows.sort(key=lambda row: (row.user.first_name, row.user.last_name, row.user.pk))
    return rows


def room_questions(*, room: Room) -> QuerySet[Question]:
    """Every question with its author, for the hosts' transcript."""
    return Question.objects.filter(room=room).select_related("author")


def room_is_open(room: Room) -> bool:
    return room.state != RoomState.AFSLUTTET
