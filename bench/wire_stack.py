"""The stack of bench/webinar_wire.py: a throwaway database seeded with one live
room, a Redis of its own, the web processes (deploy/web.sh), the bare baseline
server, HAProxy with the production configuration, and the client process
(bench/wire_client.py). Nothing runs on import."""

import json
import os
import shutil
import signal
import socket
import subprocess
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
    host.groups.add(Group.objects.get(name=ROLE_GROUPS[Role.PRESENTER].group_name))
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
