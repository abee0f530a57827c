import pytest


@pytest.fixture
def rate_clock_frozen(settings, monkeypatch):
    """The production limits with the rate limiter's clock standing still, so a
    slow test machine cannot let the first actions leave the window mid-test."""
    from webinars.services import rate_limits

    settings.WEBINAR_RATE_LIMITS = {"text": (5, 10), "click": (30, 10)}
    monkeypatch.setattr(rate_limits, "clock", lambda: 1_800_000_000.0)


@pytest.fixture
def room_with_people(db):
    """A live room with its host and two confirmed participants."""
    from tests.webinars.factories import room_create

    return room_create(participants=2)
