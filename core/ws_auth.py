"""The session and user of a websocket handshake, looked up in parallel.

Channels' ``AuthMiddlewareStack`` reads the session and the user with
``database_sync_to_async``, which is thread-sensitive: every handshake of the
process waits for the same single thread. In a join storm that one thread was the
queue (about 40 % of a web process's Python time went to session and user loads
there, one after another, each waiting for its Redis and PostgreSQL round trips).
This is the same lookup (channels' ``get_user``: session key, backend, the session
hash check) on the thread pool, each with its own pooled database connection.
"""

from channels.auth import AuthMiddleware, get_user
from channels.sessions import CookieMiddleware, SessionMiddleware

from core.db_threads import on_pool

# channels' function itself, not its thread-sensitive wrapper.
_get_user_in_parallel = on_pool(get_user.func)


class ParallelAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope):
        scope["user"]._wrapped = await _get_user_in_parallel(scope)


def ParallelAuthMiddlewareStack(inner):  # noqa: N802 - named like channels' stack
    return CookieMiddleware(SessionMiddleware(ParallelAuthMiddleware(inner)))
