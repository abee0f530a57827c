"""Health checks for /healthz: database, cache, channel layer and Celery broker."""

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    milliseconds: float
    error: str = ""

    def as_dict(self) -> dict:
        data = {"ok": self.ok, "ms": round(self.milliseconds, 1)}
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


async def _channel_layer_roundtrip() -> None:
    layer = get_channel_layer()
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await asyncio.wait_for(layer.receive(channel), _TIMEOUT_SECONDS)
    if message.get("type") != "healthz.ping":
        raise RuntimeError("unexpected message")


def _channel_layer() -> None:
    async_to_sync(_channel_layer_roundtrip)()


def _broker() -> None:
    from lms.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0.2, timeout=_TIMEOUT_SECONDS
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
    """Run every check; a failing check is reported, never raised."""
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
