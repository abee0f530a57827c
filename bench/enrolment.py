"""200 concurrent confirmations racing for the last 10 seats, on PostgreSQL, over TCP.

    .venv/bin/python bench/enrolment.py

Creates a throwaway PostgreSQL database next to DATABASE_URL's (default
postgres://postgres@127.0.0.1:5432/ssp), migrates it and, per round, sets up an
offering whose seats are all taken but 10, with 200 nominations awaiting a decision.

* **platform**: the real server. ``SERVERS`` web processes started as production
  starts them (``deploy/web.sh``: uvicorn; production settings, DEBUG off) share one
  listening socket on a free port of 127.0.0.1, as several processes behind a proxy
  would. A separate client process opens 200 TCP
  connections, each with its own logged-in administrator session and CSRF token,
  and releases all 200 HTTP POSTs of the bulk-decision form at once (one
  nomination each). The view runs ``nominations_decide``: lock the offering row,
  count the seats, write the enrolment, the nomination and the audit event, commit,
  then render the e-mail with its calendar invitation (queued to Redis after
  commit). Every answer is a redirect; the signed messages cookie says whether it
  was a seat or a Danish refusal ("Der er 0 ledige pladser ...").
* **raw SQL**: the same gate and writes as hand-written SQL over psycopg (lock the
  offering row, count, insert the enrolment, update the nomination, insert the
  event), without the e-mail, 200 threads with at most ``WORKERS`` connections.

It checks after every round that exactly 10 were confirmed (0 oversold), that nobody
has two enrolments (0 duplicates) and that all 200 requests got an answer, and prints
throughput and latency (from the release to the last byte of the answer) for both,
side by side, in the same run, with the load average. Exit status 0 when every
invariant held.
"""

import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from enrolment_setup import (
    FREE_SEATS,
    NAME,
    REQUEST_TIMEOUT,
    REQUESTS,
    ROOT,
    ROUNDS,
    SERVERS,
    TAKEN_SEATS,
    WORKERS,
    _database_create,
    _database_drop,
    _django_setup,
    _round_setup,
    _servers_start,
    _servers_stop,
    _url_with,
)


def _race(items, worker) -> tuple[float, list[float], list]:
    """Run ``worker(item)`` for every item in its own thread, released together;
    at most WORKERS at a time hold a database connection."""
    from django.db import connection

    barrier = threading.Barrier(len(items) + 1)
    pool = threading.BoundedSemaphore(WORKERS)
    latencies = [0.0] * len(items)
    results: list = [None] * len(items)

    def run(index, item):
        barrier.wait()
        started = time.perf_counter()
        with pool:
            try:
                results[index] = worker(item)
            except Exception as error:  # noqa: BLE001 - counted as unanswered
                results[index] = ("error", repr(error))
            finally:
                connection.close()
        latencies[index] = time.perf_counter() - started

    threads = [
        threading.Thread(target=run, args=(index, item))
        for index, item in enumerate(items)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, results


def _client(port: int, specification: str) -> None:
    """The client process: one TCP connection per request, all opened first, then
    every request released at once. Prints, per request, the latency and the raw
    answer head (status line and headers) as JSON."""
    requests = json.loads(Path(specification).read_text())

    async def one(request: dict, go: asyncio.Event) -> dict:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        body = request["body"].encode()
        head = (
            f"POST {request['path']} HTTP/1.1\r\n"
            f"Host: 127.0.0.1\r\n"
            f"Cookie: {request['cookie']}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        await go.wait()
        started = time.perf_counter()
        try:
            writer.write(head + body)
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), REQUEST_TIMEOUT)
        except (TimeoutError, OSError) as error:
            return {"latency": time.perf_counter() - started, "error": repr(error)}
        finally:
            writer.close()
        latency = time.perf_counter() - started
        return {"latency": latency, "head": answer.split(b"\r\n\r\n")[0].decode()}

    async def main() -> list[dict]:
        go = asyncio.Event()
        tasks = [asyncio.create_task(one(request, go)) for request in requests]
        await asyncio.sleep(1.0)  # every connection is open
        go.set()
        return await asyncio.gather(*tasks)

    print(json.dumps(asyncio.run(main())))


def _outcome(answer: dict) -> tuple[str, str]:
    """A seat, a refusal or an error, from the status and the messages cookie."""
    from http.cookies import SimpleCookie

    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    if "error" in answer:
        return ("error", answer["error"])
    lines = answer["head"].split("\r\n")
    if lines[0].split()[1] != "302":
        return ("error", lines[0])
    cookies: SimpleCookie = SimpleCookie()
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        if name.lower() == "set-cookie":
            cookies.load(value.strip())
    if "messages" not in cookies:
        return ("error", "302 without a message")
    said = CookieStorage(HttpRequest())._decode(cookies["messages"].value) or []
    levels = {message.level_tag for message in said}
    if levels == {"success"}:
        return ("seat", "")
    if levels == {"error"} and all("ledige pladser" in str(m) for m in said):
        return ("refused", "")
    return ("error", "; ".join(str(message) for message in said))


def _platform_round(admin, offering, nomination_ids, port):
    """One round through the real server: a logged-in session and a CSRF token per
    request, made here; the requests themselves from a separate client process."""
    from django.conf import settings
    from django.test import Client

    url = f"/planlaegning/hold/{offering.pk}/tilmelding/"
    requests = []
    for index, nomination_id in enumerate(nomination_ids):
        client = Client()
        client.force_login(admin)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        token = f"{index:032d}"[-32:].replace("0", "a")
        body = urllib.parse.urlencode(
            {
                "action": "decide",
                "decision": "confirm",
                "nominations": nomination_id,
                "csrfmiddlewaretoken": token,
            }
        )
        requests.append(
            {
                "path": url,
                "body": body,
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
                f"{settings.CSRF_COOKIE_NAME}={token}",
            }
        )
    with tempfile.NamedTemporaryFile("w", suffix=".json") as specification:
        json.dump(requests, specification)
        specification.flush()
        started = time.perf_counter()
        finished = subprocess.run(  # noqa: S603 - this script
            [sys.executable, __file__, "--client", str(port), specification.name],
            capture_output=True,
            check=True,
            cwd=ROOT,
        )
        wall_with_setup = time.perf_counter() - started
    answers = json.loads(finished.stdout)
    latencies = [answer["latency"] for answer in answers]
    # The client opens its connections and waits a second before the release; the
    # wall time of the race is the slowest answer after it.
    wall = max(latencies) if latencies else wall_with_setup
    return wall, latencies, [_outcome(answer) for answer in answers]


RAW_CONFIRM = (
    "SELECT seats FROM courses_offering WHERE id = %(offering)s FOR UPDATE",
    "SELECT count(*) FROM courses_enrolment WHERE offering_id = %(offering)s "
    "AND status IN ('bekraeftet', 'tilbudt')",
    "INSERT INTO courses_enrolment (offering_id, user_id, status, nomination_id, "
    "created_at, updated_at) SELECT %(offering)s, user_id, 'bekraeftet', id, now(), "
    "now() FROM courses_nomination WHERE id = %(nomination)s",
    "UPDATE courses_nomination SET status = 'afgjort' WHERE id = %(nomination)s",
    "INSERT INTO courses_enrolmentevent (offering_id, kind, nomination_id, detail, "
    "created_at) VALUES (%(offering)s, 'bekraeftet', %(nomination)s, '', now())",
)


def _raw_round(offering, nomination_ids):
    import psycopg

    url = _url_with(NAME)

    def confirm(nomination_id):
        params = {"offering": offering.pk, "nomination": nomination_id}
        with psycopg.connect(url) as connection, connection.transaction():
            seats = connection.execute(RAW_CONFIRM[0], params).fetchone()[0]
            taken = connection.execute(RAW_CONFIRM[1], params).fetchone()[0]
            if taken >= seats:
                return ("refused", "")
            for statement in RAW_CONFIRM[2:]:
                connection.execute(statement, params)
        return ("seat", "")

    return _race(nomination_ids, confirm)


def _check(offering, results) -> dict[str, int]:
    from django.db.models import Count

    from courses.models import Enrolment

    confirmed = Enrolment.objects.filter(
        offering=offering, status__in=["bekraeftet", "tilbudt"]
    ).count()
    duplicates = (
        Enrolment.objects.filter(offering=offering)
        .values("user")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    outcomes = [outcome for outcome, _detail in results]
    return {
        "seats": outcome_count(outcomes, "seat"),
        "refused": outcome_count(outcomes, "refused"),
        "unanswered": outcome_count(outcomes, "error"),
        "oversold": max(confirmed - (TAKEN_SEATS + FREE_SEATS), 0),
        "duplicates": duplicates,
        "confirmed": confirmed,
    }


def outcome_count(outcomes, name):
    return sum(1 for outcome in outcomes if outcome == name)


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    _database_create()
    processes: list[subprocess.Popen] = []
    try:
        _django_setup()
        port, processes, _listener = _servers_start(SERVERS)
        rows: dict[str, list] = {"platform": [], "raw SQL": []}
        healthy = True
        setups = itertools.count()
        load_before = os.getloadavg()
        # A warm-up round (not counted): the server processes import and compile
        # templates on their first requests, as a production server has long done.
        admin, offering, ids = _round_setup(next(setups))
        _platform_round(admin, offering, ids, port)
        for number in range(ROUNDS):
            for variant in ("platform", "raw SQL"):
                admin, offering, ids = _round_setup(next(setups))
                if variant == "platform":
                    wall, latencies, results = _platform_round(
                        admin, offering, ids, port
                    )
                else:
                    wall, latencies, results = _raw_round(offering, ids)
                check = _check(offering, results)
                ok = (
                    check["seats"] == FREE_SEATS
                    and check["refused"] == REQUESTS - FREE_SEATS
                    and check["unanswered"] == 0
                    and check["oversold"] == 0
                    and check["duplicates"] == 0
                )
                healthy &= ok
                rows[variant].append((wall, latencies, check))
                print(
                    f"round {number + 1} {variant:8}: {REQUESTS / wall:7.1f} req/s, "
                    f"p50 {statistics.median(latencies) * 1000:6.1f} ms, "
                    f"p99 {_percentile(latencies, 0.99) * 1000:6.1f} ms, {check}"
                    + ("" if ok else "  <-- INVARIANT BROKEN")
                )
                errors = [detail for outcome, detail in results if outcome == "error"]
                if errors:
                    print(f"    first of {len(errors)} errors: {errors[0][:300]}")
        print()
        print(
            "| variant | requests/s (median of rounds) | p50 ms | p99 ms | "
            "seats given | refused | unanswered | oversold | duplicates |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        medians = {}
        for variant, results in rows.items():
            throughput = statistics.median(REQUESTS / wall for wall, _l, _c in results)
            medians[variant] = throughput
            all_latencies = [value for _w, lat, _c in results for value in lat]
            checks = [check for _w, _l, check in results]
            print(
                f"| {variant} | {throughput:.1f} | "
                f"{statistics.median(all_latencies) * 1000:.1f} | "
                f"{_percentile(all_latencies, 0.99) * 1000:.1f} | "
                f"{sum(c['seats'] for c in checks)} | "
                f"{sum(c['refused'] for c in checks)} | "
                f"{sum(c['unanswered'] for c in checks)} | "
                f"{sum(c['oversold'] for c in checks)} | "
                f"{sum(c['duplicates'] for c in checks)} |"
            )
        print()
        print(
            f"platform / raw SQL throughput: "
            f"{medians['platform'] / medians['raw SQL']:.2f}x "
            f"({ROUNDS} rounds, {REQUESTS} requests for {FREE_SEATS} seats each; "
            f"platform: {SERVERS} uvicorn processes (deploy/web.sh) over TCP; "
            f"raw SQL: {WORKERS} "
            f"connections at a time)"
        )
        load_after = os.getloadavg()
        print(
            "load average before: "
            + " ".join(f"{value:.2f}" for value in load_before)
            + ", after: "
            + " ".join(f"{value:.2f}" for value in load_after)
            + f" ({os.cpu_count()} cores)"
        )
        print("invariants:", "held" if healthy else "BROKEN")
        return 0 if healthy else 1
    finally:
        _servers_stop(processes)
        from django.db import connections

        connections.close_all()
        _database_drop()
        import redis

        # The e-mail tasks the platform queued are bench leftovers.
        redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--client"]:
        _client(int(sys.argv[2]), sys.argv[3])
        sys.exit(0)
    sys.exit(main())
