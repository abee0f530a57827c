"""The set-up of bench/enrolment.py: a throwaway database, the Django settings,
the seats and nominations of each round, and the web servers sharing one port.
Importing it puts the project on sys.path, as bench/enrolment.py did."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUESTS = 200
FREE_SEATS = 10
TAKEN_SEATS = 30
WORKERS = 60
ROUNDS = 3
#: web processes sharing the listening socket (the machine has two cores).
SERVERS = int(os.environ.get("BENCH_SERVERS", "2"))
#: An answer later than this counts as unanswered.
REQUEST_TIMEOUT = 120.0
SECRET = "bench-only-secret-not-for-production-5d1c7a2e9b"  # noqa: S105
BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ssp")
NAME = f"bench_enrolment_{os.getpid()}"


def _url_with(name: str) -> str:
    parts = urllib.parse.urlsplit(BASE_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _database_create() -> None:
    import psycopg

    with psycopg.connect(_url_with("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        connection.execute(f'CREATE DATABASE "{NAME}"')


def _database_drop() -> None:
    import psycopg

    with psycopg.connect(_url_with("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')


def _server_environment() -> dict[str, str]:
    """Production settings (DEBUG off) on the throwaway database, plain HTTP on
    127.0.0.1: the bench stands where the proxy would terminate TLS."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enrolment_settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "SITE_BASE_URL": "https://ssp-uddannelsen.dk",
        "DATABASE_URL": _url_with(NAME),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    }


def _django_setup() -> None:
    os.environ.update(_server_environment())
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _round_setup(number: int):
    """An open offering with all seats but 10 taken and 200 undecided nominations."""
    import datetime

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import Organisation, User
    from accounts.roles import ROLE_GROUPS, Role
    from accounts.services import user_create
    from core.models import HomePage
    from courses.models import (
        CourseIndexPage,
        Enrolment,
        Invitation,
        ModulePage,
        Nomination,
        Offering,
        OfferingStatus,
        Session,
    )

    admin = User.objects.filter(email="bench-admin@ssp.test").first()
    if admin is None:
        admin = user_create(
            email="bench-admin@ssp.test",
            first_name="Bench",
            last_name="Admin",
            roles=(Role.ADMINISTRATOR,),
            is_staff=True,
            email_verified=True,
        )
        TOTP.activate(admin, "JBSWY3DPEHPK3PXPBENCHBEN")
    module = ModulePage.objects.first()
    if module is None:
        from wagtail.models import Page

        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Forside", slug="forside", intro="Intro")
        )
        catalogue = home.add_child(
            instance=CourseIndexPage(title="Moduler", slug="moduler")
        )
        module = catalogue.add_child(
            instance=ModulePage(title="Grundmodul", slug="grundmodul", summary="R")
        )
    organisation = Organisation.objects.get(name="Aarhus Kommune")
    start = timezone.localdate() + datetime.timedelta(days=40)
    offering = Offering.objects.create(
        module=module,
        politikreds_id="1461",
        status=OfferingStatus.OPEN,
        planned_start=start,
        enrolment_deadline=start - datetime.timedelta(days=10),
        seats=TAKEN_SEATS + FREE_SEATS,
    )
    Session.objects.create(
        offering=offering,
        starts_at=timezone.now() + datetime.timedelta(days=40),
        ends_at=timezone.now() + datetime.timedelta(days=40, hours=3),
    )
    invitation = Invitation.objects.create(
        offering=offering, organisation=organisation, suggested_seats=40
    )
    participant_group = Group.objects.get(name=ROLE_GROUPS[Role.PARTICIPANT].group_name)
    users = User.objects.bulk_create(
        [
            User(
                email=f"r{number}-p{index}@ssp.test",
                first_name="Deltager",
                last_name=f"{number}-{index}",
                organisation=organisation,
                password="!",
            )
            for index in range(TAKEN_SEATS + REQUESTS)
        ]
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user=user, group=participant_group) for user in users]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(offering=offering, user=user, status="bekraeftet")
            for user in users[:TAKEN_SEATS]
        ]
    )
    nominations = Nomination.objects.bulk_create(
        [
            Nomination(
                invitation=invitation,
                priority=index + 1,
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                job_title="SSP-konsulent",
                sector="social",
                user=user,
            )
            for index, user in enumerate(users[TAKEN_SEATS:])
        ]
    )
    return admin, offering, [nomination.pk for nomination in nominations]


def _servers_start(count: int) -> tuple[int, list[subprocess.Popen], socket.socket]:
    """``count`` web processes as production runs them (``deploy/web.sh``: uvicorn)
    accepting on one socket bound to a free port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    processes = []
    logs = []
    for _number in range(count):
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the process
        logs.append(log)
        processes.append(
            subprocess.Popen(  # noqa: S603 - our own start script
                [str(ROOT / "deploy" / "web.sh")],
                cwd=ROOT,
                env={
                    **_server_environment(),
                    "LISTEN_FD": str(listener.fileno()),
                    "VENV": str(Path(sys.executable).parent.parent),
                },
                pass_fds=(listener.fileno(),),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for process, log in zip(processes, logs, strict=True):
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"web stopped: {log.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as probe:
                probe.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                if b" 200 " in probe.recv(100):
                    break
        except OSError:
            pass
        time.sleep(0.2)
    time.sleep(2)  # the other processes import Django meanwhile
    return port, processes, listener


def _servers_stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
