"""Reads for webinar rooms: who may enter and moderate, catch-up, attendance."""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus, Offering, OfferingFormat, Session

from .models import (
    Breakout,
    Caption,
    Presence,
    Question,
    Removal,
    Room,
    RoomEvent,
    WebinarInvitation,
)

CATCH_UP_LIMIT = 500


@dataclass(frozen=True)
class RoomAccess:
    can_enter: bool
    is_moderator: bool
    removed: bool = False
    # Named captioner (skrivetolk) of the room: may send captions.
    is_captioner: bool = False

    @property
    def can_caption(self) -> bool:
        """Captions come from the room's captioners and its moderators."""
        return self.is_captioner or self.is_moderator


def _runs_webinars(user: User) -> bool:
    return user.has_perm("accounts.run_webinars")


def _administers(user: User) -> bool:
    return user.has_perm("accounts.manage_offerings")


def _permission_exists(user: User, codename: str) -> Exists:
    """Whether the user holds ``accounts.<codename>`` through a role or directly."""
    return Exists(
        Permission.objects.filter(
            Q(group__user=user) | Q(user=user),
            content_type__app_label="accounts",
            codename=codename,
        )
    )


def _rooms_with_access(user: User) -> QuerySet[Room]:
    """Rooms annotated with everything ``room_access`` needs, so entering a room
    costs one query (3,000 people join a national webinar at once)."""
    return Room.objects.select_related("session__offering__module").annotate(
        is_host=Exists(
            Room.hosts.through.objects.filter(room_id=OuterRef("pk"), user_id=user.pk)
        ),
        is_named_moderator=Exists(
            Room.moderators.through.objects.filter(
                room_id=OuterRef("pk"), user_id=user.pk
            )
        ),
        is_responsible=Exists(
            Offering.responsible.through.objects.filter(
                offering_id=OuterRef("session__offering_id"), user_id=user.pk
            )
        ),
        is_enrolled=Exists(
            Enrolment.objects.filter(
                offering_id=OuterRef("session__offering_id"),
                user_id=user.pk,
                status=EnrolmentStatus.BEKRAEFTET,
            )
        ),
        is_invited=Exists(
            WebinarInvitation.objects.filter(room_id=OuterRef("pk"), user_id=user.pk)
        ),
        is_removed=Exists(
            Removal.objects.filter(room_id=OuterRef("pk"), user_id=user.pk)
        ),
        runs_webinars=_permission_exists(user, "run_webinars"),
        administers=_permission_exists(user, "manage_offerings"),
        open_breakout=Subquery(
            Breakout.objects.filter(
                room_id=OuterRef("pk"), closed_at__isnull=True, members=user.pk
            )
            .order_by("-number")
            .values("pk")[:1]
        ),
        is_captioner=Exists(
            Room.captioners.through.objects.filter(
                room_id=OuterRef("pk"), user_id=user.pk
            )
        ),
    )


def _access_of(room: Any, user: User) -> RoomAccess:
    """``room`` is annotated by ``_rooms_with_access``."""
    if not user.is_authenticated or not user.is_active:
        return RoomAccess(False, False)
    staff = room.is_host or room.is_named_moderator or room.is_responsible
    administers = room.administers or user.is_superuser
    if administers or (staff and (room.runs_webinars or user.is_superuser)):
        return RoomAccess(True, True)
    if room.is_removed:
        return RoomAccess(False, False, removed=True)
    if room.is_captioner:
        # Named by an administrator for this room; enters like staff, but being
        # a captioner makes nobody a moderator.
        return RoomAccess(True, False, is_captioner=True)
    return RoomAccess(staff or room.is_enrolled or room.is_invited, False)


def room_access(*, room: Room, user: User) -> RoomAccess:
    """What ``user`` may do in ``room``: moderators are the room's named hosts and
    moderators and the offering's responsible staff who run webinars, and
    administrators; participants
    are the offering's confirmed participants and the responsible staff, or for a
    standalone webinar the people invited to it. A removed person may not come
    back. One query."""
    if not user.is_authenticated or not user.is_active:
        return RoomAccess(False, False)
    annotated = _rooms_with_access(user).get(pk=room.pk)
    return _access_of(annotated, user)


def _column(model: Any, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@functools.cache
def _room_entry_sql() -> tuple[str, list[str]]:
    """The SQL of ``room_entry``: the room's columns and, as in
    ``_rooms_with_access``, every fact ``_access_of`` needs, for one user.

    Written out once per process instead of built by the ORM on each call: in a
    join storm the ORM's compiling of ten EXISTS annotations cost about 15 ms per
    handshake, the query itself well under one. Table and column names come from
    the models; only ids and fixed codes are parameters. ``test_room_entry_*``
    checks that it agrees with ``_rooms_with_access`` for every kind of person."""
    hosts, moderators = Room.hosts.through, Room.moderators.through
    captioners = Room.captioners.through
    responsible = Offering.responsible.through
    members = Breakout.members.through
    groups, direct = User.groups.through, User.user_permissions.through
    group_permissions = Permission.group_set.through
    fields = [field.attname for field in Room._meta.concrete_fields]
    columns = ", ".join(
        f"r.{connection.ops.quote_name(field.column)}"
        for field in Room._meta.concrete_fields
    )

    def permission(parameter: str) -> str:
        return f"""EXISTS (
            SELECT 1 FROM {_table(Permission)} p
            JOIN {_table(Permission._meta.get_field("content_type").related_model)} ct
              ON ct.id = p.content_type_id
            WHERE ct.app_label = 'accounts' AND p.codename = %({parameter})s AND (
              EXISTS (SELECT 1 FROM {_table(direct)} d
                      WHERE d.{_column(direct, "permission")} = p.id
                        AND d.{_column(direct, "user")} = %(user)s)
              OR EXISTS (SELECT 1 FROM {_table(group_permissions)} gp
                         JOIN {_table(groups)} ug
                           ON ug.{_column(groups, "group")}
                              = gp.{_column(group_permissions, "group")}
                         WHERE gp.{_column(group_permissions, "permission")} = p.id
                           AND ug.{_column(groups, "user")} = %(user)s)))"""  # noqa: S608

    sql = f"""
        SELECT {columns},
          EXISTS (SELECT 1 FROM {_table(hosts)} h
                  WHERE h.{_column(hosts, "room")} = r.id
                    AND h.{_column(hosts, "user")} = %(user)s),
          EXISTS (SELECT 1 FROM {_table(moderators)} m
                  WHERE m.{_column(moderators, "room")} = r.id
                    AND m.{_column(moderators, "user")} = %(user)s),
          EXISTS (SELECT 1 FROM {_table(responsible)} x
                  WHERE x.{_column(responsible, "offering")} = s.offering_id
                    AND x.{_column(responsible, "user")} = %(user)s),
          EXISTS (SELECT 1 FROM {_table(Enrolment)} e
                  WHERE e.offering_id = s.offering_id AND e.user_id = %(user)s
                    AND e.status = %(confirmed)s),
          EXISTS (SELECT 1 FROM {_table(WebinarInvitation)} i
                  WHERE i.room_id = r.id AND i.user_id = %(user)s),
          EXISTS (SELECT 1 FROM {_table(Removal)} rm
                  WHERE rm.room_id = r.id AND rm.user_id = %(user)s),
          {permission("run_webinars")},
          {permission("manage_offerings")},
          (SELECT b.id FROM {_table(Breakout)} b
           JOIN {_table(members)} bm ON bm.{_column(members, "breakout")} = b.id
           WHERE b.room_id = r.id AND b.closed_at IS NULL
             AND bm.{_column(members, "user")} = %(user)s
           ORDER BY b.number DESC LIMIT 1),
          EXISTS (SELECT 1 FROM {_table(captioners)} c
                  WHERE c.{_column(captioners, "room")} = r.id
                    AND c.{_column(captioners, "user")} = %(user)s)
        FROM {_table(Room)} r
        LEFT JOIN {_table(Session)} s ON s.id = r.session_id
        WHERE r.id = %(room)s
    """  # noqa: S608 - names from the models, values as parameters
    return sql, fields


ENTRY_FLAGS = (
    "is_host",
    "is_named_moderator",
    "is_responsible",
    "is_enrolled",
    "is_invited",
    "is_removed",
    "runs_webinars",
    "administers",
    "open_breakout",
    "is_captioner",
)


def room_entry(
    *, room_id: int, user: User
) -> tuple[Room | None, RoomAccess, int | None]:
    """The room, what ``user`` may do there and their open breakout's id, in one
    query: what the socket needs to let someone in (the same facts and rule as
    ``room_access``)."""
    sql, fields = _room_entry_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "user": user.pk,
                "room": room_id,
                "confirmed": EnrolmentStatus.BEKRAEFTET.value,
                "run_webinars": "run_webinars",
                "manage_offerings": "manage_offerings",
            },
        )
        row = cursor.fetchone()
    if row is None:
        return None, RoomAccess(False, False), None
    room: Any = Room.from_db(connection.alias, fields, row[: len(fields)])
    for name, value in zip(ENTRY_FLAGS, row[len(fields) :], strict=True):
        setattr(room, name, value)
    return room, _access_of(room, user), room.open_breakout


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
        status=EnrolmentStatus.BEKRAEFTET,
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


def breakout_of(*, room: Room, user: User) -> Breakout | None:
    """The open breakout ``user`` is in, if any."""
    return (
        Breakout.objects.filter(room=room, closed_at__isnull=True, members=user)
        .order_by("-number")
        .first()
    )


def events_after(
    *, room: Room, after: int, breakout: Breakout | int | None = None
) -> list[RoomEvent]:
    """Up to CATCH_UP_LIMIT events of the room's stream (or one breakout's stream,
    given as the breakout or its id) after sequence number ``after``, oldest first.
    One query."""
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
    current: tuple[datetime.datetime, datetime.datetime] | None = None
    for start, end in sorted(intervals):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        elif end > current[1]:
            current = (current[0], end)
    if current is not None:
        total += current[1] - current[0]
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
    """Per person who was present, or is expected (a confirmed participant of the
    session's offering, or invited to a standalone webinar): first join, last
    leave, minutes present (overlaps merged), number of visits. Two queries."""
    now = timezone.now()
    expected: QuerySet[Any]
    if room.session is None:
        expected = WebinarInvitation.objects.filter(room=room)
    else:
        expected = Enrolment.objects.filter(
            offering_id=room.session.offering_id, status=EnrolmentStatus.BEKRAEFTET
        )
    confirmed_users = {row.user_id: row.user for row in expected.select_related("user")}
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


def room_chat(*, room: Room) -> QuerySet[RoomEvent]:
    """Every chat message of the room and its breakouts, main room first, for the
    hosts' transcript."""
    return RoomEvent.objects.filter(room=room, kind="chat.message").order_by(
        "breakout_id", "seq"
    )


def room_questions(*, room: Room) -> QuerySet[Question]:
    """Every question with its author, for the hosts' transcript."""
    return Question.objects.filter(room=room).select_related("author")


def breakout_open_get(*, room: Room, breakout_id: Any) -> Breakout | None:
    """The room's open breakout group with id ``breakout_id``, if there is one."""
    if not isinstance(breakout_id, int) or isinstance(breakout_id, bool):
        return None
    return Breakout.objects.filter(
        room=room, pk=breakout_id, closed_at__isnull=True
    ).first()


def breakouts_overview(*, room: Room) -> list[dict]:
    """The open breakout groups for the moderators' overview: number, label, when
    they close, their members by name, and their activity (chat messages from the
    group, not the moderators' messages to all groups, and the time of the last).
    Three queries, whatever the number of groups."""
    groups = list(
        Breakout.objects.filter(room=room, closed_at__isnull=True)
        .prefetch_related("members")
        .order_by("number")
    )
    activity = {
        row["breakout_id"]: row
        for row in RoomEvent.objects.filter(breakout__in=groups, kind="chat.message")
        .exclude(payload__has_key="broadcast")
        .values("breakout_id")
        .annotate(messages=Count("pk"), last_message_at=Max("created_at"))
    }
    overview = []
    # The groups of one round are numbered from 1, as ``breakout.opened`` says.
    for number, group in enumerate(groups, start=1):
        members = sorted(
            group.members.all(),
            key=lambda person: (person.first_name, person.last_name, person.pk),
        )
        row = activity.get(group.pk, {})
        overview.append(
            {
                "breakout": group.pk,
                "number": number,
                "label": group.label,
                "closes_at": group.closes_at,
                "members": [
                    {"user": person.pk, "name": person.get_full_name()}
                    for person in members
                ],
                "messages": row.get("messages", 0),
                "last_message_at": row.get("last_message_at"),
            }
        )
    return overview


def captions_after(*, room: Room, after: int) -> list[Caption]:
    """Up to CATCH_UP_LIMIT captions of the room's caption stream after number
    ``after``, oldest first. One query."""
    return list(
        Caption.objects.filter(room=room, seq__gt=max(after, 0)).order_by("seq")[
            :CATCH_UP_LIMIT
        ]
    )


# A cue shows until the next caption, but at most this long.
CAPTION_CUE_SECONDS = 7


def _vtt_time(delta: datetime.timedelta) -> str:
    milliseconds = max(0, round(delta.total_seconds() * 1000))
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, milliseconds = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{milliseconds:03d}"


def _vtt_text(text: str) -> str:
    # WebVTT cue text: & and < start markup, and "-->" may not occur (escaping
    # > covers it). Captions are one line, so no blank line ends a cue early.
    return (
        " ".join(text.split())
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def room_captions_webvtt(*, room: Room) -> str:
    """The room's captions as a WebVTT file. Cue times count from when the
    webinar went live (``Room.live_at``; for a room that never recorded it, from
    the first caption); each cue lasts until the next caption, at most
    CAPTION_CUE_SECONDS. One query."""
    captions = list(
        Caption.objects.filter(room=room)
        .order_by("seq")
        .values_list("seq", "text", "created_at")
    )
    lines = ["WEBVTT", ""]
    if not captions:
        return "\n".join(lines)
    zero = room.live_at or captions[0][2]
    longest = datetime.timedelta(seconds=CAPTION_CUE_SECONDS)
    shortest = datetime.timedelta(milliseconds=1)
    for index, (seq, text, created_at) in enumerate(captions):
        start = max(created_at - zero, datetime.timedelta())
        end = start + longest
        if index + 1 < len(captions):
            end = min(end, captions[index + 1][2] - zero)
        end = max(end, start + shortest)
        lines += [str(seq), f"{_vtt_time(start)} --> {_vtt_time(end)}"]
        lines += [_vtt_text(text), ""]
    return "\n".join(lines)


# Why someone may not enter a room (``room_refusal``); the room page explains each.
REFUSAL_REMOVED = "removed"
REFUSAL_WAITLISTED = "waitlisted"
REFUSAL_OFFERED = "offered"
REFUSAL_NOT_ENROLLED = "not_enrolled"
REFUSAL_NOT_INVITED = "not_invited"


def room_refusal(*, room: Room, user: User, access: RoomAccess) -> str | None:
    """Why ``user`` may not enter ``room`` (``access`` from ``room_access``), as
    one of the ``REFUSAL_*`` codes, or None when they may. Only the person's own
    facts are read (their removal, their enrolment on the room's offering), so
    the answer says nothing about anyone else. At most one query."""
    if access.can_enter:
        return None
    if access.removed:
        return REFUSAL_REMOVED
    session = room.session
    if session is None:
        return REFUSAL_NOT_INVITED
    status = (
        Enrolment.objects.filter(offering_id=session.offering_id, user=user)
        .values_list("status", flat=True)
        .first()
    )
    if status == EnrolmentStatus.VENTELISTE:
        return REFUSAL_WAITLISTED
    if status == EnrolmentStatus.TILBUDT:
        return REFUSAL_OFFERED
    return REFUSAL_NOT_ENROLLED
