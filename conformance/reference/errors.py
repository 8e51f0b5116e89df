"""The one JSON error shape of the reference server, and the handlers that make every error use it.

Every error body is ``{"error": "<message>", "code": "<machine code>", ...details}`` served as
``application/json``; Starlette's own 404, 405 and 500 pages are replaced by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

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


def bad_field(name: str, message: str) -> ApiError:
    """A 400 for one invalid body field, naming it in the message and in ``field``."""
    return ApiError(400, f"{name}: {message}", code="invalid_field", field=name)


async def handle_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, code=exc.code, headers=exc.headers,
                          **exc.details)


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's routing errors (404 unknown path, 405 wrong method) in the one shape."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"no such endpoint: {request.method} {request.url.path}"
    elif exc.status_code == 405:
        message = f"method {request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, message, headers=exc.headers)


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    """A bug: still the JSON shape, never a traceback page (tests make sure it never happens)."""
    return error_response(500, "internal server error")
