"""The room socket through the real ``lms.asgi.application``, its features:
questions, polls, hands, breakouts, removal, lock, end, logout, approval, planned
and national webinars."""

import pytest
from asgiref.sync import sync_to_async

from courses.models import SessionAttendance
from tests.webinars.factories import room_create
from tests.webinars.sockets import _events, _join, _next, _refused
from webinars.models import (
    Breakout,
    Hand,
    Poll,
    PollVote,
    Question,
    Removal,
    Room,
)

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
