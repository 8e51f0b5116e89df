"""Rate-limit headers: present, well-formed, counting down, and a usable 429."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from itertools import pairwise

from conformance.checks.probes import is_undefined_path
from conformance.http import Exchange

REMAINING = "X-RateLimit-Remaining"
RESET = "X-RateLimit-Reset"


def header_int(exchange: Exchange, name: str) -> int | None:
    value = exchange.response_header(name)
    if value is None or not value.strip().lstrip("-").isdigit():
        return None
    return int(value.strip())


def rate_header_problems(exchange: Exchange) -> list[str]:
    """RATE-01: Remaining is an integer >= 0 and Reset an integer epoch second."""
    problems = []
    where = f"{exchange.status} to {exchange.method} {exchange.url}"
    for name in (REMAINING, RESET):
        raw = exchange.response_header(name)
        value = header_int(exchange, name)
        if raw is None:
            problems.append(f"{name} is missing on the {where}")
        elif value is None or value < 0:
            problems.append(f"{name} is {raw!r} on the {where}, not an integer >= 0")
    return problems


def response_time(exchange: Exchange) -> float:
    """When the server answered: its Date header where present, else our clock."""
    date = exchange.response_header("Date")
    if date:
        try:
            return parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            pass
    return exchange.started_at


def latest_time(exchange: Exchange) -> float:
    """The latest the answer can have been given, on the server's clock as far as we can tell:
    its Date header truncates to the second (and servers cache it for a second more), so the
    later of Date + 2 s and our own clock at the end of the exchange."""
    finished = exchange.started_at + exchange.elapsed_ms / 1000
    date = exchange.response_header("Date")
    return max(finished, response_time(exchange) + 2) if date else finished


def reset_window_problems(exchange: Exchange, window_s: int, skew_s: int = 5) -> list[str]:
    """RATE-02: Reset lies in the future and at most one window ahead (with clock skew)."""
    reset = header_int(exchange, RESET)
    if reset is None:
        return []
    now = response_time(exchange)
    ahead = reset - now
    if ahead < -skew_s:
        return [f"{RESET} {reset} lies {-ahead:.0f} s in the past (not an epoch in the future?)"]
    if ahead > window_s + skew_s:
        return [f"{RESET} {reset} lies {ahead:.0f} s ahead, more than the {window_s} s window"]
    return []


def skew_s(window_s: float) -> float:
    """Clock skew and rounding allowed between our clock, the Date header and Reset: two
    seconds, less for a window so short that two seconds would be most of it."""
    return min(2.0, window_s / 10)


def carries_key(exchange: Exchange, placeholder: str) -> bool:
    """The request carried the key (redacted to ``placeholder``) in any header or in the URL:
    whatever way it went, a server may have counted it for that key."""
    # the placeholder whole: $PLANE_API_KEY is not $PLANE_API_KEY_2
    token = re.compile(re.escape(placeholder) + r"(?![A-Za-z0-9_])")
    return bool(token.search(exchange.url)) or any(
        token.search(value) for _, value in exchange.request_headers
    )


def fixed_window(history: Sequence[Exchange]) -> bool:
    """The answers show a fixed window: two of them named the same Reset though they were
    given more than a second apart (a sliding log's Reset moves on with every second of the
    server's). Apart means the second request was sent more than a second after the first one's
    answer had come: a busy server may answer a request late, in the second of a later one."""
    first_seen: dict[int, float] = {}
    for exchange in history:
        reset = header_int(exchange, RESET)
        if reset is None or exchange.status in (None, 429):
            continue
        first = first_seen.setdefault(reset, answered_by(exchange))
        if exchange.started_at - first > 1.1:
            return True
    return False


def may_have_left(
    history: Sequence[Exchange], a: Exchange, b: Exchange, window_s: float, *, fixed: bool
) -> bool:
    """Between the answers ``a`` and ``b`` (``a`` first) a request the key made may have left
    its window, so that Remaining may rise. In a ``fixed`` window (see ``fixed_window``) that
    happens only when the window ends: ``b`` names another Reset. Otherwise ``a``'s announced
    Reset may have passed before ``b``, or one of ``history``'s requests lies where a sliding
    window would let it go (made about one window before ``a`` to one window before ``b``).
    A server logs a request at some moment between its sending and its answer (a busy one
    after a wait in its queue), so each request counts with that whole span."""
    reset = header_int(a, RESET)
    if reset is None:
        return True
    if fixed:
        return header_int(b, RESET) != reset
    skew = skew_s(window_s)
    if latest_time(b) + skew >= reset:
        return True
    low, high = a.started_at - window_s - skew, latest_time(b) - window_s + skew
    return any(e.started_at <= high and answered_by(e) >= low for e in history)


def answered_by(exchange: Exchange) -> float:
    """When the answer had come, by our clock: the request was logged before then."""
    return exchange.started_at + exchange.elapsed_ms / 1000


def unseen_requests(history: Sequence[Exchange], limit: int, window_s: float) -> tuple[int, float]:
    """How many requests the key's window held that the run did not make (another client's, or
    an earlier run's), as the key's first answer that shows Remaining says, and until when (our
    clock) they may stay in it: they were made within the window before that answer, so they
    may leave until a window after it. ``(0, -inf)`` when the first answer shows none."""
    for exchange in history:
        remaining = header_int(exchange, REMAINING)
        if remaining is None or exchange.status in (None, 429) or exchange.resent:
            continue
        unseen = limit - 1 - _earlier_counted(history, exchange) - remaining
        if unseen > 0:
            return unseen, exchange.started_at + window_s + skew_s(window_s)
        break
    return 0, float("-inf")


def unseen_leave_until(history: Sequence[Exchange], limit: int, window_s: float) -> float:
    """Until when (our clock) requests made with the key before the run may leave its window
    (see ``unseen_requests``); ``-inf`` when there were none."""
    return unseen_requests(history, limit, window_s)[1]


def _earlier_counted(history: Sequence[Exchange], first: Exchange) -> int:
    """The run's requests before ``first`` that the key's window may have counted."""
    return sum(1 for e in history if e.seq < first.seq and e.status not in (None, 429))


def countdown_pairs(
    history: Sequence[Exchange], window_s: float, *, unseen_until: float = float("-inf")
) -> list[tuple[Exchange, Exchange]]:
    """Consecutive answers of ``history`` (one key's requests, in order) that both carry
    Remaining, with nothing that could have left the window between them: Remaining must drop
    by exactly one from the first to the second. A request without a readable answer, or whose
    answer carries no Remaining, breaks the chain (nobody knows whether it was counted).
    Before ``unseen_until`` requests the run did not make may leave a sliding log (see
    ``unseen_leave_until``)."""
    fixed = fixed_window(history)
    pairs = []
    previous: Exchange | None = None
    for exchange in history:
        if exchange.resent:
            continue  # it never reached the server: its second sending follows
        remaining = header_int(exchange, REMAINING)
        if remaining is None or exchange.status in (None, 429):
            previous = None
            continue
        unseen = not fixed and previous is not None and previous.started_at <= unseen_until
        if (
            previous is not None
            and not unseen
            and not may_have_left(history, previous, exchange, window_s, fixed=fixed)
        ):
            pairs.append((previous, exchange))
        previous = exchange
    return pairs


def judged_pairs(
    history: Sequence[Exchange], others: Sequence[int], limit: int, window_s: float
) -> list[tuple[Exchange, Exchange]]:
    """RATE-03's evidence in one key's ``history``: its countdown pairs (``countdown_pairs``,
    after what the key's window held before the run may have left it: ``unseen_leave_until``)
    with no request of another key between them (``others``, their sequence numbers): one
    limit for both keys is RATE-07's question, not this one's."""
    unseen = unseen_leave_until(history, limit, window_s)
    between = sorted(others)
    return [
        (a, b)
        for a, b in countdown_pairs(history, window_s, unseen_until=unseen)
        if bisect_right(between, a.seq) == bisect_left(between, b.seq)
    ]


def countdown_problems(pairs: Sequence[tuple[Exchange, Exchange]]) -> list[str]:
    """RATE-03: Remaining drops by exactly one from each answer to the next (at 0 nothing is
    left to count down: serving anyway is RATE-04's business)."""
    problems = []
    for a, b in pairs:
        before, after = header_int(a, REMAINING), header_int(b, REMAINING)
        if before is not None and before > 0 and after != before - 1:
            problems.append(
                f"{REMAINING} went from {before} to {after} in one request "
                f"(#{a.seq} to #{b.seq}; nothing could have left the window between them)"
            )
    return problems


def ceiling_problems(exchanges: Sequence[Exchange], limit: int) -> list[str]:
    """RATE-03: after a request, at most ``limit - 1`` remain."""
    return [
        f"{REMAINING} is {value} after request #{e.seq}: at most {limit - 1} can remain of {limit}"
        for e in exchanges
        if (value := header_int(e, REMAINING)) is not None and value > limit - 1
    ]


def served_after_zero(
    history: Sequence[Exchange], window_s: float
) -> list[tuple[Exchange, Exchange]]:
    """(a, b): ``a`` answered Remaining 0 and the key's next answer ``b`` that shows the counter
    was served, though nothing could have left the window between them."""
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


def keyed_answers(
    exchanges: Iterable[Exchange], placeholder: str, absent: Callable[[str], bool]
) -> list[Exchange]:
    """Exchanges authenticated with the key ``placeholder`` in X-API-Key, answered, not 429, to
    an endpoint of the API that the target has: the answers RATE-01 and RATE-02 judge."""
    return [
        e
        for e in exchanges
        if e.request_header("X-API-Key") == placeholder
        and e.status not in (None, 401, 429)
        and not is_undefined_path(e.url)
        and not absent(e.url)
    ]


@dataclass(frozen=True, slots=True)
class LimitJudgement:
    """RATE-04 over one key's history: what failed, or why it could not be decided."""

    failures: list[tuple[str, Exchange | None]]
    undecided: str | None = None
    held: Exchange | None = None  # the 429 that came in time, when it did


def limit_judgement(
    history: Sequence[Exchange],
    throttled: Exchange | None,
    limit: int,
    window_s: float,
    spent: int,
) -> LimitJudgement:
    """RATE-04: no request served right after Remaining 0 (nothing having left the window);
    the 429 (``throttled``, the first one met while spending the window) came only after
    ``limit`` requests in the window before it; without a 429, no more served within one
    window than a fixed or a sliding window of ``limit`` allows. ``spent``: how many requests
    the spending made, for the reason when nothing can be decided."""
    failures: list[tuple[str, Exchange | None]] = [
        (
            f"request #{b.seq} was served (answer {b.status}) right after #{a.seq} answered "
            f"{REMAINING} 0, and nothing could have left the window in between",
            b,
        )
        for a, b in served_after_zero(history, window_s)[:3]
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
    Returns the problems and the exchange they are about."""
    if after.status == 429:
        return [
            f"request #{after.seq}, made after the reset the 429 (#{throttled.seq}) announced, "
            "got 429"
        ], after
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
