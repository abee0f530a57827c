"""Two web processes (deploy/web.sh) sharing PostgreSQL and Redis are one room: a
chat message sent through one reaches a participant connected to the other."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection, connections
from django.test import Client

import pytest
from asgiref.sync import sync_to_async

from tests.webinars.factories import room_create
from tests.webinars.wsclient import WebsocketClient

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def _daphne(port: int, database_url: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url,
    }
    environment["VENV"] = str(Path(sys.executable).parent.parent)
    environment["PORT"] = str(port)
    # As production starts its web processes (uvicorn).
    return subprocess.Popen(  # noqa: S603 - fixed arguments, no user input
        [str(ROOT / "deploy" / "web.sh")],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode()[-2000:])
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"the web process on {port} did not start")


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


async def test_a_message_crosses_daphne_processes(services_mode):
    room, _host, (anna, bo) = await sync_to_async(room_create)(participants=2)
    database_url = await sync_to_async(_database_url)()
    anna_cookie = await sync_to_async(_cookie)(anna)
    bo_cookie = await sync_to_async(_cookie)(bo)
    ports = [_free_port(), _free_port()]
    processes = [_daphne(port, database_url) for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            await sync_to_async(_wait_for)(port, process)
        path = f"/ws/webinar/{room.pk}/"
        anna_socket = await WebsocketClient.connect(
            port=ports[0], path=path, cookie=anna_cookie
        )
        bo_socket = await WebsocketClient.connect(
            port=ports[1], path=path, cookie=bo_cookie
        )
        assert (await anna_socket.receive_json())["type"] == "welcome"
        assert (await bo_socket.receive_json())["type"] == "welcome"

        await anna_socket.send_json({"type": "chat.send", "text": "Hej fra port A"})
        received = await bo_socket.receive_json()
        assert (received["kind"], received["seq"], received["data"]["text"]) == (
            "chat.message",
            1,
            "Hej fra port A",
        )
        assert (await anna_socket.receive_json())["seq"] == 1
        await anna_socket.close()
        await bo_socket.close()
    finally:
        # The thread that ran the ORM calls above keeps its connection otherwise,
        # and the test database could not be dropped.
        await sync_to_async(connections.close_all)()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
