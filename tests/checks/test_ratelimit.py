"""The rate-limit checks on plain exchanges: each holds for a fixed window and a sliding log
alike, and fails on the mistake it is there to see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from email.utils import formatdate

import pytest

from conformance.checks.ratelimit import (
    carries_key,
    ceiling_problems,
    countdown_pairs,
    countdown_problems,
    fixed_window,
    may_have_left,
    rate_header_problems,
    reset_window_problems,
    unseen_leave_until,
)
from conformance.checks.throttling import (
    latest_reset,
    most_served_in_a_window,
    requests_before,
    restored_problems,
    retry_after_problems,
    served_after_zero,
)
from conformance.http import Exchange

T0 = 1_800_000_010.0  # 10 s into a 60 s window
W = 60
KEY = "$PLANE_API_KEY"


def answer(
    seq: int,
    at: float,
    remaining: int | None,
    reset: int | None,
    *,
    status: int = 200,
    dated: bool = True,
    extra: tuple[tuple[str, str], ...] = (),
) -> Exchange:
    headers: list[tuple[str, str]] = list(extra)
    if remaining is not None:
        headers.append(("X-RateLimit-Remaining", str(remaining)))
    if reset is not None:
        headers.append(("X-RateLimit-Reset", str(reset)))
    if dated:
        headers.append(("Date", formatdate(at, usegmt=True)))
    return Exchange(
        seq=seq, started_at=at, method="GET", url="http://t/api/v1/users/me/",
        request_headers=(("X-API-Key", KEY),), request_body="", request_truncated=False,
        status=status, response_headers=tuple(headers), response_body="{}", truncated=False,
        elapsed_ms=5.0, error=None,
    )  # fmt: skip


def fixed(count: int, *, start: int = 59, step: float = 0.5) -> list[Exchange]:
    """``count`` answers of one fixed window ending at T0 + 50, half a second apart."""
    return [answer(i + 1, T0 + i * step, start - i, int(T0) + 50) for i in range(count)]


def sliding(count: int, *, start: int = 59, step: float = 0.5) -> list[Exchange]:
    """``count`` answers of a sliding log: Reset is now + 60 on every answer."""
    return [answer(i + 1, T0 + i * step, start - i, int(T0 + i * step) + W) for i in range(count)]


def test_a_fixed_window_shows_itself_and_a_sliding_log_does_not() -> None:
    assert fixed_window(fixed(4))
    assert not fixed_window(sliding(4))
    assert not fixed_window(fixed(2, step=0.1))  # too close together to tell


@pytest.mark.parametrize("history", [fixed(5), sliding(5)], ids=["fixed", "sliding"])
def test_a_correct_countdown_holds(history: list[Exchange]) -> None:
    pairs = countdown_pairs(history, W)
    assert len(pairs) == 4
    assert countdown_problems(pairs) == []
    assert ceiling_problems(history, 60) == []


@pytest.mark.parametrize("make", [fixed, sliding], ids=["fixed", "sliding"])
def test_a_constant_remaining_fails(make: Callable[[int], list[Exchange]]) -> None:
    history = [
        answer(e.seq, e.started_at, 59, int(e.response_header("X-RateLimit-Reset") or 0))
        for e in make(4)
    ]
    assert countdown_problems(countdown_pairs(history, W))


def test_remaining_that_forgets_the_current_request_fails_the_ceiling() -> None:
    assert ceiling_problems([answer(1, T0, 60, int(T0) + 50)], 60) == [
        "X-RateLimit-Remaining is 60 after request #1: at most 59 can remain of 60"
    ]


def test_a_new_fixed_window_is_not_a_broken_countdown() -> None:
    before = answer(1, T0 + 49.5, 3, int(T0) + 50)
    after = answer(2, T0 + 50.5, 59, int(T0) + 110)
    assert countdown_pairs([before, after], W) == []


def test_a_sliding_log_may_let_an_old_request_go() -> None:
    old = answer(1, T0, 40, int(T0) + W)
    a = answer(2, T0 + 59.8, 1, int(T0 + 59.8) + W)
    b = answer(3, T0 + 60.2, 1, int(T0 + 60.2) + W)  # #1 left the log: Remaining stays
    history = [old, a, b]
    assert may_have_left(history, a, b, W, fixed=False)
    assert countdown_problems(countdown_pairs(history, W)) == []


def test_a_request_the_server_logged_late_may_leave_late() -> None:
    """A request sent 63 s before ``a`` but answered 4 s later may have been logged (so leave
    the log) within the last window: Remaining may stay between ``a`` and ``b``."""
    queued = replace(answer(1, T0, 40, int(T0) + W), elapsed_ms=4000.0)
    a = answer(2, T0 + 63, 8, int(T0 + 63) + W)
    b = answer(3, T0 + 63.3, 8, int(T0 + 63.3) + W)
    assert may_have_left([queued, a, b], a, b, W, fixed=False)
    quick = replace(queued, elapsed_ms=5.0)
    assert not may_have_left([quick, a, b], a, b, W, fixed=False)
    assert countdown_problems(countdown_pairs([quick, a, b], W))


def test_requests_made_before_the_run_may_leave_a_sliding_log() -> None:
    """The first answer shows 10 requests the run did not make: within a window of it, they
    may leave, so Remaining may stay; later, and in a fixed window, the countdown is judged."""
    early = [answer(1, T0, 49, int(T0) + W), answer(2, T0 + 40, 49, int(T0 + 40) + W)]
    late = [answer(3, T0 + 70, 47, int(T0 + 70) + W), answer(4, T0 + 70.5, 47, int(T0 + 70.5) + W)]
    history = [*early, *late]
    until = unseen_leave_until(history, 60, W)
    assert until == T0 + W + 2
    pairs = countdown_pairs(history, W, unseen_until=until)
    assert [(a.seq, b.seq) for a, b in pairs] == [(3, 4)]
    assert countdown_problems(pairs)
    assert unseen_leave_until(sliding(3), 60, W) == float("-inf")
    assert countdown_pairs(fixed(5), W, unseen_until=T0 + W) == countdown_pairs(fixed(5), W)


def test_an_answer_without_the_headers_breaks_the_chain() -> None:
    a, b, c = fixed(3)
    hidden = answer(b.seq, b.started_at, None, None)
    assert countdown_pairs([a, hidden, c], W) == []


def test_a_stale_date_header_does_not_hide_a_window_end() -> None:
    """Servers cache Date for a second: the end of the exchange on our clock counts too."""
    a = answer(1, T0 + 49.0, 5, int(T0) + 50, dated=False)
    late = answer(2, T0 + 50.5, 59, int(T0) + 110, dated=False)
    stale = replace(
        late, response_headers=(*late.response_headers, ("Date", formatdate(T0 + 48, usegmt=True)))
    )
    assert may_have_left([a, stale], a, stale, W, fixed=False)


def test_serving_after_zero_is_seen_only_where_nothing_could_leave() -> None:
    history = [*fixed(3), answer(4, T0 + 1.5, 0, int(T0) + 50), answer(5, T0 + 2, 0, int(T0) + 50)]
    assert [(a.seq, b.seq) for a, b in served_after_zero(history, W)] == [(4, 5)]
    throttled = [*history[:4], answer(5, T0 + 2, None, None, status=429)]
    assert served_after_zero(throttled, W) == []


def test_serving_after_zero_in_a_sliding_log_an_earlier_run_filled_is_not_judged() -> None:
    """Measured on Plane v0.23.1 (a read-only run right after a default one): the key's first
    answer showed Remaining 1, so the log held the earlier run's requests, which may leave at
    any moment of the next window: a request served right after Remaining 0 shows nothing."""
    history = [
        answer(1, T0, 1, int(T0) + W),
        answer(2, T0 + 0.2, 0, int(T0) + W),
        answer(3, T0 + 0.5, 1, int(T0) + W),
    ]
    assert not fixed_window(history)
    until = unseen_leave_until(history, 60, W)
    assert until > T0 + 0.5
    assert served_after_zero(history, W, unseen_until=until) == []
    # once a window has passed, they are gone: the same pair is judged again
    at = T0 + 2 * W
    later = [
        answer(1, at, 1, int(at) + W),
        answer(2, at + 0.2, 0, int(at) + W),
        answer(3, at + 0.5, 1, int(at) + W),
    ]
    assert [(a.seq, b.seq) for a, b in served_after_zero(later, W, unseen_until=until)] == [(2, 3)]


def test_a_429_is_premature_only_if_fewer_than_the_limit_were_made() -> None:
    history = fixed(10)
    throttled = answer(11, T0 + 5.5, None, None, status=429)
    assert requests_before([*history, throttled], throttled, W) == 10
    # requests made more than a window before cannot be counted for it
    early = [answer(1, T0 - 100, 59, int(T0) - 50), throttled]
    assert requests_before(early, throttled, W) == 0


def test_the_most_served_in_a_window() -> None:
    burst = [answer(i, T0 + i * 0.01, 0, int(T0) + 50) for i in range(1, 131)]
    assert most_served_in_a_window(burst, W) == 130
    spread = [answer(i, T0 + i * 1.0, 0, int(T0) + 50) for i in range(1, 131)]
    assert most_served_in_a_window(spread, W) < 60


def test_the_latest_reset_and_the_key_however_it_went() -> None:
    assert latest_reset([*fixed(2), *sliding(2)]) == int(T0 + 0.5) + W
    assert latest_reset([answer(1, T0, None, None)]) is None
    bearer = replace(fixed(1)[0], request_headers=(("Authorization", f"Bearer {KEY}"),))
    assert carries_key(bearer, KEY)
    assert not carries_key(bearer, "$PLANE_API_KEY_2")
    second = replace(bearer, request_headers=(("X-API-Key", "$PLANE_API_KEY_2"),))
    assert not carries_key(second, KEY)


def test_headers_reset_and_retry_after() -> None:
    good = answer(1, T0, 59, int(T0) + 50)
    assert rate_header_problems(good) == []
    assert rate_header_problems(answer(1, T0, None, int(T0)))[0].startswith(
        "X-RateLimit-Remaining is missing"
    )
    assert reset_window_problems(good, W) == []
    assert reset_window_problems(answer(1, T0, 59, int(T0) + 3650), W)
    assert reset_window_problems(answer(1, T0, 59, 50), W)  # seconds-until, not an epoch
    throttled = answer(2, T0, 0, int(T0) + 50, status=429, extra=(("Retry-After", "40"),))
    assert retry_after_problems(throttled) == []
    dated = answer(2, T0, 0, int(T0) + 50, status=429, extra=(
        ("Retry-After", formatdate(T0 + 40, usegmt=True)),))  # fmt: skip
    assert retry_after_problems(dated) == []
    bare = answer(3, T0, None, None, status=429, extra=(("Retry-After", "40"),))
    assert len(retry_after_problems(bare)) == 2


def test_a_busy_servers_late_answer_does_not_make_a_sliding_log_look_fixed() -> None:
    """A sliding log's Reset is the answer's time + 60: a request the server answered late, in
    the second of the next one, names the same Reset as that one though it was sent earlier."""
    late = replace(answer(1, T0, 10, int(T0) + 61), elapsed_ms=1_500.0)
    next_one = answer(2, T0 + 1.2, 10, int(T0) + 61)
    assert not fixed_window([late, next_one])
    apart = answer(3, T0 + 2.7, 9, int(T0) + 61)
    assert fixed_window([late, next_one, apart])


def test_a_429_after_a_whole_new_window_of_successes_is_that_windows() -> None:
    """The run may spend the key's new window right at its reset, before the moment RATE-05
    waits for: the 429 after it is the new window's, and the first success is judged."""
    limit, reset = 3, int(T0) + 50
    throttled = answer(4, T0 + 1, 0, reset, status=429)
    new = [answer(5 + i, reset + 0.1 * i, limit - 1 - i, reset + W) for i in range(limit)]
    late = answer(8, reset + 2, 0, reset + W, status=429)
    history = [*fixed(3, start=2), throttled, *new, late]
    assert restored_problems(history, throttled, reset + 1, late, limit) == ([], new[0])
    # one success short of a window: the 429 is the reset's failure
    short = [*fixed(3, start=2), throttled, *new[:2], late]
    problems, shown = restored_problems(short, throttled, reset + 1, late, limit)
    assert shown is late
    assert "got 429" in problems[0]
