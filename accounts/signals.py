"""Logging out must close the user's open websockets: the session ends, so must every
live room they were in (Channels keeps a socket open after logout otherwise)."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from core.realtime import user_sockets_close_on_commit


@receiver(user_logged_out)
def close_sockets_on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        user_sockets_close_on_commit(user_id=user.pk)
