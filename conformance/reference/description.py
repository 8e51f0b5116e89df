"""``GET /api/schema/``: the server's OpenAPI description (the bundled
``specs/plane.openapi.yaml``), without a key and outside the rate limit, as the real server
serves its own."""

from __future__ import annotations

from importlib import resources

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

MEDIA_TYPE = "application/vnd.oai.openapi; charset=utf-8"


class SchemaEndpoint:
    """The description as YAML, read once."""

    def __init__(self) -> None:
        self._text: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._text is None:
            spec = resources.files("conformance") / "specs" / "plane.openapi.yaml"
            self._text = spec.read_text(encoding="utf-8")
        await Response(self._text, media_type=MEDIA_TYPE)(scope, receive, send)
