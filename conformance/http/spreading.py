"""Spreading requests over every key a run has: the rate limit is per key, so each key brings a
window of its own, and more keys shorten a run that must wait for windows.

``KeySpread`` puts in ``X-API-Key`` the first key, in the run's order, that has room left in its
window as the target's last rate headers for it announced (``RateWindows``; room never announced,
or whose Reset has passed, counts as a whole window). The first key goes first, so its window is
spent by requests the run needs anyway: that is the window the RATE tests watch and see
exhausted. Every other key keeps a reserve of its window, so a check that needs it unthrottled
(RATE-07) finds it so. When every key is spent, the one whose window resets first goes, and the
pacing waits for it. Only requests that may go with any key ask for it.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence

import httpx

from conformance.http.windows import RateWindows, key_id

KEY_HEADER = "X-API-Key"
# what another key keeps of its window
RESERVE = 1


class KeySpread(httpx.Auth):
    """The first key with room, per request (see the module docstring)."""

    def __init__(
        self,
        keys: Sequence[str],
        windows: RateWindows,
        clock: Callable[[], float],
        reserve: int = RESERVE,
    ) -> None:
        if not keys:
            raise ValueError("KeySpread needs at least one key")
        self._keys = tuple(keys)
        self._digests = tuple(key_id(key) for key in self._keys)
        self._windows = windows
        self._clock = clock
        self._reserve = reserve

    def __repr__(self) -> str:
        return f"KeySpread({len(self._keys)} keys)"

    def choose(self) -> str:
        """The key the next request goes with."""
        now = self._clock()
        for index, digest in enumerate(self._digests):
            room = self._windows.room(digest, now)
            if room is None or room > (self._reserve if index else 0):
                return self._keys[index]
        resets = [self._windows.reset_at(digest) for digest in self._digests]
        soonest = min(range(len(resets)), key=lambda i: (resets[i] is None, resets[i] or 0.0))
        return self._keys[soonest]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[KEY_HEADER] = self.choose()
        yield request
