"""RATE: rate limiting. Runs last: it spends what is left of the window on purpose."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conformance.checks import Checker
from conformance.checks.ratelimit import (
    REMAINING,
    RESET,
    countdown_problems,
    header_int,
    rate_header_problems,
    reset_window_problems,
    retry_after_problems,
)
from conformance.http import Exchange
from conformance.plugin.target import Reply, Target
from conformance.surface import ME


@dataclass(slots=True)
class Exhaustion:
    """What spending the rest of one window showed."""

    spent: list[Reply] = field(default_factory=list)
    throttled: Reply | None = None
    restarts: int = 0


def _keyed(plane: Target) -> list[Exchange]:
    """Exchanges authenticated with the primary key in X-API-Key, answered, not 429."""
    return [
        e
        for e in plane.recorder.exchanges
        if e.request_header("X-API-Key") == plane.primary_placeholder
        and e.status not in (None, 401, 429)
    ]


def _counted(plane: Target, exchange: Exchange) -> bool:
    """The server counted it for the primary key: the key went along (in X-API-Key, or wrongly
    as a Bearer token or a query parameter) and it was served."""
    placeholder = plane.primary_placeholder
    carried = placeholder in exchange.url or any(
        placeholder in value for _, value in exchange.request_headers
    )
    return carried and exchange.status not in (None, 401, 429)


def _window_before(plane: Target, throttled: Exchange, reset: int) -> list[Exchange]:
    """The primary key's served requests in the window ending at ``reset``, up to the 429: from
    the first answer naming that reset, including answers that carried no rate headers."""
    exchanges = [e for e in plane.recorder.exchanges if e.seq < throttled.seq]
    starts = [i for i, e in enumerate(exchanges) if header_int(e, RESET) == reset]
    if not starts:
        return []
    return [
        e
        for e in exchanges[starts[0] :]
        if _counted(plane, e) and header_int(e, RESET) in (reset, None)
    ]


def _first_key_window(plane: Target) -> list[Exchange]:
    """Every exchange except the second key's, in order: the primary key's window as the server
    counts it (a server that also counts a key sent another way shows it here). One without an
    answer stays in: it carries no Remaining, so the countdown starts afresh after it, as it
    must when nobody knows whether the server counted that request."""
    second = f"${plane.keys.secondary_env}"
    return [
        e for e in plane.recorder.exchanges if second not in (e.request_header("X-API-Key") or "")
    ]


@pytest.fixture(scope="module")
def exhaustion(plane: Target) -> Exhaustion:
    """Spend what is left of the key's window, one request at a time, until the first 429."""
    limit = plane.settings.rate_limit
    result = Exhaustion()
    first_reset: int | None = None
    for _ in range(2 * limit + 2):
        reply = plane.get(ME, paced=False)
        if reply.status == 429:
            result.throttled = reply
            break
        reset = header_int(reply.exchange, RESET)
        if first_reset is not None and reset is not None and reset != first_reset:
            result.restarts += 1  # the window rolled over while spending: count afresh
            if result.restarts > 1:
                break
            result.spent = []
        first_reset = reset if reset is not None else first_reset
        result.spent.append(reply)
    return result


@pytest.mark.req("RATE-03")
@pytest.mark.budget(0, 0)
def test_remaining_counts_down(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """Within a window, X-RateLimit-Remaining drops by one with each request made with the key,
    and is at most 59 after the first."""
    exchanges = [r.exchange for r in exhaustion.spent]
    if len(exchanges) < 2:
        pytest.skip("fewer than two requests were left in the window to watch the countdown")
    last = exchanges[-1]
    check.expect(
        "RATE-03",
        countdown_problems(exchanges, plane.settings.rate_limit),
        expected="Remaining - 1 per request",
        exchange=last,
    )
    check.expect(
        "RATE-03",
        countdown_problems(_first_key_window(plane), plane.settings.rate_limit)[:5],
        expected=f"at most {plane.settings.rate_limit - 1} remaining after a request",
        exchange=last,
    )


@pytest.mark.req("RATE-04")
@pytest.mark.budget(0, 0)
def test_requests_past_the_limit_get_429(
    plane: Target, exhaustion: Exhaustion, check: Checker
) -> None:
    """Once a key has made 60 requests in a window, its further requests get 429 until the
    window resets."""
    limit = plane.settings.rate_limit
    last = exhaustion.spent[-1] if exhaustion.spent else None
    if exhaustion.throttled is None:
        observed = last.exchange.response_header(REMAINING) if last else None
        check.that(
            "RATE-04",
            False,
            f"no 429 after spending the window ({len(exhaustion.spent)} requests in a row, "
            f"last {REMAINING} {observed!r})",
            expected=f"429 after {limit} requests",
            exchange=last.exchange if last else None,
        )
        return
    reset = header_int(exhaustion.throttled.exchange, RESET)
    if reset is None and last is not None:
        reset = header_int(last.exchange, RESET)
    if reset is None:
        return  # no window to count in: the 429 came, which is all that can be judged
    window = _window_before(plane, exhaustion.throttled.exchange, reset)
    after_zero = [
        e for i, e in enumerate(window) if any(header_int(p, REMAINING) == 0 for p in window[:i])
    ]
    check.that(
        "RATE-04",
        not after_zero,
        f"{len(after_zero)} request(s) were served after {REMAINING} reached 0 in the window "
        f"ending {reset}",
        expected="429 once the limit is spent",
        exchange=after_zero[0] if after_zero else None,
    )
    fresh = bool(window) and header_int(window[0], REMAINING) == limit - 1
    # a request in the window that got no readable answer may have been counted: no shortfall
    # can then be proven
    unanswered = bool(window) and any(
        e.status is None and window[0].seq < e.seq < exhaustion.throttled.exchange.seq
        for e in plane.recorder.exchanges
    )
    check.that(
        "RATE-04",
        not fresh or unanswered or len(window) >= limit,
        f"429 after only {len(window)} requests in a window the run started (limit {limit})",
        expected=f"{limit} requests served before the 429",
        exchange=exhaustion.throttled.exchange,
    )


@pytest.mark.req("RATE-06")
@pytest.mark.budget(0, 0)
def test_429_carries_retry_after(exhaustion: Exhaustion, check: Checker) -> None:
    """A 429 carries Retry-After (RFC 6585), and X-RateLimit-Remaining: 0 with
    X-RateLimit-Reset."""
    if exhaustion.throttled is None:
        pytest.skip("no 429 was observed (see RATE-04)")
    check.expect(
        "RATE-06",
        retry_after_problems(exhaustion.throttled.exchange),
        exchange=exhaustion.throttled.exchange,
    )


@pytest.mark.req("RATE-07")
@pytest.mark.budget(1, 1)
def test_limit_is_per_key(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """The limit is per key: exhausting one key does not throttle another."""
    if plane.keys.secondary is None:
        pytest.skip(f"needs a second key in ${plane.keys.secondary_env}")
    if exhaustion.throttled is None:
        pytest.skip("the first key could not be exhausted (see RATE-04)")
    reply = plane.get(ME, auth=plane.key_auth(plane.keys.secondary), paced=False)
    check.that(
        "RATE-07",
        reply.status != 429,
        "the second key got 429 while only the first key had spent its window",
        expected="not 429",
        observed=str(reply.status),
        exchange=reply.exchange,
    )


@pytest.mark.req("RATE-05")
@pytest.mark.budget(1, 1)
def test_window_resets(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """After the reset time, requests with the key succeed again and X-RateLimit-Remaining is
    restored."""
    throttled = exhaustion.throttled
    if throttled is None:
        pytest.skip("the key could not be exhausted (see RATE-04)")
    reset = header_int(throttled.exchange, RESET)
    retry_after = throttled.exchange.response_header("Retry-After") or ""
    if reset is not None:
        plane.wait_until(reset + 1, "RATE-05 waits for X-RateLimit-Reset")
    elif retry_after.strip().isdigit():
        plane.wait_until(
            throttled.exchange.started_at + int(retry_after) + 1, "RATE-05 waits for Retry-After"
        )
    else:
        pytest.skip("the 429 says neither when the window resets nor when to retry")
    reply = plane.get(ME, paced=False)
    check.that(
        "RATE-05",
        reply.status != 429,
        "still 429 after the reset time",
        expected="a success",
        observed=str(reply.status),
        exchange=reply.exchange,
    )
    remaining = header_int(reply.exchange, REMAINING)
    limit = plane.settings.rate_limit
    check.that(
        "RATE-05",
        remaining == limit - 1 or reply.status == 429,
        f"{REMAINING} is {remaining} on the first request after the reset",
        expected=str(limit - 1),
        observed=str(remaining),
        exchange=reply.exchange,
    )


@pytest.mark.req("RATE-01")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_every_response_carries_the_rate_headers(plane: Target, check: Checker) -> None:
    """Every response to an authenticated request that is not a 429 carries
    X-RateLimit-Remaining and X-RateLimit-Reset, on every endpoint."""
    exchanges = _keyed(plane)
    if not exchanges:
        pytest.skip("no authenticated response was seen")
    for exchange in exchanges:
        check.expect("RATE-01", rate_header_problems(exchange), exchange=exchange)


@pytest.mark.req("RATE-02")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_reset_lies_within_the_window(plane: Target, check: Checker) -> None:
    """X-RateLimit-Reset lies in the future and at most 60 s ahead."""
    exchanges = [e for e in _keyed(plane) if header_int(e, RESET) is not None]
    if not exchanges:
        pytest.skip(f"no response carried an integer {RESET}")
    for exchange in exchanges:
        check.expect(
            "RATE-02",
            reset_window_problems(exchange, plane.settings.rate_window),
            exchange=exchange,
        )
