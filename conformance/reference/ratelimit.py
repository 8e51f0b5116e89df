"""Rate limiting per API key in fixed windows aligned to the epoch clock.

Window ``k`` of a ``W``-second window is ``[k*W, (k+1)*W)`` in epoch seconds, so every key's
window resets at the same instants, ``(k+1)*W``, which is what ``X-RateLimit-Reset`` says (an
integer epoch second). ``X-RateLimit-Remaining`` is the limit minus the requests the key has made
in the window, counting the current one. Once a key has made ``limit`` requests in a window,
further requests get 429 with ``Retry-After`` (whole seconds until the reset, at least 1),
``X-RateLimit-Remaining: 0`` and the reset; a 429 does not count. Only authenticated requests
are counted (the middleware sits after authentication); one lock makes a check-and-count atomic,
so concurrent requests with one key never get more than ``limit`` answers in a window.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import formatdate
from typing import Protocol

from starlette.datastructures import MutableHeaders
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conformance.reference.errors import error_response

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    remaining: int
    reset: int  # epoch second at which the window ends
    retry_after: int  # whole seconds until then, at least 1


class LimiterBase:
    """What every limiter keeps: its limit and window, its clock, the faults it shows, a lock."""

    def __init__(
        self,
        limit: int,
        window: int,
        clock: Clock = time.time,
        faults: frozenset[str] = frozenset(),
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.faults = faults
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        """Set up the limiter's own book of requests (a subclass's)."""

    @property
    def allowance(self) -> int:
        """How many requests a window lets through (one too many under a fault)."""
        return self.limit + 1 if "limit-off-by-one" in self.faults else self.limit

    @property
    def enforced(self) -> bool:
        return "no-rate-limit" not in self.faults


class FixedWindowLimiter(LimiterBase):
    """Counts requests per bucket (one per key) in epoch-aligned windows of `window` seconds."""

    def _start(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}  # bucket -> (window start, requests)
        self._penalties: dict[str, float] = {}  # bucket -> throttled until (a fault only)

    def take(self, bucket: str) -> Decision:
        """Count one request for `bucket` if the window allows it, and say what to answer."""
        now = self.clock()
        reset = (math.floor(now / self.window) + 1) * self.window
        retry_after = max(1, math.ceil(reset - now))
        with self._lock:
            start, used = self._counts.get(bucket, (None, 0))
            opened = self._window_start(now, start, used)
            if opened != start:
                used = 0
            if now < self._penalties.get(bucket, now):
                return Decision(False, 0, reset, retry_after)
            if used >= self.allowance and self.enforced:
                if "throttle-outlasts-reset" in self.faults:
                    # the mistake: a penalty one window past the Reset the answer announces
                    self._penalties[bucket] = reset + self.window
                return Decision(False, 0, reset, retry_after)
            used += 1
            self._counts[bucket] = (opened, used)
        return Decision(True, max(0, self.limit - used), reset, retry_after)

    def refund(self, bucket: str) -> None:
        """Uncount the bucket's last request (a refusal the server does not count)."""
        with self._lock:
            start, used = self._counts.get(bucket, (None, 0))
            if start is not None and used > 0:
                self._counts[bucket] = (start, used - 1)

    def _window_start(self, now: float, current: float | None, used: int) -> float:
        """Where the window that `now` falls in begins, given the bucket's current one."""
        if current is not None and used >= self.limit and "window-never-resets" in self.faults:
            return current
        return float(math.floor(now / self.window) * self.window)


class Limiter(Protocol):
    """What the middleware needs of a limiter: a fixed window or a sliding log."""

    limit: int
    window: int
    clock: Clock

    def take(self, bucket: str) -> Decision: ...

    def refund(self, bucket: str) -> None: ...


ME_PATHS = ("/api/v1/users/me", "/api/v1/users/me/")


class RateLimitMiddleware:
    """Applies a limiter to authenticated requests and stamps the headers on every answer."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: Limiter,
        faults: frozenset[str] = frozenset(),
        variations: frozenset[str] = frozenset(),
        routes: Sequence[BaseRoute] = (),
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.faults = faults
        self.variations = variations
        self.routes = routes

    def _exempt(self, scope: Scope) -> bool:
        """Requests the limiter never sees: a path no route defines (routing comes first, as
        on the real server, unless the variation limiter-before-routing), and users/me/ on a
        server that leaves it out (a fault)."""
        path = scope["path"]
        if "me-not-rate-limited" in self.faults and path in ME_PATHS:
            return True
        if "limiter-before-routing" in self.variations:
            return False
        routed = {**scope, "path": path if path.endswith("/") else path + "/"}
        return all(route.matches(routed)[0] == Match.NONE for route in self.routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.get("state", {}) if scope["type"] == "http" else {}
        user_id = state.get("user_id")
        if user_id is None or self._exempt(scope):
            await self.app(scope, receive, send)
            return
        # one window per key (a guest let in by a fault: one for all such requests)
        key_index = state.get("key_index")
        bucket = f"key {key_index}" if key_index is not None else f"user {user_id}"
        if "shared-limit" in self.faults:
            bucket = "everyone"
        decision = self.limiter.take(bucket)
        headers = self._headers(decision)
        if not decision.allowed:
            if "429-without-rate-headers" in self.faults:
                headers = {}
            if "no-retry-after" not in self.faults:
                headers["Retry-After"] = self._retry_after(decision)
            response = error_response(
                429,
                f"Request was throttled: retry in {decision.retry_after} seconds",
                code="throttled",
                headers=headers,
                retry_after=decision.retry_after,
            )
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status = message["status"]
                if status == 403 and "unknown-project-403" in self.faults:
                    # the mistake: the permission check ran first; the limiter never saw it
                    self.limiter.refund(bucket)
                elif not (status >= 400 and "rate-headers-missing-on-errors" in self.faults):
                    MutableHeaders(scope=message).update(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _retry_after(self, decision: Decision) -> str:
        if "retry-after-http-date" in self.variations:
            return formatdate(self.limiter.clock() + decision.retry_after, usegmt=True)
        return str(decision.retry_after)

    def _headers(self, decision: Decision) -> dict[str, str]:
        faults, limit = self.faults, self.limiter.limit
        if "rate-headers-missing" in faults:
            return {}
        remaining, reset = decision.remaining, decision.reset
        if decision.allowed and "remaining-constant" in faults:
            remaining = limit - 1
        elif decision.allowed and "remaining-off-by-one" in faults:
            remaining += 1
        if "reset-seconds-until" in faults:
            reset = decision.retry_after
        elif "reset-far-future" in faults:
            reset += 3600
        return {"X-RateLimit-Remaining": str(remaining), "X-RateLimit-Reset": str(reset)}
