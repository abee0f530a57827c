"""The webinar room on the wire, as production runs it, against a bare websocket
broadcast server behind the same proxy.

    DATABASE_URL=postgres://… .venv/bin/python bench/webinar_wire.py \\
        [--processes 2] [--scenarios fanout,storm,redis,kill] [--quick]

What it starts (and stops again):

* a throwaway PostgreSQL database next to DATABASE_URL's, migrated, with one live
  webinar room, its host and 3,000 confirmed participants, each with a real login
  session made by the configured session engine;
* a Redis server of its own on a free port (so it can kill and restart it);
* ``--processes`` web processes with ``deploy/web.sh`` (daphne, production
  settings, services mode, the psycopg pool);
* the baseline: ``bench/bare_broadcast.py``, a minimal `websockets` server that
  sends every text it gets to every client;
* HAProxy with ``deploy/haproxy/haproxy.cfg``, the production configuration, with
  only its listening and server addresses changed and the baseline added as a
  second backend under ``/bare/``;
* the clients: ``bench/wire_client.py`` in a process of its own, real websocket
  clients over TCP through the proxy, reconnecting as the room page does.

Scenarios (targets from issue 11):

* fanout: N = 200, 1,000, 3,000 in the room; the host sends 20 chat messages at 2
  a second; the same N on the bare server get the same bytes. p99 delivery ≤ 2×
  the baseline; every message once, in order.
* storm: 1,000 people open the room within 10 s, and 3,000 within 30 s, while 200
  already in it get 2 messages a second: 0 failed handshakes; p99 from first
  attempt to ``welcome`` ≤ 1 s / ≤ 3 s; those already in keep p99 ≤ 2× the
  baseline's during the same storm on the bare server.
* redis: 200 in the room, the host talking; Redis killed for 5 s and restarted
  empty: every client caught up ≤ 2 s after it returns; 0 lost, duplicated or
  reordered; 0 HTTP 500.
* kill: 1,000 in the room over the processes; ``kill -9`` of one: its clients are
  back through the proxy on the others and caught up ≤ 2 s; 0 lost.

Prints a Markdown table per scenario and writes var/bench/webinar_wire.json. Exit
status 0 when every target holds.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PARTICIPANTS = 3000
EXISTING = 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on {port}") from None
            time.sleep(0.05)


def raise_file_limit() -> None:
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# Database and seed ------------------------------------------------------------------


def database_create(base_url: str) -> tuple[str, str, str]:
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    name = f"bench_wire_{os.getpid()}"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), maintenance, name


def database_drop(maintenance: str, name: str) -> None:
    import psycopg

    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(participants: int) -> tuple[int, str, list[str]]:
    """One live room with its host and ``participants`` confirmed participants.
    Returns (room id, host cookie, participant cookies)."""
    import datetime
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail.models import Page

    from accounts.models import Politikreds, User
    from accounts.roles import ROLE_GROUPS, Role
    from courses.models import Enrolment, ModulePage, Offering, Session
    from webinars.models import Room, RoomState

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
        seats=participants,
    )
    starts_at = timezone.now()
    session = Session.objects.create(
        offering=offering,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
    )
    host = User.objects.create_user(
        email="bench-host@bench.test", first_name="Vært", last_name="Bench"
    )
    host.groups.add(Group.objects.get(name=ROLE_GROUPS[Role.UNDERVISER].group_name))
    offering.responsible.add(host)
    room = Room.objects.create(session=session, state=RoomState.LIVE)
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
    store_class = import_module(settings.SESSION_ENGINE).SessionStore

    def cookie(user) -> str:
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    return room.pk, cookie(host), [cookie(user) for user in users]


def stored_room_seqs(room_id: int) -> list[int]:
    from webinars.models import RoomEvent

    return list(
        RoomEvent.objects.filter(room_id=room_id, breakout__isnull=True)
        .order_by("seq")
        .values_list("seq", flat=True)
    )


def last_seq_at(room_id: int, moment: float) -> int:
    import datetime

    from webinars.models import RoomEvent

    at = datetime.datetime.fromtimestamp(moment, tz=datetime.UTC)
    event = (
        RoomEvent.objects.filter(
            room_id=room_id, breakout__isnull=True, created_at__lte=at
        )
        .order_by("-seq")
        .first()
    )
    return event.seq if event else 0


# Processes ----------------------------------------------------------------------------


class Stack:
    """Redis, the web processes, the baseline server and HAProxy."""

    def __init__(self, database_url: str, processes: int) -> None:
        self.database_url = database_url
        self.redis_port = free_port()
        self.web_ports = [free_port() for _ in range(processes)]
        self.bare_port = free_port()
        self.proxy_port = free_port()
        self.webs: list[subprocess.Popen] = []
        self.redis: subprocess.Popen | None = None
        self.bare: subprocess.Popen | None = None
        self.proxy: subprocess.Popen | None = None
        self.logs = ROOT / "var" / "bench"
        self.logs.mkdir(parents=True, exist_ok=True)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def web_env(self, port: int) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,ssp-uddannelsen.dk",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "EMAIL_URL": "smtp://127.0.0.1:25",
            "SITE_BASE_URL": "https://ssp-uddannelsen.dk",
            "TRUSTED_PROXY_COUNT": "1",
            "PORT": str(port),
            "PYTHONUNBUFFERED": "1",
        }

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxclients",
                "20000",
            ],
            stdout=subprocess.DEVNULL,
            preexec_fn=raise_file_limit,  # noqa: PLW1509
        )
        wait_port(self.redis_port)

    def kill_redis(self) -> None:
        assert self.redis is not None
        self.redis.send_signal(signal.SIGKILL)
        self.redis.wait()

    def start_web(self, index: int) -> None:
        port = self.web_ports[index]
        log = (self.logs / f"web{index + 1}.log").open("a")
        process = subprocess.Popen(  # noqa: S603
            [str(ROOT / "deploy" / "web.sh")],
            env=self.web_env(port),
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=raise_file_limit,  # noqa: PLW1509
        )
        if index < len(self.webs):
            self.webs[index] = process
        else:
            self.webs.append(process)
        wait_port(port, 60)

    def start(self) -> None:
        self.start_redis()
        for index in range(len(self.web_ports)):
            self.start_web(index)
        self.bare = subprocess.Popen(  # noqa: S603
            [PYTHON, str(ROOT / "bench" / "bare_broadcast.py"), str(self.bare_port)],
            preexec_fn=raise_file_limit,  # noqa: PLW1509
        )
        wait_port(self.bare_port)
        config = self.logs / "haproxy.cfg"
        config.write_text(self.proxy_config())
        self.proxy = subprocess.Popen(  # noqa: S603
            [shutil.which("haproxy") or "haproxy", "-db", "-f", str(config)],
            stdout=(self.logs / "haproxy.log").open("w"),
            stderr=subprocess.STDOUT,
            preexec_fn=raise_file_limit,  # noqa: PLW1509
        )
        wait_port(self.proxy_port)
        self.wait_ready()

    def proxy_config(self) -> str:
        """deploy/haproxy/haproxy.cfg with this run's addresses: the HTTPS bind
        becomes a plain one on a free port (the bench does not measure TLS), the
        redirect frontend listens on another free port, the servers are ours, and
        the baseline is routed under /bare/."""
        lines = []
        servers = iter(self.web_ports)
        for line in (
            (ROOT / "deploy" / "haproxy" / "haproxy.cfg").read_text().split("\n")
        ):
            stripped = line.strip()
            if stripped.startswith("bind :443"):
                line = f"    bind 127.0.0.1:{self.proxy_port}"
            elif stripped.startswith("bind :80"):
                line = f"    bind 127.0.0.1:{free_port()}"
            elif stripped.startswith("default_backend web"):
                lines.append("    use_backend bare if { path_beg /bare/ }")
            elif stripped.startswith("server web"):
                port = next(servers, None)
                if port is None:
                    continue
                name = stripped.split()[1]
                line = f"    server {name} 127.0.0.1:{port}"
            lines.append(line)
        for port in servers:  # more processes than the file lists
            lines.append(f"    server web{port} 127.0.0.1:{port}")
        lines += [
            "",
            "backend bare",
            f"    server bare 127.0.0.1:{self.bare_port}",
            "",
        ]
        return "\n".join(lines)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        for port in self.web_ports:
            while True:
                try:
                    with urllib.request.urlopen(  # noqa: S310
                        f"http://127.0.0.1:{port}/readyz", timeout=5
                    ) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"web process on {port} never became ready")
                time.sleep(0.2)
        time.sleep(2.5)  # HAProxy's first health check (inter 2s)

    def stop(self) -> None:
        for process in [self.proxy, self.bare, *self.webs, self.redis]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [self.proxy, self.bare, *self.webs, self.redis]:
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    def db_connections(self) -> dict[int, int]:
        """PostgreSQL connections held by each web process (by pid)."""
        import psycopg

        pids = {p.pid for p in self.webs if p.poll() is None}
        children: dict[int, int] = {}
        # deploy/web.sh execs daphne, so the pid is daphne's.
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT client_port FROM pg_stat_activity"
                " WHERE datname = current_database()"
            ).fetchall()
        ports = {row[0] for row in rows if row[0]}
        for pid in pids:
            owned = 0
            try:
                out = subprocess.run(  # noqa: S603
                    ["ss", "-tnpH", "state", "established"],  # noqa: S607
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
            except OSError:
                return {}
            for line in out.splitlines():
                if f"pid={pid}," in line and ":5432" in line.split()[3]:
                    local_port = int(line.split()[2].rsplit(":", 1)[1])
                    owned += local_port in ports
            children[pid] = owned
        return children


class Clients:
    """The client process and its line protocol."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [PYTHON, str(ROOT / "bench" / "wire_client.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def call(self, **command) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the client process died")
        answer = json.loads(line)
        if not answer.get("ok", False) and "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


# Scenarios ------------------------------------------------------------------------


class Bench:
    def __init__(self, stack: Stack, clients: Clients, room_id, host, cookies) -> None:
        self.stack = stack
        self.clients = clients
        self.room_id = room_id
        self.host = host
        self.cookies = cookies
        base = f"ws://127.0.0.1:{stack.proxy_port}"
        self.room_url = f"{base}/ws/webinar/{room_id}/"
        self.bare_url = f"{base}/bare/"
        self.origin = f"http://127.0.0.1:{stack.proxy_port}"
        self.profile = False

    def join(self, crowd, cookies, *, room, window=0.0, host=True, timeout=180):
        return self.clients.call(
            action="join",
            crowd=crowd,
            url=self.room_url if room else self.bare_url,
            origin=self.origin,
            cookies=cookies,
            room=room,
            window=window,
            host_cookie=(self.host if room else "bare=1") if host else None,
            timeout=timeout,
        )

    def fanout(self, n: int) -> dict:
        row: dict = {"n": n}
        for room in (False, True):
            name = "room" if room else "bare"
            # Joins throttled to 150 a second: this scenario is about fan-out.
            joined = self.join(
                name, self.cookies[:n], room=room, window=n / 150, timeout=300
            )
            delivery = self.clients.call(
                action="probes",
                crowd=name,
                room=room,
                rate=2,
                count=20,
                tag=f"fan-{name}-{n}",
                settle=3,
            )["delivery"]
            row[name] = {"joins": joined["joins"], **delivery}
            if room:
                stored = stored_room_seqs(self.room_id)
                row["order"] = self.clients.call(
                    action="order", crowd=name, stored=stored
                )
                row["db_connections"] = self.stack.db_connections()
            self.clients.call(action="stop", crowd=name)
        return row

    def storm(self, n: int, window: float) -> dict:
        row: dict = {"n": n, "window": window}
        profiler = None
        existing = self.cookies[-EXISTING:]
        storming = self.cookies[:n]
        for room in (False, True):
            name = "room" if room else "bare"
            self.join(f"{name}-existing", existing, room=room, window=2)
            if room and self.profile:
                profiler = self.profile_start(f"storm-{n}", window + 20)
            result = self.clients.call(
                action="storm",
                crowd=f"{name}-storm",
                existing=f"{name}-existing",
                url=self.room_url if room else self.bare_url,
                origin=self.origin,
                cookies=storming,
                room=room,
                window=window,
                rate=2,
                tag=f"storm-{name}-{n}",
                timeout=max(120, window * 6),
            )
            row[name] = result
            if room:
                row["db_connections"] = self.stack.db_connections()
            if profiler is not None:
                profiler.send_signal(signal.SIGINT)
                profiler.wait(timeout=60)
                profiler = None
            self.clients.call(action="stop", crowd=f"{name}-storm")
            self.clients.call(action="stop", crowd=f"{name}-existing")
        return row

    def profile_start(self, tag: str, seconds: float) -> subprocess.Popen:
        """py-spy samples web process 0 while the storm runs, only while it holds
        the GIL (its Python CPU time); ``bench/profile_summary.py`` turns the raw
        stacks into a table of where the time goes."""
        out = self.stack.logs / f"profile-{tag}.txt"
        return subprocess.Popen(  # noqa: S603 - our own venv's py-spy
            [
                str(ROOT / ".venv" / "bin" / "py-spy"),
                "record",
                "--pid",
                str(self.stack.webs[0].pid),
                "--format",
                "raw",
                "--rate",
                "200",
                "--gil",
                "--duration",
                str(int(seconds)),
                "--output",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def redis_restart(self, n: int = EXISTING, outage: float = 5.0) -> dict:
        self.join("redis", self.cookies[:n], room=True, window=2)
        self.clients.call(action="chatter", crowd="redis", rate=2, tag="redis")
        time.sleep(3)
        killed_at = time.time()
        self.stack.kill_redis()
        time.sleep(outage)
        self.stack.start_redis()
        back_at = time.time()
        time.sleep(4)
        self.clients.call(action="quiet", crowd="redis")
        time.sleep(0.5)
        target = stored_room_seqs(self.room_id)[-1]
        result = self.clients.call(
            action="caught_up", crowd="redis", seq=target, timeout=30
        )
        # When did each client hold everything stored before Redis came back?
        back_seq = last_seq_at(self.room_id, back_at)
        details = self.clients.call(action="welcome_times", crowd="redis")
        lags = []
        for arrivals in details["arrivals"]:
            got = arrivals.get(str(back_seq))
            lags.append(max(0.0, (got - back_at)) if got else None)
        order = self.clients.call(
            action="order", crowd="redis", stored=stored_room_seqs(self.room_id)
        )
        self.clients.call(action="stop", crowd="redis")
        caught = [lag for lag in lags if lag is not None]
        return {
            "n": n,
            "outage_s": round(back_at - killed_at, 2),
            "behind_at_end": result["behind"],
            "missing_at_back": lags.count(None),
            "catch_up_p50": percentile(caught, 0.5),
            "catch_up_max": max(caught) if caught else None,
            "http_5xx": result["http_5xx"],
            "reconnects": result["reconnects"],
            "failures": result["failures"],
            **order,
        }

    def kill_one(self, n: int = 1000) -> dict:
        self.join("kill", self.cookies[:n], room=True, window=n / 150, timeout=300)
        self.clients.call(action="chatter", crowd="kill", rate=2, tag="kill")
        time.sleep(3)
        victim = self.stack.webs[0]
        killed_at = time.time()
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        time.sleep(5)
        self.clients.call(action="quiet", crowd="kill")
        time.sleep(0.5)
        target = stored_room_seqs(self.room_id)[-1]
        result = self.clients.call(
            action="caught_up", crowd="kill", seq=target, timeout=30
        )
        details = self.clients.call(action="welcome_times", crowd="kill")
        kill_seq = last_seq_at(self.room_id, killed_at)
        affected = []
        for welcomed, arrivals in zip(
            details["welcomed"], details["arrivals"], strict=True
        ):
            again = [w for w in welcomed if w > killed_at]
            if not again:
                continue
            # Back: welcomed again and holding everything stored before the kill.
            got = arrivals.get(str(kill_seq), 0)
            affected.append(max(again[0], got) - killed_at)
        order = self.clients.call(
            action="order", crowd="kill", stored=stored_room_seqs(self.room_id)
        )
        self.clients.call(action="stop", crowd="kill")
        self.stack.start_web(0)
        self.stack.wait_ready()
        return {
            "n": n,
            "affected": len(affected),
            "back_p50": percentile(affected, 0.5),
            "back_p99": percentile(affected, 0.99),
            "back_max": max(affected) if affected else None,
            "behind_at_end": result["behind"],
            "http_5xx": result["http_5xx"],
            "failures": result["failures"],
            **order,
        }


def percentile(values, share):
    values = [v for v in values if v is not None]
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# Report ---------------------------------------------------------------------------


def fmt(value, digits=1, scale=1.0) -> str:
    if value is None:
        return "–"
    return f"{value * scale:,.{digits}f}"


def report(results: dict, args) -> bool:
    ok = True
    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{args.processes} web processes, load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    if "fanout" in results:
        print()
        print("Fan-out, 2 messages a second (p50 / p99 ms from send to arrival):")
        print()
        print(
            "| N | bare p50 / p99 | room p50 / p99 | p99 ratio (≤ 2) | delivered "
            "(room) | lost / dup / reordered | DB connections per process |"
        )
        print("|---:|---:|---:|---:|---:|---:|---|")
        for row in results["fanout"]:
            bare, room = row["bare"], row["room"]
            ratio = (
                room["p99_ms"] / bare["p99_ms"]
                if room["p99_ms"] and bare["p99_ms"]
                else None
            )
            order = row["order"]
            good = (
                ratio is not None
                and ratio <= 2
                and room["delivered"] == room["expected"]
                and order["lost"] == order["duplicated"] == order["reordered"] == 0
            )
            ok &= good
            print(
                f"| {row['n']:,} | {fmt(bare['p50_ms'])} / {fmt(bare['p99_ms'])} "
                f"| {fmt(room['p50_ms'])} / {fmt(room['p99_ms'])} | {fmt(ratio, 2)} "
                f"| {room['delivered']:,} / {room['expected']:,} "
                f"| {order['lost']} / {order['duplicated']} / {order['reordered']} "
                f"| {sorted(row['db_connections'].values())} |"
            )
    if "storm" in results:
        print()
        print("Join storm (time from first attempt to welcome; 200 already inside):")
        print()
        print(
            "| N in | bare p50 / p99 s | room p50 / p99 / max s | target p99 "
            "| failed handshakes (room) | shed (4429) | inside: bare p99 / room p99 ms "
            "| ratio (≤ 2) | DB connections per process |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in results["storm"]:
            bare, room = row["bare"], row["room"]
            target = 1.0 if row["n"] <= 1000 else 3.0
            inside = (
                room["existing"]["p99_ms"] / bare["existing"]["p99_ms"]
                if room["existing"]["p99_ms"] and bare["existing"]["p99_ms"]
                else None
            )
            joins = room["joins"]
            good = (
                joins["failed_handshakes"] == 0
                and joins["welcomed"] == joins["n"]
                and joins["p99"] is not None
                and joins["p99"] <= target
                and inside is not None
                and inside <= 2
            )
            ok &= good
            print(
                f"| {row['n']:,} in {row['window']:.0f} s "
                f"| {fmt(bare['joins']['p50'], 2)} / {fmt(bare['joins']['p99'], 2)} "
                f"| {fmt(joins['p50'], 2)} / {fmt(joins['p99'], 2)} "
                f"/ {fmt(joins['max'], 2)} | {target:.0f} "
                f"| {joins['failed_handshakes']} {joins['failures'] or ''} "
                f"| {joins['shed']} "
                f"| {fmt(bare['existing']['p99_ms'])} / "
                f"{fmt(room['existing']['p99_ms'])} | {fmt(inside, 2)} "
                f"| {sorted(row['db_connections'].values())} |"
            )
    if "redis" in results:
        row = results["redis"]
        good = (
            row["behind_at_end"] == 0
            and row["missing_at_back"] == 0
            and row["catch_up_max"] is not None
            and row["catch_up_max"] <= 2
            and row["lost"] == row["duplicated"] == row["reordered"] == 0
            and row["http_5xx"] == 0
        )
        ok &= good
        print()
        print(
            f"Redis killed for {row['outage_s']} s and restarted empty, {row['n']} "
            f"in the room: caught up after it returned p50 "
            f"{fmt(row['catch_up_p50'], 2)} s, max {fmt(row['catch_up_max'], 2)} s "
            f"(target ≤ 2); lost {row['lost']}, duplicated {row['duplicated']}, "
            f"reordered {row['reordered']}; HTTP 5xx {row['http_5xx']}; "
            f"reconnects {row['reconnects']}; behind at the end {row['behind_at_end']}"
            f"; failures {row['failures'] or 0}. {'pass' if good else 'FAIL'}"
        )
    if "kill" in results:
        row = results["kill"]
        good = (
            row["behind_at_end"] == 0
            and row["back_max"] is not None
            and row["back_p99"] <= 2
            and row["lost"] == row["duplicated"] == row["reordered"] == 0
        )
        ok &= good
        print()
        print(
            f"kill -9 of one web process, {row['n']} in the room: {row['affected']} "
            f"clients reconnected; back and caught up p50 {fmt(row['back_p50'], 2)} s"
            f", p99 {fmt(row['back_p99'], 2)} s, max {fmt(row['back_max'], 2)} s "
            f"(target ≤ 2); lost {row['lost']}, duplicated {row['duplicated']}, "
            f"reordered {row['reordered']}; HTTP 5xx {row['http_5xx']}; failures "
            f"{row['failures'] or 0}. {'pass' if good else 'FAIL'}"
        )
    print()
    print("targets met" if ok else "TARGETS NOT MET")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--scenarios", default="fanout,storm,redis,kill")
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes, for a first look"
    )
    parser.add_argument("--sizes", default="")
    parser.add_argument(
        "--storms", default="", help="joins/window pairs, e.g. 1000/10,3000/30"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample web process 0 with py-spy during each storm",
    )
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        print("Set DATABASE_URL (PostgreSQL): the bench makes its own database there.")
        return 2
    for tool in ("haproxy", "redis-server"):
        if not shutil.which(tool):
            print(f"{tool} is not installed (apt-get install {tool.split('-')[0]}).")
            return 2
    raise_file_limit()
    scenarios = args.scenarios.split(",")
    fanout_sizes = [200, 1000, 3000]
    storms = [(1000, 10.0), (3000, 30.0)]
    if args.quick:
        fanout_sizes, storms = [200], [(500, 10.0)]
    if args.sizes:
        fanout_sizes = [int(x) for x in args.sizes.split(",")]
    if args.storms:
        storms = [
            (int(n), float(w))
            for n, w in (s.split("/") for s in args.storms.split(","))
        ]
    database_url, maintenance, name = database_create(base_url)
    stack = Stack(database_url, args.processes)
    clients = None
    results: dict = {}
    try:
        stack.start_redis()
        # The same settings and secret as the web processes, or their sessions
        # would not be valid there.
        os.environ.update({k: v for k, v in stack.web_env(0).items() if k != "PORT"})
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connections

        room_id, host, cookies = seed(PARTICIPANTS)
        connections.close_all()
        stack.redis.terminate()  # the stack starts its own again
        stack.redis.wait()
        stack.start()
        clients = Clients()
        bench = Bench(stack, clients, room_id, host, cookies)
        bench.profile = args.profile
        if "fanout" in scenarios:
            results["fanout"] = []
            for n in fanout_sizes:
                print(f"fan-out N={n} …", flush=True)
                results["fanout"].append(bench.fanout(n))
        if "storm" in scenarios:
            results["storm"] = []
            for n, window in storms:
                print(f"storm {n} in {window:.0f} s …", flush=True)
                results["storm"].append(bench.storm(n, window))
        if "redis" in scenarios:
            print("Redis restart …", flush=True)
            results["redis"] = bench.redis_restart()
        if "kill" in scenarios:
            print("kill -9 …", flush=True)
            results["kill"] = bench.kill_one(1000 if not args.quick else 300)
    finally:
        if clients is not None:
            clients.close()
        stack.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001,S110 - Django may not be set up
            pass
        database_drop(maintenance, name)
    (stack.logs / "webinar_wire.json").write_text(json.dumps(results, indent=1))
    return 0 if report(results, args) else 1


if __name__ == "__main__":
    sys.exit(main())
