"""Live captions (WCAG 2.1 SC 1.2.4) and written answers to questions, through the
real ``lms.asgi.application``: the captioner role, the caption stream with its own
numbers and catch-up, refusals that store nothing, the WebVTT file afterwards;
written answers, hiding and showing a question again, no upvote of one's own
question."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from asgiref.sync import sync_to_async

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.webinars.factories import room_create
from tests.webinars.sockets import _join, _next, _refused
from webinars import services
from webinars.models import Caption, Question, QuestionUpvote, Room, RoomState
from webinars.selectors import room_captions_webvtt

CPR = "070761-4285"

channels_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _live_room_with_captioner():
    room, host, people = room_create(participants=2)
    captioner = UserFactory(first_name="Sara", last_name="Skrivetolk")
    room.captioners.add(captioner)
    services.room_state_set(room=room, user=host, state=RoomState.LIVE)
    room.refresh_from_db()
    return room, host, captioner, people


async def _captions_stored() -> list[tuple[int, str]]:
    return await sync_to_async(
        lambda: list(Caption.objects.order_by("seq").values_list("seq", "text"))
    )()


# --- captions over the socket --------------------------------------------------------


@pytest.mark.asyncio
@channels_db
async def test_captions_have_their_own_stream_and_reach_everyone():
    room, host, captioner, (anna, bo) = await sync_to_async(_live_room_with_captioner)()
    captioner_socket = await _join(room.pk, captioner)
    anna_socket = await _join(room.pk, anna)
    host_socket = await _join(room.pk, host)

    await captioner_socket.send_json_to(
        {"type": "caption.send", "text": "Velkommen til webinaret"}
    )
    for socket in (captioner_socket, anna_socket, host_socket):
        caption = await _next(socket, "caption")
        assert (caption["stream"], caption["seq"], caption["data"]) == (
            "captions",
            1,
            {"text": "Velkommen til webinaret"},
        )
    # A moderator may caption too; the numbers are the caption stream's own.
    await host_socket.send_json_to({"type": "caption.send", "text": "Første punkt"})
    assert (await _next(anna_socket, "caption"))["seq"] == 2
    await _next(captioner_socket, "caption")
    await _next(host_socket, "caption")
    # The room stream did not move: captions do not swell its catch-up.
    refreshed = await sync_to_async(Room.objects.get)(pk=room.pk)
    assert (refreshed.last_seq, refreshed.caption_last_seq) == (1, 2)  # "live"
    assert await _captions_stored() == [
        (1, "Velkommen til webinaret"),
        (2, "Første punkt"),
    ]

    # A newcomer learns the stream's number at connect and skips the history;
    # a client that reconnects fetches only what it missed.
    late = await _join(room.pk, bo)
    await late.send_json_to({"type": "sync", "after": 0})
    catchup = await _next(late, "catchup")
    assert "caption_events" not in catchup  # not asked for
    await late.send_json_to({"type": "sync", "after": 1, "caption_after": 1})
    catchup = await _next(late, "catchup")
    assert [
        (e["stream"], e["seq"], e["data"]["text"]) for e in catchup["caption_events"]
    ] == [("captions", 2, "Første punkt")]
    assert catchup["events"] == []
    for socket in (captioner_socket, anna_socket, host_socket, late):
        await socket.disconnect()


@pytest.mark.asyncio
@channels_db
async def test_welcome_gives_the_caption_streams_number():
    room, host, captioner, (anna, _bo) = await sync_to_async(
        _live_room_with_captioner
    )()
    await sync_to_async(services.caption_send)(room=room, user=captioner, text="En")
    await sync_to_async(services.caption_send)(room=room, user=captioner, text="To")
    communicator = await _join_raw(room.pk, anna)
    welcome = await communicator.receive_json_from(timeout=5)
    assert (welcome["type"], welcome["caption_seq"]) == ("welcome", 2)
    await communicator.disconnect()


async def _join_raw(room_id, user):
    from tests.webinars.sockets import _open

    communicator, connected, code = await _open(room_id, user)
    assert connected, code
    return communicator


@pytest.mark.asyncio
@channels_db
async def test_only_the_captioner_and_moderators_send_captions():
    room, host, captioner, (anna, _bo) = await sync_to_async(
        _live_room_with_captioner
    )()
    anna_socket = await _join(room.pk, anna)
    captioner_socket = await _join(room.pk, captioner)

    await anna_socket.send_json_to({"type": "caption.send", "text": "Hej"})
    error = await _next(anna_socket, "error")
    assert error == {
        "type": "error",
        "code": "forbidden",
        "message": "Kun webinarets skrivetolk og moderatorer kan sende undertekster.",
    }
    refusals = [
        ({"type": "caption.send", "text": "   "}, "invalid"),
        ({"type": "caption.send", "text": f"CPR {CPR}"}, "cpr"),
        ({"type": "caption.send", "text": "a\nb"}, "invalid_field"),
        ({"type": "caption.send", "text": "x" * 501}, "invalid_field"),
        ({"type": "caption.send"}, "invalid_field"),
    ]
    for message, code in refusals:
        await captioner_socket.send_json_to(message)
        assert (await _next(captioner_socket, "error"))["code"] == code, message
    # A captioner moderates nothing.
    await captioner_socket.send_json_to({"type": "room.lock", "locked": True})
    assert (await _next(captioner_socket, "error"))["code"] == "forbidden"
    assert await _captions_stored() == []
    refreshed = await sync_to_async(Room.objects.get)(pk=room.pk)
    assert (refreshed.caption_last_seq, refreshed.locked) == (0, False)
    await anna_socket.disconnect()
    await captioner_socket.disconnect()


@pytest.mark.asyncio
@channels_db
async def test_the_captioner_enters_a_planned_room_and_others_do_not():
    room, host, (anna, _bo) = await sync_to_async(room_create)(participants=2)
    captioner = await sync_to_async(UserFactory)()
    stranger = await sync_to_async(UserFactory)()

    def plan():
        room.captioners.add(captioner)
        Room.objects.filter(pk=room.pk).update(state=RoomState.PLANNED)

    await sync_to_async(plan)()
    assert await _refused(room.pk, stranger) == 4403
    assert await _refused(room.pk, anna) == 4425
    socket = await _join(room.pk, captioner)
    # Not live yet: captions wait for the start (time zero of the WebVTT file).
    await socket.send_json_to({"type": "caption.send", "text": "Prøve"})
    error = await _next(socket, "error")
    assert (error["code"], error["message"]) == (
        "invalid",
        "Undertekster kan sendes, når webinaret er live.",
    )
    assert await _captions_stored() == []
    await socket.disconnect()


# --- WebVTT ------------------------------------------------------------------------

TIMING = re.compile(
    r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$"
)


def _seconds(h, m, s, ms) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def _parse_webvtt(text: str) -> list[tuple[str, float, float, str]]:
    """A strict reader of the WebVTT subset we write: the signature line, blank
    line, then blocks of identifier, timing line and one line of cue text, each
    followed by a blank line. Refuses anything else (a stray "-->" in a cue, an
    unescaped "<" or "&", an end before its start, cues out of order)."""
    assert text.startswith("WEBVTT\n\n"), text[:20]
    cues = []
    blocks = [block for block in text[len("WEBVTT\n\n") :].split("\n\n") if block]
    for block in blocks:
        identifier, timing, payload = block.strip("\n").split("\n")
        assert identifier.isdigit(), block
        match = TIMING.match(timing)
        assert match, timing
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:])
        assert end > start, block
        assert "-->" not in payload and "<" not in payload, payload
        assert not re.search(r"&(?!amp;|lt;|gt;)", payload), payload
        if cues:
            assert start >= cues[-1][1], "cues out of order"
        cues.append((identifier, start, end, payload))
    return cues


def _unescape(payload: str) -> str:
    return payload.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.django_db
def test_webvtt_cues_count_from_going_live_and_last_until_the_next_caption():
    room, host, captioner, _people = _live_room_with_captioner()
    live_at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=10)
    Room.objects.filter(pk=room.pk).update(live_at=live_at)
    room.refresh_from_db()
    texts = ["Velkommen", "Vi starter <nu> & her --> derovre", "Tak for i dag"]
    for text in texts:
        services.caption_send(room=room, user=captioner, text=text)
    offsets = [
        datetime.timedelta(seconds=5, milliseconds=250),
        datetime.timedelta(seconds=8),
        datetime.timedelta(minutes=1, seconds=30),
    ]
    for seq, offset in enumerate(offsets, start=1):
        Caption.objects.filter(room=room, seq=seq).update(created_at=live_at + offset)

    cues = _parse_webvtt(room_captions_webvtt(room=room))
    assert [(c[0], c[1], c[2], _unescape(c[3])) for c in cues] == [
        ("1", 5.25, 8.0, "Velkommen"),  # until the next caption
        ("2", 8.0, 15.0, texts[1]),  # at most 7 seconds
        ("3", 90.0, 97.0, "Tak for i dag"),  # the last one: 7 seconds
    ]


@pytest.mark.django_db
def test_webvtt_download_for_those_in_the_room_and_linked_after_the_end():
    room, host, captioner, (anna, _bo) = _live_room_with_captioner()
    services.caption_send(room=room, user=captioner, text="Hej alle")
    client = Client()
    client.force_login(anna)
    page = client.get(reverse("webinars:room_detail", args=[room.pk]))
    url = reverse("webinars:room_captions_vtt", args=[room.pk])
    assert url not in page.content.decode()  # linked once the webinar has ended
    services.room_end(room=room, user=host)
    page = client.get(reverse("webinars:room_detail", args=[room.pk]))
    assert f'href="{url}"' in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    cues = _parse_webvtt(response.content.decode())
    assert [c[3] for c in cues] == ["Hej alle"]

    host_client = Client()
    host_client.force_login(host)
    report = host_client.get(reverse("webinars:room_report", args=[room.pk]))
    assert f'href="{url}"' in report.content.decode()

    outsider = Client()
    outsider.force_login(UserFactory())
    assert outsider.get(url).status_code == 403


# --- settings: naming captioners ---------------------------------------------------


@pytest.mark.django_db
def test_administrators_name_captioners_by_address_and_bad_addresses_change_nothing():
    room, host, _people = room_create(participants=1)
    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(administrator, "JBSWY3DPEHPK3PXPTESTTEST")
    captioner = UserFactory(email="tolk@example.dk")
    client = Client()
    client.force_login(administrator)
    url = reverse("webinars:room_settings", args=[room.pk])
    form = {"hosts": [host.pk], "captioners": "TOLK@example.dk"}
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == url
    assert list(room.captioners.all()) == [captioner]
    assert "tolk@example.dk" in client.get(url).content.decode()

    response = client.post(
        url, {"hosts": [], "captioners": "tolk@example.dk\nukendt@example.dk"}
    )
    assert response.status_code == 200
    assert (
        "Ingen aktiv konto har adressen: ukendt@example.dk. Indstillingerne er ikke "
        "gemt." in response.content.decode()
    )
    assert list(room.captioners.all()) == [captioner]
    assert list(room.hosts.all()) == [host]

    with pytest.raises(PermissionDenied):
        services.room_settings_set(
            room=room,
            user=host,
            hosts=[host],
            moderators=[],
            questions_need_approval=False,
            captioner_emails="",
        )
    assert list(room.captioners.all()) == [captioner]


# --- questions: written answers, hide and show again, own upvotes ------------------


@pytest.mark.asyncio
@channels_db
async def test_a_written_answer_is_stored_sequenced_and_in_the_report():
    room, host, (anna, bo) = await sync_to_async(room_create)(participants=2)
    host_socket = await _join(room.pk, host)
    bo_socket = await _join(room.pk, bo)
    question = await sync_to_async(services.question_ask)(
        room=room, user=anna, text="Hvornår kommer slides?", anonymous=False
    )
    await _next(bo_socket, "question.asked")
    await _next(host_socket, "question.asked")
    await host_socket.send_json_to(
        {
            "type": "question.answer",
            "question": question.pk,
            "answer": "De kommer i morgen\npå platformen",
        }
    )
    answered = await _next(bo_socket, "question.answered")
    assert (answered["seq"], answered["data"]) == (
        2,
        {"question": question.pk, "answer": "De kommer i morgen\npå platformen"},
    )
    stored = await sync_to_async(Question.objects.get)(pk=question.pk)
    assert (stored.status, stored.answer) == (
        "answered",
        "De kommer i morgen\npå platformen",
    )

    def report() -> str:
        client = Client()
        client.force_login(host)
        return client.get(
            reverse("webinars:room_report", args=[room.pk])
        ).content.decode()

    html = await sync_to_async(report)()
    assert "Svar: De kommer i morgen\npå platformen" in html
    await host_socket.disconnect()
    await bo_socket.disconnect()


@pytest.mark.asyncio
@channels_db
async def test_a_hidden_question_is_shown_again_with_its_answer_and_upvotes():
    room, host, (anna, bo) = await sync_to_async(room_create)(participants=2)
    host_socket = await _join(room.pk, host)
    bo_socket = await _join(room.pk, bo)
    question = await sync_to_async(services.question_ask)(
        room=room, user=anna, text="Må vi dele materialet?", anonymous=True
    )
    await sync_to_async(services.question_upvote)(
        room=room, user=bo, question_id=question.pk
    )
    await sync_to_async(services.question_answer)(
        room=room, user=host, question_id=question.pk, answer="Ja"
    )
    for _kind in ("question.asked", "question.upvoted", "question.answered"):
        await _next(bo_socket, _kind)
        await _next(host_socket, _kind)

    await bo_socket.send_json_to({"type": "question.show", "question": question.pk})
    assert (await _next(bo_socket, "error"))["code"] == "forbidden"
    await host_socket.send_json_to({"type": "question.show", "question": question.pk})
    error = await _next(host_socket, "error")
    assert error["message"] == "Spørgsmålet er ikke skjult."

    await host_socket.send_json_to({"type": "question.hide", "question": question.pk})
    await _next(bo_socket, "question.hidden")
    await _next(host_socket, "question.hidden")
    # A moderator who reloads still sees the hidden text (to show it again);
    # a participant who reloads does not.
    moderator_late = await _join(room.pk, host)
    await moderator_late.send_json_to({"type": "sync", "after": 0})
    asked = (await _next(moderator_late, "catchup"))["events"][0]
    assert (asked["data"]["text"], asked["data"]["author_name"]) == (
        "Må vi dele materialet?",
        "Deltager 1",
    )
    await moderator_late.disconnect()

    await host_socket.send_json_to({"type": "question.show", "question": question.pk})
    shown = await _next(bo_socket, "question.shown")
    assert shown["data"] == {
        "question": question.pk,
        "name": None,
        "text": "Må vi dele materialet?",
        "upvotes": 1,
        "answered": True,
        "answer": "Ja",
    }
    assert (await _next(host_socket, "question.shown"))["data"][
        "author_name"
    ] == "Deltager 1"
    stored = await sync_to_async(Question.objects.get)(pk=question.pk)
    assert (stored.status, stored.answer, stored.upvotes) == ("answered", "Ja", 1)

    # Hidden a second time: participants who join later get nothing of it.
    await host_socket.send_json_to({"type": "question.hide", "question": question.pk})
    await _next(host_socket, "question.hidden")
    late = await _join(room.pk, bo)
    await late.send_json_to({"type": "sync", "after": 0})
    events = (await _next(late, "catchup"))["events"]
    texts = [e["data"].get("text") for e in events if "text" in e["data"]]
    assert texts == ["", ""]
    # ...and a moderator who reloads can still show it again.
    moderator_late = await _join(room.pk, host)
    await moderator_late.send_json_to({"type": "sync", "after": 0})
    events = (await _next(moderator_late, "catchup"))["events"]
    assert [e["data"]["text"] for e in events if "text" in e["data"]] == [
        "Må vi dele materialet?",
        "Må vi dele materialet?",
    ]
    for socket in (host_socket, bo_socket, late, moderator_late):
        await socket.disconnect()


@pytest.mark.django_db
def test_nobody_upvotes_their_own_question():
    room, host, (anna, bo) = room_create(participants=2)
    question = services.question_ask(
        room=room, user=anna, text="Er der pause?", anonymous=True
    )
    last_seq = Room.objects.get(pk=room.pk).last_seq
    with pytest.raises(ValidationError) as refused:
        services.question_upvote(room=room, user=anna, question_id=question.pk)
    assert refused.value.messages == ["Du kan ikke stemme på dit eget spørgsmål."]
    question.refresh_from_db()
    assert question.upvotes == 0
    assert not QuestionUpvote.objects.exists()
    assert Room.objects.get(pk=room.pk).last_seq == last_seq
    services.question_upvote(room=room, user=bo, question_id=question.pk)
    question.refresh_from_db()
    assert question.upvotes == 1


@pytest.mark.asyncio
@channels_db
async def test_upvoting_ones_own_question_over_the_socket_gets_a_danish_error():
    room, host, (anna, _bo) = await sync_to_async(room_create)(participants=2)
    socket = await _join(room.pk, anna)
    await socket.send_json_to({"type": "question.ask", "text": "Hvorfor?"})
    question_id = (await _next(socket, "question.asked"))["data"]["question"]
    await socket.send_json_to({"type": "question.upvote", "question": question_id})
    error = await _next(socket, "error")
    assert (error["code"], error["message"]) == (
        "invalid",
        "Du kan ikke stemme på dit eget spørgsmål.",
    )
    assert not await sync_to_async(QuestionUpvote.objects.exists)()
    await socket.disconnect()


# --- the stream in the room --------------------------------------------------------


@pytest.mark.django_db
def test_an_hls_stream_plays_in_the_room_and_a_meeting_link_opens_outside():
    room, host, (anna,) = room_create(participants=1)
    client = Client()
    client.force_login(anna)
    url = reverse("webinars:room_detail", args=[room.pk])

    Room.objects.filter(pk=room.pk).update(
        video_url="https://stream.example.dk/live/webinar.m3u8?token=1"
    )
    response = client.get(url)
    html = response.content.decode()
    assert 'id="webinar-video"' in html
    assert 'data-src="https://stream.example.dk/live/webinar.m3u8?token=1"' in html
    assert "vendor/hls/hls.min.js" in html
    policy = response["Content-Security-Policy"]
    connect = next(p for p in policy.split(";") if "connect-src" in p)
    assert "https://stream.example.dk" in connect
    assert "blob:" in next(p for p in policy.split(";") if "media-src" in p)

    Room.objects.filter(pk=room.pk).update(video_url="https://meet.example.dk/abc")
    response = client.get(url)
    html = response.content.decode()
    assert 'id="webinar-video"' not in html
    assert "hls.min.js" not in html
    assert 'href="https://meet.example.dk/abc"' in html
    assert "i dit mødeprogram" in html
    connect = next(
        p for p in response["Content-Security-Policy"].split(";") if "connect-src" in p
    )
    assert "example.dk" not in connect


@pytest.mark.django_db
def test_the_captioner_stays_in_the_main_room_when_breakouts_open():
    room, host, captioner, (anna, bo) = _live_room_with_captioner()
    for person in (captioner, anna, bo):
        services.presence_join(room=room, user=person)
    (breakout,) = services.breakout_open(
        room=room, user=host, minutes=10, by="random", groups=1
    )
    assert sorted(breakout.members.values_list("pk", flat=True)) == sorted(
        [anna.pk, bo.pk]
    )
