"""A recording proxy on loopback: the SDK's requests go in, each is sent on through the one HTTP
layer (the run's client: the real key, pacing by the rate-limit headers, the request budget,
redacted recording), and the target's answer comes back unchanged.

A proxy rather than a transport adapter inside the SDK: the SDK stays as its users run it
(its own ``requests`` sessions, its URL building, its error handling), nothing of its internals
is patched, and any client that takes a base URL (the Node SDK too) can be pointed at it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from conformance.errors import ConformanceError

API_PREFIX = "/api/v1/"
# request headers the SDK sends that the target should see; the key is the HTTP layer's
FORWARDED = ("content-type", "accept")
# response headers that describe the connection, not the answer
HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length"})


class _Relay(BaseHTTPRequestHandler):
    server: _ProxyServer
    protocol_version = "HTTP/1.1"

    def _relay(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        path, _, query = self.path.partition("?")
        if not path.startswith(API_PREFIX):
            self._answer(404, {"error": f"the proxy serves only {API_PREFIX}"}, {})
            return
        relative = path.removeprefix(API_PREFIX) + (f"?{query}" if query else "")
        headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARDED}
        try:
            response = self.server.client.request(
                self.command, relative, content=body, headers=headers
            )
        except (ConformanceError, httpx.HTTPError) as exc:
            # the request did not complete; the exchange, if any, is recorded with its error
            self._answer(502, {"error": str(exc), "proxy": True}, {"X-Proxy-Error": "1"})
            return
        kept = {k: v for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP}
        self._send(response.status_code, response.content, kept)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _relay

    def _answer(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
        self._send(
            status, json.dumps(body).encode(), {**headers, "Content-Type": "application/json"}
        )

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the HTTP layer records every exchange."""


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, client: httpx.Client) -> None:
        super().__init__(("127.0.0.1", 0), _Relay)
        self.client = client


@contextmanager
def recording_proxy(client: httpx.Client) -> Iterator[str]:
    """Serve the proxy for the block; yields its origin (``http://127.0.0.1:PORT``)."""
    server = _ProxyServer(client)
    thread = threading.Thread(target=server.serve_forever, name="interop-proxy", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
