"""Every wait of a run in one place: announced, counted, and bounded by the run's wait budget."""

from __future__ import annotations

import time
from collections.abc import Callable

from conformance.errors import TargetError
from conformance.http.stats import RequestStats

WaitHook = Callable[[float, str], None]


# Beyond one rate-limit window, the slack a single wait for a key's window is allowed: the clock
# skew between the target and us, and an answer that came late.
WINDOW_SLACK_S = 5.0


def longest_wait_s(rate_window_s: float) -> float:
    """The longest one wait for a key's window may last: the window, and the slack."""
    return rate_window_s + WINDOW_SLACK_S


class Waiter:
    """Sleeps on behalf of the pacing transport and of tests that wait for a window on purpose.

    A wait that would take the run past ``max_wait_s`` in total is refused with a TargetError
    at once: a broken target costs the run an ``error``, never a hang.
    """

    def __init__(
        self,
        stats: RequestStats,
        *,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: WaitHook | None = None,
        max_wait_s: float = 180.0,
    ) -> None:
        self._stats = stats
        self._sleep = sleep
        self._on_wait = on_wait
        self.max_wait_s = max_wait_s

    def allow(self, extra_s: float) -> None:
        """Widen the budget: the cleanup may wait one more window even when the run's budget is
        spent, so the scratch project is not left behind for want of a few seconds."""
        self.max_wait_s = max(self.max_wait_s, self._stats.waited_s + extra_s)

    def wait(self, delay: float, reason: str) -> None:
        if delay <= 0:
            return
        spent = self._stats.waited_s
        if spent + delay > self.max_wait_s:
            raise TargetError(
                f"waiting {delay:.1f} s ({reason}) would pass the run's wait budget of "
                f"{self.max_wait_s:g} s ({spent:.1f} s already spent)"
            )
        if self._on_wait is not None:
            self._on_wait(delay, reason)
        self._sleep(delay)
        self._stats.add_wait(delay)
