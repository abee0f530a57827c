"""The room socket through the real ``lms.asgi.application``: who gets in, every
message type, refusals that change nothing, sequence numbers and catch-up."""

import json

import pytest
from asgiref.sync import sync_to_async

from courses.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory
from tests.webinars.sockets import (
    CPR,
    _events,
    _join,
    _next,
    _open,
    _refused,
)
from webinars.models import (
    Presence,
    Question,
    Room,
)

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


async def test_who_gets_in(room_with_people):
    room, host, (anna, _bo) = room_with_people
    outsider = await sync_to_async(UserFactory)()
    waitlisted = await sync_to_async(
        lambda: (
            EnrolmentFactory(
                offering=room.session.offering, status=EnrolmentStatus.WAITLISTED
            ).user
        )
    )()

    assert await _refused(room.pk) == 4401
    assert await _refused(room.pk, outsider) == 4403
    assert await _refused(room.pk, waitlisted) == 4403
    assert await _refused(room.pk + 999, anna) == 4404
    assert await sync_to_async(Presence.objects.count)() == 0

    communicator, connected, _code = await _open(room.pk, anna)
    assert connected
    assert await communicator.receive_json_from() == {
        "type": "welcome",
        "room": room.pk,
        "user": anna.pk,
        "moderator": False,
        "last_seq": 0,
        "state": "aaben",
        "breakout": None,
        "caption_seq": 0,
    }
    host_socket = await _join(room.pk, host)
    await communicator.disconnect()
    await host_socket.disconnect()
    stays = await sync_to_async(
        lambda: [(p.user_id, p.left_at is None) for p in Presence.objects.all()]
    )()
    assert sorted(stays) == sorted([(anna.pk, False), (host.pk, False)])


async def test_chat_is_stored_numbered_and_reaches_everyone(room_with_people):
    room, host, (anna, bo) = room_with_people
    sockets = [await _join(room.pk, person) for person in (host, anna, bo)]

    await sockets[1].send_json_to({"type": "chat.send", "text": "Hej alle"})
    first_seen = [await _next(socket, "chat.message") for socket in sockets]
    await sockets[2].send_json_to({"type": "chat.send", "text": "Hej Anna"})
    for socket, first in zip(sockets, first_seen, strict=True):
        second = await _next(socket, "chat.message")
        assert (first["seq"], first["data"]["text"], first["data"]["author"]) == (
            1,
            "Hej alle",
            anna.pk,
        )
        assert (second["seq"], second["data"]["text"]) == (2, "Hej Anna")
        assert first["stream"] == "room"
    assert await _events() == [(1, "chat.message"), (2, "chat.message")]
    assert (await sync_to_async(Room.objects.get)(pk=room.pk)).last_seq == 2
    for socket in sockets:
        await socket.disconnect()


async def test_reconnecting_client_catches_up_from_its_last_number(room_with_people):
    room, host, (anna, bo) = room_with_people
    anna_socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)
    await anna_socket.send_json_to({"type": "chat.send", "text": "en"})
    assert (await _next(bo_socket, "chat.message"))["seq"] == 1
    await _next(anna_socket, "chat.message")
    await bo_socket.disconnect()

    for text in ("to", "tre"):
        await anna_socket.send_json_to({"type": "chat.send", "text": text})
        await _next(anna_socket, "chat.message")

    bo_socket = await _join(room.pk, bo)
    await bo_socket.send_json_to({"type": "sync", "after": 1})
    catchup = await _next(bo_socket, "catchup")
    assert [(e["seq"], e["data"]["text"]) for e in catchup["events"]] == [
        (2, "to"),
        (3, "tre"),
    ]
    assert (catchup["last_seq"], catchup["more"]) == (3, False)
    await anna_socket.disconnect()
    await bo_socket.disconnect()


BAD_MESSAGES = [
    ("x" * 5000, "too_large"),
    ("not json", "malformed"),
    (json.dumps(["chat.send"]), "malformed"),
    (json.dumps({"type": "shout", "text": "hej"}), "unknown_type"),
    (json.dumps({"type": "chat.send"}), "invalid_field"),
    (json.dumps({"type": "chat.send", "text": 5}), "invalid_field"),
    (json.dumps({"type": "poll.vote", "poll": True, "option": 0}), "invalid_field"),
    (json.dumps({"type": "chat.send", "text": "   "}), "invalid"),
    # The schema's length limit (webinars/protocol.py), before any service.
    (json.dumps({"type": "chat.send", "text": "a" * 1001}), "invalid_field"),
    # Optional fields are typed too: these were stored as room chat and as a
    # question with the name shown.
    (
        json.dumps({"type": "chat.send", "text": "hej", "to": "everyone"}),
        "invalid_field",
    ),
    (json.dumps({"type": "chat.send", "text": "hej", "to": 1}), "invalid_field"),
    (
        json.dumps({"type": "question.ask", "text": "hvad?", "anonymous": "yes"}),
        "invalid_field",
    ),
    # NUL crashed the consumer (PostgreSQL text cannot hold it): close 1011.
    (json.dumps({"type": "chat.send", "text": "hej\u0000"}), "invalid_field"),
    (json.dumps({"type": "chat.send", "text": "hej", "extra": 1}), "invalid_field"),
    (json.dumps({"type": "question.upvote", "question": 12345}), "invalid"),
    (json.dumps({"type": "poll.vote", "poll": 12345, "option": 0}), "invalid"),
    (json.dumps({"type": "hand.lower"}), "invalid"),
]


async def test_bad_messages_get_an_error_and_change_nothing(room_with_people):
    room, _host, (anna, _bo) = room_with_people
    socket = await _join(room.pk, anna)
    for message, code in BAD_MESSAGES:
        await socket.send_to(text_data=message)
        error = await _next(socket, "error")
        assert (error["code"], bool(error["message"])) == (code, True), message
    assert await _events() == []
    # The connection survives every refusal.
    await socket.send_json_to({"type": "ping"})
    assert await _next(socket) == {"type": "pong"}
    await socket.disconnect()


async def test_error_messages_are_danish(room_with_people):
    room, _host, (anna, _bo) = room_with_people
    socket = await _join(room.pk, anna)
    await socket.send_json_to({"type": "shout"})
    assert (await _next(socket, "error"))["message"] == "Ukendt beskedtype."
    await socket.disconnect()


MODERATOR_MESSAGES = [
    {"type": "poll.open", "question": "Hvad?", "options": ["a", "b"]},
    {"type": "slide.set", "page": 1},
    {"type": "breakout.open", "groups": 1, "minutes": 5},
    {"type": "breakout.close"},
    {"type": "chat.pause", "paused": True},
    {"type": "room.lock", "locked": True},
    {"type": "participant.remove", "user": 1},
    {"type": "room.end"},
    {"type": "participants.list"},
    {"type": "question.answer", "question": 1},
    {"type": "question.hide", "question": 1},
    {"type": "hand.lower", "user": 1},
]


async def test_participants_cannot_take_moderator_actions(room_with_people):
    room, host, (anna, _bo) = room_with_people
    socket = await _join(room.pk, anna)
    for message in MODERATOR_MESSAGES:
        message = dict(message)
        if "user" in message:
            message["user"] = host.pk
        await socket.send_json_to(message)
        error = await _next(socket, "error")
        assert error["code"] == "forbidden", message
    assert await _events() == []
    refreshed = await sync_to_async(Room.objects.get)(pk=room.pk)
    assert (refreshed.state, refreshed.locked, refreshed.chat_paused) == (
        "aaben",
        False,
        False,
    )
    await socket.disconnect()


async def test_flooding_the_chat_is_refused(room_with_people, rate_clock_frozen):
    room, _host, (anna, _bo) = room_with_people
    socket = await _join(room.pk, anna)
    for number in range(5):
        await socket.send_json_to({"type": "chat.send", "text": f"besked {number}"})
        await _next(socket, "chat.message")
    await socket.send_json_to({"type": "chat.send", "text": "en for meget"})
    error = await _next(socket, "error")
    assert error["code"] == "rate_limited"
    assert len(await _events()) == 5
    await socket.disconnect()


async def test_cpr_numbers_are_refused_in_chat_and_questions(room_with_people):
    room, _host, (anna, _bo) = room_with_people
    socket = await _join(room.pk, anna)
    await socket.send_json_to({"type": "chat.send", "text": f"Barnet er {CPR}"})
    assert (await _next(socket, "error"))["code"] == "cpr"
    await socket.send_json_to({"type": "question.ask", "text": f"Hvad med {CPR}?"})
    assert (await _next(socket, "error"))["code"] == "cpr"
    assert await _events() == []
    assert await sync_to_async(Question.objects.count)() == 0
    await socket.disconnect()
