"""Ways to present a key: the documented ``X-API-Key`` header and the wrong ways to probe."""

from __future__ import annotations

from collections.abc import Generator

import httpx


class ApiKeyAuth(httpx.Auth):
    """The documented way: the key in the ``X-API-Key`` header (or another header, for AUTH-04)."""

    def __init__(self, key: str, header: str = "X-API-Key") -> None:
        self._key = key
        self._header = header

    def __repr__(self) -> str:
        return f"ApiKeyAuth(header={self._header!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self._header] = self._key
        yield request


class BearerAuth(httpx.Auth):
    """The key as ``Authorization: Bearer``; a conforming server refuses it (AUTH-05)."""

    def __init__(self, key: str) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "BearerAuth()"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._key}"
        yield request


class QueryKeyAuth(httpx.Auth):
    """The key as a query parameter; a conforming server refuses it (AUTH-05)."""

    def __init__(self, key: str, param: str = "api_key") -> None:
        self._key = key
        self._param = param

    def __repr__(self) -> str:
        return f"QueryKeyAuth(param={self._param!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.url = request.url.copy_merge_params({self._param: self._key})
        yield request
