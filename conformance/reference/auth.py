"""API key authentication: the first thing every request meets, before routing or validation.

Only the ``X-API-Key`` header counts (ASGI gives header names lowercased, so its case does not
matter); a missing, empty or unknown key is a 401 in the one JSON error shape. The key's user
goes into ``scope["state"]["user_id"]`` for everything after, and which of the user's keys it
was into ``scope["state"]["key_index"]`` (a user may hold several keys; the rate limit counts per
key, as on the real server).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs

from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from conformance.reference.errors import error_response
from conformance.reference.wire import RAW_HEADER_NAMES

KEY_HEADER = b"x-api-key"
# the spelling a case-sensitive implementation insists on (fault key-header-case-sensitive)
KEY_HEADER_SPELLING = b"X-API-Key"


class ApiKeyMiddleware:
    """Answers 401 unless the request carries a known key in ``X-API-Key``."""

    def __init__(
        self,
        app: ASGIApp,
        users_by_key: Mapping[str, str],
        guest_id: str,
        faults: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.users_by_key = dict(users_by_key)
        self.key_index = {key: index for index, key in enumerate(self.users_by_key)}
        self.guest_id = guest_id  # who a faulty server lets in without a valid key
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        user_id = self.users_by_key.get(key) if key else None
        if not key and "empty-key-accepted" in self.faults and _has_header(scope, KEY_HEADER):
            user_id = self.guest_id
        if (
            key
            and user_id is None
            and "invalid-key-read-only" in self.faults
            and scope["method"] == "GET"
        ):
            user_id = self.guest_id
        if user_id is not None:
            state = scope.setdefault("state", {})
            state["user_id"] = user_id
            if key in self.key_index:
                state["key_index"] = self.key_index[key]
            await self.app(scope, receive, send)
            return
        elif "validate-before-auth" in self.faults:
            # the handlers ask for the user only after routing, lookups and parameter checks
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        await self._refusal(known_key=bool(key), path=path)(scope, receive, send)

    def _key(self, scope: Scope) -> str:
        key = _header(scope, KEY_HEADER)
        if key and "key-header-case-sensitive" in self.faults:
            spelled = scope.get("extensions", {}).get(RAW_HEADER_NAMES, [KEY_HEADER_SPELLING])
            key = key if KEY_HEADER_SPELLING in spelled else ""
        if not key and "bearer-accepted" in self.faults:
            scheme, _, token = _header(scope, b"authorization").partition(" ")
            key = token.strip() if scheme.lower() == "bearer" else ""
        if not key and "query-key-accepted" in self.faults:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            key = query.get("api_key", [""])[0]
        return key

    def _refusal(self, *, known_key: bool, path: str = "") -> Response:
        if "auth-error-plaintext" in self.faults:
            return PlainTextResponse("Unauthorized", status_code=401)
        if known_key:
            if "invalid-key-403" in self.faults:
                return error_response(403, "You do not have permission to do this")
            return error_response(401, "Invalid or expired API key", code="authentication_failed")
        if "missing-key-403" in self.faults:
            return error_response(403, "Authentication credentials were not provided")
        if "missing-key-404" in self.faults and "/projects/" in path:
            # the project's routes hide behind a 404, as a route the target lacks would answer
            return error_response(404, "Page not found.")
        return error_response(
            401,
            "Authentication credentials were not provided: send your key in X-API-Key",
            code="authentication_required",
        )


def _has_header(scope: Scope, name: bytes) -> bool:
    return any(key.lower() == name for key, _ in scope["headers"])


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1").strip())
    return ""
