"""Requests per second for the course pages against a bare hello view, one server.

    .venv/bin/python bench/pages.py

Sets up a throwaway database (a new PostgreSQL database next to DATABASE_URL's when
that is set, else a temporary SQLite file), migrates it, seeds the demo site and adds
participants with 1, 10 and 50 confirmed enrolments. Then it starts one daphne process
serving ``lms.asgi:application`` on 127.0.0.1 (DEBUG off) with ``bench/urls_bench.py``
as URLconf, which adds ``/bench/hello/`` in front of the site's own URLs, and measures
each page over keep-alive connections: sequential requests, then 4 threads. Every
measurement is bounded in time and count. It prints the figures and a Markdown table
with each page's ratio to the hello view and the targets:

* pages rendered for the request (logged in, or an anonymous cache miss) >= 0.04x,
* anonymous pages served from the page cache >= 0.7x.

Exit status 0 when every target is met, 1 otherwise.
"""

import datetime
import http.client
import itertools
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SEQUENTIAL_SECONDS = 4.0
CONCURRENT_SECONDS = 4.0
MAX_REQUESTS = 20_000
THREADS = 4
WARMUP = 20
UNCACHED_TARGET = 0.04
_UNIQUE = itertools.count()
CACHED_TARGET = 0.7


# Environment and database ------------------------------------------------------------


def _environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        LOG_LEVEL="WARNING",
        CELERY_TASK_ALWAYS_EAGER="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def _postgres_create(base_url: str) -> tuple[str, str]:
    """A new, empty database on the server of ``base_url``; returns its URL and name."""
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    name = f"bench_pages_{os.getpid()}"
    with psycopg.connect(_maintenance_url(base_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


def _maintenance_url(base_url: str) -> str:
    """The server's ``postgres`` database: DATABASE_URL's own may not exist."""
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def _postgres_drop(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_maintenance_url(base_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Data ---------------------------------------------------------------------------------


def _seed() -> dict[str, object]:
    """Migrate, seed the demo site, and create participants with 1, 10 and 50
    confirmed enrolments. Returns the paths and session cookies to measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from accounts.models import Organisation, Politikreds, User
    from courses.models import (
        CourseIndexPage,
        Enrolment,
        EnrolmentStatus,
        ModuleKind,
        ModulePage,
        Offering,
        OfferingStatus,
        Session,
    )

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    modules = list(ModulePage.objects.live().order_by("path"))
    districts = list(Politikreds.objects.order_by("code"))
    organisation = Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY
    ).first()
    today = timezone.localdate()
    offerings = []
    for number in range(50):
        start = today + datetime.timedelta(days=20 + 7 * number)
        offering = Offering.objects.create(
            module=modules[number % len(modules)],
            politikreds=districts[number % len(districts)],
            status=OfferingStatus.CONFIRMED,
            planned_start=start,
            enrolment_deadline=start - datetime.timedelta(days=14),
            seats=3000,
        )
        for day in range(2):
            begins = timezone.make_aware(
                datetime.datetime.combine(
                    start + datetime.timedelta(days=day), datetime.time(9)
                )
            )
            Session.objects.create(
                offering=offering,
                title=f"Dag {day + 1}",
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=6),
                venue="Online",
            )
        offerings.append(offering)

    cookies = {}
    for count in (1, 10, 50):
        user = User.objects.create_user(
            email=f"bench{count}@kommune.test",
            password=None,
            first_name="Bench",
            last_name=f"Deltager {count}",
            organisation=organisation,
        )
        Enrolment.objects.bulk_create(
            Enrolment(offering=offering, user=user, status=EnrolmentStatus.CONFIRMED)
            for offering in offerings[:count]
        )
        client = Client()
        client.force_login(user)
        cookies[count] = client.cookies["sessionid"].value

    catalogue = CourseIndexPage.objects.live().first()
    module = (
        ModulePage.objects.live().filter(kind=ModuleKind.BASE).first() or modules[0]
    )
    from django.db import connections

    connections.close_all()
    return {
        "catalogue": catalogue.url,
        "module": module.url,
        "cookies": cookies,
    }


def _dashboard_path() -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("courses:dashboard")
    except NoReverseMatch:
        return None


# Server -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _serve(port: str) -> None:
    """Child process: the site with the bench URLconf under daphne."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls_bench"
    settings.DEBUG = False
    # As in production rather than in the test suite: WhiteNoise does not rescan the
    # static folders on every request, database connections are kept open.
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 60
    from daphne.cli import CommandLineInterface

    CommandLineInterface().run(["-b", HOST, "-p", port, "lms.asgi:application"])


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped with status {process.returncode}.")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/bench/hello/")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("The server did not answer within 90 seconds.")


# Measuring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    cookie: str | None
    cached: bool  # expect the anonymous page cache to serve it
    vary_query: bool = False  # a new query string each time: always a cache miss


class Worker:
    def __init__(self, port: int, target: Target) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.target = target
        self.headers = {"Connection": "keep-alive"}
        if target.cookie:
            self.headers["Cookie"] = f"sessionid={target.cookie}"
        self.sent = 0

    def one(self) -> None:
        path = self.target.path
        if self.target.vary_query:
            path = f"{path}?v={next(_UNIQUE)}"
        self.sent += 1
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        cache_state = response.getheader("X-Page-Cache")
        if self.target.cached and cache_state != "hit" and self.sent > 1:
            raise SystemExit(f"{path} was not served from the cache ({cache_state})")
        if not self.target.cached and cache_state == "hit":
            raise SystemExit(f"{path} was served from the cache, expected rendering")


def measure_sequential(port: int, target: Target) -> tuple[float, int]:
    worker = Worker(port, target)
    for _ in range(WARMUP):
        worker.one()
    done = 0
    started = time.perf_counter()
    while done < MAX_REQUESTS and time.perf_counter() - started < SEQUENTIAL_SECONDS:
        worker.one()
        done += 1
    elapsed = time.perf_counter() - started
    worker.connection.close()
    return done / elapsed, done


def measure_concurrent(port: int, target: Target) -> tuple[float, int]:
    workers = [Worker(port, target) for _ in range(THREADS)]
    for worker in workers:
        for _ in range(3):
            worker.one()
    counts = [0] * THREADS
    errors: list[BaseException] = []
    started = time.perf_counter()

    def run(index: int) -> None:
        try:
            while (
                counts[index] < MAX_REQUESTS // THREADS
                and time.perf_counter() - started < CONCURRENT_SECONDS
            ):
                workers[index].one()
                counts[index] += 1
        except BaseException as error:  # reported below, the run stops
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for worker in workers:
        worker.connection.close()
    if errors:
        raise errors[0]
    return sum(counts) / elapsed, sum(counts)


# Main ---------------------------------------------------------------------------------


def main() -> int:
    sys.path.insert(0, str(ROOT))
    base_url = os.environ.get("DATABASE_URL", "")
    temporary = tempfile.TemporaryDirectory(prefix="bench-pages-")
    postgres_name = None
    if base_url.startswith("postgres"):
        database_url, postgres_name = _postgres_create(base_url)
        database = "PostgreSQL"
    else:
        database_url = f"sqlite:///{temporary.name}/bench.sqlite3"
        database = "SQLite"
    env = _environment(database_url)
    os.environ.update(env)
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory"

    process = None
    try:
        print(f"Seeding a throwaway {database} database ...", flush=True)
        data = _seed()
        dashboard = _dashboard_path()
        port = _free_port()
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, __file__, "--serve", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,  # daphne's access log
        )
        _wait_until_up(port, process)
        print(f"daphne on {HOST}:{port}; database {database}, cache {cache}.")

        cookies = data["cookies"]
        hello = Target("hello view (baseline)", "/bench/hello/", None, cached=False)
        targets = [
            Target("catalogue, anonymous", data["catalogue"], None, cached=True),
            Target("module page, anonymous", data["module"], None, cached=True),
            Target(
                "catalogue, anonymous, cache miss",
                data["catalogue"],
                None,
                cached=False,
                vary_query=True,
            ),
            Target("catalogue, logged in", data["catalogue"], cookies[1], False),
            Target("module page, logged in", data["module"], cookies[1], False),
        ]
        if dashboard:
            for count in (1, 10, 50):
                targets.append(
                    Target(
                        f"dashboard, {count} enrolment{'s' if count > 1 else ''}",
                        dashboard,
                        cookies[count],
                        cached=False,
                    )
                )
        else:
            print(
                "courses:dashboard does not exist yet: the dashboard is not measured."
            )

        results = []
        baseline_runs = []
        for target in [hello, *targets, hello]:
            sequential, sequential_count = measure_sequential(port, target)
            concurrent, concurrent_count = measure_concurrent(port, target)
            print(
                f"  {target.label:<36} {sequential:8.1f} req/s ({sequential_count}) "
                f"| {THREADS} threads {concurrent:8.1f} req/s ({concurrent_count})",
                flush=True,
            )
            if target is hello:
                baseline_runs.append((sequential, concurrent))
            else:
                results.append((target, sequential, concurrent))
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if postgres_name:
            from django.db import connections

            connections.close_all()
            _postgres_drop(base_url, postgres_name)
        temporary.cleanup()

    hello_sequential = statistics.mean(run[0] for run in baseline_runs)
    hello_concurrent = statistics.mean(run[1] for run in baseline_runs)
    all_met = True
    lines = [
        f"| page | req/s | ratio | req/s, {THREADS} threads | ratio | target "
        "| result |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| hello view (baseline, mean of first and last run) | "
        f"{hello_sequential:.0f} | 1 | {hello_concurrent:.0f} | 1 | | |",
    ]
    for target, sequential, concurrent in results:
        goal = CACHED_TARGET if target.cached else UNCACHED_TARGET
        ratio = sequential / hello_sequential
        ratio_concurrent = concurrent / hello_concurrent
        met = ratio >= goal and ratio_concurrent >= goal
        all_met &= met
        lines.append(
            f"| {target.label} | {sequential:.0f} | {ratio:.3f} | {concurrent:.0f} | "
            f"{ratio_concurrent:.3f} | ≥ {goal} | {'pass' if met else 'FAIL'} |"
        )
    print()
    print(
        f"{datetime.date.today().isoformat()} · {platform.python_implementation()} "
        f"{platform.python_version()} · {os.cpu_count()} cores · {database}, "
        f"cache {cache} · one daphne process"
    )
    print()
    print("\n".join(lines))
    print()
    print("All targets met." if all_met else "At least one target was missed.")
    return 0 if all_met else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        _serve(sys.argv[2])
    else:
        raise SystemExit(main())
