"""Fixtures: reference servers over real HTTP, and a client factory for them.

The session server has a limit too high to reach, so tests do not throttle each other; the
rate limit tests start their own small servers with short windows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest

from conformance.reference import RunningServer, ServerConfig, running_server
from tests.clock import FakeClock

KEY = "plane_api_" + "a" * 32
OTHER_KEY = "plane_api_" + "b" * 32
SESSION_CONFIG = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY), rate_limit=1_000_000)


@dataclass(frozen=True, slots=True)
class Api:
    """A client bound to one server and key, with the paths the tests use."""

    server: RunningServer
    client: httpx.Client

    @property
    def workspace_path(self) -> str:
        return f"/workspaces/{self.server.workspace}"

    @property
    def project_path(self) -> str:
        return f"{self.workspace_path}/projects/{self.server.project_id}"

    def first(self, collection: str) -> dict[str, object]:
        """The first item of a collection under the seeded project."""
        page = self.client.get(f"{self.project_path}/{collection}/", params={"per_page": 1})
        item: dict[str, object] = page.json()["results"][0]
        return item


def make_client(server: RunningServer, key: str | None = KEY) -> httpx.Client:
    headers = {} if key is None else {"X-API-Key": key}
    # plain HTTP on loopback: skipping the CA bundle saves 0.1 s of CPU per client
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=10.0, verify=False)


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    with running_server(SESSION_CONFIG) as running:
        yield running


@pytest.fixture(scope="session")
def api(server: RunningServer) -> Iterator[Api]:
    with make_client(server) as client:
        yield Api(server=server, client=client)


@pytest.fixture(scope="session")
def anonymous(server: RunningServer) -> Iterator[Api]:
    """The session server, without a key."""
    with make_client(server, key=None) as client:
        yield Api(server=server, client=client)


@pytest.fixture(scope="module")
def own() -> Iterator[Api]:
    """A server of the test module's own, for tests that change what other tests count."""
    with running_server(SESSION_CONFIG) as running, make_client(running) as client:
        yield Api(server=running, client=client)


ServerFactory = Callable[..., AbstractContextManager[Api]]


@pytest.fixture
def start_server() -> ServerFactory:
    """A private server: ``with start_server(rate_limit=5, faults=..., clock=...) as api:``."""

    @contextmanager
    def start(clock: FakeClock | None = None, **changes: Any) -> Iterator[Api]:
        if "faults" in changes:
            changes["faults"] = frozenset(changes["faults"])
        config = replace(SESSION_CONFIG, **changes)
        time_of = clock.time if clock is not None else time.time
        with running_server(config, clock=time_of) as running, make_client(running) as client:
            yield Api(server=running, client=client)

    return start


def start_serve(*args: str, env_keys: str | None = None) -> subprocess.Popen[str]:
    """``plane-conformance serve --port 0 ARGS`` as a process; ``env_keys`` is its
    ``$PLANE_CONFORMANCE_SERVE_KEYS``."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("PLANE_CONFORMANCE_SERVE_KEYS", None)
    if env_keys is not None:
        env["PLANE_CONFORMANCE_SERVE_KEYS"] = env_keys
    return subprocess.Popen(
        [sys.executable, "-m", "conformance", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_banner(process: subprocess.Popen[str]) -> dict[str, str]:
    """What ``serve`` printed before it listens: name -> value."""
    assert process.stdout is not None
    lines: dict[str, str] = {}
    for line in process.stdout:
        if line.startswith("Press Ctrl-C"):
            return lines
        name, _, value = line.partition(":")
        lines[name.strip()] = value.strip()
    raise AssertionError(f"serve exited early: {process.stderr.read() if process.stderr else ''}")
