"""Per-person rate limits of the room socket's actions."""

import contextlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# Actions per person per window (seconds); overridable with WEBINAR_RATE_LIMITS.
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "text": (5, 10),  # chat messages and questions
    "click": (30, 10),  # upvotes, votes, hands
}


def rate_limit_hit(*, user_id: int, bucket: str) -> str:
    """Count one action of ``bucket`` for the person and return the counter's key
    (for ``rate_limit_refund``); raise ValidationError (code "rate_limited"), and
    count nothing, when they are over the limit in the current window. Uses the
    cache (Redis in services mode): the increment is atomic, so the limit holds
    across processes."""
    limits = getattr(settings, "WEBINAR_RATE_LIMITS", RATE_LIMITS)
    allowed, window = limits[bucket]
    key = f"webinar-rate:{bucket}:{user_id}:{int(timezone.now().timestamp()) // window}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > allowed:
        rate_limit_refund(key=key)
        raise ValidationError(
            _("You are sending too fast. Wait a moment and try again."),
            code="rate_limited",
        )
    return key


def rate_limit_refund(*, key: str) -> None:
    """Give back one action counted by ``rate_limit_hit`` (the action was refused,
    so it must not use up the limit). Nothing happens once the window has expired."""
    with contextlib.suppress(ValueError):  # the window's counter expired meanwhile
        cache.decr(key)
