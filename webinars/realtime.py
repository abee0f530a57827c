"""Group names, publishing after commit, and the per-process fan-out hub.

A room event is published once to the room's channel-layer group. Each web process
has one channel (the hub's) in that group, not one per socket: the hub receives the
event once and writes the same, already serialised text to every local socket of the
room. So a broadcast to 3,000 sockets costs one Redis delivery per process instead of
3,000, and no per-socket database work.

The channel layer is at-most-once; that is fine, because every event is stored first
(see ``services.room_event_append``) and clients catch up by sequence number.
"""

import asyncio
import json
import logging
import weakref
from typing import Any, Protocol

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from core.db_threads import on_pool

logger = logging.getLogger(__name__)


def room_group_name(room_id: int) -> str:
    return f"webinar.{room_id}"


def breakout_group_name(room_id: int, breakout_id: int) -> str:
    return f"webinar.{room_id}.b{breakout_id}"


WITHHELD = "withheld"

# A channel-layer alias that is not configured: consumers with it get no channel of
# their own (channels' get_channel_layer returns None for it).
NO_CHANNEL_LAYER = "none"


def event_message(
    event, *, moderator: bool = False, user_id: int | None = None
) -> dict[str, Any]:
    """The JSON a client receives for a stored event. A moderators-only event
    reaches others (not its actor) as a ``withheld`` placeholder with the same
    number; ``moderator_data`` is added for moderators only."""
    visible = event.audience != "moderators" or moderator or event.actor_id == user_id
    data = event.payload
    if not visible:
        data = {}
    elif moderator and event.moderator_data:
        data = {**event.payload, **event.moderator_data}
    return {
        "type": "event",
        "stream": "breakout" if event.breakout_id else "room",
        "breakout": event.breakout_id,
        "seq": event.seq,
        "kind": event.kind if visible else WITHHELD,
        "at": event.created_at,
        "data": data,
    }


def _texts(event) -> tuple[str, dict]:
    """The text for participants and, when they differ, the texts for moderators
    and for the actor (in ``control``): the hub still serialises once per event."""
    text = dumps(event_message(event))
    extra: dict[str, Any] = {}
    if event.moderator_data or event.audience == "moderators":
        extra["moderator_text"] = dumps(event_message(event, moderator=True))
    if event.audience == "moderators" and event.actor_id:
        extra["actor"] = event.actor_id
        extra["actor_text"] = dumps(event_message(event, user_id=event.actor_id))
    return text, extra


def dumps(message: Any) -> str:
    return json.dumps(message, cls=DjangoJSONEncoder, separators=(",", ":"))


def event_publish(event, *, control: dict | None = None) -> None:
    """Send one stored event to its group (room or breakout). Never raises: a lost
    broadcast is recovered by the clients' catch-up."""
    channel_layer = get_channel_layer()
    if channel_layer is None:
        return
    group = (
        breakout_group_name(event.room_id, event.breakout_id)
        if event.breakout_id
        else room_group_name(event.room_id)
    )
    text, extra = _texts(event)
    message = {
        "type": "room.event",
        "group": group,
        "text": text,
        "control": {**(control or {}), **extra},
    }
    try:
        async_to_sync(_group_send)(channel_layer, group, message)
    except Exception:  # the event is stored; clients catch up
        logger.warning("webinar broadcast failed for %s", group, exc_info=True)


PUBLISH_TIMEOUT_SECONDS = 1.0


async def _group_send(channel_layer, group: str, message: dict) -> None:
    """``group_send``, given up after ``PUBLISH_TIMEOUT_SECONDS``: while Redis is
    down redis-py retries, and the sender's socket would wait for every retry
    before its next message is handled. The event is stored; heartbeats and
    catch-up deliver it."""
    await asyncio.wait_for(
        channel_layer.group_send(group, message), PUBLISH_TIMEOUT_SECONDS
    )


def event_publish_on_commit(event, *, control: dict | None = None) -> None:
    transaction.on_commit(lambda: event_publish(event, control=control))


def caption_message(caption) -> dict[str, Any]:
    """The JSON a client receives for a stored caption: an ``event`` of the stream
    "captions", numbered by the room's caption counter."""
    return {
        "type": "event",
        "stream": "captions",
        "breakout": None,
        "seq": caption.seq,
        "kind": "caption",
        "at": caption.created_at,
        "data": {"text": caption.text},
    }


def caption_publish(caption) -> None:
    """Send one stored caption to the room's group. Never raises: a lost caption
    is fetched by the client's next ``sync`` (it sees the gap at the next one)."""
    channel_layer = get_channel_layer()
    if channel_layer is None:
        return
    group = room_group_name(caption.room_id)
    message = {
        "type": "room.event",
        "group": group,
        "text": dumps(caption_message(caption)),
        "control": {},
    }
    try:
        async_to_sync(_group_send)(channel_layer, group, message)
    except Exception:  # the caption is stored; clients catch up
        logger.warning("webinar caption broadcast failed for %s", group, exc_info=True)


def caption_publish_on_commit(caption) -> None:
    transaction.on_commit(lambda: caption_publish(caption))


class RoomListener(Protocol):
    user_id: int

    async def room_message(self, text: str, control: dict) -> None: ...

    async def session_ended(self) -> None: ...


HEARTBEAT_SECONDS = 20.0
# Group memberships are re-added this often even when nothing failed: a Redis that
# restarted between two reads of the pump loses them without an error.
REFRESH_SECONDS = 15.0
# How soon after Redis failed the hub tries again (and after that, this often).
RETRY_SECONDS = 0.25
REDIS_CALL_TIMEOUT = 2.0


class RoomHub:
    """The fan-out of one process (one event loop): which local sockets listen to
    which group (rooms, breakouts, and the one group that logouts are sent to), and
    one channel-layer channel that is a member of those groups.

    The sockets themselves have no channel-layer channel, so a Redis restart closes
    none of them. The hub notices a lost subscription (a failed read, a failed
    ``group_add``) and, every ``RETRY_SECONDS`` until Redis answers, takes a new
    channel and adds it to every group again; then it sends every local socket a
    ``heartbeat`` with its room's last sequence number, so the clients fetch what
    they missed with ``sync``. Heartbeats also go out every ``HEARTBEAT_SECONDS``, so
    a client can always see that it is behind. Joining never waits for, or fails
    on, Redis.
    """

    def __init__(self, channel_layer) -> None:
        self.channel_layer = channel_layer
        self.channel_name: str | None = None
        self.listeners: dict[str, set[RoomListener]] = {}
        self.subscribed: set[str] = set()
        self.healthy = True
        self.pump: asyncio.Task | None = None
        self.keeper: asyncio.Task | None = None
        self.recovered = asyncio.Event()

    # Membership --------------------------------------------------------------------

    async def join(self, group: str, listener: RoomListener) -> None:
        """Add a local socket to ``group``; subscribe the process if it is the
        group's first local socket. Never raises: if Redis is down the keeper
        subscribes when it is back."""
        members = self.listeners.setdefault(group, set())
        members.add(listener)
        await self._start()
        if group not in self.subscribed and self.healthy:
            await self._subscribe(group)

    async def leave(self, group: str, listener: RoomListener) -> None:
        """Remove a local socket from ``group``; unsubscribe the process when it was
        the last one. Never raises."""
        members = self.listeners.get(group)
        if members is None:
            return
        members.discard(listener)
        if members:
            return
        del self.listeners[group]
        if group in self.subscribed:
            self.subscribed.discard(group)
            channel_name = self.channel_name
            if channel_name is not None:
                try:
                    await asyncio.wait_for(
                        self.channel_layer.group_discard(group, channel_name),
                        REDIS_CALL_TIMEOUT,
                    )
                except Exception:  # noqa: BLE001 - expires on its own
                    logger.info("webinar hub could not leave %s", group)
        if not self.listeners:
            self._stop()

    async def _subscribe(self, group: str) -> bool:
        channel_name = self.channel_name
        if channel_name is None:
            return False
        try:
            await asyncio.wait_for(
                self.channel_layer.group_add(group, channel_name), REDIS_CALL_TIMEOUT
            )
        except Exception:  # noqa: BLE001 - Redis is down: the keeper retries
            logger.warning("webinar hub could not join %s; retrying", group)
            self._lost()
            return False
        if channel_name == self.channel_name and group in self.listeners:
            self.subscribed.add(group)
        return True

    def _lost(self) -> None:
        """The subscription can no longer be trusted: start over when Redis is back."""
        self.healthy = False
        self.subscribed.clear()

    # Tasks -------------------------------------------------------------------------

    async def _start(self) -> None:
        if self.channel_name is None:
            # The default prefix on purpose: channels_redis reads all of a process's
            # channels with one shared receive on that prefix.
            self.channel_name = await self.channel_layer.new_channel()
        loop = asyncio.get_running_loop()
        if self.pump is None:
            self.pump = loop.create_task(self._pump())
        if self.keeper is None:
            self.keeper = loop.create_task(self._keep())

    def _stop(self) -> None:
        """Nobody left in this process: stop listening until someone joins."""
        for task in (self.pump, self.keeper):
            if task is not None:
                task.cancel()
        self.pump = self.keeper = None
        self.channel_name = None
        self.subscribed.clear()
        self.healthy = True

    async def _pump(self) -> None:
        while True:
            channel_name = self.channel_name
            if channel_name is None or not self.healthy:
                await asyncio.sleep(RETRY_SECONDS)
                continue
            try:
                message = await self.channel_layer.receive(channel_name)
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis restart or dropped connection
                logger.warning("webinar hub lost its subscription", exc_info=True)
                self._lost()
                continue
            if channel_name == self.channel_name:
                await self.deliver(message)

    async def _keep(self) -> None:
        """Resubscribe after a loss, refresh memberships, send heartbeats."""
        loop = asyncio.get_running_loop()
        heartbeat_seconds = getattr(
            settings, "WEBINAR_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS
        )
        next_refresh = loop.time() + REFRESH_SECONDS
        next_heartbeat = loop.time() + heartbeat_seconds
        while True:
            await asyncio.sleep(RETRY_SECONDS)
            now = loop.time()
            if not self.healthy:
                if await self._resubscribe():
                    logger.warning(
                        "webinar hub resubscribed to %d groups", len(self.subscribed)
                    )
                    self.recovered.set()
                    self.recovered = asyncio.Event()
                    await self._heartbeat()
                    next_heartbeat = now + heartbeat_seconds
                continue
            if now >= next_refresh:
                next_refresh = now + REFRESH_SECONDS
                await self._refresh()
            if now >= next_heartbeat:
                next_heartbeat = now + heartbeat_seconds
                await self._heartbeat()

    async def _resubscribe(self) -> bool:
        """A new channel (the old one's reads may be stuck) in every group."""
        try:
            channel_name = await self.channel_layer.new_channel()
            await asyncio.wait_for(
                asyncio.gather(
                    *(
                        self.channel_layer.group_add(group, channel_name)
                        for group in list(self.listeners)
                    )
                ),
                REDIS_CALL_TIMEOUT,
            )
        except Exception:  # noqa: BLE001 - still down: try again shortly
            return False
        self.channel_name = channel_name
        self.subscribed = set(self.listeners)
        self.healthy = True
        return True

    async def _refresh(self) -> None:
        channel_name = self.channel_name
        if channel_name is None:
            return
        try:
            await asyncio.wait_for(
                asyncio.gather(
                    *(
                        self.channel_layer.group_add(group, channel_name)
                        for group in list(self.listeners)
                    )
                ),
                REDIS_CALL_TIMEOUT * 5,
            )
        except Exception:  # noqa: BLE001
            logger.warning("webinar hub could not refresh its groups")
            self._lost()

    async def _heartbeat(self) -> None:
        """Tell every local socket the last sequence number of its stream(s)."""
        rooms = {
            int(group.split(".")[1])
            for group in self.listeners
            if group.startswith("webinar.")
        }
        if not rooms:
            return
        try:
            streams = await on_pool(stream_heads)(room_ids=rooms)
        except Exception:  # noqa: BLE001 - the database is down: next time
            logger.warning("webinar heartbeat could not read the rooms")
            return
        for group, last_seq in streams.items():
            listeners = list(self.listeners.get(group, ()))
            if not listeners:
                continue
            room_id, _, breakout = group.removeprefix("webinar.").partition(".b")
            text = dumps(
                {
                    "type": "heartbeat",
                    "stream": "breakout" if breakout else "room",
                    "breakout": int(breakout) if breakout else None,
                    "last_seq": last_seq,
                }
            )
            for listener in listeners:
                try:
                    await listener.room_message(text, {})
                except Exception:  # noqa: BLE001
                    logger.info("heartbeat to a socket failed", exc_info=True)

    async def deliver(self, message: dict) -> None:
        group = message.get("group", "")
        listeners = list(self.listeners.get(group, ()))
        if message.get("type") == "session.closed":
            # One group for every logout (core.realtime.SESSIONS_GROUP): only the
            # person's own sockets close.
            user_id = message.get("user")
            for listener in listeners:
                if listener.user_id == user_id:
                    await listener.session_ended()
            return
        text = message.get("text", "")
        control = message.get("control") or {}
        for listener in listeners:
            try:
                await listener.room_message(text, control)
            except Exception:
                logger.warning("webinar delivery to a socket failed", exc_info=True)


def stream_heads(*, room_ids: set[int]) -> dict[str, int]:
    """The last sequence number of each room's main stream and of its open
    breakouts, keyed by group name. Two queries, whatever the number of rooms."""
    from .models import Breakout, Room

    heads = {
        room_group_name(pk): last_seq
        for pk, last_seq in Room.objects.filter(pk__in=room_ids).values_list(
            "pk", "last_seq"
        )
    }
    for room_id, pk, last_seq in Breakout.objects.filter(
        room_id__in=room_ids, closed_at__isnull=True
    ).values_list("room_id", "pk", "last_seq"):
        heads[breakout_group_name(room_id, pk)] = last_seq
    return heads


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RoomHub]" = (
    weakref.WeakKeyDictionary()
)


def room_hub() -> RoomHub:
    """The hub of the running event loop (one per web process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub(get_channel_layer())
    return hub
