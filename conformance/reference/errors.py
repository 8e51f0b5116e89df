"""The one JSON error shape of the reference server, and the handlers that make every error use it.

Every error body is ``{"error": "<message>", "code": "<machine code>", ...details}`` served as
``application/json``; Starlette's own 404, 405 and 500 pages are replaced by it.
"""

from __future__ import annotations

import http
import logging
import re
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOG = logging.getLogger("conformance.reference")

CODES_BY_STATUS: Mapping[int, str] = {
    400: "bad_request",
    401: "authentication_failed",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
}


class ApiError(Exception):
    """A client error the handlers raise; it becomes one JSON error response."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES_BY_STATUS.get(status, "error")
        self.headers = dict(headers or {})
        self.details = details


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
    **details: Any,
) -> JSONResponse:
    """The JSON error response every error of the server is."""
    body: dict[str, Any] = {"error": message, "code": code or CODES_BY_STATUS.get(status, "error")}
    body.update(details)
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} not found")


def bad_field(name: str, message: str, **details: Any) -> ApiError:
    """A 400 for one invalid body field, naming it in the message and in ``field``; ``drf``
    in ``details``: the body Plane sends instead (under ``drf-error-shapes``)."""
    return ApiError(400, f"{name}: {message}", code="invalid_field", field=name, **details)


def bad_body(name: str, message: str) -> ApiError:
    """A 400 refusing the body as a whole over one field: ``field`` names it, the message stands
    alone (Django REST framework's ``non_field_errors``)."""
    return ApiError(400, message, code="invalid_body", field=name)


def _faults(request: Request) -> frozenset[str]:
    faults: frozenset[str] = request.app.state.reference.config.faults
    return faults


def _labelled(request: Request, response: JSONResponse) -> Response:
    if "text-plain-json" in _faults(request):
        response.headers["content-type"] = "text/plain"
    return response


async def handle_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    if exc.status == 404 and "mixed-error-shapes" in _faults(request):
        # the framework's own not-found shape leaks through
        return _labelled(request, JSONResponse({"detail": "Not found."}, status_code=404))
    details = exc.details
    if "drf-error-shapes" not in _faults(request):  # Plane's own body is for that shape only
        details = {name: value for name, value in details.items() if name != "drf"}
    return _labelled(
        request,
        error_response(exc.status, exc.message, code=exc.code, headers=exc.headers, **details),
    )


# a work item's own path (``.../issues/{id}/`` or ``.../work-items/{id}/``)
WORK_ITEM = re.compile(r"/(issues|work-items)/[0-9a-f-]{36}/?$")


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's routing errors (404 unknown path, 405 wrong method) in the one shape."""
    assert isinstance(exc, HTTPException)
    faults = _faults(request)
    status, headers = exc.status_code, exc.headers
    if status == 405 and "method-not-allowed-404" in faults:
        status, headers = 404, None
    put_crash = status == 405 and request.method == "PUT" and "work-item-put-500" in faults
    if put_crash and WORK_ITEM.search(request.url.path):
        return _labelled(request, error_response(500, "Something went wrong"))
    if status == 404 and "unknown-path-200" in faults:
        return _labelled(request, JSONResponse({}))
    if "html-error-pages" in faults:
        title = f"{status} {http.HTTPStatus(status).phrase}"
        return HTMLResponse(
            f"<html><body><h1>{title}</h1></body></html>", status_code=status, headers=headers
        )
    if status == 404:
        message = f"no such endpoint: {request.method} {request.url.path}"
    elif status == 405:
        message = f"method {request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return _labelled(request, error_response(status, message, headers=headers))


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    """The last resort, outside every middleware: still the JSON shape, never a traceback page."""
    return error_response(500, "internal server error")


class CrashAnswerMiddleware:
    """Answers a handler's unexpected exception (a bug, or a seeded crash) with the JSON 500
    inside the middleware stack, so the rate limiter still stamps its headers on it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started or scope["type"] != "http":
                raise
            LOG.exception("unexpected error answering %s %s", scope["method"], scope["path"])
            await error_response(500, "internal server error")(scope, receive, send)
