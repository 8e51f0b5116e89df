"""Loopback tooling the tests share: an asyncio server in a thread, a port nothing listens on,
and whether this machine has an IPv6 loopback (checked as a test uses it: a bind to ``::1``)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Protocol, TypeVar

import pytest

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 10.0


class ThreadedServer(Protocol):
    """An asyncio server that ``serving`` runs: it serves ``sock`` and sets ``ready`` once it
    listens, until ``stop`` (called from another thread)."""

    port: int

    async def run(self, sock: socket.socket, ready: threading.Event) -> None: ...

    def stop(self) -> None: ...


Server = TypeVar("Server", bound=ThreadedServer)


@contextmanager
def serving(server: Server, name: str) -> Iterator[Server]:
    """Run ``server`` on a free 127.0.0.1 port in a thread called ``name`` for the block."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    sock.listen(64)
    server.port = sock.getsockname()[1]
    ready = threading.Event()
    thread = threading.Thread(
        target=asyncio.run, args=(server.run(sock, ready),), name=name, daemon=True
    )
    thread.start()
    try:
        if not ready.wait(STARTUP_TIMEOUT_S):
            raise RuntimeError(f"{name} did not start")
        yield server
    finally:
        server.stop()
        thread.join(STARTUP_TIMEOUT_S)
        with suppress(OSError):
            sock.close()


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
    return port


def ipv6_loopback_missing() -> str | None:
    """Why this machine cannot listen on ::1, or None when it can."""
    if not socket.has_ipv6:
        return "Python was built without IPv6"
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError as exc:
        return f"cannot bind to ::1: {exc.strerror or exc}"
    return None


_MISSING = ipv6_loopback_missing()
needs_ipv6 = pytest.mark.skipif(_MISSING is not None, reason=f"no IPv6 loopback: {_MISSING}")
