import shutil
import socket
import subprocess
import time

import pytest

from lms.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_healthz_reports_every_component_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "broker"}
    assert all(check["ok"] for check in body["checks"].values())


def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


def test_the_broker_check_asks_the_project_celery_app(client, monkeypatch):
    # core.health finds lms's Celery app without importing lms; a check run on a
    # health thread must still reach that app, not Celery's fallback default app.
    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(celery_app, "connection_for_write", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert {name: check["ok"] for name, check in response.json()["checks"].items()} == {
        "database": True,
        "cache": True,
        "channel_layer": True,
        "broker": False,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_redis(settings, services_mode):
    """A Redis server of the test's own, so that it can be stopped for real."""
    redis_server = shutil.which("redis-server")
    assert redis_server, "redis-server is not installed"
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [redis_server, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "own Redis did not start"
            time.sleep(0.05)
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    layer = settings.CHANNEL_LAYERS["default"]
    settings.CHANNEL_LAYERS = {
        "default": {
            **layer,
            "CONFIG": {
                **layer["CONFIG"],
                "hosts": [{**layer["CONFIG"]["hosts"][0], "address": url}],
            },
        }
    }
    old_broker = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    yield process
    celery_app.conf.broker_url = old_broker
    if process.poll() is None:
        process.kill()
    process.wait()


@pytest.mark.services
def test_healthz_reports_a_stopped_redis_as_unhealthy(client, own_redis):
    assert client.get("/healthz").status_code == 200

    own_redis.terminate()
    own_redis.wait(timeout=10)

    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": False,
        "channel_layer": False,
        "broker": False,
    }
