"""Opening, refusing and reading room sockets through the real
``lms.asgi.application``, for the consumer tests."""

from django.test import Client

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from lms.asgi import application
from webinars.models import (
    RoomEvent,
)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
CPR = "070761-4285"


def _cookie(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def _open(room_id: int, user=None):
    headers = [ORIGIN]
    if user is not None:
        headers.append(await sync_to_async(_cookie)(user))
    communicator = WebsocketCommunicator(
        application, f"/ws/webinar/{room_id}/", headers=headers
    )
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def _refused(room_id: int, user=None) -> int:
    """The close code of a refused entry. The socket is accepted first, so that a
    browser sees the code (a refusal before accept reaches it only as 1006)."""
    communicator, connected, code = await _open(room_id, user)
    assert connected, f"refused before accept with {code}: the page would see 1006"
    closing = await communicator.receive_output(timeout=5)
    assert closing["type"] == "websocket.close", closing
    await communicator.disconnect()
    return closing["code"]


async def _join(room_id: int, user):
    communicator, connected, code = await _open(room_id, user)
    assert connected, code
    welcome = await communicator.receive_json_from(timeout=5)
    assert welcome["type"] == "welcome"
    return communicator


async def _next(communicator, kind: str | None = None) -> dict:
    message = await communicator.receive_json_from(timeout=5)
    if kind is not None:
        assert message.get("kind", message["type"]) == kind, message
    return message


async def _events() -> list[tuple[int, str]]:
    return await sync_to_async(
        lambda: list(RoomEvent.objects.order_by("seq").values_list("seq", "kind"))
    )()
