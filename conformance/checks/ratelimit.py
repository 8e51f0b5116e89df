"""Rate-limit headers: present, well-formed, counting down, and a usable 429."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import parsedate_to_datetime

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


def countdown_problems(exchanges: Sequence[Exchange], limit: int) -> list[str]:
    """RATE-03: within one window (same Reset) Remaining drops by exactly one per request."""
    problems = []
    previous: tuple[int, int] | None = None
    for exchange in exchanges:
        remaining, reset = header_int(exchange, REMAINING), header_int(exchange, RESET)
        if remaining is None or exchange.status == 429:
            previous = None
            continue
        if remaining > limit - 1:
            problems.append(
                f"{REMAINING} is {remaining} after a request: at most {limit - 1} can remain "
                f"of {limit}"
            )
        same_window = previous is not None and reset is not None and previous[1] == reset
        # At 0 nothing is left to count down: serving anyway is RATE-04's business.
        if (
            same_window
            and previous is not None
            and previous[0] > 0
            and remaining != previous[0] - 1
        ):
            problems.append(
                f"{REMAINING} went from {previous[0]} to {remaining} in one request "
                f"(same window, Reset {reset})"
            )
        previous = (remaining, reset) if reset is not None else None
    return problems


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
