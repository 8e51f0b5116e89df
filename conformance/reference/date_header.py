"""The ``Date`` header of every answer, read from the server's clock.

RATE-02 compares ``X-RateLimit-Reset`` with ``Date``, so both come from the clock that drives the
rate-limit windows; the servers that serve the app (``server.py``) add no ``Date`` of their own.
"""

from __future__ import annotations

from email.utils import formatdate

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conformance.reference.ratelimit import Clock


class DateHeader:
    """Outermost middleware: stamps ``Date`` (an HTTP date, GMT) on every HTTP answer."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_dated(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Date"] = formatdate(self.clock(), usegmt=True)
            await send(message)

        await self.app(scope, receive, send_dated)
