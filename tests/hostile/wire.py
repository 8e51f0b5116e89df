"""The hostile server's wire: a raw HTTP/1.1 server on 127.0.0.1 in a thread.

It owns the bytes on the socket in both directions because its modes write what an HTTP library
refuses to: a response cut off by a reset, a wrong ``Content-Length``, a body a byte a second.
Requests a mode leaves alone are answered by the reference app, called in-process over ASGI, so
the rest of a run is realistic.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs

import httpx

from conformance.http import Clock
from conformance.reference.app import ReferenceApp
from tests import loopback

HOST = loopback.HOST
# The framing headers are the wire's to write: a mode that lies about them does so on purpose.
_FRAMING = frozenset({"content-length", "transfer-encoding", "connection"})


@dataclass(frozen=True, slots=True)
class Request:
    """One request as it arrived; header names lower-case."""

    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def target(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name.lower()), None)

    def param(self, name: str) -> str | None:
        values = parse_qs(self.query).get(name)
        return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def with_headers(self, **values: str) -> Response:
        """Replace (or add) headers; ``X_RateLimit_Reset`` names ``X-RateLimit-Reset``."""
        names = {key.replace("_", "-").lower(): value for key, value in values.items()}
        kept = tuple((k, v) for k, v in self.headers if k.lower() not in names)
        added = tuple((key.replace("_", "-"), value) for key, value in values.items())
        return Response(self.status, kept + added, self.body)


def head(status: int, headers: tuple[tuple[str, str], ...]) -> bytes:
    """Status line and headers, exactly as given (no framing header is added)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    lines = [f"HTTP/1.1 {status} {phrase}", *(f"{k}: {v}" for k, v in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def unframed(response: Response) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in response.headers if k.lower() not in _FRAMING)


class Conversation:
    """One request and the connection it came on: what a mode's behaviour works with."""

    def __init__(
        self, request: Request, writer: asyncio.StreamWriter, server: HostileServer, number: int
    ) -> None:
        self.request = request
        self.writer = writer
        self.server = server
        self.number = number  # of this request on its connection, from 1

    async def reference(self) -> Response:
        """What the reference server answers to this request."""
        return await self.server.reference(self.request)

    async def send(self, response: Response) -> bool:
        """A well-framed response; the connection stays usable."""
        headers = (*unframed(response), ("Content-Length", str(len(response.body))))
        await self.write(head(response.status, headers) + response.body)
        return True

    async def write(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def flushed(self) -> None:
        """Until the kernel holds everything written so far."""
        while self.writer.transport.get_write_buffer_size():
            await asyncio.sleep(0.01)

    def reset(self) -> None:
        """Close with a TCP reset rather than an orderly FIN."""
        sock = self.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()

    async def hold(self) -> bool:
        """Never answer: wait until the server stops."""
        await self.server.stopping.wait()
        return False


# A behaviour answers one request; it returns whether the connection may carry another.
Behaviour = Callable[[Conversation], Awaitable[bool]]


async def pass_through(conversation: Conversation) -> bool:
    return await conversation.send(await conversation.reference())


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """The next request on a connection, or None once the client closed it. The suite sends
    bodies with Content-Length only, never chunked."""
    try:
        raw = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    line, *fields = raw[:-4].decode("latin-1").split("\r\n")
    method, target, _version = line.split(" ", 2)
    headers = tuple(
        (name.strip().lower(), value.strip())
        for name, value in (field.split(":", 1) for field in fields)
    )
    length = int(dict(headers).get("content-length", "0"))
    body = await reader.readexactly(length)
    path, _, query = target.partition("?")
    return Request(method, path, query, headers, body)


class HostileServer:
    """Serves one mode: requests it selects get its behaviour, the others the reference's
    answer. ``seen`` lists every request received, in order."""

    def __init__(
        self,
        reference: ReferenceApp,
        selects: Callable[[Request], bool],
        behaviour: Behaviour,
        workspace: str,
        clock: Clock | None = None,
    ) -> None:
        self._asgi = httpx.ASGITransport(app=reference.app, client=(HOST, 1))
        self.clock = clock  # the reference app's, for a run to share; None: the system's
        self._selects = selects
        self._behaviour = behaviour
        self.workspace = workspace
        self.project_id = reference.seeded.project_id
        self.port = 0
        self._lock = threading.Lock()
        self._seen: list[Request] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.stopping = asyncio.Event()

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/api/v1"

    @property
    def seen(self) -> tuple[Request, ...]:
        with self._lock:
            return tuple(self._seen)

    async def reference(self, request: Request) -> Response:
        outgoing = httpx.Request(
            request.method,
            f"http://{HOST}:{self.port}{request.target}",
            headers=list(request.headers),
            content=request.body,
        )
        answer = await self._asgi.handle_async_request(outgoing)
        body = await answer.aread()
        return Response(answer.status_code, tuple(answer.headers.multi_items()), body)

    def stop_listening(self) -> None:
        """From now on connections are refused; open ones are cut."""
        assert self._listener is not None
        self._listener.close()
        for writer in list(self._writers):
            writer.transport.abort()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            number = 0
            while (request := await read_request(reader)) is not None:
                number += 1
                with self._lock:
                    self._seen.append(request)
                chosen = self._behaviour if self._selects(request) else pass_through
                if not await chosen(Conversation(request, writer, self, number)):
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the client went away mid-exchange: what hostile exchanges are for
        finally:
            self._writers.discard(writer)
            writer.transport.abort()

    async def run(self, sock: socket.socket, ready: threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self.stopping = asyncio.Event()
        self._listener = await asyncio.start_server(self._connection, sock=sock)
        ready.set()
        await self.stopping.wait()
        self._listener.close()
        for writer in list(self._writers):
            writer.transport.abort()
        # let the connection handlers see their sockets closed and finish
        await asyncio.sleep(0.05)

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.stopping.set)


def serving(server: HostileServer) -> AbstractContextManager[HostileServer]:
    """Run ``server`` on a free loopback port in a thread for the block."""
    return loopback.serving(server, "hostile-server")
