"""The room's event streams: every action that others should see appends a
``RoomEvent`` here."""

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import F

from accounts.models import User

from .. import realtime
from ..models import (
    Audience,
    Breakout,
    Room,
    RoomEvent,
)


def _seq_next(*, room: Room, breakout: Breakout | None) -> int:
    """The next sequence number of the stream. The UPDATE locks the counter row until
    the transaction ends, so concurrent appends queue up and never share a number."""
    model, pk = (Breakout, breakout.pk) if breakout else (Room, room.pk)
    if connection.vendor == "postgresql":
        # One round trip instead of two on the hot path of every chat message.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {model._meta.db_table} SET last_seq = last_seq + 1 "  # noqa: S608
                "WHERE id = %s RETURNING last_seq",
                [pk],
            )
            return cursor.fetchone()[0]
    model.objects.filter(pk=pk).update(last_seq=F("last_seq") + 1)
    return model.objects.filter(pk=pk).values_list("last_seq", flat=True).get()


def room_event_append(
    *,
    room: Room,
    kind: str,
    data: dict | Callable[[], dict],
    actor: User | None = None,
    breakout: Breakout | None = None,
    control: dict | None = None,
    audience: str = Audience.ALL,
    moderator_data: dict | None = None,
) -> RoomEvent:
    """Store an event with the next sequence number of its stream and broadcast it
    after commit. ``data`` may be a callable, evaluated after the counter is locked
    (for results that must count every earlier write). ``audience`` MODERATORS
    shows the event only to moderators and the actor; ``moderator_data`` is added
    for moderators. Not idempotent: every call is a new event."""
    with transaction.atomic():
        seq = _seq_next(room=room, breakout=breakout)
        payload = data() if callable(data) else data
        event = RoomEvent.objects.create(
            room=room,
            breakout=breakout,
            seq=seq,
            kind=kind,
            payload=payload,
            actor=actor,
            audience=audience,
            moderator_data=moderator_data or {},
        )
        realtime.event_publish_on_commit(event, control=control)
    return event
