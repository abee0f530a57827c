"""Authenticator codes for tests, taken early enough in their 30-second window.

allauth accepts only the current window's code (no tolerance, so a code cannot be
replayed after it rolls over). A code computed at second 29 and submitted at second
31 is refused, which made browser log-ins fail about one run in ten. Tests wait out
the end of a window instead, the way a person waits for a fresh code.
"""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

PERIOD = 30
MARGIN = 8


def fresh_code(secret: str) -> str:
    """The current code, waiting for the next window when fewer than MARGIN s remain."""
    left = PERIOD - time.time() % PERIOD
    if left < MARGIN:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // PERIOD))
