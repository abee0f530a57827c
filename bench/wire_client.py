"""The client side of bench/webinar_wire.py: real websocket clients over TCP, in a
process of their own, behaving as the room page does (docs/webinar-protocol.md).

It reads one JSON command per line on stdin and answers one JSON line on stdout
(``{"ok": ..., ...}``); bench/webinar_wire.py drives it. It knows nothing of Django:
it only speaks the wire protocol, so the same client measures the room and the bare
baseline server.

A room client: connects with its session cookie, waits for ``welcome``, sends
``sync`` with the last number it has, applies ``catchup`` and live ``event``s, keeps
every chat event's sequence number and arrival time, and on a close reconnects as
the page does: after a ``4429`` close ("busy") it waits the seconds the server gave
plus up to 50 % jitter; after a network drop it waits 50–300 ms, then doubles up to
5 s; after ``heartbeat`` with a higher ``last_seq`` than it has it sends ``sync``.
A bare client (the baseline) connects, waits for the server's welcome and records the
probes broadcast to it.
"""

import asyncio
import contextlib
import json
import random
import sys
import time

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

TRY_AGAIN = 4429
FINAL_CODES = {4401, 4403, 4404, 4409, 4410}


class Client:
    def __init__(self, url: str, cookie: str, origin: str, *, room: bool) -> None:
        self.url = url
        self.cookie = cookie
        self.origin = origin
        self.room = room
        self.first_attempt: float | None = None
        self.welcomed: list[float] = []  # every welcome (reconnects included)
        self.attempts = 0
        self.failures: dict[str, int] = {}
        self.shed = 0
        self.last_seq = 0
        self.seqs: list[int] = []  # chat event numbers in the order applied
        self.arrivals: dict[int, float] = {}  # seq -> first arrival
        self.probes: dict[str, float] = {}  # probe id -> arrival (bare and room)
        self.duplicates = 0
        self.http_5xx = 0
        self.socket = None
        self.stopped = False
        self.task: asyncio.Task | None = None
        self.connected = asyncio.Event()
        self.retry_after: float | None = None

    def fail(self, kind: str) -> None:
        self.failures[kind] = self.failures.get(kind, 0) + 1

    async def run(self) -> None:
        backoff = 0.05
        while not self.stopped:
            self.attempts += 1
            if self.first_attempt is None:
                self.first_attempt = time.time()
            delay = None
            try:
                async with connect(
                    self.url,
                    additional_headers={"Cookie": self.cookie},
                    origin=self.origin,
                    open_timeout=30,
                    ping_interval=None,
                    close_timeout=2,
                    max_queue=None,
                ) as socket:
                    self.socket = socket
                    await self._session(socket)
                    backoff = 0.05
            except InvalidStatus as error:
                status = error.response.status_code
                self.fail(f"http_{status}")
                if status >= 500:
                    self.http_5xx += 1
            except ConnectionClosed as error:
                code = error.rcvd.code if error.rcvd else 1006
                if code == TRY_AGAIN:
                    self.shed += 1
                    # daphne drops close reasons: the seconds come in "retry".
                    seconds = float(self.retry_after or 2)
                    delay = seconds * (1 + random.random() * 0.5)  # noqa: S311
                elif code in FINAL_CODES:
                    self.fail(f"close_{code}")
                    self.stopped = True
                elif not self.connected.is_set():
                    self.fail(f"close_{code}_before_welcome")
            except (OSError, TimeoutError):
                self.fail("no_answer")
            finally:
                self.socket = None
                self.connected.clear()
            if self.stopped:
                break
            if delay is None:
                delay = backoff * (1 + 5 * random.random())  # noqa: S311
                backoff = min(backoff * 2, 5.0)
            await asyncio.sleep(delay)

    async def _session(self, socket) -> None:
        async for raw in socket:
            now = time.time()
            message = json.loads(raw)
            kind = message.get("type")
            if kind == "welcome":
                self.welcomed.append(now)
                self.connected.set()
                if self.room:
                    await socket.send(
                        json.dumps({"type": "sync", "after": self.last_seq})
                    )
            elif kind == "event":
                self._apply(message, now)
            elif kind == "catchup":
                for event in message.get("events", []):
                    self._apply(event, now)
                if message.get("more"):
                    await socket.send(
                        json.dumps({"type": "sync", "after": self.last_seq})
                    )
            elif kind == "heartbeat":
                if message.get("last_seq", 0) > self.last_seq:
                    await socket.send(
                        json.dumps({"type": "sync", "after": self.last_seq})
                    )
            elif kind == "retry":
                self.retry_after = message.get("after")
            elif kind == "probe":  # the bare baseline's broadcast
                self.probes.setdefault(message["probe"], now)

    def _apply(self, event: dict, now: float) -> None:
        seq = event.get("seq", 0)
        if event.get("stream") != "room":
            return
        if seq <= self.last_seq:
            if seq in self.arrivals:
                self.duplicates += 0  # a catch-up overlap: ignored as the page does
            return
        if seq != self.last_seq + 1:
            # A gap: the page asks for what is missing before applying this one.
            asyncio.ensure_future(self._sync())
            return
        self.last_seq = seq
        self.seqs.append(seq)
        self.arrivals[seq] = now
        text = (event.get("data") or {}).get("text") or ""
        marker = text.find("probe-")
        if marker >= 0:
            self.probes.setdefault(text[marker:].split()[0], now)

    async def _sync(self) -> None:
        socket = self.socket
        if socket is not None:
            with contextlib.suppress(ConnectionClosed):
                await socket.send(json.dumps({"type": "sync", "after": self.last_seq}))

    async def send(self, text: str) -> bool:
        socket = self.socket
        if socket is None:
            return False
        try:
            await socket.send(text)
        except ConnectionClosed:
            return False
        return True

    async def stop(self) -> None:
        self.stopped = True
        socket = self.socket
        if socket is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(socket.close(), 3)
        if self.task is not None:
            self.task.cancel()


class Crowd:
    """The clients of one scenario."""

    def __init__(self) -> None:
        self.clients: list[Client] = []
        self.host: Client | None = None

    async def join(
        self, url, cookies, origin, *, room, window: float, host_cookie=None
    ) -> None:
        """Start a client per cookie at a uniformly random moment within
        ``window`` seconds (0: at once, in order)."""
        if host_cookie is not None:
            self.host = Client(url, host_cookie, origin, room=room)
            self.host.task = asyncio.create_task(self.host.run())
            await asyncio.wait_for(self.host.connected.wait(), 60)
        starts = sorted(random.random() * window for _ in cookies)  # noqa: S311
        begun = time.monotonic()
        clients = []
        for cookie, start in zip(cookies, starts, strict=True):
            wait = start - (time.monotonic() - begun)
            if wait > 0:
                await asyncio.sleep(wait)
            client = Client(url, cookie, origin, room=room)
            client.task = asyncio.create_task(client.run())
            clients.append(client)
        self.clients.extend(clients)

    async def wait_connected(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(
                asyncio.gather(*(c.connected.wait() for c in self.clients)), timeout
            )
            return True
        except TimeoutError:
            return False

    async def stop(self) -> None:
        everyone = [*self.clients, *([self.host] if self.host else [])]
        await asyncio.gather(*(c.stop() for c in everyone), return_exceptions=True)
        self.clients, self.host = [], None


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def join_figures(clients: list[Client]) -> dict:
    times = [
        c.welcomed[0] - c.first_attempt
        for c in clients
        if c.welcomed and c.first_attempt
    ]
    failures: dict[str, int] = {}
    for client in clients:
        for kind, count in client.failures.items():
            failures[kind] = failures.get(kind, 0) + count
    return {
        "n": len(clients),
        "welcomed": len(times),
        "first_attempt_ok": sum(
            1 for c in clients if c.welcomed and c.attempts == 1 and not c.failures
        ),
        "failed_handshakes": sum(failures.values()),
        "failures": failures,
        "shed": sum(c.shed for c in clients),
        "http_5xx": sum(c.http_5xx for c in clients),
        "p50": percentile(times, 0.5),
        "p99": percentile(times, 0.99),
        "max": max(times) if times else None,
    }


async def send_probes(
    crowd: Crowd, *, room: bool, rate: float, count: int, tag: str
) -> dict[str, float]:
    """The host sends ``count`` probes at ``rate`` a second; returns send times."""
    sent: dict[str, float] = {}
    assert crowd.host is not None
    # Three warm-up messages, not counted: the first of a series pays for cold
    # caches on both sides and would be the whole p99 of a short run.
    for number in range(-3, count):
        probe = f"probe-{tag}-{number}" if number >= 0 else f"warmup-{tag}-{number}"
        text = f"Spørgsmål til oplægget om forebyggelse, {probe} ."
        if room:
            payload = json.dumps({"type": "chat.send", "text": text})
        else:
            payload = json.dumps(
                {
                    "type": "probe",
                    "probe": probe,
                    "stream": "room",
                    "kind": "chat.message",
                    "data": {"author": 1, "name": "Vært Bench", "text": text},
                }
            )
        if number >= 0:
            sent[probe] = time.time()
        await crowd.host.send(payload)
        await asyncio.sleep(1 / rate)
    return sent


def delivery_figures(clients: list[Client], sent: dict[str, float]) -> dict:
    latencies = []
    delivered = 0
    for client in clients:
        for probe, at in sent.items():
            arrived = client.probes.get(probe)
            if arrived is not None:
                delivered += 1
                latencies.append((arrived - at) * 1000)
    expected = len(sent) * len(clients)
    return {
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "delivered": delivered,
        "expected": expected,
    }


def order_figures(clients: list[Client], stored: list[int]) -> dict:
    """Against the chat events the server stored: what each client lacks, has twice
    or has out of order."""
    lost = duplicated = reordered = 0
    wanted = set(stored)
    for client in clients:
        have = [s for s in client.seqs if s in wanted]
        lost += len(wanted - set(have))
        duplicated += len(have) - len(set(have)) + client.duplicates
        reordered += sum(1 for a, b in zip(have, have[1:], strict=False) if b <= a)
    return {"lost": lost, "duplicated": duplicated, "reordered": reordered}


class Driver:
    def __init__(self) -> None:
        self.crowds: dict[str, Crowd] = {}

    async def handle(self, command: dict) -> dict:
        action = command["action"]
        name = command.get("crowd", "main")
        if action == "join":
            crowd = self.crowds.setdefault(name, Crowd())
            started = time.time()
            await crowd.join(
                command["url"],
                command["cookies"],
                command["origin"],
                room=command["room"],
                window=command.get("window", 0.0),
                host_cookie=command.get("host_cookie"),
            )
            ok = await crowd.wait_connected(command.get("timeout", 120))
            return {
                "ok": ok,
                "started": started,
                "joins": join_figures(crowd.clients),
            }
        if action == "storm":
            # A second crowd joins while the first keeps receiving probes.
            crowd = self.crowds.setdefault(name, Crowd())
            existing = self.crowds[command["existing"]]
            probes = asyncio.create_task(
                send_probes(
                    existing,
                    room=command["room"],
                    rate=command["rate"],
                    count=int(command["rate"] * (command["window"] + 4)),
                    tag=command["tag"],
                )
            )
            await crowd.join(
                command["url"],
                command["cookies"],
                command["origin"],
                room=command["room"],
                window=command["window"],
            )
            await crowd.wait_connected(command.get("timeout", 120))
            sent = await probes
            await asyncio.sleep(2)
            return {
                "ok": True,
                "joins": join_figures(crowd.clients),
                "existing": delivery_figures(existing.clients, sent),
            }
        if action == "probes":
            crowd = self.crowds[name]
            sent = await send_probes(
                crowd,
                room=command["room"],
                rate=command["rate"],
                count=command["count"],
                tag=command["tag"],
            )
            await asyncio.sleep(command.get("settle", 2))
            return {"ok": True, "delivery": delivery_figures(crowd.clients, sent)}
        if action == "chatter":
            # The host keeps talking (in the background) until "quiet".
            crowd = self.crowds[name]
            crowd.chatter = asyncio.create_task(  # type: ignore[attr-defined]
                send_probes(
                    crowd,
                    room=True,
                    rate=command["rate"],
                    count=10**6,
                    tag=command["tag"],
                )
            )
            return {"ok": True}
        if action == "quiet":
            crowd = self.crowds[name]
            crowd.chatter.cancel()  # type: ignore[attr-defined]
            return {"ok": True}
        if action == "caught_up":
            # When did every client hold every event up to ``seq``? Waits until
            # they do (or ``timeout``).
            crowd = self.crowds[name]
            target = command["seq"]
            deadline = time.monotonic() + command.get("timeout", 30)
            while time.monotonic() < deadline:
                if all(c.last_seq >= target for c in crowd.clients):
                    break
                await asyncio.sleep(0.05)
            behind = [c for c in crowd.clients if c.last_seq < target]
            times = [c.arrivals[target] for c in crowd.clients if target in c.arrivals]
            return {
                "ok": not behind,
                "behind": len(behind),
                "caught_up_at": max(times) if times and not behind else None,
                "caught_up_times": times,
                "http_5xx": sum(c.http_5xx for c in crowd.clients),
                "reconnects": sum(len(c.welcomed) - 1 for c in crowd.clients),
                "failures": join_figures(crowd.clients)["failures"],
            }
        if action == "order":
            crowd = self.crowds[name]
            return {"ok": True, **order_figures(crowd.clients, command["stored"])}
        if action == "welcome_times":
            crowd = self.crowds[name]
            return {
                "ok": True,
                "welcomed": [c.welcomed for c in crowd.clients],
                "last_seq": [c.last_seq for c in crowd.clients],
                "arrivals": [
                    {str(k): v for k, v in c.arrivals.items()} for c in crowd.clients
                ],
            }
        if action == "stop":
            crowd = self.crowds.pop(name, None)
            if crowd is not None:
                await crowd.stop()
            return {"ok": True}
        raise ValueError(f"unknown action {action}")


async def main() -> None:
    driver = Driver()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**26)
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), sys.stdin
    )
    while True:
        line = await reader.readline()
        if not line:
            break
        command = json.loads(line)
        try:
            answer = await driver.handle(command)
        except Exception as error:  # noqa: BLE001 - reported to the driver
            answer = {"ok": False, "error": repr(error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(main())
