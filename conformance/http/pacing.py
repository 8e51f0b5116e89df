"""Stay under the target's rate limit: wait for the reset instead of provoking a 429.

Reads ``X-RateLimit-Remaining``/``X-RateLimit-Reset`` per key; on a 429 waits for
``Retry-After`` (or the reset) and retries. Every single wait is bounded and the run has a wait
budget: a hostile or broken header makes a note, never a hang.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from conformance.errors import TargetError
from conformance.http.stats import RequestStats
from conformance.http.waiting import Waiter, WaitHook, longest_wait_s
from conformance.http.windows import RateWindows, key_id

PACING_EXTENSION = "conformance.pacing"
KEY_HEADER = "X-API-Key"
_SHOWN_CHARS = 40


def unpaced() -> dict[str, Any]:
    """Request extensions that send a request straight through: no waiting, no retry on 429."""
    return {PACING_EXTENSION: False}


def _identity(text: str) -> str:
    return text


class PacingTransport(httpx.BaseTransport):
    """Waits before a request when the key's window is spent; retries a 429 after waiting."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        stats: RequestStats,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: WaitHook | None = None,
        max_wait_s: float = 180.0,
        rate_window_s: float = 60.0,
        max_retries_on_429: int = 3,
        margin_s: float = 0.25,
        redact: Callable[[str], str] = _identity,
        waiter: Waiter | None = None,
        windows: RateWindows | None = None,
    ) -> None:
        self._inner = inner
        self._stats = stats
        self._clock = clock
        self._waiter = waiter or Waiter(stats, sleep=sleep, on_wait=on_wait, max_wait_s=max_wait_s)
        self._rate_window_s = rate_window_s
        self._max_single_wait_s = longest_wait_s(rate_window_s)
        self._max_retries = max_retries_on_429
        self._margin_s = margin_s
        self._redact = redact
        self._windows = windows if windows is not None else RateWindows()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        paced = request.extensions.get(PACING_EXTENSION, True) is not False
        key = request.headers.get(KEY_HEADER)
        key_digest = key_id(key) if key else None
        if paced and key_digest is not None:
            self._wait_for_window(key_digest)
        retries = 0
        while True:
            self._stats.count_request(keyed=key_digest is not None)
            response = self._inner.handle_request(request)
            if key_digest is not None:
                self._observe(key_digest, response)
            if response.status_code != 429:
                return response
            self._stats.count_throttled()
            if not paced:
                return response
            if retries >= self._max_retries:
                response.close()
                raise TargetError(
                    f"{request.method} {request.url.path}: still 429 after {retries} retries"
                )
            delay, reason = self._retry_delay(response)
            response.close()
            if key_digest is not None:
                self._windows.forget(key_digest)
            self._wait(delay, reason)
            retries += 1

    def close(self) -> None:
        self._inner.close()

    def _wait_for_window(self, key: str) -> None:
        reset = self._windows.spent_until(key)
        if reset is None:
            return
        # Spent either way: once we have waited, or the reset has passed, the count is unknown.
        ahead = reset - self._clock()
        if ahead > 0:
            delay = self._bounded(ahead + self._margin_s, f"X-RateLimit-Reset {ahead:.0f} s ahead")
            self._wait(delay, "X-RateLimit-Remaining is 0 until X-RateLimit-Reset")

    def _observe(self, key: str, response: httpx.Response) -> None:
        remaining = self._parse_remaining(response.headers.get("X-RateLimit-Remaining"))
        reset = self._parse_reset(response.headers.get("X-RateLimit-Reset"))
        self._windows.observe(key, remaining, reset)

    def _retry_delay(self, response: httpx.Response) -> tuple[float, str]:
        now = self._clock()
        retry_after = response.headers.get("Retry-After")
        if retry_after is not None:
            delay = self._parse_retry_after(retry_after, now)
            if delay is not None:
                what = (
                    f"Retry-After {delay:g} s"
                    if _as_seconds(retry_after) is not None
                    else f"Retry-After {self._show(retry_after)} ({delay:.0f} s ahead)"
                )
                return self._bounded(delay, what), "429: waiting for Retry-After"
        reset = self._parse_reset(response.headers.get("X-RateLimit-Reset"))
        if reset is not None and reset > now:
            ahead = reset - now
            delay = self._bounded(ahead + self._margin_s, f"X-RateLimit-Reset {ahead:.0f} s ahead")
            return delay, "429: waiting for X-RateLimit-Reset"
        if reset is not None:
            self._stats.note("X-RateLimit-Reset on a 429 lies in the past; ignored")
        self._stats.note(
            f"a 429 without a usable Retry-After or X-RateLimit-Reset: "
            f"waited one window ({self._rate_window_s:g} s)"
        )
        return self._rate_window_s, "429: waiting one rate-limit window"

    def _parse_retry_after(self, value: str, now: float) -> float | None:
        """Seconds to wait, or None (noted) when the value cannot be obeyed."""
        seconds = _as_seconds(value)
        if seconds is None:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                self._stats.note(
                    f"Retry-After {self._show(value)} is neither seconds nor an HTTP date; ignored"
                )
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = when.timestamp() - now
            if seconds < 0:
                self._stats.note(f"Retry-After {self._show(value)} lies in the past; ignored")
                return None
            return seconds
        if seconds < 0:
            self._stats.note(f"Retry-After {self._show(value)} is negative; ignored")
            return None
        return seconds

    def _parse_remaining(self, value: str | None) -> int | None:
        if value is None:
            return None
        try:
            remaining = int(value.strip())
        except ValueError:
            remaining = -1
        if remaining < 0:
            self._stats.note(
                f"X-RateLimit-Remaining {self._show(value)} is not an integer >= 0; ignored"
            )
            return None
        return remaining

    def _parse_reset(self, value: str | None) -> float | None:
        if value is None:
            return None
        reset = _as_seconds(value)
        if reset is None:
            self._stats.note(f"X-RateLimit-Reset {self._show(value)} is not a number; ignored")
        return reset

    def _bounded(self, delay: float, what: str) -> float:
        if delay <= self._max_single_wait_s:
            return delay
        self._stats.note(f"{what} capped at {self._max_single_wait_s:g} s")
        return self._max_single_wait_s

    def _wait(self, delay: float, reason: str) -> None:
        self._waiter.wait(delay, reason)

    def _show(self, value: str) -> str:
        """A header value fit for a note: redacted and shortened."""
        shown = self._redact(value)
        if len(shown) > _SHOWN_CHARS:
            shown = shown[:_SHOWN_CHARS] + "..."
        return repr(shown)


def _as_seconds(value: str) -> float | None:
    """A finite number, or None; headers carry integers but a float is understood too."""
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None
