"""Pacing: wait for the reset instead of provoking a 429; on a 429 wait, bounded, and retry."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import formatdate

import httpx
import pytest

from conformance.errors import TargetError
from conformance.http import unpaced
from tests.clock import FakeClock

from .conftest import KEY, KEY_2, START, Target

Script = list[httpx.Response]


def scripted(responses: Script, clock: FakeClock, sent_at: list[float]) -> Callable[..., object]:
    """A handler that answers with ``responses`` in turn and notes when each request arrived."""

    def handler(request: httpx.Request) -> httpx.Response:
        sent_at.append(clock.now)
        return responses.pop(0)

    return handler


def limited(remaining: int, reset: float) -> httpx.Response:
    headers = {"X-RateLimit-Remaining": str(remaining), "X-RateLimit-Reset": str(int(reset))}
    return httpx.Response(200, json={}, headers=headers)


def throttled(**headers: str) -> httpx.Response:
    return httpx.Response(429, json={"detail": "slow down"}, headers=headers)


def test_waits_for_the_reset_when_remaining_hits_zero(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    target = make_target(
        scripted([limited(0, START + 30), limited(59, START + 90)], clock, sent_at)
    )
    target.client.get("/a/")
    target.client.get("/b/")
    assert sent_at == [START, START + 30.25]
    assert target.waits == [(30.25, "X-RateLimit-Remaining is 0 until X-RateLimit-Reset")]
    snapshot = target.stats.snapshot()
    assert (snapshot.total, snapshot.keyed, snapshot.throttled) == (2, 2, 0)
    assert snapshot.waited_s == 30.25


def test_does_not_wait_while_requests_remain(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    target = make_target(scripted([limited(1, START + 30), limited(0, START + 30)], clock, sent_at))
    target.client.get("/a/")
    target.client.get("/b/")
    assert sent_at == [START, START]
    assert clock.sleeps == []


def test_a_reset_in_the_past_means_no_wait(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    target = make_target(scripted([limited(0, START - 5), limited(59, START + 60)], clock, sent_at))
    target.client.get("/a/")
    target.client.get("/b/")
    assert clock.sleeps == []


def test_keys_are_paced_separately(make_target: Callable[..., Target], clock: FakeClock) -> None:
    from conformance.http import ApiKeyAuth

    sent_at: list[float] = []
    target = make_target(
        scripted([limited(0, START + 30), limited(59, START + 60)], clock, sent_at)
    )
    target.client.get("/a/")
    target.client.get("/b/", auth=ApiKeyAuth(KEY_2))
    assert clock.sleeps == []


def test_unkeyed_requests_are_not_paced(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    target = make_target(
        scripted([limited(0, START + 30), limited(59, START + 60)], clock, sent_at)
    )
    target.client.get("/a/")
    target.client.get("/b/", auth=None)
    assert clock.sleeps == []
    snapshot = target.stats.snapshot()
    assert (snapshot.total, snapshot.keyed) == (2, 1)


def test_429_waits_for_retry_after_and_retries(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    responses = [throttled(**{"Retry-After": "12"}), limited(59, START + 72)]
    target = make_target(scripted(responses, clock, sent_at))
    response = target.client.get("/a/")
    assert response.status_code == 200
    assert sent_at == [START, START + 12]
    assert target.waits == [(12.0, "429: waiting for Retry-After")]
    assert [e.status for e in target.recorder.exchanges] == [429, 200]
    snapshot = target.stats.snapshot()
    assert (snapshot.total, snapshot.throttled, snapshot.waited_s) == (2, 1, 12.0)
    assert snapshot.notes == ()


def test_429_with_an_http_date_waits_until_then(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    responses = [throttled(**{"Retry-After": formatdate(START + 20, usegmt=True)}), limited(5, 0)]
    target = make_target(scripted(responses, clock, sent_at))
    target.client.get("/a/")
    assert sent_at == [START, START + 20]


def test_429_without_retry_after_waits_for_the_reset(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    responses = [
        throttled(**{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(START + 8))}),
        limited(59, START + 68),
    ]
    target = make_target(scripted(responses, clock, sent_at))
    target.client.get("/a/")
    assert sent_at == [START, START + 8.25]
    assert target.waits[0][1] == "429: waiting for X-RateLimit-Reset"


@pytest.mark.parametrize(
    ("headers", "expected_wait", "expected_note"),
    [
        pytest.param(
            {"Retry-After": "7200"}, 65.0, "Retry-After 7200 s capped at 65 s", id="hours"
        ),
        pytest.param(
            {"Retry-After": "-5", "X-RateLimit-Reset": str(int(START + 3))},
            3.25,
            "Retry-After '-5' is negative; ignored",
            id="negative-falls-back-to-reset",
        ),
        pytest.param(
            {"Retry-After": "soon-ish"},
            60.0,
            "Retry-After 'soon-ish' is neither seconds nor an HTTP date; ignored",
            id="garbage-falls-back-to-one-window",
        ),
        pytest.param(
            {"Retry-After": formatdate(START - 3600, usegmt=True)},
            60.0,
            f"Retry-After {formatdate(START - 3600, usegmt=True)!r} lies in the past; ignored",
            id="past-http-date",
        ),
        pytest.param(
            {"Retry-After": formatdate(START + 86400, usegmt=True)},
            65.0,
            "Retry-After 'Wed, 15 Nov 2023 22:13:20 GMT' (86400 s ahead) capped at 65 s",
            id="http-date-tomorrow",
        ),
        pytest.param(
            {"Retry-After": "nan"},
            60.0,
            "Retry-After 'nan' is neither seconds nor an HTTP date; ignored",
            id="nan",
        ),
        pytest.param(
            {"X-RateLimit-Reset": "later"},
            60.0,
            "X-RateLimit-Reset 'later' is not a number; ignored",
            id="reset-garbage",
        ),
        pytest.param(
            {"X-RateLimit-Reset": str(int(START + 10**9))},
            65.0,
            "X-RateLimit-Reset 1000000000 s ahead capped at 65 s",
            id="reset-far-future",
        ),
        pytest.param(
            {"X-RateLimit-Reset": "30"},
            60.0,
            "X-RateLimit-Reset on a 429 lies in the past; ignored",
            id="reset-in-the-past",
        ),
    ],
)
def test_absurd_429_headers_are_bounded_and_noted(
    make_target: Callable[..., Target],
    clock: FakeClock,
    headers: dict[str, str],
    expected_wait: float,
    expected_note: str,
) -> None:
    sent_at: list[float] = []
    target = make_target(scripted([throttled(**headers), limited(59, START + 600)], clock, sent_at))
    assert target.client.get("/a/").status_code == 200
    assert clock.sleeps == [expected_wait]
    assert expected_note in target.stats.snapshot().notes


def test_absurd_reset_before_a_request_is_capped(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    target = make_target(
        scripted([limited(0, START + 3 * 3600), limited(59, START + 3 * 3600)], clock, sent_at)
    )
    target.client.get("/a/")
    target.client.get("/b/")
    assert clock.sleeps == [65.0]
    assert target.stats.snapshot().notes == ("X-RateLimit-Reset 10800 s ahead capped at 65 s",)


@pytest.mark.parametrize("value", ["-1", "many", "2.5"])
def test_garbage_remaining_is_noted_and_ignored(
    make_target: Callable[..., Target], clock: FakeClock, value: str
) -> None:
    sent_at: list[float] = []
    headers = {"X-RateLimit-Remaining": value, "X-RateLimit-Reset": str(int(START + 30))}
    responses = [httpx.Response(200, headers=headers), limited(5, START)]
    target = make_target(scripted(responses, clock, sent_at))
    target.client.get("/a/")
    target.client.get("/b/")
    assert clock.sleeps == []
    assert target.stats.snapshot().notes == (
        f"X-RateLimit-Remaining {value!r} is not an integer >= 0; ignored",
    )


def test_spent_wait_budget_is_a_target_error_not_a_hang(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    responses = [throttled(**{"Retry-After": "50"}) for _ in range(4)]
    target = make_target(scripted(responses, clock, sent_at), max_wait_s=120.0)
    with pytest.raises(TargetError, match="wait budget of 120 s"):
        target.client.get("/a/")
    assert clock.sleeps == [50.0, 50.0]
    assert target.stats.snapshot().waited_s == 100.0


def test_still_429_after_the_retries_is_a_target_error(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    responses = [throttled(**{"Retry-After": "1"}) for _ in range(3)]
    target = make_target(scripted(responses, clock, sent_at), max_retries_on_429=2)
    with pytest.raises(TargetError, match="still 429 after 2 retries"):
        target.client.get("/a/")
    assert len(sent_at) == 3
    assert target.stats.snapshot().throttled == 3


def test_opt_out_sends_straight_through_and_returns_the_429(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    responses = [limited(0, START + 30), throttled(**{"Retry-After": "30"})]
    target = make_target(scripted(responses, clock, sent_at))
    target.client.get("/a/")
    response = target.client.get("/b/", extensions=unpaced())
    assert response.status_code == 429
    assert sent_at == [START, START]
    assert clock.sleeps == []
    assert target.stats.snapshot().throttled == 1


def test_notes_show_header_values_redacted_and_shortened(
    make_target: Callable[..., Target], clock: FakeClock
) -> None:
    sent_at: list[float] = []
    echoed = f"{KEY} " + "x" * 100
    target = make_target(
        scripted([throttled(**{"Retry-After": echoed}), limited(5, 0)], clock, sent_at)
    )
    target.client.get("/a/")
    note = target.stats.snapshot().notes[0]
    assert note == (
        "Retry-After '$PLANE_API_KEY " + "x" * 25 + "...' "
        "is neither seconds nor an HTTP date; ignored"
    )
