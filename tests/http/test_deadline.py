"""The per-request deadline, against a real loopback server that trickles its response."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from conformance.errors import TargetError
from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client

from .conftest import KEY

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
# One byte every 50 ms: each read succeeds well within the read timeout, the whole never ends
# within the deadline (the response would take about 20 s to arrive).
GAP_S = 0.05


class TricklingServer:
    """Answers one request on 127.0.0.1: ``prefix`` at once, then the rest a byte at a time."""

    def __init__(self, prefix: bytes, rest: bytes, status: int | None) -> None:
        self._prefix, self._rest = prefix, rest
        self.status_seen_by_the_client = status
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TricklingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def _serve(self) -> None:
        connection, _ = self._listener.accept()
        with connection:
            connection.recv(65536)
            try:
                connection.sendall(self._prefix)
                for byte in self._rest:
                    if self._stop.wait(GAP_S):
                        return
                    connection.sendall(bytes([byte]))
            except OSError:
                return


@pytest.fixture(
    params=[
        pytest.param((HEAD, b"x" * 400, 200), id="trickled-body"),
        pytest.param((b"", HEAD + b"x" * 400, None), id="trickled-headers"),
    ]
)
def server(request: pytest.FixtureRequest) -> Iterator[TricklingServer]:
    prefix, rest, status = request.param
    with TricklingServer(prefix, rest, status) as trickling:
        yield trickling


def test_trickling_target_is_cut_off_at_the_deadline(server: TricklingServer) -> None:
    settings = ClientSettings(base_url=f"http://127.0.0.1:{server.port}/api/v1", timeout=0.5)
    recorder = Recorder()
    with (
        build_client(
            settings, Keys(primary=KEY), recorder=recorder, stats=RequestStats()
        ) as client,
        pytest.raises(TargetError, match=r"no complete response within 0\.5 s"),
    ):
        client.get("/workspaces/")
    (exchange,) = recorder.exchanges
    assert exchange.error == "no complete response within 0.5 s"
    assert exchange.status == server.status_seen_by_the_client
    assert exchange.url == f"http://127.0.0.1:{server.port}/api/v1/workspaces/"


def test_an_httpx_timeout_reads_as_the_deadline() -> None:
    """httpx's own timer may fire before the deadline's on a loaded machine: same message."""

    def times_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    settings = ClientSettings(base_url="http://127.0.0.1:8765/api/v1", timeout=1.0)
    recorder = Recorder()
    with (
        build_client(
            settings,
            Keys(primary=KEY),
            recorder=recorder,
            stats=RequestStats(),
            transport=httpx.MockTransport(times_out),
        ) as client,
        pytest.raises(TargetError, match=r"^GET .*: no complete response within 1 s$"),
    ):
        client.get("/workspaces/")
    (exchange,) = recorder.exchanges
    assert exchange.error == "no complete response within 1 s"
