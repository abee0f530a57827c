import os
from urllib.parse import urlsplit, urlunsplit

from django.core.cache import cache

import pytest

#: Redis has databases 0-15; a worker's number is the base URL's plus its index.
REDIS_DATABASES = 16


def worker_redis_url(url: str, worker: str) -> str:
    """``url`` with its database number moved up by the xdist worker's index
    (``gw0`` keeps it, ``gw1`` takes the next one), so parallel workers never
    flush or read each other's cache, sessions or channel layer."""
    parts = urlsplit(url)
    database = int(parts.path.lstrip("/") or 0) + int(worker.removeprefix("gw"))
    if database >= REDIS_DATABASES:
        raise pytest.UsageError(
            f"REDIS_URL {url}: worker {worker} would need Redis database "
            f"{database}; use a lower database number or fewer workers (-n)."
        )
    return urlunsplit(parts._replace(path=f"/{database}"))


def pytest_configure(config):
    """Under pytest-xdist (``-n``) each worker gets a test database of its own from
    pytest-django (``test_<name>_gw0``...); this gives each one a Redis database of
    its own too. The settings were read before this file was imported, so the
    Redis URL is replaced where it was used, and in the environment for the web
    processes some tests start."""
    worker = getattr(config, "workerinput", {}).get("workerid")
    from django.conf import settings

    if not worker or not settings.REDIS_URL:
        return
    from django.test.signals import setting_changed

    shared = settings.REDIS_URL
    url = worker_redis_url(shared, worker)
    os.environ["REDIS_URL"] = url
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    layer = settings.CHANNEL_LAYERS["default"]
    settings.CHANNEL_LAYERS = {
        **settings.CHANNEL_LAYERS,
        "default": {
            **layer,
            "CONFIG": {
                **layer["CONFIG"],
                "hosts": [
                    {**host, "address": url} for host in layer["CONFIG"]["hosts"]
                ],
            },
        },
    }
    # Django's own handler for a changed CACHES setting drops the cache objects
    # already made from the old one.
    setting_changed.send(
        sender=type(settings), setting="CACHES", value=settings.CACHES, enter=True
    )
    if shared == settings.CELERY_BROKER_URL:
        from lms.celery import app as celery_app

        settings.CELERY_BROKER_URL = url
        celery_app.conf.broker_url = url


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and TOTP replay protection live in the cache; no test may see
    another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def services_mode(settings):
    if not settings.SERVICES_MODE:
        pytest.fail(
            "This test needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL "
            "(make test does)."
        )
    return settings


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each async test runs in an event loop of its own; a channel layer (and the
    webinar hub) made in an earlier test's loop keeps locks bound to that loop. A
    web process has one loop for its whole life, so this is test hygiene only."""
    yield
    from channels.layers import channel_layers

    from webinars.realtime import _hubs

    channel_layers.backends.clear()
    _hubs.clear()
