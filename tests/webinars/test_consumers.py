"""The room socket through the real ``lms.asgi.application``: who gets in, every
message type, refusals that change nothing, sequence numbers and catch-up."""

import json

from django.test import Client

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from courses.models import EnrolmentStatus, SessionAttendance
from lms.asgi import application
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory
from tests.webinars.factories import room_create
from webinars.models import (
    Breakout,
    Hand,
    Poll,
    PollVote,
    Presence,
    Question,
    Removal,
    Room,
    RoomEvent,
)

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
CPR = "070761-4285"


def _cookie(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def _open(room_id: int, user=None):
    headers = [ORIGIN]
    if user is not None:
        headers.append(await sync_to_async(_cookie)(user))
    communicator = WebsocketCommunicator(
        application, f"/ws/webinar/{room_id}/", headers=headers
    )
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def _refused(room_id: int, user=None) -> int:
    """The close code of a refused entry. The socket is accepted first, so that a
    browser sees the code (a refusal before accept reaches it only as 1006)."""
    communicator, connected, code = await _open(room_id, user)
    assert connected, f"refused before accept with {code}: the page would see 1006"
    closing = await communicator.receive_output(timeout=5)
    assert closing["type"] == "websocket.close", closing
    await communicator.disconnect()
    return closing["code"]


async def _join(room_id: int, user):
    communicator, connected, code = await _open(room_id, user)
    assert connected, code
    welcome = await communicator.receive_json_from(timeout=5)
    assert welcome["type"] == "welcome"
    return communicator


async def _next(communicator, kind: str | None = None) -> dict:
    message = await communicator.receive_json_from(timeout=5)
    if kind is not None:
        assert message.get("kind", message["type"]) == kind, message
    return message


async def _events() -> list[tuple[int, str]]:
    return await sync_to_async(
        lambda: list(RoomEvent.objects.order_by("seq").values_list("seq", "kind"))
    )()


@pytest.fixture
def room_with_people(db):
    return room_create(participants=2)


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


async def test_questions_upvotes_answers_and_hiding(room_with_people):
    room, host, (anna, bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)

    await anna_socket.send_json_to(
        {"type": "question.ask", "text": "Hvornår starter vi?", "anonymous": True}
    )
    asked = await _next(bo_socket, "question.asked")
    question_id = asked["data"]["question"]
    assert asked["data"] == {
        "question": question_id,
        "name": None,
        "text": "Hvornår starter vi?",
        "pending": False,
    }
    await bo_socket.send_json_to({"type": "question.upvote", "question": question_id})
    assert (await _next(bo_socket, "question.upvoted"))["data"]["upvotes"] == 1
    await bo_socket.send_json_to({"type": "question.upvote", "question": question_id})
    assert (await _next(bo_socket, "error"))["code"] == "invalid"

    await host_socket.send_json_to(
        {"type": "question.answer", "question": question_id, "answer": "Kl. 9"}
    )
    # Anonymous to the other participants, never to the moderators.
    asked_by_host = await _next(host_socket, "question.asked")
    assert asked_by_host["data"]["author_name"] == "Deltager 1"
    await _next(host_socket, "question.upvoted")
    answered = await _next(host_socket, "question.answered")
    assert answered["data"] == {"question": question_id, "answer": "Kl. 9"}

    await host_socket.send_json_to({"type": "question.hide", "question": question_id})
    assert (await _next(host_socket, "question.hidden"))["data"] == {
        "question": question_id
    }
    question = await sync_to_async(Question.objects.get)()
    assert (question.status, question.upvotes, question.author_id) == (
        "hidden",
        1,
        anna.pk,
    )
    # A late joiner never receives the hidden text.
    late = await _join(room.pk, anna)
    await late.send_json_to({"type": "sync", "after": 0})
    catchup = await _next(late, "catchup")
    assert catchup["events"][0]["data"]["text"] == ""
    for socket in (host_socket, anna_socket, bo_socket, late):
        await socket.disconnect()


async def test_polls_open_vote_once_and_close(room_with_people):
    room, host, (anna, _bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    await host_socket.send_json_to(
        {"type": "poll.open", "question": "Hvilken dag?", "options": ["Man", "Tirs"]}
    )
    opened = await _next(anna_socket, "poll.opened")
    poll_id = opened["data"]["poll"]
    await anna_socket.send_json_to({"type": "poll.vote", "poll": poll_id, "option": 1})
    assert (await _next(anna_socket, "poll.results"))["data"]["counts"] == [0, 1]
    await anna_socket.send_json_to({"type": "poll.vote", "poll": poll_id, "option": 0})
    assert (await _next(anna_socket, "error"))["code"] == "invalid"
    await host_socket.send_json_to({"type": "poll.close", "poll": poll_id})
    assert (await _next(anna_socket, "poll.closed"))["data"]["counts"] == [0, 1]
    await host_socket.send_json_to(
        {"type": "poll.open", "question": "?", "options": []}
    )
    await _next(host_socket, "poll.opened")
    await _next(host_socket, "poll.results")
    await _next(host_socket, "poll.closed")
    # Two to ten options is the schema's rule now (same Danish message as before).
    error = await _next(host_socket, "error")
    assert (error["code"], error["message"]) == (
        "invalid_field",
        "En afstemning skal have mellem 2 og 10 svarmuligheder.",
    )
    assert await sync_to_async(Poll.objects.count)() == 1
    assert await sync_to_async(
        lambda: list(PollVote.objects.values_list("user_id", "option"))
    )() == [(anna.pk, 1)]
    for socket in (host_socket, anna_socket):
        await socket.disconnect()


async def test_hands_queue_and_moderators_lower_them(room_with_people):
    room, host, (anna, _bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    await anna_socket.send_json_to({"type": "hand.raise"})
    raised = await _next(host_socket, "hand.raised")
    assert raised["data"]["user"] == anna.pk
    await anna_socket.send_json_to({"type": "hand.raise"})
    await _next(anna_socket, "hand.raised")
    assert (await _next(anna_socket, "error"))["code"] == "invalid"
    await host_socket.send_json_to({"type": "hand.lower", "user": anna.pk})
    assert (await _next(anna_socket, "hand.lowered"))["data"] == {"user": anna.pk}
    assert (
        await sync_to_async(
            lambda: Hand.objects.filter(lowered_at__isnull=True).count()
        )()
        == 0
    )
    for socket in (host_socket, anna_socket):
        await socket.disconnect()


async def test_breakout_groups_have_their_own_chat(room_with_people):
    room, host, (anna, bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)

    await host_socket.send_json_to({"type": "breakout.open", "groups": 2, "minutes": 5})
    opened = await _next(anna_socket, "breakout.opened")
    await _next(bo_socket, "breakout.opened")
    assignments = opened["data"]["assignments"]
    assert set(assignments) == {str(anna.pk), str(bo.pk)}
    assert assignments[str(anna.pk)] != assignments[str(bo.pk)]

    await anna_socket.send_json_to(
        {"type": "chat.send", "text": "Kun til min gruppe", "to": "breakout"}
    )
    message = await _next(anna_socket, "chat.message")
    assert (message["stream"], message["breakout"], message["seq"]) == (
        "breakout",
        assignments[str(anna.pk)],
        1,
    )
    # Bo (other group) and the main room receive the next main event, not the chat.
    await host_socket.send_json_to({"type": "breakout.close"})
    assert (await _next(bo_socket, "breakout.closed"))["seq"] == 2
    await _next(anna_socket, "breakout.closed")
    assert (
        await sync_to_async(
            lambda: Breakout.objects.filter(closed_at__isnull=True).count()
        )()
        == 0
    )
    await anna_socket.send_json_to(
        {"type": "chat.send", "text": "Hallo?", "to": "breakout"}
    )
    assert (await _next(anna_socket, "error"))["code"] == "invalid"
    for socket in (host_socket, anna_socket, bo_socket):
        await socket.disconnect()


async def test_removed_participant_is_disconnected_and_stays_out(room_with_people):
    room, host, (anna, _bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    await host_socket.send_json_to({"type": "participants.list"})
    listed = await _next(host_socket, "participants")
    assert {person["user"] for person in listed["participants"]} == {host.pk, anna.pk}
    await host_socket.send_json_to({"type": "participant.remove", "user": anna.pk})
    assert (await _next(anna_socket, "participant.removed"))["data"] == {
        "user": anna.pk
    }
    assert await anna_socket.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4409,
    }
    assert await _refused(room.pk, anna) == 4409
    assert await sync_to_async(Removal.objects.count)() == 1
    await host_socket.disconnect()


async def test_locked_room_keeps_new_participants_out(room_with_people):
    room, host, (anna, _bo) = room_with_people
    host_socket = await _join(room.pk, host)
    await host_socket.send_json_to({"type": "room.lock", "locked": True})
    await _next(host_socket, "room.locked")
    assert await _refused(room.pk, anna) == 4423
    await host_socket.send_json_to({"type": "chat.pause", "paused": True})
    await _next(host_socket, "chat.paused")
    await host_socket.send_json_to({"type": "room.lock", "locked": False})
    await _next(host_socket, "room.locked")
    anna_socket = await _join(room.pk, anna)
    await anna_socket.send_json_to({"type": "chat.send", "text": "Må jeg?"})
    assert (await _next(anna_socket, "error"))["code"] == "invalid"
    assert [kind for _seq, kind in await _events()] == [
        "room.locked",
        "chat.paused",
        "room.locked",
    ]
    for socket in (host_socket, anna_socket):
        await socket.disconnect()


async def test_ending_the_webinar_closes_sockets_and_records_attendance(
    room_with_people,
):
    room, host, (anna, bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    await host_socket.send_json_to({"type": "room.end"})
    assert (await _next(anna_socket, "room.ended"))["seq"] == 1
    assert await anna_socket.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4410,
    }
    attendance = await sync_to_async(
        lambda: sorted(
            SessionAttendance.objects.values_list(
                "user_id", "present", "minutes_present", "source"
            )
        )
    )()
    # Both confirmed participants are recorded (a few seconds in the room is not
    # half of a six-hour session); the host is not a participant.
    assert attendance == sorted(
        [(anna.pk, False, 0, "webinar"), (bo.pk, False, 0, "webinar")]
    )
    assert await _refused(room.pk, anna) == 4410
    await host_socket.disconnect()


async def test_logout_closes_the_room_socket(room_with_people):
    from accounts.services import user_deactivate

    room, _host, (anna, bo) = room_with_people
    socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)
    await sync_to_async(user_deactivate)(user=anna)
    # 4401, not 4403: the page then says "logged out" and links to the login page.
    assert await socket.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4401,
    }
    # Every logout goes to one group that each process's hub is in: only Anna's
    # socket closes; Bo, in the same room and process, stays and still answers.
    await bo_socket.send_json_to({"type": "ping"})
    assert (await _next(bo_socket, "pong"))["type"] == "pong"
    await bo_socket.disconnect()


async def test_questions_awaiting_approval_reach_only_moderators_and_the_asker(
    room_with_people,
):
    room, host, (anna, bo) = room_with_people
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)
    await anna_socket.send_json_to({"type": "questions.approval", "required": True})
    assert (await _next(anna_socket, "error"))["code"] == "forbidden"
    await host_socket.send_json_to({"type": "questions.approval", "required": True})
    for socket in (host_socket, anna_socket, bo_socket):
        assert (await _next(socket, "questions.approval"))["data"] == {"required": True}

    text = "Må vi dele slides?"
    await anna_socket.send_json_to(
        {"type": "question.ask", "text": text, "anonymous": True}
    )
    mine = await _next(anna_socket, "question.asked")
    question_id = mine["data"]["question"]
    assert mine["data"] == {
        "question": question_id,
        "name": None,
        "text": text,
        "pending": True,
    }
    to_host = await _next(host_socket, "question.asked")
    assert to_host["data"]["author_name"] == "Deltager 1"
    # Bo gets a placeholder with the same number: no gap, no content.
    withheld = await _next(bo_socket, "withheld")
    assert (withheld["seq"], withheld["data"]) == (2, {})
    await bo_socket.send_json_to({"type": "question.upvote", "question": question_id})
    assert (await _next(bo_socket, "error"))["code"] == "invalid"
    await host_socket.send_json_to({"type": "question.answer", "question": question_id})
    assert (await _next(host_socket, "error"))["code"] == "invalid"
    await bo_socket.send_json_to({"type": "question.approve", "question": question_id})
    assert (await _next(bo_socket, "error"))["code"] == "forbidden"
    assert await _events() == [(1, "questions.approval"), (2, "question.asked")]

    # Reconnecting does not reveal it either.
    await bo_socket.disconnect()
    bo_socket = await _join(room.pk, bo)
    await bo_socket.send_json_to({"type": "sync", "after": 0})
    catchup = await _next(bo_socket, "catchup")
    assert [(e["kind"], e["data"]) for e in catchup["events"]] == [
        ("questions.approval", {"required": True}),
        ("withheld", {}),
    ]

    await host_socket.send_json_to(
        {"type": "question.approve", "question": question_id}
    )
    approved = await _next(bo_socket, "question.approved")
    assert approved["data"] == {"question": question_id, "name": None, "text": text}
    assert (await _next(host_socket, "question.approved"))["data"][
        "author_name"
    ] == "Deltager 1"
    await host_socket.send_json_to(
        {"type": "question.approve", "question": question_id}
    )
    assert (await _next(host_socket, "error"))["code"] == "invalid"
    await bo_socket.send_json_to({"type": "question.upvote", "question": question_id})
    assert (await _next(bo_socket, "question.upvoted"))["data"]["upvotes"] == 1

    late = await _join(room.pk, bo)
    await late.send_json_to({"type": "sync", "after": 0})
    kinds = [
        (e["kind"], "author_name" in e["data"])
        for e in (await _next(late, "catchup"))["events"]
    ]
    assert kinds == [
        ("questions.approval", False),
        ("withheld", False),
        ("question.approved", False),
        ("question.upvoted", False),
    ]
    question = await sync_to_async(Question.objects.get)()
    assert (question.status, question.anonymous) == ("open", True)
    for socket in (host_socket, anna_socket, bo_socket, late):
        await socket.disconnect()


async def test_a_planned_webinar_opens_and_goes_live_by_its_hosts(room_with_people):
    room, host, (anna, _bo) = room_with_people
    await sync_to_async(Room.objects.filter(pk=room.pk).update)(state="planlagt")
    assert await _refused(room.pk, anna) == 4425
    host_socket = await _join(room.pk, host)
    # Ending is room.end (it records attendance); the schema allows only these two.
    await host_socket.send_json_to({"type": "room.state", "state": "afsluttet"})
    assert (await _next(host_socket, "error"))["code"] == "invalid_field"
    await host_socket.send_json_to({"type": "room.state", "state": "aaben"})
    assert (await _next(host_socket, "room.state"))["data"] == {"state": "aaben"}

    anna_socket = await _join(room.pk, anna)
    await anna_socket.send_json_to({"type": "room.state", "state": "live"})
    assert (await _next(anna_socket, "error"))["code"] == "forbidden"
    await host_socket.send_json_to({"type": "room.state", "state": "live"})
    assert (await _next(anna_socket, "room.state"))["data"] == {"state": "live"}
    await _next(host_socket, "room.state")
    await host_socket.send_json_to({"type": "room.state", "state": "aaben"})
    error = await _next(host_socket, "error")
    assert (error["code"], error["message"]) == (
        "invalid",
        "Webinaret er allerede live.",
    )
    assert await _events() == [(1, "room.state"), (2, "room.state")]
    assert (await sync_to_async(Room.objects.get)(pk=room.pk)).state == "live"
    for socket in (host_socket, anna_socket):
        await socket.disconnect()


async def test_invited_people_enter_a_national_webinar_and_others_do_not():
    from tests.webinars.factories import standalone_room_create

    room, host, (invited, _other) = await sync_to_async(standalone_room_create)()
    enrolled_elsewhere = (await sync_to_async(room_create)(participants=1))[2][0]
    assert await _refused(room.pk, enrolled_elsewhere) == 4403
    host_socket = await _join(room.pk, host)
    socket = await _join(room.pk, invited)
    await socket.send_json_to({"type": "chat.send", "text": "Hej fra Fyn"})
    assert (await _next(host_socket, "chat.message"))["data"]["text"] == "Hej fra Fyn"
    await host_socket.send_json_to({"type": "breakout.open", "minutes": 5, "groups": 1})
    await _next(socket, "chat.message")
    opened = await _next(socket, "breakout.opened")
    assert list(opened["data"]["assignments"]) == [str(invited.pk)]
    await host_socket.send_json_to({"type": "room.end"})
    assert (await _next(socket, "room.ended"))["seq"] == 3
    for connection in (host_socket, socket):
        await connection.disconnect()
    assert await sync_to_async(SessionAttendance.objects.count)() == 0
