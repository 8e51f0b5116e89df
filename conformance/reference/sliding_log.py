"""Rate limiting as a sliding log (a variation: what Django REST framework's throttles do).

Each key keeps the times of its requests of the last ``window`` seconds. A request is allowed
while fewer than ``limit`` are logged; ``X-RateLimit-Remaining`` is the limit less the logged
requests, counting the current one; ``X-RateLimit-Reset`` is ``now + window`` on every answer
(once it has passed, every request made before it has left the log); a 429's ``Retry-After``
waits for the oldest logged request to leave. A 429 is not logged.
"""

from __future__ import annotations

import math
from collections import deque

from conformance.reference.ratelimit import Decision, LimiterBase


class SlidingLogLimiter(LimiterBase):
    """Logs request times per bucket (one per key) and allows ``limit`` per ``window`` s."""

    def _start(self) -> None:
        self._logs: dict[str, deque[float]] = {}

    def take(self, bucket: str) -> Decision:
        """Log one request for ``bucket`` if the last window allows it; say what to answer."""
        now = self.clock()
        reset = int(now + self.window)
        with self._lock:
            log = self._logs.setdefault(bucket, deque())
            while log and log[0] <= now - self.window:
                log.popleft()
            if len(log) >= self.allowance and self.enforced:
                retry_after = max(1, math.ceil(log[0] + self.window - now))
                return Decision(False, 0, reset, retry_after)
            log.append(now)
            used = len(log)
        return Decision(True, max(0, self.limit - used), reset, self.window)

    def refund(self, bucket: str) -> None:
        """Unlog the bucket's last request (a refusal the server does not count)."""
        with self._lock:
            log = self._logs.get(bucket)
            if log:
                log.pop()
