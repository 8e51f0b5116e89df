"""Spreading requests over the keys: each key's own window, the first key first, a reserve kept
on the second key, and the pacing's wait only once every key is spent."""

from __future__ import annotations

from collections import Counter

import httpx

from conformance.http import (
    ClientSettings,
    Keys,
    KeySpread,
    RateWindows,
    Recorder,
    RequestStats,
    build_client,
)
from conformance.http.spreading import RESERVE
from conformance.http.windows import key_id
from tests.clock import FakeClock

from .conftest import BASE_URL, KEY, KEY_2, START

LIMIT = 10


class PerKeyLimit:
    """A fixed window of LIMIT requests per key, reset every 60 s, with the rate headers."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.used: Counter[tuple[str, int]] = Counter()
        self.keys: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        key = request.headers["X-API-Key"]
        self.keys.append(key)
        window = int(self.clock.now // 60)
        self.used[(key, window)] += 1
        left = LIMIT - self.used[(key, window)]
        reset = str((window + 1) * 60)
        if left < 0:
            return httpx.Response(429, json={}, headers={"Retry-After": "60"})
        headers = {"X-RateLimit-Remaining": str(left), "X-RateLimit-Reset": reset}
        return httpx.Response(200, json={}, headers=headers)


def spreading_client(server: PerKeyLimit, clock: FakeClock) -> tuple[httpx.Client, KeySpread]:
    windows = RateWindows()
    client = build_client(
        ClientSettings(base_url=BASE_URL),
        Keys(primary=KEY, secondary=KEY_2),
        recorder=Recorder(),
        stats=RequestStats(),
        clock=clock,
        transport=httpx.MockTransport(server),
        windows=windows,
    )
    return client, KeySpread((KEY, KEY_2), windows, clock.time)


def test_two_keys_serve_twice_the_requests_of_one_window() -> None:
    clock = FakeClock(START - START % 60)
    server = PerKeyLimit(clock)
    client, spread = spreading_client(server, clock)
    for _ in range(2 * LIMIT - RESERVE):
        assert client.get("/a/", auth=spread).status_code == 200
    assert clock.now == START - START % 60  # nobody waited
    assert Counter(server.keys) == {KEY: LIMIT, KEY_2: LIMIT - RESERVE}


def test_the_first_key_goes_first_and_the_second_keeps_its_reserve() -> None:
    clock = FakeClock(START - START % 60)
    server = PerKeyLimit(clock)
    client, spread = spreading_client(server, clock)
    client.get("/a/", auth=spread)
    assert server.keys == [KEY]  # nothing known of either window: the first key
    for _ in range(2 * LIMIT):
        client.get("/a/", auth=spread)
    # every key spent (the second to its reserve): the pacing waited for the first key's reset
    assert clock.now > START - START % 60
    assert server.used[(KEY_2, int((START - START % 60) // 60))] == LIMIT - RESERVE


def test_a_window_that_has_reset_counts_as_whole() -> None:
    clock = FakeClock(START)
    windows = RateWindows()
    windows.observe(key_id(KEY), 0, START + 5)
    windows.observe(key_id(KEY_2), 8, START + 5)
    spread = KeySpread((KEY, KEY_2), windows, clock.time)
    assert spread.choose() == KEY_2
    clock.sleep(10)
    assert spread.choose() == KEY  # both unknown again: the first key


def test_windows_tell_only_what_was_announced() -> None:
    windows = RateWindows()
    assert windows.room("k", START) is None
    windows.observe("k", 3, START + 10)
    assert windows.room("k", START) == 3
    assert windows.spent_until("k") is None
    windows.observe("k", 0, None)
    assert windows.spent_until("k") == START + 10
    assert windows.spent_until("k") is None  # claimed once
    windows.forget("k")
    assert windows.room("k", START) is None


def test_the_first_key_is_spent_before_any_other_is_used() -> None:
    clock = FakeClock(START - START % 60)
    server = PerKeyLimit(clock)
    client, spread = spreading_client(server, clock)
    for _ in range(LIMIT + 2):
        client.get("/a/", auth=spread)
    assert server.keys == [KEY] * LIMIT + [KEY_2] * 2


def test_when_every_key_is_spent_the_soonest_reset_goes() -> None:
    clock = FakeClock(START)
    windows = RateWindows()
    windows.observe(key_id(KEY), 0, START + 30)
    windows.observe(key_id(KEY_2), RESERVE, START + 5)
    spread = KeySpread((KEY, KEY_2), windows, clock.time)
    assert spread.choose() == KEY_2
