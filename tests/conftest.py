from django.core.cache import cache

import pytest


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
