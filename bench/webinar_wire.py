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
import shutil
import signal
import subprocess
import sys
import time

from wire_report import report
from wire_stack import (
    EXISTING,
    PARTICIPANTS,
    ROOT,
    Clients,
    Stack,
    database_create,
    database_drop,
    last_seq_at,
    raise_file_limit,
    seed,
    stored_room_seqs,
)

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
