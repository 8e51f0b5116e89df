"""Recording: every exchange kept in order, both keys redacted at recording time, bodies capped."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable

import httpx
import pytest

from conformance.errors import TargetError
from conformance.http import ApiKeyAuth, BearerAuth, QueryKeyAuth, Recorder, RecordingTransport
from conformance.http.recording import EVIDENCE_BYTES

from .conftest import KEY, KEY_2, Target


def echo(request: httpx.Request) -> httpx.Response:
    """Echo the request back in body and headers, as a careless server might."""
    text = f"{request.url} {dict(request.headers)} {request.content.decode()}"
    return httpx.Response(200, text=text, headers={"X-Echo": request.headers.get("X-API-Key", "")})


def assert_no_key(target: Target) -> None:
    for exchange in target.recorder.exchanges:
        assert KEY not in repr(exchange)
        assert KEY_2 not in repr(exchange)


@pytest.mark.parametrize(
    ("auth", "placeholder"),
    [
        pytest.param(None, "$PLANE_API_KEY", id="primary-x-api-key"),
        pytest.param(ApiKeyAuth(KEY_2), "$PLANE_API_KEY_2", id="second-x-api-key"),
        pytest.param(BearerAuth(KEY_2), "$PLANE_API_KEY_2", id="second-bearer"),
        pytest.param(QueryKeyAuth(KEY), "$PLANE_API_KEY", id="primary-query"),
    ],
)
def test_keys_are_redacted_everywhere(
    make_target: Callable[..., Target], auth: httpx.Auth | None, placeholder: str
) -> None:
    target = make_target(echo)
    response = target.client.post(
        "/echo/",
        json={"note": f"{KEY} and {KEY_2}"},
        auth=httpx.USE_CLIENT_DEFAULT if auth is None else auth,
    )
    assert KEY in response.text  # the caller sees the real exchange; only the record is redacted
    (exchange,) = target.recorder.exchanges
    assert_no_key(target)
    assert placeholder in exchange.url + str(exchange.request_headers)
    assert "$PLANE_API_KEY and $PLANE_API_KEY_2" in exchange.request_body
    assert "$PLANE_API_KEY and $PLANE_API_KEY_2" in exchange.response_body


def test_url_encoded_keys_are_redacted() -> None:
    odd_key = "k+y/with=odd&chars"
    recorder = Recorder()
    transport = RecordingTransport(httpx.MockTransport(echo), recorder, {"$PLANE_API_KEY": odd_key})
    with httpx.Client(transport=transport, auth=QueryKeyAuth(odd_key)) as client:
        client.get("http://127.0.0.1/api/v1/")
    (exchange,) = recorder.exchanges
    assert "k%2By%2Fwith%3Dodd%26chars" not in repr(exchange)
    assert odd_key not in repr(exchange)
    assert exchange.url == "http://127.0.0.1/api/v1/?api_key=$PLANE_API_KEY"


def test_transport_failure_is_recorded_redacted_and_raised_as_target_error(
    make_target: Callable[..., Target],
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot reach {request.url}", request=request)

    target = make_target(refuse)
    with pytest.raises(TargetError) as caught:
        target.client.get("/workspaces/", auth=QueryKeyAuth(KEY))
    assert KEY not in str(caught.value)
    assert caught.value.__cause__ is None
    assert "ConnectError: cannot reach" in str(caught.value)
    (exchange,) = target.recorder.exchanges
    assert exchange.status is None
    assert exchange.error == (
        "ConnectError: cannot reach http://127.0.0.1:8765/api/v1/workspaces/?api_key=$PLANE_API_KEY"
    )


def test_other_exceptions_pass_through_unchanged(make_target: Callable[..., Target]) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("bug in a handler")

    target = make_target(broken)
    with pytest.raises(RuntimeError, match="bug in a handler"):
        target.client.get("/x/")
    assert target.recorder.exchanges[0].error == "RuntimeError: bug in a handler"


def test_body_over_the_cap_is_a_target_error_and_recorded(
    make_target: Callable[..., Target],
) -> None:
    target = make_target(
        lambda request: httpx.Response(200, content=b"a" * 1001), max_body_bytes=1000
    )
    with pytest.raises(TargetError, match="response body exceeds 1000 bytes"):
        target.client.get("/big/")
    (exchange,) = target.recorder.exchanges
    assert (exchange.status, exchange.error) == (200, "response body exceeds 1000 bytes")
    assert exchange.response_body == "a" * 1000


def test_body_at_the_cap_is_accepted(make_target: Callable[..., Target]) -> None:
    target = make_target(
        lambda request: httpx.Response(200, content=b"a" * 1000), max_body_bytes=1000
    )
    assert len(target.client.get("/big/").content) == 1000


def test_default_cap_is_described_in_mib(make_target: Callable[..., Target]) -> None:
    size = 10 * 1024 * 1024 + 1
    target = make_target(lambda request: httpx.Response(200, content=b"a" * size))
    with pytest.raises(TargetError, match="response body exceeds 10 MiB"):
        target.client.get("/big/")


def test_evidence_is_capped_and_flagged(make_target: Callable[..., Target]) -> None:
    body = b"b" * (EVIDENCE_BYTES + 10)
    target = make_target(lambda request: httpx.Response(200, content=body))
    assert target.client.get("/big/").content == body
    (exchange,) = target.recorder.exchanges
    assert exchange.truncated
    assert len(exchange.response_body) == EVIDENCE_BYTES


def test_invalid_utf8_is_recorded_with_replacement_characters(
    make_target: Callable[..., Target],
) -> None:
    target = make_target(lambda request: httpx.Response(200, content=b'{"a": "\xff\xfe"}'))
    target.client.get("/odd/")
    assert target.recorder.exchanges[0].response_body == '{"a": "\ufffd\ufffd"}'


def test_compressed_body_is_recorded_decoded(make_target: Callable[..., Target]) -> None:
    packed = gzip.compress(b'{"ok": true}')
    target = make_target(
        lambda request: httpx.Response(200, content=packed, headers={"Content-Encoding": "gzip"})
    )
    assert target.client.get("/gz/").json() == {"ok": True}
    assert target.recorder.exchanges[0].response_body == '{"ok": true}'


def test_undecodable_body_is_a_target_error(make_target: Callable[..., Target]) -> None:
    target = make_target(
        lambda request: httpx.Response(
            200, stream=httpx.ByteStream(b"nope"), headers={"Content-Encoding": "gzip"}
        )
    )
    with pytest.raises(TargetError, match="cannot be decoded"):
        target.client.get("/gz/")
    assert target.recorder.exchanges[0].error is not None


def test_exchanges_are_numbered_in_order_and_marks_select_them(
    make_target: Callable[..., Target],
) -> None:
    target = make_target(lambda request: httpx.Response(204))
    target.client.get("/one/")
    mark = target.recorder.mark()
    target.client.delete("/two/")
    target.client.get("/three/")
    assert [e.seq for e in target.recorder.exchanges] == [1, 2, 3]
    assert [(e.method, e.url.rsplit("/", 2)[1]) for e in target.recorder.since(mark)] == [
        ("DELETE", "two"),
        ("GET", "three"),
    ]
    assert len(target.recorder) == 3


def test_exchange_records_request_and_response(make_target: Callable[..., Target]) -> None:
    target = make_target(
        lambda request: httpx.Response(201, json={"id": "1"}, headers={"X-Thing": "yes"})
    )
    target.client.post("/things/", json={"name": "n"})
    (exchange,) = target.recorder.exchanges
    assert exchange.method == "POST"
    assert exchange.url == "http://127.0.0.1:8765/api/v1/things/"
    assert ("X-API-Key", "$PLANE_API_KEY") in exchange.request_headers
    assert exchange.request_header("x-api-key") == "$PLANE_API_KEY"
    assert exchange.request_header("X-Missing") is None
    assert exchange.request_body == '{"name":"n"}'
    assert (exchange.status, exchange.response_body) == (201, '{"id":"1"}')
    assert exchange.response_header("x-thing") == "yes"
    assert exchange.started_at == 1_700_000_000.0
    assert exchange.error is None
    assert exchange.elapsed_ms >= 0


def test_concurrent_requests_are_all_recorded_once(make_target: Callable[..., Target]) -> None:
    target = make_target(lambda request: httpx.Response(200, text=request.url.path))

    def send(worker: int) -> None:
        for n in range(20):
            target.client.get(f"/w{worker}/n{n}/")

    threads = [threading.Thread(target=send, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    exchanges = target.recorder.exchanges
    assert [e.seq for e in exchanges] == list(range(1, 121))
    assert len({e.url for e in exchanges}) == 120
    assert all(e.response_body == e.url.removeprefix("http://127.0.0.1:8765") for e in exchanges)
    assert target.stats.snapshot().total == 120


def test_a_request_lost_on_a_closed_connection_is_marked_resent() -> None:
    """Closed before a byte came back, the request never reached the server: it is sent once
    more, and its first recording says so (the rate-limit checks must not count it)."""
    calls: list[int] = []

    def closes_once(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ReadError("connection closed", request=request)
        return httpx.Response(200, json={})

    recorder = Recorder()
    transport = RecordingTransport(httpx.MockTransport(closes_once), recorder, {})
    with httpx.Client(transport=transport) as client:
        assert client.get("http://t/api/v1/users/me/").status_code == 200
    lost, answered = recorder.exchanges
    assert (lost.resent, lost.status) == (True, None)
    assert (answered.resent, answered.status) == (False, 200)
