"""PUT as Plane's views answer it (the fault ``put-as-plane``), where the API documents no PUT:
a sticky takes it as a change (200), an invitation as a whole new body (400 without its
``email``), the list of projects refuses it (403); elsewhere 405. The lookup by identifier
(``work-items/<identifier>-<number>/``, which any path with a ``-`` matches: a UUID,
``advanced-search``) refuses every method but GET with 403, its permission check running
before the method's. The transcripts of the real server show each
(``specs/plane-4ca6d6c.transcript.json``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conformance.reference.errors import error_response

_ID = "[0-9a-f-]{36}"
_W = "/api/v1/workspaces/[^/]+"
_AS_CHANGE = re.compile(rf"{_W}/stickies/{_ID}/")
_WHOLE_BODY = re.compile(rf"{_W}/invitations/{_ID}/")
_REFUSED = re.compile(rf"{_W}/projects/")
_LOOKUP = re.compile(rf"{_W}/(work-items|issues)/[^/]+-[^/]+/")


class PutAsPlane:
    """Answers PUT as the real server does on the paths above; lets everything else through."""

    def __init__(self, app: ASGIApp, *, enabled: bool, drf: bool) -> None:
        self.app = app
        self.enabled = enabled
        self.drf = drf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["method"] == "GET":
            await self.app(scope, receive, send)
            return
        path = str(scope["path"])
        lookup = _LOOKUP.fullmatch(path) is not None
        if scope["method"] != "PUT" and not lookup:
            await self.app(scope, receive, send)
            return
        if lookup or _REFUSED.fullmatch(path):
            message = "You do not have permission to perform this action."
            await error_response(403, message)(scope, receive, send)
            return
        body = await _body(receive)
        if _WHOLE_BODY.fullmatch(path) and "email" not in _object(body):
            drf: dict[str, Any] = (
                {"drf": {"email": ["This field is required."]}} if self.drf else {}
            )
            refusal = error_response(
                400, "email: this field is required", code="invalid_field", field="email", **drf
            )
            await refusal(scope, receive, send)
            return
        if _AS_CHANGE.fullmatch(path) or _WHOLE_BODY.fullmatch(path):
            scope = {**scope, "method": "PATCH"}
        await self.app(scope, _replay(body or b"{}"), send)


async def _body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _object(raw: bytes) -> dict[str, object]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
