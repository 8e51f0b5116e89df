"""Fixtures: the CLI run in-process (as ``main``, or from settings on a fake clock), reference
servers over real HTTP (one that records the methods it receives), and known keys in the
environment."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from conformance.cli import main
from conformance.reference import RunningServer, ServerConfig
from conformance.reference.app import build_reference
from conformance.reference.server import bind
from conformance.runner.execution import execute
from conformance.runner.settings import resolve_settings
from tests import loopback
from tests.clock import FakeClock

KEY = "plane_api_" + "c" * 32
OTHER_KEY = "plane_api_" + "d" * 32
WATCHER_KEY = "plane_api_" + "e" * 32  # the test's own key: never throttled by the run


@dataclass(frozen=True, slots=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliResult:
    """``plane-conformance`` in this process; argparse's exits become codes."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def run_on(clock: FakeClock, **given: object) -> CliResult:
    """``plane-conformance run`` in this process on ``clock``: ``given`` are the settings as the
    command line names them (``profile="smoke"``), resolved as the CLI resolves them; what the
    run shows is in ``err``."""
    settings = resolve_settings(given, os.environ, Path.cwd())
    stream = io.StringIO()
    code = execute(settings, stream, clock=clock)
    return CliResult(code, "", stream.getvalue())


def read_document(report_dir: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((report_dir / "compliance.json").read_text())
    return document


def statuses(document: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in document["requirements"]}


@pytest.fixture
def keys_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANE_API_KEY", KEY)
    monkeypatch.setenv("PLANE_API_KEY_2", OTHER_KEY)


@pytest.fixture
def closed_port() -> int:
    return loopback.closed_port()


@dataclass
class RecordingServer:
    """A reference server and the method of every request it received."""

    running: RunningServer
    methods: list[str] = field(default_factory=list)


@contextmanager
def recording_server(config: ServerConfig, clock: FakeClock) -> Iterator[RecordingServer]:
    """Like ``running_server``, with the app wrapped to note each request's method."""
    sock = bind("127.0.0.1", 0)
    config = replace(config, port=sock.getsockname()[1])
    reference = build_reference(config, clock.time)
    served = RecordingServer(
        RunningServer(
            base_url=f"http://127.0.0.1:{config.port}/api/v1",
            workspace=config.workspace,
            project_id=reference.seeded.project_id,
            api_keys=config.api_keys,
        )
    )

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            served.methods.append(scope["method"])
        await reference.app(scope, receive, send)

    server = uvicorn.Server(
        uvicorn.Config(app, log_level="error", access_log=False, lifespan="off", date_header=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive(), "the recording server did not start"
            time.sleep(0.01)
        yield served
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
