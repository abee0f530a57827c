"""One Redis connection pool per process for Django's cache.

Django keeps its cache objects per request context under ASGI, and each new cache
object builds a new redis-py pool, so every request and every webinar handshake
opened a fresh TCP connection to Redis (measured: about a tenth of a handshake's
time in a join storm went to ``connect``). ``SharedConnectionPool.from_url`` hands
every cache object of the process the same pool for the same address and options.
"""

import threading

import redis


class SharedConnectionPool(redis.ConnectionPool):
    _shared: "dict[tuple, SharedConnectionPool]" = {}
    _shared_lock = threading.Lock()

    @classmethod
    def from_url(cls, url, **kwargs):
        """The process's pool for ``url`` and these options, made on first use."""
        key = (
            url,
            tuple(sorted((name, repr(value)) for name, value in kwargs.items())),
        )
        with cls._shared_lock:
            pool = cls._shared.get(key)
            if pool is None:
                pool = cls._shared[key] = super().from_url(url, **kwargs)
            return pool
