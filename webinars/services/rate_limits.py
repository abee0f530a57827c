"""Per-person rate limits of the room socket's actions.

A sliding window: an action is allowed while the person took fewer than ``allowed``
actions of the bucket in the ``window`` seconds before it, so no span of ``window``
seconds ever holds more than ``allowed`` (a fixed window let twice that through
around a window's edge). Each person and bucket has one sorted set of their
actions' times in the cache's Redis, checked and added to by one Lua script, so
the limit holds across web processes. Without Redis (embedded mode: one process,
the local-memory cache) the same log is kept in the cache under a lock.
"""

import threading
import uuid
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# Actions per person per window (seconds); overridable with WEBINAR_RATE_LIMITS.
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "text": (5, 10),  # chat messages and questions
    "click": (30, 10),  # upvotes, votes, hands
}


def _now() -> float:
    return timezone.now().timestamp()


# Seconds since the epoch. Tests replace it (or pass ``now``) to stand still.
clock: Callable[[], float] = _now

# KEYS[1] the person's log; ARGV: now, window, allowed, this action's id. Drops
# the actions that left the window, then counts and adds in one step: Redis runs
# a script alone, so two processes cannot both take the last place.
_HIT_SCRIPT = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
    return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
return 1
"""

# The local-memory log's read-check-write (embedded mode, one process).
_local_lock = threading.Lock()


def _limit(bucket: str) -> tuple[int, int]:
    """(allowed actions, window in seconds) of ``bucket``."""
    return getattr(settings, "WEBINAR_RATE_LIMITS", RATE_LIMITS)[bucket]


def _redis_client() -> Any:
    """The default cache's Redis client, or None when the cache is not Redis."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # Django's own client of the cache (its pool): not in the type stubs.
        return cast(Any, backend)._cache.get_client(write=True)
    return None


def _take(*, key: str, member: str, now: float, window: int, allowed: int) -> bool:
    """Add ``member`` at ``now`` to the log ``key`` unless it already holds
    ``allowed`` actions in the window; True when added."""
    client = _redis_client()
    if client is not None:
        full_key = cache.make_and_validate_key(key)
        # EVALSHA: the script's text goes to Redis once, not with every action.
        hit = client.register_script(_HIT_SCRIPT)
        return bool(hit(keys=[full_key], args=[now, window, allowed, member]))
    with _local_lock:
        log = [
            (at, taken)
            for at, taken in cache.get(key, [])
            if at > now - window  # as ZREMRANGEBYSCORE drops ≤ now - window
        ]
        if len(log) >= allowed:
            return False
        log.append((now, member))
        cache.set(key, log, timeout=window + 1)
        return True


def rate_limit_hit(*, user_id: int, bucket: str, now: float | None = None) -> str:
    """Count one action of ``bucket`` for the person at ``now`` (seconds since the
    epoch; default ``clock()``) and return a receipt for ``rate_limit_refund``.
    Raises ValidationError (code "rate_limited"), and counts nothing, when they
    took the bucket's limit of actions in the window before. Atomic across
    processes (one Redis script); not idempotent: every call counts an action."""
    allowed, window = _limit(bucket)
    key = f"webinar-rate:{bucket}:{user_id}"
    member = uuid.uuid4().hex
    taken = _take(
        key=key,
        member=member,
        now=clock() if now is None else now,
        window=window,
        allowed=allowed,
    )
    if not taken:
        raise ValidationError(
            _("You are sending too fast. Wait a moment and try again."),
            code="rate_limited",
        )
    return f"{key} {member}"


def rate_limit_refund(*, key: str) -> None:
    """Give back the action of the receipt ``key`` from ``rate_limit_hit`` (the
    action was refused, so it must not use up the limit). Idempotent; nothing
    happens once the action has left the window."""
    log_key, member = key.split(" ", 1)
    client = _redis_client()
    if client is not None:
        client.zrem(cache.make_and_validate_key(log_key), member)
        return
    with _local_lock:
        log = cache.get(log_key)
        if log:
            cache.set(
                log_key,
                [(at, taken) for at, taken in log if taken != member],
                timeout=_limit(log_key.split(":")[1])[1] + 1,
            )
