"""The per-user socket: in-site notifications reach a person here, and logout or
deactivation closes it (together with every other socket of theirs)."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .realtime import user_group_name

CLOSE_UNAUTHENTICATED = 4401
CLOSE_SESSION_ENDED = 4403


class UserConsumer(AsyncJsonWebsocketConsumer):
    """Accepts only logged-in, active users and joins their personal group.

    Messages from the client: ``{"type": "ping"}`` answers ``{"type": "pong"}``;
    anything else gets ``{"type": "error", "code": "unknown_type"}``. Server events:
    ``session.closed`` closes the socket with code 4403. No side effects on the
    database.
    """

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group_name = user_group_name(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_json({"type": "error", "code": "unknown_type"})

    async def session_closed(self, event: dict) -> None:
        await self.close(code=CLOSE_SESSION_ENDED)
