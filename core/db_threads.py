"""Database work from async code, on the event loop's thread pool, with the
connection back in the pool when the work ends.

channels' ``database_sync_to_async`` calls ``close_old_connections`` around the
function, but outside the context the function runs in; with asgiref 3.10 and later
the function sees other ``Local`` storage there, so the connection it opened was
never closed. Under the psycopg pool each such connection stayed checked out: in a
test, twelve sockets catching up at once left seven of the pool's ten taken and the
next handshakes waited for the pool's timeout. Here the connection is closed (given
back to the pool, ``CONN_MAX_AGE = 0``) inside the function's own context.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections

from asgiref.sync import sync_to_async


def on_pool(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a coroutine function run on the thread pool (not on the one
    thread-sensitive thread), its database connection returned when it ends."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return sync_to_async(run, thread_sensitive=False)
