"""The moderators' breakout overview: the groups with their members and activity,
visiting a group (its stream, catch-up, writing there), a message to all groups,
extending the time, and refusals for participants that change nothing."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest
from asgiref.sync import sync_to_async

from tests.webinars.factories import room_create
from tests.webinars.sockets import _events, _join, _next
from tests.webinars.test_services import _split_room
from webinars import services
from webinars.models import Breakout, RoomEvent
from webinars.selectors import breakouts_overview

FORBIDDEN = "Det kan kun webinarets moderatorer."


def _open_by_district():
    room, host, people, police_district = _split_room()
    services.breakout_open(room=room, user=host, minutes=10, by="politikreds")
    groups = {b.label: b for b in Breakout.objects.filter(room=room)}
    return room, host, people, police_district, groups


def _state(room) -> tuple:
    """Everything the refused actions below must leave as it was."""
    return (
        list(RoomEvent.objects.filter(room=room).values_list("pk", flat=True)),
        list(Breakout.objects.filter(room=room).values_list("closes_at", "closed_at")),
    )


@pytest.mark.django_db
def test_the_overview_lists_groups_members_and_activity():
    room, host, people, police_district, groups = _open_by_district()
    east = groups["Østjyllands Politi"]
    first = services.chat_send(
        room=room, user=people["anna"], text="Hej gruppe", to_breakout=True
    )
    last = services.chat_send(
        room=room, user=people["cai"], text="Hej Anna", to_breakout=True
    )
    services.breakout_broadcast(room=room, user=host, text="Fem minutter tilbage")

    overview = breakouts_overview(room=room)

    assert first.breakout_id == east.pk
    assert [
        (row["number"], row["label"], [m["name"] for m in row["members"]])
        for row in overview
    ] == [
        (1, police_district, [people["dan"].get_full_name()]),
        (
            2,
            "Østjyllands Politi",
            [people[name].get_full_name() for name in ("anna", "bo", "cai")],
        ),
        (3, "Ingen politikreds", [people["eva"].get_full_name()]),
    ]
    # The message to all groups is the host's, not the group's activity.
    assert [(row["messages"], row["last_message_at"]) for row in overview] == [
        (0, None),
        (2, last.created_at),
        (0, None),
    ]
    assert all(row["closes_at"] == east.closes_at for row in overview)

    services.breakout_close(room=room, user=host)
    assert breakouts_overview(room=room) == []


@pytest.mark.django_db
def test_a_message_to_all_groups_reaches_every_group_stream_marked():
    room, host, _people, _police, groups = _open_by_district()
    events = services.breakout_broadcast(
        room=room, user=host, text="Kom tilbage kl. 11"
    )
    stored = RoomEvent.objects.filter(kind="chat.message").order_by("breakout__number")
    assert [(e.breakout_id, e.seq, e.payload) for e in stored] == [
        (
            group.pk,
            1,
            {
                "author": host.pk,
                "name": "Ulla Underviser",
                "text": "Kom tilbage kl. 11",
                "broadcast": True,
            },
        )
        for group in sorted(groups.values(), key=lambda group: group.number)
    ]
    assert len(events) == 3


@pytest.mark.django_db
def test_extending_moves_every_group_and_tells_the_room():
    room, host, _people, _police, groups = _open_by_district()
    before = Breakout.objects.filter(room=room).first().closes_at
    event = services.breakout_extend(room=room, user=host, minutes=7)
    after = set(Breakout.objects.filter(room=room).values_list("closes_at", flat=True))
    assert after == {before + datetime.timedelta(minutes=7)}
    assert (event.breakout_id, event.kind) == (None, "breakout.extended")
    assert event.payload == {
        "breakouts": sorted(group.pk for group in groups.values()),
        "closes_at": (before + datetime.timedelta(minutes=7)).isoformat(),
        "minutes": 7,
    }
    # The periodic job closes them at the new time, not the old one.
    Breakout.objects.update(closes_at=timezone.now() + datetime.timedelta(seconds=30))
    assert services.rooms_close_due() == (0, 0)


@pytest.mark.django_db
def test_moderators_write_in_the_group_they_visit():
    room, host, people, _police, groups = _open_by_district()
    east = groups["Østjyllands Politi"]
    event = services.chat_send(
        room=room, user=host, text="Hvordan går det?", breakout_id=east.pk
    )
    assert (event.breakout_id, event.seq, event.payload["text"]) == (
        east.pk,
        1,
        "Hvordan går det?",
    )
    assert services.breakout_visit(room=room, user=host, breakout_id=east.pk) == east


@pytest.mark.django_db
def test_refusals_are_danish_and_change_nothing():
    room, host, people, _police, groups = _open_by_district()
    anna = people["anna"]
    other = groups[next(label for label in groups if label != "Østjyllands Politi")]
    before = _state(room)
    for action in (
        lambda: services.breakout_broadcast(room=room, user=anna, text="Hej alle"),
        lambda: services.breakout_extend(room=room, user=anna, minutes=5),
        lambda: services.breakout_visit(room=room, user=anna, breakout_id=other.pk),
        lambda: services.chat_send(
            room=room, user=anna, text="Snyd", breakout_id=other.pk
        ),
    ):
        with pytest.raises(PermissionDenied) as refused:
            action()
        assert str(refused.value) == FORBIDDEN
    for action, message in (
        (
            lambda: services.breakout_extend(room=room, user=host, minutes=0),
            "Vælg mellem 1 og 180 minutter.",
        ),
        (
            lambda: services.breakout_extend(room=room, user=host, minutes=175),
            "Grupperummene kan højst vare 180 minutter fra nu.",
        ),
        (
            lambda: services.breakout_broadcast(room=room, user=host, text="  "),
            "Skriv en besked, før du sender.",
        ),
        (
            lambda: services.breakout_visit(room=room, user=host, breakout_id=999999),
            "Grupperummet er ikke åbent.",
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            action()
        assert refused.value.messages == [message]
    assert _state(room) == before

    services.breakout_close(room=room, user=host)
    before = _state(room)
    for action in (
        lambda: services.breakout_broadcast(room=room, user=host, text="Hej"),
        lambda: services.breakout_extend(room=room, user=host, minutes=5),
    ):
        with pytest.raises(ValidationError) as refused:
            action()
        assert refused.value.messages == ["Der er ingen åbne grupperum."]
    with pytest.raises(ValidationError) as refused:
        services.chat_send(room=room, user=host, text="Hej", breakout_id=other.pk)
    assert refused.value.messages == ["Grupperummet er ikke åbent."]
    assert _state(room) == before


# --- through the real socket ------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_moderator_enters_groups_catches_up_writes_and_returns():
    room, host, (anna, bo) = await sync_to_async(room_create)(participants=2)
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    bo_socket = await _join(room.pk, bo)
    await host_socket.send_json_to({"type": "breakout.open", "groups": 2, "minutes": 5})
    opened = await _next(host_socket, "breakout.opened")
    await _next(anna_socket, "breakout.opened")
    await _next(bo_socket, "breakout.opened")
    anna_group = opened["data"]["assignments"][str(anna.pk)]
    bo_group = opened["data"]["assignments"][str(bo.pk)]

    await anna_socket.send_json_to(
        {"type": "chat.send", "text": "Før værten kom", "to": "breakout"}
    )
    await _next(anna_socket, "chat.message")

    await host_socket.send_json_to({"type": "breakouts.list"})
    overview = await _next(host_socket, "breakouts")
    assert overview["visiting"] is None
    numbers = {g["breakout"]: g["number"] for g in opened["data"]["groups"]}
    assert [
        (g["breakout"], g["number"], [m["user"] for m in g["members"]], g["messages"])
        for g in overview["groups"]
    ] == sorted(
        [
            (anna_group, numbers[anna_group], [anna.pk], 1),
            (bo_group, numbers[bo_group], [bo.pk], 0),
        ],
        key=lambda row: row[1],
    )

    # Enter Anna's group: catch-up from its numbers, then live, and write there.
    await host_socket.send_json_to({"type": "breakout.enter", "breakout": anna_group})
    assert (await _next(host_socket, "breakouts"))["visiting"] == anna_group
    await host_socket.send_json_to({"type": "sync", "after": 1, "breakout_after": 0})
    catchup = await _next(host_socket, "catchup")
    assert [
        (e["breakout"], e["seq"], e["data"]["text"]) for e in catchup["breakout_events"]
    ] == [(anna_group, 1, "Før værten kom")]
    await host_socket.send_json_to(
        {
            "type": "chat.send",
            "text": "Hej Anna",
            "to": "breakout",
            "breakout": anna_group,
        }
    )
    for socket in (anna_socket, host_socket):
        message = await _next(socket, "chat.message")
        assert (message["breakout"], message["seq"], message["data"]["author"]) == (
            anna_group,
            2,
            host.pk,
        )

    # On to Bo's group: Anna's group no longer reaches the host.
    await host_socket.send_json_to({"type": "breakout.enter", "breakout": bo_group})
    assert (await _next(host_socket, "breakouts"))["visiting"] == bo_group
    await anna_socket.send_json_to(
        {"type": "chat.send", "text": "Nu er hun gået", "to": "breakout"}
    )
    await _next(anna_socket, "chat.message")
    await bo_socket.send_json_to(
        {"type": "chat.send", "text": "Hej fra Bo", "to": "breakout"}
    )
    await _next(bo_socket, "chat.message")
    message = await _next(host_socket, "chat.message")
    assert (message["breakout"], message["data"]["text"]) == (bo_group, "Hej fra Bo")

    # One message to all groups, marked; the extension reaches everyone.
    await host_socket.send_json_to(
        {"type": "breakout.broadcast", "text": "To minutter tilbage"}
    )
    for socket in (anna_socket, bo_socket):
        message = await _next(socket, "chat.message")
        assert message["stream"] == "breakout"
        assert message["data"]["broadcast"] is True
    await _next(host_socket, "chat.message")  # in the group it visits
    await host_socket.send_json_to({"type": "breakout.extend", "minutes": 3})
    for socket in (host_socket, anna_socket, bo_socket):
        extended = await _next(socket, "breakout.extended")
        assert extended["data"]["minutes"] == 3

    await host_socket.send_json_to({"type": "breakout.leave"})
    assert (await _next(host_socket, "breakouts"))["visiting"] is None
    await bo_socket.send_json_to(
        {"type": "chat.send", "text": "Er der nogen?", "to": "breakout"}
    )
    await _next(bo_socket, "chat.message")
    assert await host_socket.receive_nothing(timeout=0.5)

    for socket in (host_socket, anna_socket, bo_socket):
        await socket.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_participants_are_refused_the_overview_in_danish():
    room, host, (anna, bo) = await sync_to_async(room_create)(participants=2)
    host_socket = await _join(room.pk, host)
    anna_socket = await _join(room.pk, anna)
    await host_socket.send_json_to({"type": "breakout.open", "groups": 1, "minutes": 5})
    opened = await _next(anna_socket, "breakout.opened")
    group = opened["data"]["groups"][0]["breakout"]
    before = await _events()
    for message in (
        {"type": "breakouts.list"},
        {"type": "breakout.enter", "breakout": group},
        {"type": "breakout.leave"},
        {"type": "breakout.broadcast", "text": "Hej alle grupper"},
        {"type": "breakout.extend", "minutes": 5},
        {"type": "chat.send", "text": "Hej", "to": "breakout", "breakout": group},
    ):
        await anna_socket.send_json_to(message)
        error = await _next(anna_socket, "error")
        assert (error["code"], error["message"]) == ("forbidden", FORBIDDEN), message
    assert await _events() == before
    closes_at = await sync_to_async(
        lambda: list(Breakout.objects.values_list("closes_at", flat=True))
    )()
    assert closes_at == [datetime.datetime.fromisoformat(opened["data"]["closes_at"])]
    for socket in (host_socket, anna_socket):
        await socket.disconnect()
