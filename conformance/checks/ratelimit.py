"""Rate-limit headers: present, well-formed, counting down, and a usable 429."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from email.utils import parsedate_to_datetime

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


def reset_window_problems(exchange: Exchange, window_s: int, slack_s: int = 5) -> list[str]:
    """RATE-02: Reset lies in the future and at most one window ahead (``slack_s`` allows for
    the clock skew and the Reset's rounding)."""
    reset = header_int(exchange, RESET)
    if reset is None:
        return []
    now = response_time(exchange)
    ahead = reset - now
    if ahead < -slack_s:
        return [f"{RESET} {reset} lies {-ahead:.0f} s in the past (not an epoch in the future?)"]
    if ahead > window_s + slack_s:
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
