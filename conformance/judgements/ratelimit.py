"""RATE: the judgements of the counter, the 429 and the reset that the suite's RATE tests and
the audit's RATE judge share."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.checks import Checker
from conformance.checks.ratelimit import ceiling_problems, countdown_problems
from conformance.checks.throttling import LimitJudgement, retry_after_problems
from conformance.http import Exchange

Pair = tuple[Exchange, Exchange]


def remaining_counts_down(
    check: Checker, pairs: Sequence[Pair], counted: Sequence[Exchange], limit: int
) -> bool:
    """RATE-03: within a window, Remaining drops by one with each request (``pairs``: the
    answers in a row the traffic shows with nothing that could have left the window between
    them), and is at most ``limit - 1`` after any counted request. False, judging nothing,
    when the answers show neither."""
    ceiling = ceiling_problems(counted, limit)
    if not pairs and not ceiling:
        return False
    check.expect(
        "RATE-03",
        countdown_problems(pairs)[:5],
        expected="Remaining - 1 per request",
        exchange=pairs[-1][1] if pairs else None,
    )
    check.expect(
        "RATE-03",
        ceiling[:5],
        expected=f"at most {limit - 1} remaining after a request",
        exchange=counted[-1] if counted else None,
    )
    return True


def limit_kept(check: Checker, judgement: LimitJudgement, limit: int) -> bool:
    """RATE-04 as ``judgement`` (``checks.throttling.limit_judgement``) found it: once a key has
    made ``limit`` requests in a window, its further requests get 429. False, judging nothing,
    when it could not be decided (``judgement.undecided`` says why)."""
    if judgement.undecided is not None:
        return False
    for message, exchange in judgement.failures:
        check.that(
            "RATE-04",
            False,
            message,
            expected=f"429 once the {limit} requests are spent",
            exchange=exchange,
        )
    check.expect("RATE-04", [])
    return True


def window_restored(check: Checker, problems: list[str], shown: Exchange) -> bool:
    """RATE-05 on the key's first request once its 429's window has surely reset
    (``checks.throttling.restored_problems``)."""
    return check.expect(
        "RATE-05",
        problems,
        expected="a success, with the whole window less what the key made since",
        exchange=shown,
    )


def reset_lifts_throttle(check: Checker, late: Sequence[Exchange]) -> bool:
    """RATE-05: no 429 after every Reset announced before it had passed
    (``checks.throttling.throttled_past_reset``); True when there was none."""
    for exchange in late[:3]:
        check.that(
            "RATE-05",
            False,
            f"request #{exchange.seq} got 429 though every Reset announced before it had passed",
            expected="a success once the window reset",
            observed="429",
            exchange=exchange,
        )
    return not late


def throttle_announced(check: Checker, throttled: Exchange) -> bool:
    """RATE-06: the 429 carries Retry-After, and X-RateLimit-Remaining: 0 with
    X-RateLimit-Reset."""
    return check.expect("RATE-06", retry_after_problems(throttled), exchange=throttled)


def other_key_not_throttled(check: Checker, answer: Exchange, what: str) -> bool:
    """RATE-07: while one key is throttled, a request with another key (``what``) is not."""
    return check.that(
        "RATE-07",
        answer.status != 429,
        f"{what} got 429 while only the first key had spent its window",
        expected="not 429",
        observed=str(answer.status),
        exchange=answer,
    )
