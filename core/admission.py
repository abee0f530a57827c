"""Admission of websocket handshakes when a process is saturated.

A national webinar starts and a thousand people click the link in the same ten
seconds. Every handshake costs the process a session read, a user and an access
query and a presence row; past what the process can do, handshakes wait, the
browser times them out and tries again at once, and the sockets already in the room
stop getting their events. So each process admits at most ``max_pending``
handshakes at a time (from the moment the request arrives until the socket is
accepted or refused); one more is accepted and closed at once with 4429 and a
``retry`` message saying how many seconds to wait (docs/webinar-protocol.md). The
page waits that long plus up to half again at random, so the refused come back
spread out instead of together.
"""

import json
import logging
import math

from django.conf import settings

logger = logging.getLogger(__name__)

CLOSE_TRY_AGAIN = 4429
# A handshake takes a few milliseconds of the process; this many waiting means
# about a second of work queued.
DEFAULT_MAX_PENDING = 150


class JoinAdmission:
    """ASGI middleware for the websocket router: counts handshakes in progress in
    this process and sheds the ones past ``WEBINAR_MAX_PENDING_JOINS``."""

    def __init__(self, application) -> None:
        self.application = application
        self.pending = 0
        self.shed = 0

    @property
    def max_pending(self) -> int:
        return getattr(settings, "WEBINAR_MAX_PENDING_JOINS", DEFAULT_MAX_PENDING)

    def retry_after(self) -> int:
        """Seconds to wait: a few, and more the longer the queue (at most 30)."""
        return min(30, 2 + math.ceil(self.pending / max(1, self.max_pending)) * 2)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "websocket":
            await self.application(scope, receive, send)
            return
        if self.pending >= self.max_pending:
            await self._refuse(receive, send)
            return
        self.pending += 1
        answered = False

        async def send_counted(message: dict) -> None:
            nonlocal answered
            if not answered and message["type"] in (
                "websocket.accept",
                "websocket.close",
            ):
                answered = True
                self.pending -= 1
            await send(message)

        try:
            await self.application(scope, receive, send_counted)
        finally:
            if not answered:
                self.pending -= 1

    async def _refuse(self, receive, send) -> None:
        message = await receive()
        if message["type"] != "websocket.connect":
            return
        self.shed += 1
        seconds = self.retry_after()
        if self.shed % 100 == 1:
            logger.warning(
                "webinar joins shed: %d waiting, %d shed so far",
                self.pending,
                self.shed,
            )
        await send({"type": "websocket.accept"})
        await send(
            {
                "type": "websocket.send",
                "text": json.dumps({"type": "retry", "after": seconds}),
            }
        )
        await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN})
