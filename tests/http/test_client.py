"""build_client: the key only ever goes to the target's origin, and redirects are not followed."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from conformance.errors import TargetError

from .conftest import Target


def test_redirect_is_returned_and_recorded_not_followed(
    make_target: Callable[..., Target],
) -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://elsewhere.test/steal"})

    target = make_target(handler)
    response = target.client.get("/workspaces/")
    assert response.status_code == 302
    assert calls == ["http://127.0.0.1:8765/api/v1/workspaces/"]
    (exchange,) = target.recorder.exchanges
    assert (exchange.status, exchange.response_header("location")) == (
        302,
        "http://elsewhere.test/steal",
    )


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://elsewhere.test/api/v1/workspaces/", id="other-host"),
        pytest.param("http://127.0.0.1:9999/api/v1/workspaces/", id="other-port"),
        pytest.param("https://127.0.0.1:8765/api/v1/workspaces/", id="other-scheme"),
    ],
)
def test_cross_origin_request_is_refused_before_sending(
    make_target: Callable[..., Target], url: str
) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    target = make_target(handler)
    with pytest.raises(TargetError, match=r"only the target http://127\.0\.0\.1:8765"):
        target.client.get(url)
    assert calls == []
    assert target.recorder.exchanges == ()
    assert target.stats.snapshot().total == 0


def test_same_origin_absolute_url_is_allowed(make_target: Callable[..., Target]) -> None:
    target = make_target(lambda request: httpx.Response(200))
    assert target.client.get("http://127.0.0.1:8765/api/v1/x/").status_code == 200


def test_environment_proxies_are_ignored(
    make_target: Callable[..., Target], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    target = make_target(lambda request: httpx.Response(200))
    assert target.client.get("/x/").status_code == 200
    assert len(target.recorder.exchanges) == 1


def test_request_asks_for_an_uncompressed_body(make_target: Callable[..., Target]) -> None:
    target = make_target(lambda request: httpx.Response(200))
    target.client.get("/x/")
    assert ("Accept-Encoding", "identity") in target.recorder.exchanges[0].request_headers
