"""Closing a person's sockets at logout or deactivation.

A per-user socket (``core.consumers``) joins ``user_group_name(user_id)``. A webinar
room socket has no channel-layer channel of its own: the process's hub is the one
member of ``SESSIONS_GROUP`` and closes its local sockets of the person named in the
message. So a room of 3,000 people costs one group per process, not 3,000 groups
that the hub would have to keep re-adding to Redis.
"""

from django.db import transaction

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

SESSIONS_GROUP = "sessions.closed"


def user_group_name(user_id: int) -> str:
    return f"user.{user_id}"


def user_sockets_close(*, user_id: int) -> None:
    """Tell every open socket of the user to close. Safe to call twice."""
    channel_layer = get_channel_layer()
    if channel_layer is None:
        return
    async_to_sync(_send_both)(channel_layer, user_id)


async def _send_both(channel_layer, user_id: int) -> None:
    group = user_group_name(user_id)
    await channel_layer.group_send(group, {"type": "session.closed", "group": group})
    # "group" and "user" let each process's webinar hub find its local sockets.
    await channel_layer.group_send(
        SESSIONS_GROUP,
        {"type": "session.closed", "group": SESSIONS_GROUP, "user": user_id},
    )


def user_sockets_close_on_commit(*, user_id: int) -> None:
    """Close the user's sockets once the surrounding transaction has committed."""
    transaction.on_commit(lambda: user_sockets_close(user_id=user_id))
