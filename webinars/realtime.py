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

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def room_group_name(room_id: int) -> str:
    return f"webinar.{room_id}"


def breakout_group_name(room_id: int, breakout_id: int) -> str:
    return f"webinar.{room_id}.b{breakout_id}"


WITHHELD = "withheld"


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


def dumps(message: dict) -> str:
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
        async_to_sync(channel_layer.group_send)(group, message)
    except Exception:  # the event is stored; clients catch up
        logger.warning("webinar broadcast failed for %s", group, exc_info=True)


def event_publish_on_commit(event, *, control: dict | None = None) -> None:
    transaction.on_commit(lambda: event_publish(event, control=control))


class RoomListener(Protocol):
    async def room_message(self, text: str, control: dict) -> None: ...


class RoomHub:
    """The fan-out of one process (one event loop): which local sockets listen to
    which group, and one channel-layer channel that is a member of those groups."""

    def __init__(self, channel_layer) -> None:
        self.channel_layer = channel_layer
        self.channel_name: str | None = None
        self.listeners: dict[str, set[RoomListener]] = {}
        self.pump: asyncio.Task | None = None
        self.lock = asyncio.Lock()

    async def join(self, group: str, listener: RoomListener) -> None:
        async with self.lock:
            await self._join(group, listener)

    async def leave(self, group: str, listener: RoomListener) -> None:
        async with self.lock:
            await self._leave(group, listener)

    async def _join(self, group: str, listener: RoomListener) -> None:
        if self.channel_name is None:
            # The default prefix on purpose: channels_redis reads all of a process's
            # channels with one shared receive on that prefix.
            self.channel_name = await self.channel_layer.new_channel()
            self.pump = asyncio.get_running_loop().create_task(self._pump())
        members = self.listeners.get(group)
        if members is None:
            members = self.listeners[group] = set()
            members.add(listener)
            await self.channel_layer.group_add(group, self.channel_name)
        else:
            members.add(listener)

    async def _leave(self, group: str, listener: RoomListener) -> None:
        members = self.listeners.get(group)
        if members is None:
            return
        members.discard(listener)
        if not members:
            del self.listeners[group]
            if self.channel_name is not None:
                await self.channel_layer.group_discard(group, self.channel_name)
        if not self.listeners and self.pump is not None:
            # Nobody left in this process: stop listening until someone joins.
            self.pump.cancel()
            self.pump = None
            self.channel_name = None

    async def _pump(self) -> None:
        channel_name = self.channel_name
        assert channel_name is not None  # set by _join before the pump starts
        while True:
            try:
                message = await self.channel_layer.receive(channel_name)
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis restart: wait, listen again; clients resync
                logger.warning("webinar hub receive failed", exc_info=True)
                await asyncio.sleep(1)
                await self._groups_restore(channel_name)
                continue
            await self.deliver(message)

    async def _groups_restore(self, channel_name: str) -> None:
        """After Redis came back empty, put this process back into its groups."""
        for group in list(self.listeners):
            try:
                await self.channel_layer.group_add(group, channel_name)
            except Exception:
                logger.warning("webinar hub could not rejoin %s", group)

    async def deliver(self, message: dict) -> None:
        text = message.get("text", "")
        control = message.get("control") or {}
        for listener in list(self.listeners.get(message.get("group", ""), ())):
            try:
                await listener.room_message(text, control)
            except Exception:
                logger.warning("webinar delivery to a socket failed", exc_info=True)


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RoomHub]" = (
    weakref.WeakKeyDictionary()
)


def room_hub() -> RoomHub:
    """The hub of the running event loop (one per process in daphne)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub(get_channel_layer())
    return hub
