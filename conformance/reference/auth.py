"""API key authentication: the first thing every request meets, before routing or validation.

Only the ``X-API-Key`` header counts (ASGI gives header names lowercased, so its case does not
matter); a missing, empty or unknown key is a 401 in the one JSON error shape. The key's user
goes into ``scope["state"]["user_id"]`` for everything after.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.types import ASGIApp, Receive, Scope, Send

from conformance.reference.errors import error_response

KEY_HEADER = b"x-api-key"


class ApiKeyMiddleware:
    """Answers 401 unless the request carries a known key in ``X-API-Key``."""

    def __init__(self, app: ASGIApp, users_by_key: Mapping[str, str]) -> None:
        self.app = app
        self.users_by_key = dict(users_by_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = _header(scope, KEY_HEADER)
        if not key:
            response = error_response(
                401, "Authentication credentials were not provided: send your key in X-API-Key",
                code="authentication_required")
            await response(scope, receive, send)
            return
        user_id = self.users_by_key.get(key)
        if user_id is None:
            response = error_response(401, "Invalid or expired API key",
                                      code="authentication_failed")
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["user_id"] = user_id
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1").strip())
    return ""
