"""The estimate's arithmetic: windows, RATE-05's wait, the requests' own time, and the running
forecast that follows the run test by test and wait by wait."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conformance.http import Exchange, Recorder, RequestStats
from conformance.plugin.estimate import (
    MEASURED_AFTER,
    REQUESTS_PER_KEYED,
    Forecast,
    Plan,
    Progress,
    remaining_s,
    usable_room,
)
from tests.clock import FakeClock

# the embedded run today: two keys of one user, 60 a key every 60 s
EMBEDDED = Plan(
    keyed=340,
    total=600,
    keys=2,
    limit=60,
    window=60.0,
    latency_s=0.01,
    epoch_windows=True,
    reset_wait=True,
)
START = Progress(
    keyed_left=340, total_left=600, room=120, window_left_s=14.0, latency_s=0.01,
    reset_pending=True,
)  # fmt: skip


def test_fixed_windows_end_at_the_boundary_after_the_keyed_requests_need_them() -> None:
    # 120 now, 120 after the first boundary (14 s), 100 after the second (74 s) and their work;
    # the first key was spent in the first window, so its reset (RATE-05's) came at 14 s
    assert remaining_s(EMBEDDED, START) == pytest.approx(75.76, abs=0.01)
    # one key: the RATE tests spend its window at the end, and RATE-05 waits for the third
    assert remaining_s(replace(EMBEDDED, keys=1), replace(START, room=60)) > 134.0


def test_a_window_near_its_end_takes_only_what_its_time_allows() -> None:
    # 3 s left: at a third of the pace (1.9 requests a keyed one), 52 keyed requests; the rest
    # needs three more windows
    near_the_end = replace(START, window_left_s=3.0, per_keyed=1.9)
    assert usable_room(near_the_end) == 52
    assert remaining_s(EMBEDDED, near_the_end) == pytest.approx(183.0)


def test_a_sliding_log_costs_a_whole_window_each_and_one_more_for_rate05() -> None:
    sliding = replace(EMBEDDED, epoch_windows=False)
    # two windows' waits and the work; the first key's reset came during them
    assert remaining_s(sliding, replace(START, window_left_s=60.0)) == pytest.approx(126.0)


@pytest.mark.parametrize(
    ("window_left_s", "expected"),
    [(50.0, 50.0), (1.0, 61.0)],
    ids=["the-work-fits-before-the-boundary", "the-boundary-passes-during-the-work"],
)
def test_a_run_within_one_window_waits_for_the_boundary_after_its_work(
    window_left_s: float, expected: float
) -> None:
    smoke = replace(EMBEDDED, keyed=66, total=113)
    at = replace(START, keyed_left=66, total_left=113, window_left_s=window_left_s)
    assert remaining_s(smoke, at) == pytest.approx(expected)


def test_without_rate05_only_the_work_is_left() -> None:
    at = replace(START, keyed_left=66, total_left=113, reset_pending=False)
    assert remaining_s(EMBEDDED, at) == pytest.approx(1.13)


@pytest.mark.parametrize(
    ("keyed", "keys", "reset_wait", "floor_s"),
    [(340, 2, True, 120.0), (200, 2, True, 60.0), (200, 4, True, 60.0), (200, 4, False, 0.0)],
)
def test_the_floor_is_every_window_but_the_last_and_one_for_rate05(
    keyed: int, keys: int, reset_wait: bool, floor_s: float
) -> None:
    plan = replace(EMBEDDED, keyed=keyed, keys=keys, reset_wait=reset_wait)
    assert plan.floor_s == floor_s


KEY = "$PLANE_API_KEY"


def exchange(at: float, *, keyed: bool = True) -> Exchange:
    headers = (("X-API-Key", KEY),) if keyed else ()
    return Exchange(
        seq=0, started_at=at, method="GET", url="http://127.0.0.1/api/v1/users/me/",
        request_headers=headers, request_body="", request_truncated=False, status=200,
        response_headers=(), response_body="", truncated=False, elapsed_ms=1.0, error=None,
    )  # fmt: skip


def forecast(clock: FakeClock, recorder: Recorder, stats: RequestStats | None = None) -> Forecast:
    plan = replace(EMBEDDED, keyed=6, total=10, epoch_windows=False)
    return Forecast(
        plan,
        {"a": 2, "b": 3, "rate05": 1},
        setup=0,
        recorder=recorder,
        stats=stats or RequestStats(),
        clock=clock.time,
        placeholders=[KEY],
        started=clock.time(),
        reset_tests=["rate05"],
    )


def test_what_is_left_is_the_budgets_still_to_come() -> None:
    clock, recorder = FakeClock(), Recorder()
    ahead = forecast(clock, recorder)
    assert ahead.progress().keyed_left == 6
    ahead.test_started("a")
    for _ in range(5):  # three more than its budget: that error does not linger
        recorder.add(exchange(clock.time()))
    assert ahead.progress().keyed_left == 4
    ahead.test_started("b")
    recorder.add(exchange(clock.time()))
    left = ahead.progress()
    assert (left.keyed_left, left.total_left) == (3, round(3 * REQUESTS_PER_KEYED["full"]))


def test_a_wait_spends_the_window_and_rate05s_wait_is_the_last() -> None:
    clock, recorder = FakeClock(), Recorder()
    ahead = forecast(clock, recorder)
    ahead.test_started("a")
    ahead.test_started("b")
    # the window is spent: this wait, the work, then RATE-05's whole window (a sliding log)
    work = ahead.progress().total_left * 0.01
    assert ahead.waiting(30.0) == pytest.approx(30.0 + work + 60.0)
    clock.sleep(30.0)
    ahead.test_started("rate05")
    # RATE-05's wait, then its one request and its share of keyless ones
    assert ahead.waiting(45.0) == pytest.approx(45.0 + round(1 * REQUESTS_PER_KEYED["full"]) * 0.01)
    ahead.test_started("after")
    assert ahead.progress().reset_pending is False


def test_the_runs_own_pace_replaces_the_assumed_latency() -> None:
    clock, recorder, stats = FakeClock(), Recorder(), RequestStats()
    ahead = forecast(clock, recorder, stats)
    for _ in range(MEASURED_AFTER):
        recorder.add(exchange(clock.time(), keyed=False))
        clock.sleep(0.5)
    stats.add_wait(5.0)  # waited, not working
    assert ahead.progress().latency_s == pytest.approx(
        (MEASURED_AFTER * 0.5 - 5.0) / MEASURED_AFTER
    )
