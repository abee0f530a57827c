"""The room socket: ``/ws/webinar/<room_id>/``. The protocol is documented in
docs/webinar-protocol.md."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections
from django.utils.translation import gettext as _

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from core.realtime import user_group_name

from . import services
from .models import Room, RoomState
from .realtime import (
    NO_CHANNEL_LAYER,
    breakout_group_name,
    dumps,
    event_message,
    room_group_name,
    room_hub,
)
from .selectors import (
    CATCH_UP_LIMIT,
    breakout_of,
    events_after,
    participants_present,
    room_entry,
    room_get,
)

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_ENDED = 4410
CLOSE_REMOVED = 4409
CLOSE_LOCKED = 4423
CLOSE_NOT_OPEN = 4425
MESSAGE_MAX_BYTES = 4096

# type -> (required fields with their types, rate bucket or None)
MESSAGE_TYPES: dict[str, tuple[dict[str, type | tuple[type, ...]], str | None]] = {
    "ping": ({}, None),
    "sync": ({"after": int}, None),
    "chat.send": ({"text": str}, "text"),
    "question.ask": ({"text": str}, "text"),
    "question.upvote": ({"question": int}, "click"),
    "question.answer": ({"question": int}, None),
    "question.hide": ({"question": int}, None),
    "question.approve": ({"question": int}, None),
    "questions.approval": ({"required": bool}, None),
    "poll.open": ({"question": str, "options": list}, None),
    "poll.vote": ({"poll": int, "option": int}, "click"),
    "poll.close": ({"poll": int}, None),
    "hand.raise": ({}, "click"),
    "hand.lower": ({}, "click"),
    "slide.set": ({"page": int}, None),
    "breakout.open": ({"minutes": int}, None),
    "breakout.close": ({}, None),
    "chat.pause": ({"paused": bool}, None),
    "room.lock": ({"locked": bool}, None),
    "participant.remove": ({"user": int}, None),
    "participants.list": ({}, None),
    "room.end": ({}, None),
    "room.state": ({"state": str}, None),
}


def _service_call(room, user, content: dict) -> None:
    """Dispatch one validated action to its service."""
    kind = content["type"]
    if kind == "chat.send":
        services.chat_send(
            room=room,
            user=user,
            text=content["text"],
            to_breakout=content.get("to") == "breakout",
        )
    elif kind == "question.ask":
        services.question_ask(
            room=room,
            user=user,
            text=content["text"],
            anonymous=content.get("anonymous") is True,
        )
    elif kind == "question.upvote":
        services.question_upvote(room=room, user=user, question_id=content["question"])
    elif kind == "question.answer":
        services.question_answer(
            room=room,
            user=user,
            question_id=content["question"],
            answer=content.get("answer", ""),
        )
    elif kind == "question.approve":
        services.question_approve(room=room, user=user, question_id=content["question"])
    elif kind == "questions.approval":
        services.questions_approval_set(
            room=room, user=user, required=content["required"]
        )
    elif kind == "question.hide":
        services.question_hide(room=room, user=user, question_id=content["question"])
    elif kind == "poll.open":
        services.poll_open(
            room=room,
            user=user,
            question=content["question"],
            options=content["options"],
        )
    elif kind == "poll.vote":
        services.poll_vote(
            room=room, user=user, poll_id=content["poll"], option=content["option"]
        )
    elif kind == "poll.close":
        services.poll_close(room=room, user=user, poll_id=content["poll"])
    elif kind == "hand.raise":
        services.hand_raise(room=room, user=user)
    elif kind == "hand.lower":
        services.hand_lower(room=room, user=user, target_user_id=content.get("user"))
    elif kind == "slide.set":
        services.slide_set(room=room, user=user, page=content["page"])
    elif kind == "breakout.open":
        services.breakout_open(
            room=room,
            user=user,
            minutes=content["minutes"],
            by=content.get("by", "random"),
            groups=content.get("groups"),
        )
    elif kind == "breakout.close":
        services.breakout_close(room=room, user=user)
    elif kind == "chat.pause":
        services.chat_pause(room=room, user=user, paused=content["paused"])
    elif kind == "room.lock":
        services.room_lock(room=room, user=user, locked=content["locked"])
    elif kind == "participant.remove":
        services.participant_remove(
            room=room, user=user, target_user_id=content["user"]
        )
    elif kind == "room.state":
        services.room_state_set(room=room, user=user, state=content["state"])
    elif kind == "room.end":
        services.room_end(room=room, user=user)


class RoomConsumer(AsyncWebsocketConsumer):
    """One participant's socket in one webinar room.

    connect: only logged-in, active people who may enter (confirmed participants,
    responsible staff, hosts, administrators), not removed, not while the room is
    locked or still planned (moderators excepted) or ended. Records a Presence
    row (join time); the leave time is stored on disconnect. Joins the per-user
    group so logout closes the socket, and the room's group through the process's
    hub (one channel-layer member per process, not per socket).

    receive: every message is checked for size, JSON, a known type and required
    fields, rate-limited per person, then handed to one service; refusals come back
    as ``error`` events and never close the connection.
    """

    # No channel-layer channel per socket: everything reaches the socket through
    # the process's hub (webinars.realtime), so a Redis restart closes no socket
    # and a join costs no Redis round trip of its own.
    channel_layer_alias = NO_CHANNEL_LAYER
    room: Room | None = None
    presence_id: int | None = None
    breakout_id: int | None = None
    is_moderator = False

    @property
    def _room(self) -> Room:
        """The room, once ``connect`` let the person in."""
        assert self.room is not None
        return self.room

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        room_id = self.scope["url_route"]["kwargs"]["room_id"]
        # Not thread-sensitive: in a join storm many entries run at once, each on a
        # pool thread with its own connection (closed or kept per CONN_MAX_AGE).
        code = await sync_to_async(self._enter, thread_sensitive=False)(room_id)
        if code:
            await self.close(code=code)
            return
        hub = room_hub()
        for group in self._groups():
            await hub.join(group, self)
        await self.accept()
        await self._send(
            {
                "type": "welcome",
                "room": self._room.pk,
                "user": user.pk,
                "moderator": self.is_moderator,
                "last_seq": self._room.last_seq,
                "state": self._room.state,
                "breakout": self.breakout_id,
            }
        )

    def _enter(self, room_id: int) -> int | None:
        close_old_connections()
        try:
            return self._enter_checked(room_id)
        finally:
            close_old_connections()

    def _enter_checked(self, room_id: int) -> int | None:
        room, access, breakout_id = room_entry(room_id=room_id, user=self.user)
        if room is None:
            return CLOSE_NOT_FOUND
        if access.removed:
            return CLOSE_REMOVED
        if not access.can_enter:
            return CLOSE_FORBIDDEN
        if room.state == RoomState.AFSLUTTET:
            return CLOSE_ENDED
        if room.state == RoomState.PLANLAGT and not access.is_moderator:
            return CLOSE_NOT_OPEN
        if room.locked and not access.is_moderator:
            return CLOSE_LOCKED
        self.room = room
        self.is_moderator = access.is_moderator
        self.breakout_id = breakout_id
        self.presence_id = services.presence_join(room=room, user=self.user).pk
        return None

    async def disconnect(self, code: int) -> None:
        if self.room is None:
            return
        hub = room_hub()
        for group in self._groups():
            await hub.leave(group, self)
        if self.presence_id:
            await database_sync_to_async(services.presence_leave)(
                presence_id=self.presence_id
            )

    def _groups(self) -> list[str]:
        """The hub groups this socket listens to: the person's (logout closes the
        socket), the room's and, when in one, the breakout's."""
        groups = [user_group_name(self.user.pk), room_group_name(self._room.pk)]
        if self.breakout_id:
            groups.append(breakout_group_name(self._room.pk, self.breakout_id))
        return groups

    async def _send(self, message: dict) -> None:
        await self.send(text_data=dumps(message))

    async def _error(self, code: str, message: str) -> None:
        await self._send({"type": "error", "code": code, "message": message})

    async def receive(self, text_data=None, bytes_data=None) -> None:
        if text_data is None or len(text_data.encode()) > MESSAGE_MAX_BYTES:
            await self._error("too_large", _("The message is too large or not text."))
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            content = None
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self._error("malformed", _("The message could not be read."))
            return
        spec = MESSAGE_TYPES.get(content["type"])
        if spec is None:
            await self._error("unknown_type", _("Unknown message type."))
            return
        fields, bucket = spec
        for name, expected in fields.items():
            value = content.get(name)
            # bool is an int in Python; a field that wants a number wants a number.
            if not isinstance(value, expected) or (
                expected is int and isinstance(value, bool)
            ):
                await self._error(
                    "invalid_field",
                    _("The field %(field)s is missing or has the wrong type.")
                    % {"field": name},
                )
                return
        if content["type"] == "ping":
            await self._send({"type": "pong"})
        elif content["type"] == "sync":
            await self._catch_up(content)
        elif content["type"] == "participants.list":
            await self._participants()
        else:
            await self._act(content, bucket)

    async def _act(self, content: dict, bucket: str | None) -> None:
        def run() -> None:
            if bucket and not self.is_moderator:
                services.rate_limit_hit(user_id=self.user.pk, bucket=bucket)
            room = room_get(room_id=self._room.pk)
            assert room is not None  # rooms are not deleted while in use
            _service_call(room, self.user, content)

        try:
            await database_sync_to_async(run)()
        except PermissionDenied as error:
            await self._error("forbidden", str(error) or _("You may not do that."))
        except ValidationError as error:
            code = error.code if error.code in ("rate_limited", "cpr") else "invalid"
            await self._error(code, " ".join(error.messages))

    async def _catch_up(self, content: dict) -> None:
        """Send what the client missed: main stream after ``after`` and, when in a
        breakout, that stream after ``breakout_after``."""

        def load():
            room = room_get(room_id=self._room.pk)
            assert room is not None  # rooms are not deleted while in use
            events = events_after(room=room, after=content["after"])
            breakout = breakout_of(room=room, user=self.user)
            breakout_events = []
            if breakout is not None:
                after = content.get("breakout_after")
                breakout_events = events_after(
                    room=room,
                    after=after if isinstance(after, int) else 0,
                    breakout=breakout,
                )
            return room, events, breakout_events

        room, events, breakout_events = await database_sync_to_async(load)()
        await self._send(
            {
                "type": "catchup",
                "events": [self._message(event) for event in events],
                "breakout_events": [self._message(e) for e in breakout_events],
                "last_seq": room.last_seq,
                "more": len(events) >= CATCH_UP_LIMIT,
            }
        )

    def _message(self, event) -> dict:
        return event_message(event, moderator=self.is_moderator, user_id=self.user.pk)

    async def _participants(self) -> None:
        if not self.is_moderator:
            await self._error(
                "forbidden", _("Only the webinar's moderators can do that.")
            )
            return
        people = await database_sync_to_async(participants_present)(room=self._room)
        await self._send({"type": "participants", "participants": people})

    async def room_message(self, text: str, control: dict) -> None:
        """Called by the hub for every event of a group this socket is in."""
        assignments = control.get("assignments")
        closed = control.get("breakouts")
        if assignments is not None:
            breakout_id = assignments.get(str(self.user.pk))
            if breakout_id and breakout_id != self.breakout_id:
                self.breakout_id = breakout_id
                await room_hub().join(
                    breakout_group_name(self._room.pk, breakout_id), self
                )
        current = self.breakout_id
        if closed and current is not None and current in closed:
            await room_hub().leave(breakout_group_name(self._room.pk, current), self)
            self.breakout_id = None
        if self.is_moderator and "moderator_text" in control:
            text = control["moderator_text"]
        elif "actor_text" in control and control.get("actor") == self.user.pk:
            text = control["actor_text"]
        await self.send(text_data=text)
        if control.get("remove_user") == self.user.pk:
            await self.close(code=CLOSE_REMOVED)
        elif control.get("end"):
            await self.close(code=CLOSE_ENDED)

    async def session_ended(self) -> None:
        """Logout or deactivation (core.realtime, through the hub): close this
        socket."""
        await self.close(code=CLOSE_FORBIDDEN)
