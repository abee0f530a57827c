"""A room's streams: catch-up, chat and questions."""

from django.db.models import QuerySet

from ..models import (
    Breakout,
    Question,
    Room,
    RoomEvent,
)

CATCH_UP_LIMIT = 500


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


def room_chat(*, room: Room) -> QuerySet[RoomEvent]:
    """Every chat message of the room and its breakouts, main room first, for the
    hosts' transcript."""
    return RoomEvent.objects.filter(room=room, kind="chat.message").order_by(
        "breakout_id", "seq"
    )


def room_questions(*, room: Room) -> QuerySet[Question]:
    """Every question with its author, for the hosts' transcript."""
    return Question.objects.filter(room=room).select_related("author")
