"""The ways a key is presented: the documented header and the deliberately wrong ones."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from conformance.http import ApiKeyAuth, BearerAuth, QueryKeyAuth

from .conftest import KEY, KEY_2, Target


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={})


def test_client_sends_the_key_in_x_api_key(make_target: Callable[..., Target]) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _ok(request)

    make_target(handler).client.get("/workspaces/")
    assert seen[0].headers["X-API-Key"] == KEY
    assert seen[0].url == "http://127.0.0.1:8765/api/v1/workspaces/"
    assert "authorization" not in seen[0].headers


def test_auth_none_sends_no_key(make_target: Callable[..., Target]) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _ok(request)

    make_target(handler).client.get("/workspaces/", auth=None)
    assert "x-api-key" not in seen[0].headers


def test_header_name_is_sent_as_given() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/")
    flow = ApiKeyAuth(KEY_2, header="x-api-key").sync_auth_flow(request)
    sent = next(flow)
    assert sent.headers.raw == [(b"Host", b"127.0.0.1"), (b"x-api-key", KEY_2.encode())]


def test_bearer_auth_sets_authorization() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/")
    sent = next(BearerAuth(KEY).sync_auth_flow(request))
    assert sent.headers["Authorization"] == f"Bearer {KEY}"
    assert "x-api-key" not in sent.headers


def test_query_key_auth_adds_the_parameter_and_keeps_others() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/?per_page=5")
    sent = next(QueryKeyAuth(KEY, param="key").sync_auth_flow(request))
    assert sent.url.params["key"] == KEY
    assert sent.url.params["per_page"] == "5"
    assert "x-api-key" not in sent.headers


def test_auth_reprs_hide_the_key() -> None:
    for auth in (ApiKeyAuth(KEY), BearerAuth(KEY), QueryKeyAuth(KEY)):
        assert KEY not in repr(auth)
