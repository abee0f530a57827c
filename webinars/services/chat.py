"""Chat: messages in the room, in a breakout group and to every group, and the
moderators' pause."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import (
    Room,
    RoomEvent,
)
from ..selectors import (
    breakout_of,
    room_access,
)
from ._common import _check_live, _check_moderator, _name, _text_clean
from .breakouts import _breakout_visit_check
from .events import room_event_append

CHAT_MAX_LENGTH = 1000


def chat_send(
    *,
    room: Room,
    user: User,
    text: Any,
    to_breakout: bool = False,
    breakout_id: Any = None,
) -> RoomEvent:
    """Post a chat message to the room, or to the person's breakout group. Refused
    while a moderator has paused the chat (moderators may still write). With
    ``breakout_id`` a moderator writes in an open group they visit."""
    text = _text_clean(
        text, limit=CHAT_MAX_LENGTH, empty_message=_("Write a message before you send.")
    )
    _check_live(room)
    breakout = None
    if breakout_id is not None:
        breakout = _breakout_visit_check(room=room, user=user, breakout_id=breakout_id)
    elif to_breakout:
        breakout = breakout_of(room=room, user=user)
        if breakout is None:
            raise ValidationError(_("You are not in a breakout room."))
    elif room.chat_paused and not room_access(room=room, user=user).is_moderator:
        raise ValidationError(_("The chat is paused by the moderators."))
    return room_event_append(
        room=room,
        kind="chat.message",
        data={"author": user.pk, "name": _name(user), "text": text},
        actor=user,
        breakout=breakout,
    )


def chat_pause(*, room: Room, user: User, paused: Any) -> RoomEvent:
    """Pause or resume the chat for participants (moderators)."""
    _check_moderator(room=room, user=user)
    if not isinstance(paused, bool):
        raise ValidationError(_("Say whether the chat is paused."))
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(chat_paused=paused)
        return room_event_append(
            room=room, kind="chat.paused", data={"paused": paused}, actor=user
        )


def breakout_broadcast(*, room: Room, user: User, text: Any) -> list[RoomEvent]:
    """Post one message from a moderator in every open breakout group's stream,
    marked ``broadcast`` so the groups see it is meant for all of them. One
    transaction: every group gets it, or none does."""
    _check_moderator(room=room, user=user)
    text = _text_clean(
        text, limit=CHAT_MAX_LENGTH, empty_message=_("Write a message before you send.")
    )
    _check_live(room)
    with transaction.atomic():
        groups = list(
            room.breakouts.select_for_update()
            .filter(closed_at__isnull=True)
            .order_by("number")
        )
        if not groups:
            raise ValidationError(_("No breakout rooms are open."))
        return [
            room_event_append(
                room=room,
                kind="chat.message",
                data={
                    "author": user.pk,
                    "name": _name(user),
                    "text": text,
                    "broadcast": True,
                },
                actor=user,
                breakout=group,
            )
            for group in groups
        ]
