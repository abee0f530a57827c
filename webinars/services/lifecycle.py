"""A room's life: its state, locking, removals, presence, attendance and its
end (by a moderator or the periodic job)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.models import (
    AttendanceSource,
)
from courses.services.learning import attendance_record

from ..models import (
    Breakout,
    Presence,
    Removal,
    Room,
    RoomEvent,
    RoomState,
)
from ..selectors import (
    room_access,
    room_attendance,
)
from ._common import _check_live, _check_moderator
from .breakouts import _breakouts_close
from .events import room_event_append

# The states a moderator moves a room through, in order; "afsluttet" is room_end.
STATE_ORDER: list[str] = [RoomState.PLANNED, RoomState.OPEN, RoomState.LIVE]


def room_state_set(*, room: Room, user: User, state: Any) -> RoomEvent:
    """Move the webinar forward (moderators): planlagt → åben for indgang → live.
    Participants may enter when it is open or live. Going back is refused, and so
    is ending through this (that is ``room_end``, which records attendance)."""
    _check_moderator(room=room, user=user)
    if state not in (RoomState.OPEN, RoomState.LIVE):
        raise ValidationError(_("Choose open for entry or live."))
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        _check_live(room)
        if STATE_ORDER.index(state) <= STATE_ORDER.index(room.state):
            raise ValidationError(
                _("The webinar is already %(state)s.")
                % {"state": room.get_state_display().lower()}
            )
        # Going live is time zero of the captions' WebVTT file.
        live_at = {"live_at": timezone.now()} if state == RoomState.LIVE else {}
        Room.objects.filter(pk=room.pk).update(state=state, **live_at)
        return room_event_append(
            room=room, kind="room.state", data={"state": state}, actor=user
        )


def room_lock(*, room: Room, user: User, locked: Any) -> RoomEvent:
    """Lock or unlock the room: while locked no participant may enter (moderators)."""
    _check_moderator(room=room, user=user)
    if not isinstance(locked, bool):
        raise ValidationError(_("Say whether the room is locked."))
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(locked=locked)
        return room_event_append(
            room=room, kind="room.locked", data={"locked": locked}, actor=user
        )


def participant_remove(*, room: Room, user: User, target_user_id: Any) -> RoomEvent:
    """Remove a participant: their sockets close and they cannot come back
    (moderators). Moderators cannot be removed."""
    _check_moderator(room=room, user=user)
    target = (
        User.objects.filter(pk=target_user_id).first()
        if isinstance(target_user_id, int)
        else None
    )
    if target is None:
        raise ValidationError(_("The participant was not found."))
    if room_access(room=room, user=target).is_moderator:
        raise ValidationError(_("A moderator cannot be removed."))
    with transaction.atomic():
        _removal, created = Removal.objects.get_or_create(room=room, user=target)
        if not created:
            raise ValidationError(_("The participant has already been removed."))
        return room_event_append(
            room=room,
            kind="participant.removed",
            data={"user": target.pk},
            actor=user,
            control={"remove_user": target.pk},
        )


# Share of the scheduled session a participant must be in the room to count present.
PRESENT_SHARE = 0.5


def presence_join(*, room: Room, user: User) -> Presence:
    """Record that ``user`` entered the room now (one row per socket).

    The commit does not wait for the disk (PostgreSQL's ``synchronous_commit`` off
    for this transaction only): in a join storm every handshake would otherwise
    wait for a WAL flush of its own, and a crash can lose at most the last fraction
    of a second of join times, never anything else."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return Presence.objects.create(room=room, user=user, joined_at=timezone.now())


def presence_leave(*, presence_id: int) -> None:
    """Record that the socket left. Idempotent: a second call changes nothing."""
    Presence.objects.filter(pk=presence_id, left_at__isnull=True).update(
        left_at=timezone.now()
    )


def room_attendance_feed(*, room: Room) -> int:
    """Record every confirmed participant's attendance from their minutes in the
    room (source "webinar"), which feeds module completion: present when they were
    in the room for at least half the scheduled session. Idempotent upsert per
    person. Returns the number recorded present. A standalone webinar belongs to
    no session or module, so nothing is recorded (its report shows attendance)."""
    session = room.session
    if session is None:
        return 0
    scheduled = (session.ends_at - session.starts_at).total_seconds() / 60
    needed = max(1, int(scheduled * PRESENT_SHARE))
    present_count = 0
    with transaction.atomic():
        for row in room_attendance(room=room):
            if not row.confirmed:
                continue
            present = row.minutes >= needed
            present_count += present
            attendance_record(
                session=session,
                user=row.user,
                present=present,
                minutes_present=min(row.minutes, 24 * 60),
                source=AttendanceSource.WEBINAR,
            )
    return present_count


def room_end(*, room: Room, user: User) -> RoomEvent:
    """End the webinar for everyone (moderators): every socket closes, open stays
    end now, and attendance is recorded for the confirmed participants."""
    _check_moderator(room=room, user=user)
    event = _room_finish(room=room, actor=user)
    if event is None:
        raise ValidationError(_("The webinar has ended."))
    return event


def _room_finish(*, room: Room, actor: User | None) -> RoomEvent | None:
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        if room.state == RoomState.ENDED:
            return None
        now = timezone.now()
        room.state = RoomState.ENDED
        room.ended_at = now
        room.save(update_fields=["state", "ended_at"])
        Breakout.objects.filter(room=room, closed_at__isnull=True).update(closed_at=now)
        Presence.objects.filter(room=room, left_at__isnull=True).update(left_at=now)
        event = room_event_append(
            room=room, kind="room.ended", data={}, actor=actor, control={"end": True}
        )
        room_attendance_feed(room=room)
    return event


# A room whose session ended this long ago is ended by the periodic job, so
# attendance is recorded even when nobody pressed "end".
ROOM_END_GRACE = datetime.timedelta(hours=1)


def rooms_close_due() -> tuple[int, int]:
    """Close breakouts whose time is up, and end rooms whose session ended more than
    an hour ago (recording attendance). Run every minute by Celery beat. Idempotent:
    what is closed or ended is left alone. Returns (breakout rounds closed, rooms
    ended)."""
    now = timezone.now()
    rounds = 0
    for room in Room.objects.filter(
        breakouts__closed_at__isnull=True, breakouts__closes_at__lte=now
    ).distinct():
        rounds += _breakouts_close(room=room, actor=None) is not None
    ended = 0
    over = now - ROOM_END_GRACE
    for room in Room.objects.select_related("session__offering__module").filter(
        Q(session__ends_at__lte=over, session__is_cancelled=False)
        | Q(session__isnull=True, ends_at__lte=over),
        ended_at__isnull=True,
    ):
        ended += _room_finish(room=room, actor=None) is not None
    return rounds, ended
