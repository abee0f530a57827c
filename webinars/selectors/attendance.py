"""Who is in the room now, and everyone's minutes in it."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus

from ..models import (
    Presence,
    Room,
    WebinarInvitation,
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
            offering_id=room.session.offering_id, status=EnrolmentStatus.CONFIRMED
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
