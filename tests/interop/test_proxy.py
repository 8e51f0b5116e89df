"""The recording proxy hands the SDK's requests to the one HTTP layer unchanged but for the key,
and hands the answers back unchanged."""

from __future__ import annotations

import json

import httpx
import pytest

from conformance.errors import TargetError
from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from conformance.interop.proxy import recording_proxy
from conformance.interop.sdk import PLACEHOLDER_KEY

KEY = "plane_api_" + "5" * 32


def _client(handler: httpx.MockTransport, recorder: Recorder) -> httpx.Client:
    settings = ClientSettings(base_url="http://target.test/api/v1")
    return build_client(
        settings, Keys(primary=KEY), recorder=recorder, stats=RequestStats(), transport=handler
    )


def test_requests_reach_the_target_with_the_real_key_and_answers_come_back() -> None:
    seen: list[httpx.Request] = []

    def target(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            201, json={"id": "x"}, headers={"X-RateLimit-Remaining": "59", "X-Vendor": "v"}
        )

    recorder = Recorder()
    with _client(httpx.MockTransport(target), recorder) as http, recording_proxy(http) as origin:
        answer = httpx.post(
            f"{origin}/api/v1/workspaces/w/projects/?a=1&b=two",
            content=b'{"name": "n"}',
            headers={"Content-Type": "application/json", "X-Api-Key": PLACEHOLDER_KEY},
        )
    assert (answer.status_code, answer.json()) == (201, {"id": "x"})
    assert answer.headers["X-Vendor"] == "v"
    sent = seen[0]
    assert str(sent.url) == "http://target.test/api/v1/workspaces/w/projects/?a=1&b=two"
    assert sent.headers["X-API-Key"] == KEY
    assert sent.content == b'{"name": "n"}'
    assert sent.headers["Content-Type"] == "application/json"
    # recorded by the HTTP layer, the key already a placeholder
    assert recorder.exchanges[0].request_header("X-API-Key") == "$PLANE_API_KEY"


def test_a_request_that_never_completes_is_a_502_marked_as_the_proxys() -> None:
    def target(request: httpx.Request) -> httpx.Response:
        raise TargetError("GET ...: no complete response within 10 s")

    with _client(httpx.MockTransport(target), Recorder()) as http, recording_proxy(http) as origin:
        answer = httpx.get(f"{origin}/api/v1/users/me/")
    assert answer.status_code == 502
    assert answer.headers["X-Proxy-Error"] == "1"
    assert "no complete response" in json.loads(answer.text)["error"]


@pytest.mark.parametrize("path", ["/other/", "/api/v2/workspaces/"])
def test_only_the_v1_api_is_proxied(path: str) -> None:
    def target(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may reach the target")

    with _client(httpx.MockTransport(target), Recorder()) as http, recording_proxy(http) as origin:
        assert httpx.get(origin + path).status_code == 404
