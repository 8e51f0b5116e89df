"""Spreading requests over every key a run has: the rate limit is per key, so each key brings a
window of its own, and a second key shortens a run that must wait for windows.

``KeySpread`` puts in ``X-API-Key`` whichever key has the most room left in its window, as the
target's last rate headers for that key announced it (``RateWindows``). The first key is
preferred when the room is equal or unknown; every other key keeps a reserve of its window, so
a check that needs it unthrottled (RATE-07) finds it so. Only requests that may go with any key
ask for it: the rate tests keep to the first key, whose window they watch.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence

import httpx

from conformance.http.windows import RateWindows, key_id

KEY_HEADER = "X-API-Key"
# what another key keeps of its window; room unknown counts as a whole window
RESERVE = 3
UNKNOWN_ROOM = 1_000_000


class KeySpread(httpx.Auth):
    """The key with the most room, per request (see the module docstring)."""

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
        best, best_room = 0, None
        for index, digest in enumerate(self._digests):
            room = self._windows.room(digest, now)
            usable = UNKNOWN_ROOM if room is None else room
            if index > 0:
                usable -= self._reserve
            if best_room is None or usable > best_room:
                best, best_room = index, usable
        return self._keys[best if best_room is not None and best_room > 0 else 0]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[KEY_HEADER] = self.choose()
        yield request
