"""The strict socket protocol: the schema (webinars/protocol.py) against the
document, malformed frames of every kind through the real ``lms.asgi.application``
(nothing stored, the socket keeps answering), refusals that do not use up the rate
limit, close codes after accept, and daphne's hard size limit over TCP."""

import inspect
import json
import re
from pathlib import Path

from django.db import connections

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from tests.webinars.factories import room_create
from tests.webinars.sockets import _join, _next
from webinars import consumers, services
from webinars.actions import ACTIONS
from webinars.models import (
    Breakout,
    Caption,
    Hand,
    Poll,
    PollVote,
    Question,
    QuestionUpvote,
    Removal,
    Room,
    RoomEvent,
)
from webinars.protocol import (
    MESSAGE_MAX_BYTES,
    MESSAGES,
    Field,
    field_rows,
    message_rows,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "webinar-protocol.md"


def _table(header: str) -> list[list[str]]:
    """The rows of the Markdown table under ``header`` (cells stripped, without
    backticks)."""
    lines = DOC.read_text().splitlines()
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip().replace("`", "") for cell in line.strip("|").split("|")]
        rows.append(cells)
    return rows


def test_the_document_lists_exactly_the_schemas_fields():
    rows = [
        tuple(cells)
        for cells in _table(
            "| type | field | required | JSON type | limits | default |"
        )
    ]
    expected = [tuple(cell.replace("`", "") for cell in row) for row in field_rows()]
    assert rows == expected


def test_the_document_lists_exactly_the_schemas_message_types():
    rows = [
        tuple(cells[:3])
        for cells in _table(
            "| type | who | rate | effect (event) | refusals besides the above |"
        )
    ]
    assert rows == message_rows()


def test_the_document_lists_every_close_code():
    documented = {
        int(cells[0])
        for cells in _table("| code | meaning | the page |")
        if cells[0].isdigit()
    }
    defined = {
        value for name, value in vars(consumers).items() if name.startswith("CLOSE_")
    }
    assert defined <= documented
    assert documented - defined == {1009}  # daphne's, not the consumer's


def test_every_message_type_has_one_handler():
    answered_by_the_consumer = {
        "ping",
        "sync",
        "participants.list",
        "breakouts.list",
        "breakout.enter",
        "breakout.leave",
    }
    assert set(consumers.OWN_HANDLERS) == answered_by_the_consumer
    assert set(consumers.ACTIONS) | answered_by_the_consumer == set(MESSAGES)
    assert not set(consumers.ACTIONS) & answered_by_the_consumer


@pytest.mark.parametrize("kind", sorted(ACTIONS))
def test_every_action_passes_its_schemas_fields_to_its_service(kind):
    """The keywords an action gives its service (the schema's fields, renamed
    where the service names them otherwise) are exactly the service's."""
    action = ACTIONS[kind]
    message = {"type": kind} | {
        name: spec.default for name, spec in MESSAGES[kind].fields.items()
    }
    if kind == "chat.send":
        message["to"] = "breakout"
    keywords = action.keywords(message)
    service = getattr(services, action.service)
    parameters = inspect.signature(service).parameters
    assert set(parameters) == {"room", "user", *keywords}
    assert all(p.kind == p.KEYWORD_ONLY for p in parameters.values())
    if kind == "chat.send":
        assert keywords == {"text": None, "to_breakout": True, "breakout_id": None}


def test_the_schemas_limits_are_the_services():
    fields = {kind: message.fields for kind, message in MESSAGES.items()}
    assert fields["chat.send"]["text"].max_length == services.CHAT_MAX_LENGTH
    assert fields["question.ask"]["text"].max_length == services.QUESTION_MAX_LENGTH
    assert fields["question.answer"]["answer"].max_length == services.ANSWER_MAX_LENGTH
    assert fields["caption.send"]["text"].max_length == services.CAPTION_MAX_LENGTH
    options = fields["poll.open"]["options"]
    assert fields["poll.open"]["question"].max_length == (
        services.POLL_QUESTION_MAX_LENGTH
    )
    assert options.item is not None
    assert options.item.max_length == services.POLL_OPTION_MAX_LENGTH
    assert options.maximum == services.POLL_MAX_OPTIONS
    assert fields["poll.vote"]["option"].maximum == services.POLL_MAX_OPTIONS - 1
    assert fields["breakout.open"]["groups"].maximum == services.BREAKOUT_MAX_GROUPS
    assert fields["breakout.open"]["minutes"].maximum == (services.BREAKOUT_MAX_MINUTES)
    assert fields["breakout.extend"]["minutes"].maximum == (
        services.BREAKOUT_MAX_MINUTES
    )
    assert fields["breakout.broadcast"]["text"].max_length == (services.CHAT_MAX_LENGTH)


# --- fuzzing through the real application ------------------------------------------

# A valid example of every message type; each fuzz frame breaks exactly one thing.
VALID: dict[str, dict] = {
    "ping": {},
    "sync": {"after": 0, "breakout_after": 0, "caption_after": 0},
    "chat.send": {"text": "Hej", "to": "room"},
    "question.ask": {"text": "Hvorfor?", "anonymous": True},
    "question.upvote": {"question": 1},
    "question.answer": {"question": 1, "answer": "Fordi"},
    "question.approve": {"question": 1},
    "questions.approval": {"required": True},
    "question.hide": {"question": 1},
    "question.show": {"question": 1},
    "caption.send": {"text": "Velkommen til webinaret"},
    "poll.open": {"question": "Hvilken dag?", "options": ["Man", "Tirs"]},
    "poll.vote": {"poll": 1, "option": 0},
    "poll.close": {"poll": 1},
    "hand.raise": {},
    "hand.lower": {"user": 1},
    "slide.set": {"page": 1},
    "breakout.open": {"minutes": 5, "by": "random", "groups": 1},
    "breakout.close": {},
    "breakouts.list": {},
    "breakout.enter": {"breakout": 1},
    "breakout.leave": {},
    "breakout.broadcast": {"text": "Fem minutter tilbage"},
    "breakout.extend": {"minutes": 5},
    "chat.pause": {"paused": True},
    "room.lock": {"locked": True},
    "participant.remove": {"user": 1},
    "participants.list": {},
    "room.state": {"state": "live"},
    "room.end": {},
}

WRONG_TYPES: dict[str, list] = {
    "int": ["1", True, 1.5, None, [1], {"n": 1}],
    "bool": ["yes", 1, None, "true"],
    "str": [5, None, True, ["a"], {"a": 1}],
    "list": ["Man, Tirs", None, {"0": "Man"}],
}


def _bad_values(spec: Field) -> list:
    """Values the schema must refuse for a field of this spec."""
    values = list(WRONG_TYPES[spec.kind])
    if spec.kind == "int":
        if spec.minimum is not None:
            values.append(spec.minimum - 1)
        if spec.maximum is not None:
            values.append(spec.maximum + 1)
    if spec.kind == "str":
        values += ["a\x00b", "a\x1bb", "a\x7fb", "a\ud800b"]
        if not spec.multiline:
            values.append("a\nb")
        if spec.choices:
            values += ["everyone", spec.choices[0].upper()]
        if spec.max_length:
            values.append("x" * (spec.max_length + 1))
    if spec.kind == "list" and spec.item is not None:
        values += [["Man"], ["Man", 2], ["Man", "Tirs\x00"], ["a"] * 11]
    return values


def _fuzz_frames() -> list[tuple[str, str]]:
    """(frame text, expected error code)."""
    frames: list[tuple[str, str]] = []
    for kind, example in VALID.items():
        message = {"type": kind, **example}
        frames.append((json.dumps({**message, "extra": 1}), "invalid_field"))
        frames.append((json.dumps({**message, "type": kind + "\x00"}), "unknown_type"))
        for name, spec in MESSAGES[kind].fields.items():
            if spec.required:
                missing = {key: v for key, v in message.items() if key != name}
                frames.append((json.dumps(missing), "invalid_field"))
            for value in _bad_values(spec):
                frames.append((json.dumps({**message, name: value}), "invalid_field"))
    frames += [
        ("not json", "malformed"),
        ('{"type": "chat.send", "text": "Hej"', "malformed"),
        ("[]", "malformed"),
        ('"chat.send"', "malformed"),
        ("42", "malformed"),
        ("null", "malformed"),
        ('{"type": 5}', "malformed"),
        ('{"text": "Hej"}', "malformed"),
        ("[" * 1000 + "]" * 1000, "malformed"),
        ('{"type": "chat.send", "text": NaN}', "invalid_field"),
        (json.dumps({"type": "chat.send", "text": "x" * 5000}), "too_large"),
        ("ø" * (MESSAGE_MAX_BYTES // 2 + 1), "too_large"),
    ]
    return frames


async def _counts(room_pk: int) -> dict:
    def read() -> dict:
        room = Room.objects.get(pk=room_pk)
        return {
            "events": RoomEvent.objects.count(),
            "questions": Question.objects.count(),
            "upvotes": QuestionUpvote.objects.count(),
            "polls": Poll.objects.count(),
            "votes": PollVote.objects.count(),
            "hands": Hand.objects.count(),
            "breakouts": Breakout.objects.count(),
            "removals": Removal.objects.count(),
            "captions": Caption.objects.count(),
            "room": (
                room.state,
                room.locked,
                room.chat_paused,
                room.questions_need_approval,
                room.slide_page,
                room.last_seq,
                room.caption_last_seq,
            ),
        }

    return await sync_to_async(read)()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_malformed_frames_of_every_type_store_nothing_and_crash_nothing():
    room, host, (anna, _bo) = await sync_to_async(room_create)(participants=2)
    frames = _fuzz_frames()
    assert len(frames) >= 60
    assert set(VALID) == set(MESSAGES)  # every type is fuzzed
    before = await _counts(room.pk)
    # A moderator: the schema, not a permission check, must refuse these.
    socket = await _join(room.pk, host)
    for frame, code in frames:
        await socket.send_to(text_data=frame)
        error = await _next(socket, "error")
        assert (error["code"], bool(error["message"])) == (code, True), frame[:200]
        await socket.send_json_to({"type": "ping"})
        assert await _next(socket) == {"type": "pong"}, frame[:200]
    for payload in (b"\x00", b'{"type": "ping"}', bytes(range(256))):
        await socket.send_to(bytes_data=payload)
        assert (await _next(socket, "error"))["code"] == "malformed"
        await socket.send_json_to({"type": "ping"})
        assert await _next(socket) == {"type": "pong"}
    assert await _counts(room.pk) == before
    await socket.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_refused_messages_do_not_use_up_the_rate_limit(rate_clock_frozen):
    room, _host, (anna, _bo) = await sync_to_async(room_create)(participants=2)
    socket = await _join(room.pk, anna)
    refused = [
        ({"type": "chat.send", "text": "   "}, "invalid"),
        ({"type": "chat.send", "text": "Kun gruppen", "to": "breakout"}, "invalid"),
        ({"type": "chat.send", "text": "Barnet er 070761-4285"}, "cpr"),
        ({"type": "chat.send", "text": "Hej", "to": "everyone"}, "invalid_field"),
        ({"type": "question.ask", "text": ""}, "invalid"),
    ]
    for message, code in refused * 3:
        await socket.send_json_to(message)
        assert (await _next(socket, "error"))["code"] == code, message
    # All five accepted actions of the window are still there, then the limit.
    for number in range(5):
        await socket.send_json_to({"type": "chat.send", "text": f"besked {number}"})
        await _next(socket, "chat.message")
    await socket.send_json_to({"type": "chat.send", "text": "en for meget"})
    assert (await _next(socket, "error"))["code"] == "rate_limited"
    await socket.send_json_to({"type": "chat.send", "text": "igen"})
    assert (await _next(socket, "error"))["code"] == "rate_limited"
    assert await sync_to_async(RoomEvent.objects.count)() == 5
    await socket.disconnect()


@pytest.mark.asyncio
async def test_busy_server_closes_after_accept_with_the_seconds_to_wait():
    class Busy(consumers.RoomConsumer):
        async def connect(self) -> None:
            await self.refuse(consumers.CLOSE_TRY_AGAIN, retry_after=7)

    communicator = WebsocketCommunicator(Busy.as_asgi(), "/ws/webinar/1/")
    connected, _code = await communicator.connect(timeout=5)
    assert connected
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "retry",
        "after": 7,
    }
    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4429,
        "reason": "7",
    }


# --- daphne's hard limit over TCP ----------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_large_frame_gets_an_error_and_a_larger_one_a_clean_close(
    services_mode,
):
    from tests.webinars.test_two_processes import (
        _cookie,
        _daphne,
        _database_url,
        _free_port,
        _wait_for,
    )
    from tests.webinars.wsclient import WebsocketClient, WebsocketClosed

    room, _host, (anna,) = await sync_to_async(room_create)(participants=1)
    database_url = await sync_to_async(_database_url)()
    cookie = await sync_to_async(_cookie)(anna)
    port = _free_port()
    process = _daphne(port, database_url)
    path = f"/ws/webinar/{room.pk}/"
    try:
        await sync_to_async(_wait_for)(port, process)
        socket = await WebsocketClient.connect(port=port, path=path, cookie=cookie)
        assert (await socket.receive_json())["type"] == "welcome"
        # Under the web process's hard limit (--ws-max-size 65536 in
        # deploy/web.sh): an error, and the socket stays.
        await socket.send_frame(b"x" * 60_000)
        assert (await socket.receive_json())["code"] == "too_large"
        await socket.send_json({"type": "ping"})
        assert await socket.receive_json() == {"type": "pong"}
        # Over it: a close frame with 1009, not a dropped connection (1006).
        await socket.send_frame(b"x" * (65536 + 1))
        with pytest.raises(WebsocketClosed) as closed:
            await socket.receive_json()
        assert closed.value.code == 1009
        await socket.close()
        # A refused entry arrives as a close frame with its code, after the 101.
        await sync_to_async(Room.objects.filter(pk=room.pk).update)(state="planlagt")
        socket = await WebsocketClient.connect(port=port, path=path, cookie=cookie)
        with pytest.raises(WebsocketClosed) as closed:
            await socket.receive_json()
        assert closed.value.code == 4425
        await socket.close()
    finally:
        await sync_to_async(connections.close_all)()
        process.terminate()
        process.wait(timeout=10)


def test_fuzz_frames_cover_control_characters_in_every_string_field():
    strings = [
        (kind, name)
        for kind, message in MESSAGES.items()
        for name, spec in message.fields.items()
        if spec.kind == "str"
    ]
    frames = [frame for frame, _code in _fuzz_frames()]
    for kind, name in strings:
        assert any(
            re.search(rf'"type": "{re.escape(kind)}".*"{name}": "a\\u0000b"', frame)
            for frame in frames
        ), (kind, name)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_the_largest_allowed_numbers_are_refused_by_meaning_not_by_a_crash():
    room, host, _people = await sync_to_async(room_create)(participants=1)
    socket = await _join(room.pk, host)
    largest = 2**63 - 1
    await socket.send_json_to({"type": "sync", "after": largest})
    catchup = await _next(socket, "catchup")
    assert (catchup["events"], catchup["more"]) == ([], False)
    for message in (
        {"type": "question.upvote", "question": largest},
        {"type": "poll.vote", "poll": largest, "option": 9},
        {"type": "participant.remove", "user": largest},
        {"type": "slide.set", "page": largest},
    ):
        await socket.send_json_to(message)
        assert (await _next(socket, "error"))["code"] == "invalid", message
    await socket.send_json_to({"type": "ping"})
    assert await _next(socket) == {"type": "pong"}
    assert await sync_to_async(RoomEvent.objects.count)() == 0
    await socket.disconnect()
