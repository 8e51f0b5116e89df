"""Serving the reference app: in the foreground for ``serve``, or in a background thread.

``running_server`` is what the runner and the tests use: a uvicorn server in a thread (uvicorn
installs signal handlers only on the main thread), started before the block, joined after it.
Either one listens on IPv4 or IPv6 (``::1``), over HTTP or HTTPS (``ServerConfig.tls_cert``).
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import uvicorn

from conformance.errors import ConfigError
from conformance.reference.app import build_reference
from conformance.reference.config import ServerConfig
from conformance.reference.ratelimit import Clock
from conformance.reference.tls import uvicorn_tls
from conformance.reference.wire import RawHeaderNamesProtocol

STARTUP_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class RunningServer:
    base_url: str  # "http://127.0.0.1:PORT/api/v1", "https://[::1]:PORT/api/v1"
    workspace: str
    project_id: str  # the seeded project
    api_keys: tuple[str, ...] = field(repr=False)  # never in a log line or a traceback


def authority(host: str, port: int) -> str:
    """``host:port`` as a URL has it: an IPv6 literal in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (0: any free port), IPv6 for an IPv6 literal (``::1``,
    with or without brackets); ConfigError if it is taken or the address cannot be had."""
    host = host.removeprefix("[").removesuffix("]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {authority(host, port)}: {exc.strerror or exc}"
        ) from None
    # a restart may reuse a port in TIME_WAIT; a port with a live listener still fails
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"cannot listen on {authority(host, port)}: {exc.strerror or exc}"
        ) from None
    # accepted connections inherit it: small answers are not held back by Nagle's algorithm
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.listen(128)
    return sock


def _uvicorn(
    config: ServerConfig, *, log_level: str, clock: Clock = time.time
) -> tuple[uvicorn.Server, RunningServer]:
    tls = uvicorn_tls(config)
    reference = build_reference(config, clock)
    # only the fault that reads header names case-sensitively needs their original spelling
    protocol = RawHeaderNamesProtocol if config.has("key-header-case-sensitive") else "h11"
    server = uvicorn.Server(
        uvicorn.Config(
            reference.app,
            log_level=log_level,
            access_log=False,
            lifespan="off",
            http=protocol,
            date_header=False,  # the app's own, from its clock
            **tls,
        )
    )
    running = RunningServer(
        base_url=f"{config.scheme}://{authority(config.host, config.port)}/api/v1",
        workspace=config.workspace,
        project_id=reference.seeded.project_id,
        api_keys=config.api_keys,
    )
    return server, running


def serve(
    config: ServerConfig,
    sock: socket.socket,
    announce: Callable[[RunningServer], None],
    *,
    log_level: str = "warning",
) -> None:
    """Serve in the foreground until Ctrl-C or SIGTERM, then return normally.

    `announce` is called once the stop signals are wired, so whoever reads what it prints may
    signal the process at once.
    """
    server, running = _uvicorn(config, log_level=log_level)

    def stop(signum: int, frame: object) -> None:
        server.should_exit = True

    # Ours, not only uvicorn's: a signal that arrives before uvicorn installs its handlers (or
    # that uvicorn re-raises after restoring these) must stop the server, not kill the process.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    announce(running)
    server.run(sockets=[sock])


@contextmanager
def running_server(config: ServerConfig, *, clock: Clock = time.time) -> Iterator[RunningServer]:
    """Serve `config` on its host (127.0.0.1 unless it says ``::1``; port 0 = a free port) in a
    background thread until exit, over HTTPS when it has a certificate.

    `clock` (epoch seconds) drives the rate limit windows; tests pass a fake one.
    """
    sock = bind(config.host, config.port)
    config = replace(config, port=sock.getsockname()[1])
    try:
        server, running = _uvicorn(config, log_level="error", clock=clock)
    except BaseException:
        sock.close()
        raise
    thread = threading.Thread(
        target=server.run,
        kwargs={"sockets": [sock]},
        name=f"reference-server-{config.port}",
        daemon=True,
    )
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise ConfigError("the reference server did not start")
            time.sleep(0.01)
        yield running
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
