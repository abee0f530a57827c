"""The per-person rate limit of the room socket (``services.rate_limit_hit``): a
sliding window, so no span of the window's length lets more than the limit
through (a fixed window let twice the limit through around its edge); refused
actions count nothing and refunds give a place back; one limit across web
processes. The clock is passed in: nothing here depends on the time it runs."""

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError

import pytest

from webinars import services

ROOT = Path(__file__).resolve().parents[2]
LIMIT, WINDOW = 5, 10
# A multiple of the window: a fixed window of 10 s starts a new count here. The
# steps below are eighths of a second, exact in binary, so no rounding decides.
EDGE = 1_800_000_000.0
STEP = 0.125
TOO_FAST = "Du sender for hurtigt. Vent et øjeblik, og prøv igen."


@pytest.fixture(params=["configured", "local-memory"])
def limits(request, settings):
    """The limits of production, in the configured cache (Redis in services mode)
    and in the local-memory cache of embedded mode."""
    settings.WEBINAR_RATE_LIMITS = {"text": (LIMIT, WINDOW), "click": (30, WINDOW)}
    if request.param == "local-memory":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "rate-limit-test",
            }
        }
        cache.clear()  # the autouse clearing ran on the configured cache
    yield request.param
    cache.clear()


def _hit(now: float, user_id: int = 1) -> str | None:
    """The receipt, or None when refused (with the Danish text)."""
    try:
        return services.rate_limit_hit(user_id=user_id, bucket="text", now=now)
    except ValidationError as error:
        assert (error.code, error.messages) == ("rate_limited", [TOO_FAST])
        return None


def test_the_limit_is_default_five_texts_per_ten_seconds():
    assert services.RATE_LIMITS == {"text": (5, 10), "click": (30, 10)}


def test_twice_the_limit_across_a_window_edge_is_refused(limits):
    before_edge = [_hit(EDGE - STEP) for _ in range(LIMIT)]
    assert None not in before_edge
    # A quarter of a second later, in what a fixed window counted as a new window.
    assert [_hit(EDGE + STEP) for _ in range(LIMIT)] == [None] * LIMIT
    # Still refused until the first five are a full window old ...
    assert _hit(EDGE - STEP + WINDOW - STEP) is None
    # ... then exactly five again: the refused ones counted nothing.
    again = [_hit(EDGE - STEP + WINDOW) for _ in range(LIMIT + 1)]
    assert [receipt is not None for receipt in again] == [True] * LIMIT + [False]


def test_no_span_of_the_window_holds_more_than_the_limit(limits):
    # An action every eighth of a second for 30 seconds, from half a window
    # before an edge of the fixed window.
    offsets = [-5 + step * STEP for step in range(240)]
    accepted = [offset for offset in offsets if _hit(EDGE + offset) is not None]
    assert accepted == [
        start + step * STEP for start in (-5, 5, 15) for step in range(LIMIT)
    ]
    for index in range(len(accepted) - LIMIT):
        assert accepted[index + LIMIT] - accepted[index] >= WINDOW


def test_a_refund_gives_the_place_back_once(limits):
    receipts = [_hit(EDGE) for _ in range(LIMIT)]
    assert _hit(EDGE + 1) is None
    services.rate_limit_refund(key=receipts[2])
    services.rate_limit_refund(key=receipts[2])  # idempotent
    assert _hit(EDGE + 1) is not None
    assert _hit(EDGE + 1) is None


def test_people_and_buckets_have_their_own_limits(limits):
    for _ in range(LIMIT):
        assert _hit(EDGE, user_id=1) is not None
    assert _hit(EDGE, user_id=1) is None
    assert _hit(EDGE, user_id=2) is not None
    assert services.rate_limit_hit(user_id=1, bucket="click", now=EDGE)


def test_the_clock_is_replaceable(limits, monkeypatch):
    from webinars.services import rate_limits

    monkeypatch.setattr(rate_limits, "clock", lambda: EDGE)
    for _ in range(LIMIT):
        services.rate_limit_hit(user_id=1, bucket="text")
    assert _hit(EDGE) is None
    assert _hit(EDGE + WINDOW) is not None


# Run in each of two processes: threads released together, each one action at
# the same instant; prints how many were accepted.
_PROCESS = textwrap.dedent(
    """
    import sys, threading, time
    import django
    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from webinars import services

    settings.WEBINAR_RATE_LIMITS = {"text": (5, 10), "click": (30, 10)}
    start_at, now = float(sys.argv[1]), float(sys.argv[2])
    accepted = []
    barrier = threading.Barrier(8)

    def act():
        barrier.wait()
        try:
            services.rate_limit_hit(user_id=7, bucket="text", now=now)
            accepted.append(1)
        except ValidationError:
            pass

    time.sleep(max(0.0, start_at - time.time()))
    threads = [threading.Thread(target=act) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(len(accepted))
    """
)


def test_the_limit_holds_across_two_processes(services_mode):
    """Sixteen simultaneous actions from two web processes sharing Redis: five
    pass, as from one."""
    start_at = time.time() + 6
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    processes = [
        subprocess.Popen(  # noqa: S603 - fixed arguments, no user input
            [sys.executable, "-c", _PROCESS, str(start_at), str(EDGE)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    assert sum(int(out) for out, _err in results) == LIMIT


def test_threads_of_one_process_share_the_limit(limits):
    accepted = []
    barrier = threading.Barrier(12)

    def act():
        barrier.wait()
        if _hit(EDGE) is not None:
            accepted.append(1)

    threads = [threading.Thread(target=act) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accepted) == LIMIT
