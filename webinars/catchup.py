"""Catch-up of a room's main stream from memory.

Every socket that opens asks for what it missed (``sync``): in a join storm a
thousand people ask for the same history within seconds. Loading and serialising
it from the database for each of them was the largest cost of a join (about 40 % of
a web process's Python time in the 1,000-in-10-s storm: the room with its module
page, up to 500 events as model instances, JSON). Here each web process keeps the
room stream's events as the texts the clients receive, and answers ``sync`` by
joining slices of them.

Correct by construction, not by invalidation messages:

* Every answer first reads the room's committed counter (``Room.last_seq``, one
  primary-key read). Events commit in sequence order (the counter row stays locked
  until the event's transaction commits), so the committed events are always a
  prefix 1..head, and the cache only ever has to load what lies past its end.
* A service that rewrites stored events (``question_hide`` blanks the text of the
  question's earlier events) appends its own event in the same transaction. When a
  load brings such a kind (``REWRITING_KINDS``), the whole stream is read again.
* Nothing depends on Redis: a lost broadcast changes nothing here.

Only the room stream: breakout streams are small and still read from the database.
"""

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connection

from core.db_threads import on_pool

from .models import Breakout, Room, RoomEvent
from .realtime import _texts

# Kinds whose service also changes earlier stored events of the room stream.
REWRITING_KINDS = frozenset({"question.hidden"})
# The newest events kept per room; a client further behind is served from the
# database, page by page, as before.
MAX_EVENTS = 5000
# Rooms kept per process (the least recently asked for are dropped).
MAX_ROOMS = 32


@dataclass(slots=True)
class Entry:
    seq: int
    kind: str
    text: str
    moderator_text: str | None
    actor: int | None
    actor_text: str | None

    def for_viewer(self, *, moderator: bool, user_id: int) -> str:
        """The text this viewer receives, chosen as the hub chooses it live."""
        if moderator and self.moderator_text is not None:
            return self.moderator_text
        if self.actor_text is not None and self.actor == user_id:
            return self.actor_text
        return self.text


@dataclass
class RoomStream:
    entries: list[Entry] = field(default_factory=list)
    last_seq: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def first_seq(self) -> int:
        return self.entries[0].seq if self.entries else self.last_seq + 1


def _entry(event: RoomEvent) -> Entry:
    text, extra = _texts(event)
    return Entry(
        seq=event.seq,
        kind=event.kind,
        text=text,
        moderator_text=extra.get("moderator_text"),
        actor=extra.get("actor"),
        actor_text=extra.get("actor_text"),
    )


def room_head(*, room_id: int, user_id: int) -> tuple[int, int | None] | None:
    """The room stream's committed last sequence number and the open breakout
    ``user_id`` is in (as ``selectors.breakout_of``), in one primary-key read; None
    when there is no such room."""
    members = Breakout.members.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.last_seq, (SELECT b.id FROM {Breakout._meta.db_table} b "  # noqa: S608
            f"JOIN {members} m ON m.breakout_id = b.id "
            "WHERE b.room_id = r.id AND b.closed_at IS NULL AND m.user_id = %s "
            f"ORDER BY b.number DESC LIMIT 1) FROM {Room._meta.db_table} r "
            "WHERE r.id = %s",
            [user_id, room_id],
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


def _load_after(room_id: int, after: int) -> list[Entry]:
    """The room stream's stored events after ``after`` (at most MAX_EVENTS, the
    newest), as entries, oldest first."""
    events = list(
        RoomEvent.objects.filter(room_id=room_id, breakout=None, seq__gt=after)
        .only(
            "seq",
            "kind",
            "payload",
            "moderator_data",
            "audience",
            "actor_id",
            "breakout_id",
            "created_at",
        )
        .order_by("-seq")[:MAX_EVENTS]
    )
    events.reverse()
    return [_entry(event) for event in events]


class CatchUpCache:
    """The room streams of one process (one event loop)."""

    def __init__(self) -> None:
        self.rooms: OrderedDict[int, RoomStream] = OrderedDict()

    def _stream(self, room_id: int) -> RoomStream:
        stream = self.rooms.get(room_id)
        if stream is None:
            stream = self.rooms[room_id] = RoomStream()
            while len(self.rooms) > MAX_ROOMS:
                self.rooms.popitem(last=False)
        self.rooms.move_to_end(room_id)
        return stream

    async def texts_after(
        self,
        *,
        room_id: int,
        head: int,
        after: int,
        limit: int,
        moderator: bool,
        user_id: int,
    ) -> tuple[list[str], int, bool] | None:
        """Up to ``limit`` texts of the room stream after ``after`` for this viewer,
        the last number and whether there is more. ``head`` is the committed last
        number read just before (``room_head``). None when the client is further
        behind than the cache reaches: the caller reads the database."""
        stream = self._stream(room_id)
        if head < stream.last_seq:  # not this room any more (a test database)
            stream = self.rooms[room_id] = RoomStream()
        if stream.last_seq < head:
            async with stream.lock:
                if stream.last_seq < head:
                    await self._refresh(room_id, stream)
        after = max(after, 0)
        if after + 1 < stream.first_seq and stream.first_seq > 1:
            return None
        # Entries are contiguous: the one after ``after`` sits at a known index.
        start = max(0, after + 1 - stream.first_seq)
        chosen = stream.entries[start : start + limit]
        texts = [e.for_viewer(moderator=moderator, user_id=user_id) for e in chosen]
        more = start + limit < len(stream.entries)
        return texts, max(head, stream.last_seq), more

    async def _refresh(self, room_id: int, stream: RoomStream) -> None:
        load = on_pool(_load_after)
        new = await load(room_id, stream.last_seq)
        if any(entry.kind in REWRITING_KINDS for entry in new):
            new = await load(room_id, 0)
            stream.entries = []
        elif new and new[0].seq != stream.last_seq + 1:
            stream.entries = []  # more than MAX_EVENTS new ones: the newest only
        stream.entries.extend(new)
        if len(stream.entries) > MAX_EVENTS:
            del stream.entries[: len(stream.entries) - MAX_EVENTS]
        if stream.entries:
            stream.last_seq = stream.entries[-1].seq


_caches: dict[asyncio.AbstractEventLoop, CatchUpCache] = {}


def catch_up_cache() -> CatchUpCache:
    """The cache of the running event loop (one per web process)."""
    loop = asyncio.get_running_loop()
    cache = _caches.get(loop)
    if cache is None:
        for stale in [known for known in _caches if known.is_closed()]:
            del _caches[stale]
        cache = _caches[loop] = CatchUpCache()
    return cache
