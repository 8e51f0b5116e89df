"""A loopback CONNECT proxy for the tests: it opens tunnels to loopback and logs every byte.

``ConnectProxy(credentials=("user", "password"))`` demands ``Proxy-Authorization`` (a 407
without it); ``with proxying(proxy):`` serves it on a free 127.0.0.1 port in a thread. The log
holds each CONNECT request's head as it arrived and every byte relayed in either direction, so a
test can show what the proxy could read. It tunnels only to 127.0.0.1 and ::1, and refuses any
request other than CONNECT (no forwarding of plain HTTP).
"""

from __future__ import annotations

import asyncio
import base64
import socket
import threading
from contextlib import AbstractContextManager, suppress

from tests.loopback import HOST, serving

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
CHUNK = 64 * 1024


class ConnectProxy:
    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        self._credentials = credentials
        self._lock = threading.Lock()
        self._heads: list[bytes] = []
        self._relayed: list[bytes] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def heads(self) -> tuple[bytes, ...]:
        """Each request head the proxy read (``CONNECT host:port HTTP/1.1`` and its headers)."""
        with self._lock:
            return tuple(self._heads)

    @property
    def log(self) -> bytes:
        """Everything the proxy read or relayed, heads included: what it could have logged."""
        with self._lock:
            return b"".join(self._heads) + b"".join(self._relayed)

    @property
    def relayed_bytes(self) -> int:
        with self._lock:
            return sum(len(chunk) for chunk in self._relayed)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            with self._lock:
                self._heads.append(head)
            destination = self._destination(head)
            if isinstance(destination, bytes):
                writer.write(destination)
                await writer.drain()
                return
            host, port = destination
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
            self._writers.add(upstream_writer)
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await asyncio.gather(
                self._pump(reader, upstream_writer), self._pump(upstream_reader, writer)
            )
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._writers.discard(writer)
            writer.transport.abort()

    def _destination(self, head: bytes) -> tuple[str, int] | bytes:
        """Where a CONNECT goes, or the answer that refuses it."""
        lines = head.decode("latin-1").split("\r\n")
        method, _, rest = lines[0].partition(" ")
        authority = rest.partition(" ")[0]
        if method != "CONNECT":
            return b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
        if self._credentials is not None:
            token = base64.b64encode(":".join(self._credentials).encode()).decode()
            headers = {
                name.lower(): value.strip()
                for name, _, value in (line.partition(":") for line in lines[1:])
            }
            if headers.get("proxy-authorization") != f"Basic {token}":
                return (
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                    b'Proxy-Authenticate: Basic realm="tests"\r\nContent-Length: 0\r\n\r\n'
                )
        host, _, port = authority.rpartition(":")
        host = host.removeprefix("[").removesuffix("]")
        if host not in LOOPBACK or not port.isdigit():
            return b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
        return host, int(port)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while chunk := await source.read(CHUNK):
                with self._lock:
                    self._relayed.append(chunk)
                sink.write(chunk)
                await sink.drain()
        except ConnectionError:
            pass
        finally:
            with suppress(OSError):
                sink.write_eof()

    async def run(self, sock: socket.socket, ready: threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        listener = await asyncio.start_server(self._connection, sock=sock)
        ready.set()
        await self._stopping.wait()
        listener.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await asyncio.sleep(0.05)  # let the handlers see their sockets closed

    def stop(self) -> None:
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)


def proxying(proxy: ConnectProxy) -> AbstractContextManager[ConnectProxy]:
    """Serve ``proxy`` on a free loopback port in a thread for the block."""
    return serving(proxy, "connect-proxy")
