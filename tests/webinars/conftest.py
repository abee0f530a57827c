import pytest


@pytest.fixture
def hour_long_rate_window(settings):
    """The production limits count per 10-second window; a loaded test machine can
    cross a window boundary in the middle of a test. Same counts, one window."""
    settings.WEBINAR_RATE_LIMITS = {"text": (5, 3600), "click": (30, 3600)}
