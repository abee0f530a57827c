"""Fan-out latency of a webinar room against a bare channel-layer broadcast, in one
process, through the real stack.

    DATABASE_URL=postgres://… REDIS_URL=redis://… \\
        .venv/bin/python bench/webinar_fanout.py [N …]

Creates a throwaway PostgreSQL database next to DATABASE_URL's, migrates it, and
creates one webinar room with a host and up to 3,000 confirmed participants, each
with a real login session. For each N (default 100, 500, 1,000, 3,000) it connects N
participants and the host to ``lms.asgi:application`` (origin check, session auth,
the room consumer, the Redis channel layer) as in-process ASGI websockets, and
measures:

* joins: how long N concurrent handshakes take, and how many failed;
* per rate (1 and 10 messages a second): the delivery latency from the moment a
  message is handed to the server until each participant's socket is given its
  bytes, for
  - **bare**: ``channel_layer.group_send`` of a ~180-byte event to the room's group
    (Redis, then the per-process hub writing to every local socket), and
  - **chat**: the host's ``chat.send`` (validation, stored event with its sequence
    number in PostgreSQL, publish on commit, the same fan-out);
* the share delivered, and the messages each participant received while the others
  joined (presence traffic; no "X joined" is sent, so it stays 0 as N grows).

Prints a Markdown table with p50/p99 per N and rate and the ratio chat p99 / bare
p99 (target ≤ 2). Exit status 0 when every target holds. A socket's "delivery" is
the ASGI send to it, so network writes are not in either figure.
"""

import asyncio
import json
import os
import platform
import statistics
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 500, 1000, 3000)
RATES = ((1, 5), (10, 30))  # (messages per second, messages sent)
JOIN_TARGET_SECONDS = 60.0
RATIO_TARGET = 2.0


def _database_create(base_url: str) -> tuple[str, str]:
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    name = f"bench_webinar_{os.getpid()}"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), maintenance


def _database_drop(maintenance: str, name: str) -> None:
    import psycopg

    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed(participants: int):
    """The room, its host and ``participants`` confirmed participants, each with a
    session key. Returns (room_id, host_cookie, [participant cookies])."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail.models import Page

    from accounts.models import Politikreds, User
    from accounts.roles import Role
    from accounts.services import roles_sync  # noqa: F401 - groups exist after migrate
    from courses.models import Enrolment, ModulePage, Offering, Session
    from webinars.models import Room

    call_command("migrate", verbosity=0, interactive=False)
    module = Page.get_first_root_node().add_child(
        instance=ModulePage(title="Bench-modul", slug="bench-modul", summary="Bench")
    )
    start = timezone.localdate() + datetime.timedelta(days=7)
    offering = Offering.objects.create(
        module=module,
        politikreds=Politikreds.objects.first(),
        planned_start=start,
        enrolment_deadline=start,
        seats=3000,
    )
    starts_at = timezone.now() + datetime.timedelta(days=7)
    session = Session.objects.create(
        offering=offering,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
    )
    host = User.objects.create_user(
        email="bench-host@bench.test", first_name="Vært", last_name="Bench"
    )
    from django.contrib.auth.models import Group

    from accounts.roles import ROLE_GROUPS

    host.groups.add(Group.objects.get(name=ROLE_GROUPS[Role.PRESENTER].group_name))
    offering.responsible.add(host)
    room = Room.objects.create(session=session)
    room.hosts.add(host)
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench-{number}@bench.test",
                first_name="Deltager",
                last_name=str(number),
                password="!",  # noqa: S106 - unusable password
            )
            for number in range(participants)
        ]
    )
    Enrolment.objects.bulk_create(
        [Enrolment(offering=offering, user=user) for user in users]
    )

    def cookie(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"sessionid={store.session_key}"

    return room.pk, cookie(host), [cookie(user) for user in users]


class Socket:
    """One simulated browser: an ASGI websocket whose sends are timestamped."""

    def __init__(self, application, path: str, cookie: str) -> None:
        self.application = application
        self.path = path
        self.cookie = cookie
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.accepted = asyncio.Event()
        self.closed = False
        self.arrivals: dict[str, float] = {}
        self.other_messages = 0
        self.task: asyncio.Task | None = None

    async def _send(self, message: dict) -> None:
        kind = message["type"]
        if kind == "websocket.accept":
            self.accepted.set()
        elif kind == "websocket.close":
            self.closed = True
            self.accepted.set()
        elif kind == "websocket.send":
            text = message.get("text") or ""
            marker = text.find("probe-")
            if marker >= 0:
                end = text.find('"', marker)
                self.arrivals[text[marker:end]] = time.perf_counter()
            else:
                self.other_messages += 1

    async def connect(self) -> bool:
        scope = {
            "type": "websocket",
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": b"",
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"origin", b"http://127.0.0.1:8000"),
                (b"cookie", self.cookie.encode()),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "subprotocols": [],
        }
        self.task = asyncio.create_task(
            self.application(scope, self.inbox.get, self._send)
        )
        await self.inbox.put({"type": "websocket.connect"})
        await self.accepted.wait()
        return not self.closed

    async def send_text(self, text: str) -> None:
        await self.inbox.put({"type": "websocket.receive", "text": text})

    async def disconnect(self) -> None:
        await self.inbox.put({"type": "websocket.disconnect", "code": 1000})
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, 30)
            except Exception:  # a stuck socket must not stop the bench
                self.task.cancel()


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


async def _measure(room_id: int, host_cookie: str, cookies: list[str]) -> dict:
    from channels.layers import get_channel_layer

    from lms.asgi import application
    from webinars.realtime import dumps, room_group_name

    path = f"/ws/webinar/{room_id}/"
    layer = get_channel_layer()
    host = Socket(application, path, host_cookie)
    assert await host.connect(), "the host could not connect"
    participants = [Socket(application, path, cookie) for cookie in cookies]
    started = time.perf_counter()
    results = await asyncio.gather(*(socket.connect() for socket in participants))
    join_seconds = time.perf_counter() - started
    failed = results.count(False)
    await asyncio.sleep(1)
    presence_messages = max(socket.other_messages for socket in participants) - 1
    figures: dict = {
        "n": len(participants),
        "join_seconds": join_seconds,
        "failed": failed,
        "presence_messages": presence_messages,
        "rates": {},
    }
    for rate, count in RATES:
        sent: dict[str, dict[str, float]] = {"bare": {}, "chat": {}}
        for kind in ("bare", "chat"):
            for number in range(count):
                probe = f"probe-{kind}-{rate}-{number}-{uuid.uuid4().hex[:6]}"
                text = f"Spørgsmål til oplægget, {probe}"
                sent[kind][probe] = time.perf_counter()
                if kind == "chat":
                    await host.send_text(dumps({"type": "chat.send", "text": text}))
                else:
                    event = {
                        "type": "event",
                        "stream": "room",
                        "breakout": None,
                        "seq": 0,
                        "kind": "chat.message",
                        "at": "2026-01-01T10:00:00Z",
                        "data": {"author": 1, "name": "Vært Bench", "text": text},
                    }
                    await layer.group_send(
                        room_group_name(room_id),
                        {
                            "type": "room.event",
                            "group": room_group_name(room_id),
                            "text": json.dumps(event, separators=(",", ":")),
                            "control": {},
                        },
                    )
                await asyncio.sleep(1 / rate)
            await asyncio.sleep(2)
        for kind in ("bare", "chat"):
            latencies = []
            delivered = 0
            for probe, at in sent[kind].items():
                for socket in participants:
                    arrived = socket.arrivals.get(probe)
                    if arrived is not None:
                        delivered += 1
                        latencies.append((arrived - at) * 1000)
            expected = len(sent[kind]) * len(participants)
            figures["rates"][(rate, kind)] = {
                "p50": statistics.median(latencies) if latencies else float("nan"),
                "p99": _percentile(latencies, 0.99),
                "delivered": delivered / expected if expected else 0,
            }
    await asyncio.gather(*(socket.disconnect() for socket in participants))
    await host.disconnect()
    return figures


def main() -> int:
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("Set DATABASE_URL (PostgreSQL) and REDIS_URL: the bench needs services.")
        return 2
    sizes = [int(argument) for argument in sys.argv[1:]] or list(SIZES)
    database_url, maintenance = _database_create(base_url)
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.db import connections

        # The test settings close connections after every use; production keeps them.
        settings.DATABASES["default"]["CONN_MAX_AGE"] = 60

        room_id, host_cookie, cookies = _seed(max(sizes))
        connections.close_all()
        rows = []
        for size in sizes:
            figures = asyncio.run(_measure(room_id, host_cookie, cookies[:size]))
            rows.append(figures)
            print(
                f"N={size}: joined in {figures['join_seconds']:.1f} s, "
                f"{figures['failed']} failed",
                flush=True,
            )
            from webinars.models import Presence

            Presence.objects.all().delete()
            connections.close_all()
    finally:
        from django.db import connections

        connections.close_all()
        _database_drop(maintenance, name)
    return _report(rows)


def _report(rows: list[dict]) -> int:
    ok = True
    print()
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPU(s)")
    print()
    print(
        "| N | joins (s) | failed | presence msgs/client | rate/s | bare p50 / p99 (ms)"
        " | chat p50 / p99 (ms) | chat p99 ÷ bare p99 | delivered (bare / chat) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        ok &= row["failed"] == 0 and row["join_seconds"] <= JOIN_TARGET_SECONDS
        for rate, _count in RATES:
            bare = row["rates"][(rate, "bare")]
            chat = row["rates"][(rate, "chat")]
            ratio = chat["p99"] / bare["p99"] if bare["p99"] else float("nan")
            ok &= ratio <= RATIO_TARGET and chat["delivered"] == 1.0
            print(
                f"| {row['n']:,} | {row['join_seconds']:.1f} | {row['failed']} "
                f"| {row['presence_messages']} | {rate} "
                f"| {bare['p50']:.1f} / {bare['p99']:.1f} "
                f"| {chat['p50']:.1f} / {chat['p99']:.1f} | {ratio:.2f} "
                f"| {bare['delivered']:.0%} / {chat['delivered']:.0%} |"
            )
    print()
    print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
