"""Cheap joins: catch-up from the process's memory (webinars/catchup.py) and the
handshake's session and user looked up off Channels' single database thread
(core/ws_auth.py). Through the real ``lms.asgi.application`` and PostgreSQL."""

import asyncio
import json
import threading

from django.db import connection

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from lms.asgi import application
from tests.webinars.sockets import ORIGIN, _cookie, _join, _next
from webinars import catchup
from webinars.models import RoomEvent
from webinars.realtime import dumps, event_message

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def room_with_people(db):
    from tests.webinars.factories import room_create

    return room_create(participants=2)


def _connections_in_use() -> int:
    stats = connection.pool.get_stats()
    return stats["pool_size"] - stats["pool_available"]


async def _catch_up(socket, after=0) -> dict:
    """Ask for what came after ``after``; live events still queued are skipped."""
    await socket.send_json_to({"type": "sync", "after": after})
    while True:
        message = await socket.receive_json_from(timeout=5)
        if message["type"] == "catchup":
            return message


def _expected(*, moderator: bool, user_id: int) -> list[dict]:
    """What the database path sends this viewer: every stored event of the room
    stream, through ``event_message`` and JSON (so dates are strings)."""
    events = RoomEvent.objects.filter(breakout=None).order_by("seq")
    return [
        json.loads(dumps(event_message(event, moderator=moderator, user_id=user_id)))
        for event in events
    ]


async def test_catch_up_from_memory_is_what_the_database_says(room_with_people):
    room, host, (anna, bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)
    await anna_socket.send_json_to({"type": "chat.send", "text": "Hej alle"})
    await _next(anna_socket, "chat.message")
    # Warm the cache now, so the rest arrives as increments.
    assert len((await _catch_up(bo_socket))["events"]) == 1
    await host_socket.send_json_to({"type": "questions.approval", "required": True})
    await _next(anna_socket, "questions.approval")
    await anna_socket.send_json_to(
        {"type": "question.ask", "text": "Må vi dele slides?", "anonymous": True}
    )
    await _next(anna_socket, "question.asked")
    await bo_socket.send_json_to({"type": "chat.send", "text": "Godt spørgsmål"})
    await _next(bo_socket, "questions.approval")
    await _next(bo_socket, "withheld")
    await _next(bo_socket, "chat.message")

    # Three viewers of the same events: a moderator (sees the author), the actor
    # (sees her own question) and someone else (a placeholder).
    for viewer, socket, moderator in (
        (host, host_socket, True),
        (anna, anna_socket, False),
        (bo, bo_socket, False),
    ):
        got = (await _catch_up(socket))["events"]
        expected = await sync_to_async(_expected)(
            moderator=moderator, user_id=viewer.pk
        )
        assert got == expected, viewer
        assert [e["seq"] for e in got] == [1, 2, 3, 4]
    kinds = [e["kind"] for e in (await _catch_up(bo_socket))["events"]]
    assert kinds == ["chat.message", "questions.approval", "withheld", "chat.message"]
    after_two = await _catch_up(bo_socket, after=2)
    assert [e["seq"] for e in after_two["events"]] == [3, 4]
    assert (after_two["last_seq"], after_two["more"]) == (4, False)
    for socket in (host_socket, anna_socket, bo_socket):
        await socket.disconnect()


async def test_catch_up_pages_when_more_than_the_limit(room_with_people, monkeypatch):
    room, host, (anna, _bo) = room_with_people
    monkeypatch.setattr("webinars.consumers.CATCH_UP_LIMIT", 2)
    socket = await _join(room.pk, anna)
    for text in ("en", "to", "tre"):
        await socket.send_json_to({"type": "chat.send", "text": text})
        await _next(socket, "chat.message")
    first = await _catch_up(socket)
    assert ([e["seq"] for e in first["events"]], first["more"]) == ([1, 2], True)
    second = await _catch_up(socket, after=2)
    assert ([e["seq"] for e in second["events"]], second["more"]) == ([3], False)
    await socket.disconnect()


async def test_a_hidden_question_is_not_served_from_memory(room_with_people):
    """question_hide blanks the question's earlier stored events; a cache that only
    appended new events would go on sending the hidden text to late joiners."""
    room, host, (anna, bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    text = "Hvem er den dreng fra 7.b, som politiet hentede?"
    await anna_socket.send_json_to(
        {"type": "question.ask", "text": text, "anonymous": False}
    )
    asked = await _next(anna_socket, "question.asked")
    await _next(host_socket, "question.asked")
    bo_socket = await _join(room.pk, bo)
    assert text in json.dumps(await _catch_up(bo_socket), ensure_ascii=False)

    await host_socket.send_json_to(
        {"type": "question.hide", "question": asked["data"]["question"]}
    )
    await _next(bo_socket, "question.hidden")
    late = await _join(room.pk, bo)
    answer = json.dumps(await _catch_up(late), ensure_ascii=False)
    assert text not in answer
    assert "question.hidden" in answer
    for socket in (host_socket, anna_socket, bo_socket, late):
        await socket.disconnect()


async def test_a_crowd_catching_up_loads_the_history_once(
    room_with_people, monkeypatch
):
    room, host, (anna, bo) = room_with_people
    talker = await _join(room.pk, host)
    for index in range(5):
        await talker.send_json_to({"type": "chat.send", "text": f"besked {index}"})
        await _next(talker, "chat.message")
    loads = []
    real_load = catchup._load_after

    def counted(room_id, after):
        loads.append(after)
        return real_load(room_id, after)

    monkeypatch.setattr(catchup, "_load_after", counted)
    in_use_before = _connections_in_use()
    crowd = [await _join(room.pk, person) for person in (anna, bo) * 6]
    answers = await asyncio.gather(*(_catch_up(socket) for socket in crowd))
    assert all([e["seq"] for e in a["events"]] == [1, 2, 3, 4, 5] for a in answers)
    # At most one load from the start (another process's cache may be warm).
    assert len(loads) <= 1, loads
    await talker.send_json_to({"type": "chat.send", "text": "en til"})
    for index, socket in enumerate(crowd):
        got = await socket.receive_json_from(timeout=5)
        assert got.get("kind") == "chat.message", (index, got)
    answers = await asyncio.gather(*(_catch_up(socket, after=5) for socket in crowd))
    assert all([e["seq"] for e in a["events"]] == [6] for a in answers)
    # The new event is loaded once, as an increment, for all twelve.
    assert loads[-1] == 5 and loads.count(5) == 1, loads
    # Every connection borrowed for all that is back in the pool (channels'
    # database_sync_to_async left one checked out per worker thread and context).
    await asyncio.sleep(0.3)
    assert _connections_in_use() <= in_use_before
    for socket in (talker, *crowd):
        await socket.disconnect()


async def test_a_handshake_does_not_wait_for_the_single_database_thread(
    room_with_people,
):
    """Channels' AuthMiddlewareStack reads the session and user on the one
    thread-sensitive thread, and channels' dispatch runs close_old_connections
    there before every frame, so every handshake and message of the process queued
    behind whatever ran there. With that thread busy, a person still gets in,
    catches up and chats."""
    room, _host, (anna, _bo) = room_with_people
    cookie = await sync_to_async(_cookie)(anna)
    release = threading.Event()
    busy = asyncio.ensure_future(sync_to_async(release.wait, thread_sensitive=True)(30))
    try:
        await asyncio.sleep(0.1)
        assert not busy.done()
        socket = WebsocketCommunicator(
            application, f"/ws/webinar/{room.pk}/", headers=[ORIGIN, cookie]
        )
        connected, _code = await socket.connect(timeout=10)
        assert connected
        welcome = await socket.receive_json_from(timeout=10)
        assert welcome["type"] == "welcome"
        # Frames after the handshake do not wait for it either.
        assert (await _catch_up(socket))["events"] == []
        await socket.send_json_to({"type": "chat.send", "text": "Hej"})
        assert (await _next(socket, "chat.message"))["data"]["text"] == "Hej"
        assert not busy.done(), "the thread was released before the handshake"
    finally:
        release.set()
        await busy
    await socket.disconnect()
