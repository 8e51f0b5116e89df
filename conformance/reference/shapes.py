"""How error bodies and header names look on the wire, where servers differ.

The server's own errors have one shape, ``{"error": ..., "code": ...}``. ``ErrorShapes``
rewrites them for a server that answers in several shapes (the fault ``drf-error-shapes``, as
Django REST framework does) or that adds fields of its own (the variation ``vendor-fields``).
``HeaderNames`` sends header names in their usual spelling (``X-RateLimit-Remaining``), or all
in lower case (the variation ``lower-case-headers``).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Django REST framework's answer to a throttled request, as Plane sends it
THROTTLED = {"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}
SPELLINGS = {
    name.lower(): name
    for name in (
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "Retry-After",
        "Content-Type",
        "Content-Length",
        "Allow",
    )
}


def drf_shape(status: int, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` (the one shape) as Django REST framework would shape it for ``status``."""
    message = str(body.get("error", ""))
    if isinstance(body.get("drf"), dict):  # the handler knows Plane's own body for this error
        return dict(body["drf"])
    if status == 429:
        return dict(THROTTLED)
    field = body.get("field")
    if status == 400 and isinstance(field, str):
        if body.get("code") == "invalid_body":  # the whole body refused, over this field
            return {"non_field_errors": [message]}
        return {field: [message.removeprefix(f"{field}: ")]}
    if status in (404, 409) or status >= 500:
        return {"error": message}
    return {"detail": message}


class ErrorShapes:
    """Rewrites JSON error bodies: DRF's shapes (``drf``), and/or a vendor's extra fields."""

    def __init__(self, app: ASGIApp, *, drf: bool, vendor: bool) -> None:
        self.app = app
        self.drf = drf
        self.vendor = vendor
        self._ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] >= 400:
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = self._reshaped(start["status"], b"".join(chunks))
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)

    def _reshaped(self, status: int, raw: bytes) -> bytes:
        try:
            body = json.loads(raw)
        except ValueError:
            return raw  # not the server's JSON error (a fault's HTML page): left as it is
        if not isinstance(body, dict) or "error" not in body:
            return raw
        if self.drf:
            body = drf_shape(status, body)
        if self.vendor:
            body = {**body, "vendor_error_id": next(self._ids)}
        return json.dumps(body).encode()


class HeaderNames:
    """Response header names in their usual spelling, or (``lower``) all in lower case."""

    def __init__(self, app: ASGIApp, *, lower: bool) -> None:
        self.app = app
        self.lower = lower

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def respell(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [(self._spelled(k), v) for k, v in message["headers"]],
                }
            await send(message)

        await self.app(scope, receive, respell)

    def _spelled(self, name: bytes) -> bytes:
        lowered = name.lower()
        if self.lower:
            return lowered
        return SPELLINGS.get(lowered.decode("latin-1"), lowered.decode("latin-1")).encode("latin-1")
