"""Group names and publishing for the per-user websocket group.

Every socket a logged-in user opens joins ``user_group_name(user_id)``, so the server
can reach all of one person's sockets (to close them at logout or deactivation)
without a global group filtered in Python.
"""

from django.db import transaction

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def user_group_name(user_id: int) -> str:
    return f"user.{user_id}"


def user_sockets_close(*, user_id: int) -> None:
    """Tell every open socket of the user to close. Safe to call twice."""
    channel_layer = get_channel_layer()
    if channel_layer is None:
        return
    group = user_group_name(user_id)
    # "group" lets a process's webinar hub find its local sockets of the user.
    async_to_sync(channel_layer.group_send)(
        group, {"type": "session.closed", "group": group}
    )


def user_sockets_close_on_commit(*, user_id: int) -> None:
    """Close the user's sockets once the surrounding transaction has committed."""
    transaction.on_commit(lambda: user_sockets_close(user_id=user_id))
