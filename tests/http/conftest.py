"""Fixtures for the HTTP layer: a fake clock whose sleep advances it, keys, a client factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from tests.clock import FakeClock

KEY = "plane_api_0123456789abcdef"
KEY_2 = "plane_api_fedcba9876543210"
BASE_URL = "http://127.0.0.1:8765/api/v1"
START = 1_700_000_000.0

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class Target:
    """A client wired to a handler, with everything a test inspects."""

    client: httpx.Client
    recorder: Recorder
    stats: RequestStats
    clock: FakeClock
    waits: list[tuple[float, str]]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def keys() -> Keys:
    return Keys(primary=KEY, secondary=KEY_2)


@pytest.fixture
def make_target(clock: FakeClock, keys: Keys) -> Callable[..., Target]:
    def make(handler: Handler, **overrides: object) -> Target:
        settings = ClientSettings(base_url=BASE_URL, **overrides)  # type: ignore[arg-type]
        recorder, stats = Recorder(), RequestStats()
        waits: list[tuple[float, str]] = []
        client = build_client(
            settings,
            keys,
            recorder=recorder,
            stats=stats,
            clock=clock,
            on_wait=lambda seconds, reason: waits.append((seconds, reason)),
            transport=httpx.MockTransport(handler),
        )
        return Target(client, recorder, stats, clock, waits)

    return make
