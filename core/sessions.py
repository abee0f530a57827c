"""Sessions read from the cache (Redis) and written through to the database, that
keep working while Redis is down.

Django's ``cached_db`` engine falls back to the database when a cache read fails,
but then raises when it writes the session back to the cache, so during a Redis
restart every page and every webinar handshake would answer 500. Here a failing
cache call is logged and skipped; the database stays the source of truth.
"""

import logging
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import UpdateError
from django.core.cache import caches

logger = logging.getLogger(__name__)


# A cached copy lives at most this long, so that a logout whose cache delete failed
# (Redis unreachable but not restarted) cannot leave a usable copy for the whole
# session age; a copy older than this is read from the database again.
CACHE_SECONDS = 300


def _capped(timeout):
    return CACHE_SECONDS if timeout is None else min(timeout, CACHE_SECONDS)


class _TolerantCache:
    """The cache calls the session engine makes; a failure reads as a miss."""

    def __init__(self, cache) -> None:
        self._cache = cache

    def _failed(self, operation: str) -> None:
        logger.warning("session cache %s failed; using the database", operation)

    def __contains__(self, key) -> bool:
        try:
            return key in self._cache
        except Exception:  # noqa: BLE001
            self._failed("lookup")
            return False

    def get(self, key, default=None):
        try:
            return self._cache.get(key, default)
        except Exception:  # noqa: BLE001 - Redis down: read the database
            self._failed("get")
            return default

    def set(self, key, value, timeout=None) -> None:
        try:
            self._cache.set(key, value, _capped(timeout))
        except Exception:  # noqa: BLE001
            self._failed("set")

    def delete(self, key) -> None:
        try:
            self._cache.delete(key)
        except Exception:  # noqa: BLE001
            self._failed("delete")

    async def aget(self, key, default=None):
        try:
            return await self._cache.aget(key, default)
        except Exception:  # noqa: BLE001
            self._failed("get")
            return default

    async def aset(self, key, value, timeout=None) -> None:
        try:
            await self._cache.aset(key, value, _capped(timeout))
        except Exception:  # noqa: BLE001
            self._failed("set")

    async def adelete(self, key) -> None:
        try:
            await self._cache.adelete(key)
        except Exception:  # noqa: BLE001
            self._failed("delete")


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None) -> None:
        super().__init__(session_key)
        self._cache: Any = _TolerantCache(caches[settings.SESSION_CACHE_ALIAS])

    def save(self, must_create: bool = False) -> None:
        """As ``cached_db``; a cached copy of a session the database no longer has
        is dropped, so it cannot come back."""
        try:
            super().save(must_create)
        except UpdateError:
            if self.session_key:
                self._cache.delete(self.cache_key)
            raise
