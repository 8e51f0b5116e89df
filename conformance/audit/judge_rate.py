"""RATE, judged from recorded answers: the headers on every authenticated answer, the counter
per key in time order, and the 429 where one was recorded."""

from __future__ import annotations

from conformance.audit.scope import Scope
from conformance.checks.ratelimit import (
    REMAINING,
    RESET,
    carries_key,
    ceiling_problems,
    countdown_pairs,
    countdown_problems,
    header_int,
    keyed_answers,
    limit_judgement,
    rate_header_problems,
    reset_moment,
    reset_window_problems,
    retry_after_problems,
)
from conformance.http import Exchange


def _keys(scope: Scope) -> list[str]:
    """The keys whose counters are judged: the primary one, or, where nobody said which keys
    were valid, every key the traffic sent in X-API-Key."""
    roles = scope.traffic.roles
    if roles.primary is not None:
        return [roles.primary]
    return sorted({c.key for c in scope.traffic.calls if c.key})


def judge_rate(scope: Scope) -> None:
    traffic, check = scope.traffic, scope.check
    limit, window = traffic.parameters["rate_limit"], traffic.parameters["rate_window_s"]
    exchanges = traffic.exchanges
    for key in _keys(scope):
        answers = keyed_answers(exchanges, key, scope.is_absent)
        if not traffic.roles.known:  # a 403 may be an invalid key's refusal
            answers = [e for e in answers if e.status != 403]
        for exchange in answers:
            check.expect("RATE-01", rate_header_problems(exchange), exchange=exchange)
            if header_int(exchange, RESET) is not None:
                check.expect("RATE-02", reset_window_problems(exchange, window), exchange=exchange)
        history = [e for e in exchanges if carries_key(e, key)]
        _judge_counting(scope, history, limit, window)


def _judge_counting(scope: Scope, history: list[Exchange], limit: int, window: int) -> None:
    check = scope.check
    pairs = countdown_pairs(history, window)
    counted = [e for e in history if e.status not in (None, 429)]
    ceiling = ceiling_problems(counted, limit)
    if pairs or ceiling:
        check.expect(
            "RATE-03",
            countdown_problems(pairs)[:5] + ceiling[:5],
            expected="Remaining - 1 per request",
            exchange=pairs[-1][1] if pairs else counted[-1],
        )
    throttled = next((e for e in history if e.status == 429), None)
    judgement = limit_judgement(history, throttled, limit, window, len(history))
    for message, exchange in judgement.failures:
        check.that("RATE-04", False, message, exchange=exchange)
    if throttled is not None:
        check.expect("RATE-04", [])
        check.expect("RATE-06", retry_after_problems(throttled), exchange=throttled)
        before = [e for e in history if e.seq <= throttled.seq]
        _judge_reset(scope, history, throttled, reset_moment(before, throttled, window), limit)
        _judge_other_keys(scope, throttled, window)


def _judge_reset(
    scope: Scope, history: list[Exchange], throttled: Exchange, moment: float | None, limit: int
) -> None:
    """RATE-05: once the window has surely reset (``moment``, a second past the reset it
    announced) the key is no longer refused, and the new window's first success has Remaining
    whole. Recorded traffic, unlike the suite, may hold requests in that second: the first
    success among them is the new window's first, less any refused before it."""
    if moment is None:
        return
    after = next((e for e in history if e.started_at >= moment), None)
    if after is None or after.status is None:
        return
    if not scope.check.that(
        "RATE-05",
        after.status != 429,
        f"request #{after.seq}, made after the reset the 429 (#{throttled.seq}) announced, got 429",
        expected="a success",
        exchange=after,
    ):
        return
    since = [e for e in history if moment - 1 <= e.started_at and e.seq <= after.seq]
    first = next(e for e in since if e.status not in (None, 429))
    before = since.index(first)
    remaining = header_int(first, REMAINING)
    scope.check.that(
        "RATE-05",
        remaining is None or remaining >= limit - 1 - before,
        f"request #{first.seq}, the first success after the reset the 429 (#{throttled.seq}) "
        f"announced, got {REMAINING} {remaining}",
        expected=f"{limit - 1 - before} remaining",
        exchange=first,
    )


def _judge_other_keys(scope: Scope, throttled: Exchange, window: int) -> None:
    """RATE-07: another valid key's requests while this key was throttled are not 429."""
    roles = scope.traffic.roles
    until = reset_moment([throttled], throttled, window) or throttled.started_at + window
    for call in scope.traffic.answered():
        other = call.key in roles.valid and call.key != roles.primary
        if other and throttled.started_at <= call.exchange.started_at < until:
            scope.check.that(
                "RATE-07",
                call.status != 429,
                f"{call.method} {call.exchange.url} with another key got 429 while only the "
                f"first key had spent its window (#{throttled.seq})",
                exchange=call.exchange,
            )
