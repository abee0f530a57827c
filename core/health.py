"""Health for load balancers and operators.

* ``/livez``, liveness: the process answers. Nothing else is checked; restarting a
  web process because Redis is down helps nobody.
* ``/readyz``, readiness: the process can serve people: the database, the cache and
  the channel layer's Redis answer within ``TIMEOUT_SECONDS``. 503 only when one of
  them really does not.
* ``/healthz``, the operators' report: the readiness checks and the Celery broker,
  each with its time, as JSON (a Django view).

``/livez`` and ``/readyz`` are served by ``HealthRouter``, a small ASGI app in front
of Django (lms/asgi.py). They never wait in the queue of Django's one thread for
synchronous code, and the channel-layer check is a Redis PING on the layer's own
connection pool, not a message through the layer: busy webinar rooms keep the
layer's receive loop occupied, and a message round trip through it timed out
whenever a room socket was open in the process. The blocking checks run on two
threads of their own.
"""

import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.cache import cache
from django.db import close_old_connections, connection

from asgiref.sync import async_to_sync
from celery import current_app
from channels.layers import get_channel_layer

TIMEOUT_SECONDS = 3.0
LIVE_PATH = "/livez"
READY_PATH = "/readyz"

_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="health")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    milliseconds: float
    error: str = ""

    def as_dict(self) -> dict:
        data: dict[str, bool | float | str] = {
            "ok": self.ok,
            "ms": round(self.milliseconds, 1),
        }
        if self.error:
            data["error"] = self.error
        return data


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def _cache() -> None:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("value not read back")
    cache.delete(key)


async def _channel_layer_ping() -> None:
    """PING the Redis of the channel layer (nothing to check for the in-memory
    layer of embedded mode, which lives in this process)."""
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer")
    ring = getattr(layer, "ring_size", 0)
    for index in range(ring):
        if not await layer.connection(index).ping():
            raise RuntimeError("no PONG")


def _channel_layer() -> None:
    async_to_sync(_channel_layer_ping)()


def _broker() -> None:
    # The project's Celery app (lms/celery.py, imported with the lms package), found
    # without importing lms: Celery's Django fix-up makes it the default app, the
    # current app in every thread (these checks run on the health threads).
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0.2, timeout=TIMEOUT_SECONDS
        )
        # Connecting is not enough for kombu's in-process transports; a channel
        # proves the transport can take a message.
        conn.default_channel  # noqa: B018


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "channel_layer": _channel_layer,
    "broker": _broker,
}


def run_checks() -> list[CheckResult]:
    """Run every check (for /healthz); a failing check is reported, never raised."""
    results = []
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means unhealthy
            results.append(
                CheckResult(
                    name,
                    False,
                    (time.perf_counter() - started) * 1000,
                    type(error).__name__,
                )
            )
        else:
            results.append(
                CheckResult(name, True, (time.perf_counter() - started) * 1000)
            )
    return results


def _on_own_thread(check: Callable[[], None]) -> Callable[[], Awaitable[None]]:
    """A blocking check run on the health threads, returning its database
    connection to the pool afterwards."""

    def run() -> None:
        try:
            check()
        finally:
            close_old_connections()
            connection.close()

    async def wrapped() -> None:
        await asyncio.get_running_loop().run_in_executor(_executor, run)

    return wrapped


READINESS: dict[str, Callable[[], Awaitable[None]]] = {
    "database": _on_own_thread(_database),
    "cache": _on_own_thread(_cache),
    "channel_layer": _channel_layer_ping,
}


async def readiness() -> list[CheckResult]:
    """The readiness checks, at once, each cut off after ``TIMEOUT_SECONDS``."""

    async def timed(name: str, check: Callable[[], Awaitable[None]]) -> CheckResult:
        started = time.perf_counter()
        try:
            await asyncio.wait_for(check(), TIMEOUT_SECONDS)
        except Exception as error:  # noqa: BLE001 - any failure means not ready
            return CheckResult(
                name,
                False,
                (time.perf_counter() - started) * 1000,
                type(error).__name__,
            )
        return CheckResult(name, True, (time.perf_counter() - started) * 1000)

    return list(
        await asyncio.gather(*(timed(name, check) for name, check in READINESS.items()))
    )


async def _respond(send, status: int, body: dict, *, head: bool) -> None:
    content = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"cache-control", b"no-store"),
                (b"content-length", str(len(content)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if head else content})


class HealthRouter:
    """ASGI: answers ``/livez`` and ``/readyz`` itself, passes everything else to
    ``application``."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path")
        if scope["type"] != "http" or path not in (LIVE_PATH, READY_PATH):
            await self.application(scope, receive, send)
            return
        method = scope.get("method", "GET")
        if method not in ("GET", "HEAD"):
            await _respond(send, 405, {"status": "method not allowed"}, head=False)
            return
        head = method == "HEAD"
        if path == LIVE_PATH:
            await _respond(send, 200, {"status": "ok"}, head=head)
            return
        results = await readiness()
        ready = all(result.ok for result in results)
        await _respond(
            send,
            200 if ready else 503,
            {
                "status": "ok" if ready else "unavailable",
                "checks": {result.name: result.as_dict() for result in results},
            },
            head=head,
        )
