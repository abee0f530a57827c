"""Sessions survive a Redis restart, and the cache shares one Redis pool per
process (core/sessions.py, core/redis_pool.py)."""

import shutil
import socket
import subprocess
import threading
import time

from django.contrib.auth import SESSION_KEY
from django.core.cache import caches

import pytest

from core.sessions import SessionStore
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis_cache(settings, services_mode):
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed"
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [server, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "own Redis did not start"
            time.sleep(0.05)
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_session_is_read_and_saved_while_redis_is_down(client, own_redis_cache):
    user = UserFactory()
    client.force_login(user)
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load()[SESSION_KEY] == str(user.pk)

    own_redis_cache.kill()
    own_redis_cache.wait()

    store = SessionStore(key)
    assert store.load()[SESSION_KEY] == str(user.pk)  # from the database
    store["seen"] = True
    store.save()  # written to the database; the cache write is skipped
    assert SessionStore(key).load()["seen"] is True
    # A page that needs the login still knows the person.
    response = client.get("/mine-forloeb/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_the_cache_shares_one_redis_pool_per_process(services_mode):
    pools = []

    def pool_of_this_thread() -> None:
        # Django keeps a cache object per thread (and per request context under
        # ASGI); each used to build a pool and a TCP connection of its own.
        pools.append(caches["default"]._cache._get_connection_pool(write=True))

    threads = [threading.Thread(target=pool_of_this_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pool_of_this_thread()
    assert len(pools) == 5
    assert len({id(pool) for pool in pools}) == 1
