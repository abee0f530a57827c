from django.test import Client

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from lms.asgi import application
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


def _session_cookie_for(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def _connect(headers):
    communicator = WebsocketCommunicator(application, "/ws/bruger/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_anonymous_socket_is_refused():
    communicator, connected, code = await _connect([ORIGIN])
    assert (connected, code) == (False, 4401)


async def test_foreign_origin_is_refused_even_when_logged_in():
    user = await sync_to_async(UserFactory)()
    cookie = await sync_to_async(_session_cookie_for)(user)
    communicator, connected, _code = await _connect(
        [(b"origin", b"https://evil.example"), cookie]
    )
    assert connected is False


async def test_logged_in_user_connects_and_gets_answers():
    user = await sync_to_async(UserFactory)()
    cookie = await sync_to_async(_session_cookie_for)(user)
    communicator, connected, _code = await _connect([ORIGIN, cookie])
    assert connected is True
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.send_json_to({"type": "chat", "text": "hej"})
    assert await communicator.receive_json_from() == {
        "type": "error",
        "code": "unknown_type",
    }
    await communicator.disconnect()


async def test_logout_closes_the_users_open_sockets():
    user = await sync_to_async(UserFactory)(email="luk@aarhus.test")

    def login_client():
        client = Client()
        assert (
            client.post(
                "/konto/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
            ).status_code
            == 302
        )
        return client

    client = await sync_to_async(login_client)()
    cookie = (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())
    first, connected_first, _ = await _connect([ORIGIN, cookie])
    second, connected_second, _ = await _connect([ORIGIN, cookie])
    assert connected_first and connected_second

    response = await sync_to_async(client.post)("/konto/logout/")
    assert response.status_code == 302

    for communicator in (first, second):
        assert await communicator.receive_output(timeout=3) == {
            "type": "websocket.close",
            "code": 4403,
        }


async def test_deactivation_closes_the_users_sockets():
    from accounts.services import user_deactivate

    user = await sync_to_async(UserFactory)()
    cookie = await sync_to_async(_session_cookie_for)(user)
    communicator, connected, _ = await _connect([ORIGIN, cookie])
    assert connected
    await sync_to_async(user_deactivate)(user=user)
    assert await communicator.receive_output(timeout=3) == {
        "type": "websocket.close",
        "code": 4403,
    }
