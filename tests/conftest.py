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
