"""Who may enter and moderate a room, and why someone may not."""

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus, Offering, Session

from ..models import (
    Breakout,
    Removal,
    Room,
    WebinarInvitation,
)


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
                status=EnrolmentStatus.CONFIRMED,
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
                "confirmed": EnrolmentStatus.CONFIRMED.value,
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
    if status == EnrolmentStatus.WAITLISTED:
        return REFUSAL_WAITLISTED
    if status == EnrolmentStatus.OFFERED:
        return REFUSAL_OFFERED
    return REFUSAL_NOT_ENROLLED
