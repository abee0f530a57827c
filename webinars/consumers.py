"""The room socket: ``/ws/webinar/<room_id>/``. The protocol is documented in
docs/webinar-protocol.md."""

import asyncio
from collections.abc import Awaitable, Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections
from django.utils.translation import gettext as _

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer

from core.admission import CLOSE_TRY_AGAIN as ADMISSION_TRY_AGAIN
from core.db_threads import on_pool
from core.realtime import SESSIONS_GROUP

from . import services
from .actions import ACTIONS
from .catchup import catch_up_cache, room_head
from .models import Room, RoomState
from .protocol import MESSAGES, ProtocolError, message_validate
from .realtime import (
    NO_CHANNEL_LAYER,
    breakout_group_name,
    caption_message,
    dumps,
    event_message,
    room_group_name,
    room_hub,
)
from .selectors import (
    CATCH_UP_LIMIT,
    breakout_open_get,
    breakouts_overview,
    captions_after,
    events_after,
    participants_present,
    room_access,
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
# Server busy: the client waits the number of seconds in ``retry`` (sent just before
# the close, since daphne under runserver drops the close reason) plus up to 50 %
# jitter.
CLOSE_TRY_AGAIN = ADMISSION_TRY_AGAIN  # the process is busy: core/admission.py
# A socket this many texts behind (a stalled client) is closed with 1013 ("try again
# later"); the page reconnects and catches up.
OUTBOX_LIMIT = 2000
CLOSE_TOO_SLOW = 1013


class RoomConsumer(AsyncWebsocketConsumer):
    """One participant's socket in one webinar room.

    connect: only logged-in, active people who may enter (confirmed participants,
    responsible staff, hosts, administrators), not removed, not while the room is
    locked or still planned (moderators excepted) or ended. Records a Presence
    row (join time); the leave time is stored on disconnect. Joins, through the
    process's hub (one channel-layer member per process, not per socket), the
    room's group and the logouts group, so logout closes the socket.

    A refused entry is accepted and then closed with its code (4401, 4403, 4404,
    4409, 4410, 4423, 4425, or 4429 when busy), so the page can tell why.

    receive: every frame is checked against its schema (webinars/protocol.py: size,
    text, JSON, a known type, every field typed and bounded, no control characters),
    rate-limited per person (refused actions are refunded), then handed to one
    service through ``ACTIONS``; refusals come back as ``error`` events, store
    nothing and never close the connection.
    """

    # No channel-layer channel per socket: everything reaches the socket through
    # the process's hub (webinars.realtime), so a Redis restart closes no socket
    # and a join costs no Redis round trip of its own.
    channel_layer_alias = NO_CHANNEL_LAYER
    room: Room | None = None
    user_id: int | None = None
    presence_id: int | None = None
    breakout_id: int | None = None
    is_moderator = False
    # Closed by us or gone on the client's side: nothing more is sent.
    gone = False
    # What the hub hands this socket waits here for the socket's own writer task:
    # the hub never waits for one socket (a slow client, a close handshake).
    outbox: asyncio.Queue | None = None
    writer: asyncio.Task | None = None

    @property
    def _room(self) -> Room:
        """The room, once ``connect`` let the person in."""
        assert self.room is not None
        return self.room

    async def dispatch(self, message: dict) -> None:
        """channels' ``dispatch`` without its ``aclose_old_connections()``: that runs
        ``close_old_connections`` on the single thread-sensitive thread before every
        handler, so every frame of every socket of the process (each join, ``sync``
        and chat message) queued for that one thread, and a join storm stalled the
        room. This consumer never uses that thread's connection: its database work
        runs on the pool (``on_pool``), which closes its own connections."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.user_id = user.pk
        room_id = self.scope["url_route"]["kwargs"]["room_id"]
        # Not thread-sensitive: in a join storm many entries run at once, each on a
        # pool thread with its own connection (closed or kept per CONN_MAX_AGE).
        code = await sync_to_async(self._enter, thread_sensitive=False)(room_id)
        if code:
            await self.refuse(code)
            return
        self.outbox = asyncio.Queue(maxsize=OUTBOX_LIMIT)
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
                "caption_seq": self._room.caption_last_seq,
            }
        )
        self.writer = asyncio.get_running_loop().create_task(self._write())

    async def refuse(self, code: int, *, retry_after: int | None = None) -> None:
        """Accept, then close with ``code``: a refusal before ``accept`` reaches the
        browser only as 1006, and the page could not tell "not open yet" from a
        network failure. With ``retry_after`` (CLOSE_TRY_AGAIN) the seconds go in a
        ``retry`` message first and in the close reason."""
        await self.accept()
        if retry_after is not None:
            await self._send({"type": "retry", "after": retry_after})
        await self.close(
            code=code, reason=None if retry_after is None else str(retry_after)
        )
        self.gone = True

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
        if room.state == RoomState.ENDED:
            return CLOSE_ENDED
        # The captioner gets in early, like the moderators, to be ready at start.
        if room.state == RoomState.PLANNED and not access.can_caption:
            return CLOSE_NOT_OPEN
        if room.locked and not access.can_caption:
            return CLOSE_LOCKED
        self.room = room
        self.is_moderator = access.is_moderator
        self.breakout_id = breakout_id
        self.presence_id = services.presence_join(room=room, user=self.user).pk
        return None

    async def disconnect(self, code: int) -> None:
        self.gone = True
        if self.writer is not None:
            self.writer.cancel()
        if self.room is None:
            return
        hub = room_hub()
        for group in self._groups():
            await hub.leave(group, self)
        if self.presence_id:
            await on_pool(services.presence_leave)(presence_id=self.presence_id)

    def _groups(self) -> list[str]:
        """The hub groups this socket listens to: the logouts (the hub closes this
        socket when its person logs out), the room's and, when in one, the
        breakout's."""
        groups = [SESSIONS_GROUP, room_group_name(self._room.pk)]
        if self.breakout_id:
            groups.append(breakout_group_name(self._room.pk, self.breakout_id))
        return groups

    async def _send(self, message: dict) -> None:
        await self._push(dumps(message))

    async def _push(self, text: str) -> None:
        """Send ``text`` now (an answer to this socket's own message) unless the
        socket is gone. uvicorn raises on a send to a closing socket (daphne
        dropped it)."""
        if self.gone:
            return
        try:
            await self.send(text_data=text)
        except Exception:  # noqa: BLE001 - ClientDisconnected, or a send after close
            self.gone = True

    def _queue(self, item: str | int) -> None:
        """For the hub: put a text (or a close code) in this socket's outbox, never
        waiting. A socket OUTBOX_LIMIT texts behind is closed with 1013 instead: the
        page reconnects and catches up from the database."""
        outbox = self.outbox
        if self.gone or outbox is None:
            return
        if isinstance(item, int):
            self.gone = True  # nothing after the close
        try:
            outbox.put_nowait(item)
        except asyncio.QueueFull:
            self.gone = True
            while not outbox.empty():
                outbox.get_nowait()
            outbox.put_nowait(CLOSE_TOO_SLOW)

    async def _write(self) -> None:
        """This socket's writer: sends what the hub queued, in order."""
        assert self.outbox is not None
        while True:
            item = await self.outbox.get()
            try:
                if isinstance(item, int):
                    await self.close(code=item)
                    return
                await self.send(text_data=item)
            except Exception:  # noqa: BLE001 - the client is gone; disconnect follows
                self.gone = True
                return

    async def _error(self, code: str, message: str) -> None:
        await self._send({"type": "error", "code": code, "message": message})

    async def receive(self, text_data=None, bytes_data=None) -> None:
        try:
            message = message_validate(text_data)
        except ProtocolError as error:
            await self._error(error.code, error.message)
            return
        # One lookup: a type the consumer answers itself, else its service.
        await OWN_HANDLERS.get(message["type"], RoomConsumer._act)(self, message)

    async def _pong(self, message: dict) -> None:
        await self._send({"type": "pong"})

    async def _act(self, message: dict) -> None:
        """Carry out a message through its service (``ACTIONS``)."""
        action = ACTIONS[message["type"]]
        bucket = MESSAGES[message["type"]].bucket

        def run() -> None:
            # Counted before the service (so the limit holds across processes even
            # for simultaneous frames), refunded when the service refuses: only
            # accepted actions use up the limit.
            spent = None
            if bucket and not self.is_moderator:
                spent = services.rate_limit_hit(user_id=self.user.pk, bucket=bucket)
            try:
                room = room_get(room_id=self._room.pk)
                assert room is not None  # rooms are not deleted while in use
                action(room, self.user, message)
            except Exception:
                if spent:
                    services.rate_limit_refund(key=spent)
                raise

        try:
            await on_pool(run)()
        except PermissionDenied as error:
            await self._error("forbidden", str(error) or _("You may not do that."))
        except ValidationError as error:
            code = error.code if error.code in ("rate_limited", "cpr") else "invalid"
            await self._error(code, " ".join(error.messages))

    async def _catch_up(self, content: dict) -> None:
        """Send what the client missed: main stream after ``after`` (from the
        process's catch-up cache, webinars/catchup.py) and, when in a breakout, that
        stream after ``breakout_after``. One database round trip when the cache is
        current."""
        room = self._room

        def load():
            # Rooms are not deleted while in use; (0, None) if one was.
            head, breakout_id = room_head(room_id=room.pk, user_id=self.user.pk) or (
                0,
                None,
            )
            if breakout_id is None and self.is_moderator and self.breakout_id:
                # A moderator visiting a group (breakout.enter).
                visited = breakout_open_get(room=room, breakout_id=self.breakout_id)
                breakout_id = visited.pk if visited is not None else None
            breakout_events = []
            if breakout_id is not None:
                breakout_events = events_after(
                    room=room, after=content["breakout_after"], breakout=breakout_id
                )
            # The caption stream, only for a client that asked (``caption_after``):
            # it has its own numbers, and a newcomer skips its history.
            captions = None
            if content.get("caption_after") is not None:
                captions = captions_after(room=room, after=content["caption_after"])
            return head, breakout_events, captions

        head, breakout_events, captions = await on_pool(load)()
        cached = await catch_up_cache().texts_after(
            room_id=room.pk,
            head=head,
            after=content["after"],
            limit=CATCH_UP_LIMIT,
            moderator=self.is_moderator,
            user_id=self.user.pk,
        )
        if cached is None:  # further behind than the cache reaches
            events = await on_pool(events_after)(room=room, after=content["after"])
            texts = [dumps(self._message(event)) for event in events]
            last_seq, more = head, len(events) >= CATCH_UP_LIMIT
        else:
            texts, last_seq, more = cached
        caption_part = ""
        if captions is not None:
            more = more or len(captions) >= CATCH_UP_LIMIT
            caption_part = ',"caption_events":' + dumps(
                [caption_message(c) for c in captions]
            )
        # The cached texts go out as they are: the answer is assembled, not dumped.
        breakout_texts = ",".join(dumps(self._message(e)) for e in breakout_events)
        await self._push(
            '{"type":"catchup","events":['
            + ",".join(texts)
            + '],"breakout_events":['
            + breakout_texts
            + f'],"last_seq":{last_seq},"more":{"true" if more else "false"}'
            + caption_part
            + "}"
        )

    def _message(self, event) -> dict:
        return event_message(event, moderator=self.is_moderator, user_id=self.user.pk)

    async def _participants(self, message: dict) -> None:
        if not self.is_moderator:
            await self._error(
                "forbidden", _("Only the webinar's moderators can do that.")
            )
            return
        people = await on_pool(participants_present)(room=self._room)
        await self._send({"type": "participants", "participants": people})

    async def _breakouts(self, message: dict) -> None:
        """The moderators' breakout overview: ``breakouts.list`` answers
        ``breakouts``; ``breakout.enter`` makes this socket follow one open
        group's stream (catch-up with ``sync``, writing with ``chat.send`` and
        ``breakout``), ``breakout.leave`` back to the main room only. Refused
        for participants; stores nothing."""
        kind = message["type"]

        def load():
            room = room_get(room_id=self._room.pk)
            assert room is not None  # rooms are not deleted while in use
            if kind == "breakout.enter":
                services.breakout_visit(
                    room=room, user=self.user, breakout_id=message["breakout"]
                )
            elif not room_access(room=room, user=self.user).is_moderator:
                raise PermissionDenied(_("Only the webinar's moderators can do that."))
            return breakouts_overview(room=room)

        try:
            overview = await on_pool(load)()
        except PermissionDenied as error:
            await self._error("forbidden", str(error))
            return
        except ValidationError as error:
            await self._error("invalid", " ".join(error.messages))
            return
        hub = room_hub()
        if kind in ("breakout.enter", "breakout.leave") and self.breakout_id:
            await hub.leave(breakout_group_name(self._room.pk, self.breakout_id), self)
            self.breakout_id = None
        if kind == "breakout.enter":
            self.breakout_id = message["breakout"]
            await hub.join(breakout_group_name(self._room.pk, self.breakout_id), self)
        await self._send(
            {
                "type": "breakouts",
                "groups": overview,
                "visiting": self.breakout_id,
            }
        )

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
        self._queue(text)
        if control.get("remove_user") == self.user.pk:
            self._queue(CLOSE_REMOVED)
        elif control.get("end"):
            self._queue(CLOSE_ENDED)

    async def session_ended(self) -> None:
        """Logout or deactivation (core.realtime, through the hub): close this
        socket with 4401, so the page says the person is logged out and links to
        the login page (4403 would tell them they have no access to the room)."""
        self._queue(CLOSE_UNAUTHENTICATED)


# The message types the consumer answers itself; every other type of
# ``protocol.MESSAGES`` is carried out by its service (``actions.ACTIONS``).
OWN_HANDLERS: dict[str, Callable[[RoomConsumer, dict], Awaitable[None]]] = {
    "ping": RoomConsumer._pong,
    "sync": RoomConsumer._catch_up,
    "participants.list": RoomConsumer._participants,
    "breakouts.list": RoomConsumer._breakouts,
    "breakout.enter": RoomConsumer._breakouts,
    "breakout.leave": RoomConsumer._breakouts,
}
