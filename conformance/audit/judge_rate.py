"""RATE, judged from recorded answers: the headers on every authenticated answer, the counter
per key in time order, and the 429 where one was recorded."""

from __future__ import annotations

from conformance.audit.scope import Scope
from conformance.checks.probes import is_undefined_path
from conformance.checks.ratelimit import (
    RESET,
    carries_key,
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
    throttled_past_reset,
)
from conformance.http import Exchange
from conformance.judgements.ratelimit import (
    limit_kept,
    other_key_not_throttled,
    remaining_counts_down,
    reset_lifts_throttle,
    throttle_announced,
    window_restored,
)


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
    remaining_counts_down(check, pairs, counted, limit)
    throttled = next((e for e in history if e.status == 429), None)
    # 429s past a Reset, from endpoints of the API the target has, as the run finds them
    late = throttled_past_reset(
        [e for e in history if not is_undefined_path(e.url) and not scope.is_absent(e.url)],
        window,
    )
    judgement = limit_judgement(history, throttled, limit, window, len(history), late=late)
    if not limit_kept(check, judgement, limit) and judgement.undecided is not None:
        scope.untested("RATE-04", judgement.undecided)
    if throttled is not None:
        throttle_announced(check, throttled)
        if reset_lifts_throttle(check, late):
            _judge_reset(scope, history, throttled, window, limit)
        _judge_other_keys(scope, throttled, window)


def _judge_reset(
    scope: Scope, history: list[Exchange], throttled: Exchange, window: int, limit: int
) -> None:
    """RATE-05 on the key's first request once the 429's window has surely reset
    (``first_after_reset``, ``restored_problems``), where the traffic holds one."""
    moment, after = first_after_reset(history, throttled, window)
    if moment is not None and after is not None:
        window_restored(scope.check, *restored_problems(history, throttled, moment, after, limit))


def _judge_other_keys(scope: Scope, throttled: Exchange, window: int) -> None:
    """RATE-07: another valid key's requests while this key was throttled are not 429."""
    roles = scope.traffic.roles
    until = reset_moment([throttled], throttled, window) or throttled.started_at + window
    for call in scope.traffic.answered():
        other = call.key in roles.valid and call.key != roles.primary
        if other and throttled.started_at <= call.exchange.started_at < until:
            what = f"{call.method} {call.exchange.url} with another key"
            other_key_not_throttled(scope.check, call.exchange, what)
