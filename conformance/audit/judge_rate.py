"""RATE, judged from recorded answers: the headers on every authenticated answer, the counter
per key in time order, and the 429 where one was recorded."""

from __future__ import annotations

from conformance.audit.scope import Scope
from conformance.checks.ratelimit import (
    RESET,
    carries_key,
    ceiling_problems,
    countdown_problems,
    header_int,
    judged_pairs,
    keyed_answers,
    rate_header_problems,
    reset_window_problems,
)
from conformance.checks.throttling import (
    first_after_reset,
    limit_judgement,
    reset_moment,
    restored_problems,
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
        others = [
            e.seq
            for e in exchanges
            if any(carries_key(e, other) for other in traffic.roles.valid if other != key)
        ]
        _judge_counting(scope, history, others, limit, window)


def _judge_counting(
    scope: Scope, history: list[Exchange], others: list[int], limit: int, window: int
) -> None:
    check = scope.check
    pairs = judged_pairs(history, others, limit, window)
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
        _judge_reset(scope, history, throttled, window, limit)
        _judge_other_keys(scope, throttled, window)


def _judge_reset(
    scope: Scope, history: list[Exchange], throttled: Exchange, window: int, limit: int
) -> None:
    """RATE-05 on the key's first request once the 429's window has surely reset
    (``first_after_reset``, ``restored_problems``), where the traffic holds one."""
    moment, after = first_after_reset(history, throttled, window)
    if moment is not None and after is not None:
        problems, shown = restored_problems(history, throttled, moment, after, limit)
        scope.check.expect(
            "RATE-05",
            problems,
            expected="a success, with the whole window less what the key made since",
            exchange=shown,
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
