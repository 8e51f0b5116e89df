"""Throttling: how the 429 came (RATE-04), what it carried (RATE-06), and whether the window was
whole again after its reset (RATE-05), judged on one key's requests in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from itertools import pairwise

from conformance.checks.ratelimit import (
    REMAINING,
    RESET,
    fixed_window,
    header_int,
    may_have_left,
    reset_window_problems,
    response_time,
    skew_s,
    unseen_leave_until,
    unseen_requests,
)
from conformance.http import Exchange


def served_after_zero(
    history: Sequence[Exchange], window_s: float, *, unseen_until: float = float("-inf")
) -> list[tuple[Exchange, Exchange]]:
    """(a, b): ``a`` answered Remaining 0 and the key's next answer ``b`` that shows the counter
    was served, though nothing could have left the window between them. Before
    ``unseen_until`` requests the run did not make (an earlier run's) may leave a sliding log,
    as for RATE-03's countdown (``unseen_leave_until``)."""
    fixed = fixed_window(history)
    shown = [
        e
        for e in history
        if e.status is not None and (e.status == 429 or header_int(e, REMAINING) is not None)
    ]
    return [
        (a, b)
        for a, b in pairwise(shown)
        if a.status != 429
        and header_int(a, REMAINING) == 0
        and b.status != 429
        and (fixed or a.started_at > unseen_until)
        and not may_have_left(history, a, b, window_s, fixed=fixed)
    ]


def requests_before(history: Sequence[Exchange], moment: Exchange, window_s: float) -> int:
    """At most how many of ``history``'s requests a window that holds ``moment`` can have
    counted: those made up to one window (and the clock skew) before it, whatever their answer
    (a request that got none, or a 429, may have been counted too)."""
    start = moment.started_at - window_s - skew_s(window_s)
    return sum(1 for e in history if start <= e.started_at and e.seq < moment.seq)


def most_served_in_a_window(history: Sequence[Exchange], window_s: float) -> int:
    """The most served answers (not 429, not unanswered) among requests made within any span
    shorter than the window (less the clock skew): a fixed window allows at most twice the
    limit in such a span, a sliding one the limit."""
    times = sorted(e.started_at for e in history if e.status not in (None, 429))
    span = window_s - skew_s(window_s)
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= span:
            first += 1
        most = max(most, last - first + 1)
    return most


def latest_reset(history: Sequence[Exchange]) -> int | None:
    """The latest X-RateLimit-Reset any answer announced: once it has passed, every request
    made before it has left a fixed window and a sliding one alike."""
    resets = [r for e in history if (r := header_int(e, RESET)) is not None]
    return max(resets, default=None)


def throttled_past_reset(history: Sequence[Exchange], window_s: float) -> list[Exchange]:
    """429s of ``history`` (one key's requests, in order) answered after the latest Reset any
    served answer before them had announced (and the clock skew): by then every earlier request
    had left a fixed window and a sliding one alike, so the window was whole again. Only Resets
    that are epochs within a window of their answer count (RATE-02 judges the others)."""
    found = []
    latest: int | None = None
    for exchange in history:
        if exchange.status == 429:
            if latest is not None and response_time(exchange) > latest + skew_s(window_s):
                found.append(exchange)
            continue
        reset = header_int(exchange, RESET)
        plausible = reset is not None and not reset_window_problems(exchange, int(window_s))
        if exchange.status is not None and reset is not None and plausible:
            latest = reset if latest is None else max(latest, reset)
    return found


def clock_offset(exchange: Exchange) -> float:
    """The server's clock minus ours, as the answer's Date header shows it (0 without one)."""
    return response_time(exchange) - exchange.started_at


def retry_after_problems(exchange: Exchange) -> list[str]:
    """RATE-06: a 429 carries Retry-After, Remaining 0 and a Reset."""
    problems = []
    retry_after = exchange.response_header("Retry-After")
    if retry_after is None:
        problems.append("the 429 has no Retry-After header")
    elif not retry_after.strip().isdigit():
        try:
            parsedate_to_datetime(retry_after)
        except (TypeError, ValueError):
            problems.append(f"Retry-After {retry_after!r} is neither seconds nor an HTTP-date")
    if exchange.response_header(REMAINING) != "0":
        shown = exchange.response_header(REMAINING)
        problems.append(f"the 429 has {REMAINING} {shown!r}, expected '0'")
    if header_int(exchange, RESET) is None:
        problems.append(f"the 429 has no integer {RESET}")
    return problems


@dataclass(frozen=True, slots=True)
class LimitJudgement:
    """RATE-04 over one key's history: what failed, or why it could not be decided."""

    failures: list[tuple[str, Exchange | None]]
    undecided: str | None = None
    held: Exchange | None = None  # the 429 that came in time, when it did


# Why RATE-04 is left undecided when the key was throttled past a Reset (RATE-05's failure).
STILL_THROTTLED = (
    "the key was still throttled after a Reset had passed (see RATE-05): how soon it was "
    "throttled again says nothing more"
)


def limit_judgement(
    history: Sequence[Exchange],
    throttled: Exchange | None,
    limit: int,
    window_s: float,
    spent: int,
    *,
    late: Sequence[Exchange] = (),
) -> LimitJudgement:
    """RATE-04: no request served right after Remaining 0 (nothing having left the window);
    the 429 (``throttled``, the first one met while spending the window) came only after
    ``limit`` requests in the window before it; without a 429, no more served within one
    window than a fixed or a sliding window of ``limit`` allows. ``spent``: how many requests
    the spending made, for the reason when nothing can be decided; ``late``: the key's 429s
    after a Reset had passed (``throttled_past_reset``), which leave it undecided."""
    if late:
        return LimitJudgement([], STILL_THROTTLED)
    failures: list[tuple[str, Exchange | None]] = [
        (
            f"request #{b.seq} was served (answer {b.status}) right after #{a.seq} answered "
            f"{REMAINING} 0, and nothing could have left the window in between",
            b,
        )
        for a, b in served_after_zero(
            history, window_s, unseen_until=unseen_leave_until(history, limit, window_s)
        )[:3]
    ]
    if throttled is None:
        most = most_served_in_a_window(history, window_s)
        if most > 2 * limit:
            served = [e for e in history if e.status not in (None, 429)]
            failures.append(
                (
                    f"{most} requests with the key were served within {window_s:g} s and none "
                    f"got 429: neither a fixed nor a sliding window of {limit} allows that",
                    served[-1] if served else None,
                )
            )
        undecided = (
            None
            if failures
            else f"no 429 after {spent} requests, which never came to more than {most} within "
            f"one {window_s:g} s window (a slow target)"
        )
        return LimitJudgement(failures, undecided)
    made = requests_before(history, throttled, window_s)
    unseen, until = unseen_requests(history, limit, window_s)
    held = ""
    if throttled.started_at < until:
        made += unseen  # the window held them when the run began, and may hold them still
        held = f", {unseen} of them made before the run, as its first Remaining showed"
    if made < limit:
        failures.append(
            (
                f"429 after at most {made} requests with the key in the {window_s:g} s before "
                f"it (limit {limit}{held})",
                throttled,
            )
        )
    return LimitJudgement(failures, None, throttled)


def reset_moment(history: Sequence[Exchange], throttled: Exchange, window_s: float) -> float | None:
    """When, on our clock, the window that ``throttled`` (a 429) fell in has surely reset: past
    the latest plausible Reset ``history`` announced (one more than a window ahead is RATE-02's
    failure, and one window after the 429 stands in for it) and past the 429's Retry-After,
    if that is later. None when nothing said when."""
    moments: list[float] = []
    reset = latest_reset([e for e in history if not reset_window_problems(e, int(window_s))])
    if reset is not None:
        moments.append(reset - clock_offset(throttled) + 1)
    elif latest_reset(history) is not None:
        moments.append(throttled.started_at + window_s + 1)
    retry_after = throttled.response_header("Retry-After") or ""
    if retry_after.strip().isdigit() and int(retry_after) <= window_s:
        moments.append(throttled.started_at + int(retry_after) + 1)
    return max(moments) if moments else None


def first_after_reset(
    history: Sequence[Exchange], throttled: Exchange, window_s: float
) -> tuple[float | None, Exchange | None]:
    """When the window ``throttled`` (a 429) fell in has surely reset (``reset_moment`` of what
    was announced up to it), and the key's first answered request made after then, if any."""
    before = [e for e in history if e.seq <= throttled.seq]
    moment = reset_moment(before, throttled, window_s)
    if moment is None:
        return None, None
    after = next(
        (
            e
            for e in history
            if e.seq > throttled.seq
            and e.started_at >= moment
            and not e.resent
            and e.status is not None
        ),
        None,
    )
    return moment, after


def restored_problems(
    history: Sequence[Exchange], throttled: Exchange, moment: float, after: Exchange, limit: int
) -> tuple[list[str], Exchange]:
    """RATE-05 once the window of ``throttled`` (a 429) has surely reset (``moment``): ``after``,
    the key's first request made since then, is not refused; and the new window's first success
    (from the second before ``moment``: traffic may go on right at the reset) has its Remaining
    whole again, less the key's requests since the 429 (a run that went on with the key, a
    sliding log, may have made some just before the reset: they may count in the new window).
    A 429 on ``after`` once the key has had a whole window of successes since ``throttled`` is
    the new window's: the first of those successes is judged instead. Returns the problems and
    the exchange they are about."""
    successes = [
        e for e in history if throttled.seq < e.seq < after.seq and e.status not in (None, 429)
    ]
    if after.status == 429 and len(successes) >= limit:
        # the key's new window was spent before ``after``: its first success is the evidence
        first = successes[0]
    elif after.status == 429:
        return [
            f"request #{after.seq}, made after the reset the 429 (#{throttled.seq}) announced, "
            "got 429"
        ], after
    else:
        first = next(
            e
            for e in history
            if throttled.seq < e.seq <= after.seq
            and e.started_at >= moment - 1
            and e.status not in (None, 429)
        )
    remaining = header_int(first, REMAINING)
    if remaining is None:
        return [], first  # whether it is there is RATE-01's to judge
    since = sum(1 for e in history if throttled.seq < e.seq < first.seq and e.status is not None)
    if remaining >= limit - 1 - since:
        return [], first
    return [
        f"{REMAINING} is {remaining} on request #{first.seq}, the first success after the reset "
        f"the 429 (#{throttled.seq}) announced: at least {limit - 1 - since} should remain"
    ], first
