"""What the target last said about each key's rate-limit window, shared by the pacing (which waits
when a key's window is spent) and the key spreading (which picks the key with the most room).

Keys are known here only by a digest (``key_id``): nothing in this module can leak one.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass


def key_id(key: str) -> str:
    """The digest a key is known by in the book of windows."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(slots=True)
class _Window:
    """The last Remaining and Reset one key's answers carried."""

    remaining: int | None = None
    reset: float | None = None


class RateWindows:
    """Thread-safe book of windows, one per key digest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[str, _Window] = {}

    def observe(self, key: str, remaining: int | None, reset: float | None) -> None:
        """Note what an answer to ``key`` (a digest) said; None leaves a value as it was."""
        if remaining is None and reset is None:
            return
        with self._lock:
            window = self._windows.setdefault(key, _Window())
            if remaining is not None:
                window.remaining = remaining
            if reset is not None:
                window.reset = reset

    def forget(self, key: str) -> None:
        """After a 429 and its wait, nothing known of the window holds any more."""
        with self._lock:
            self._windows.pop(key, None)

    def spent_until(self, key: str) -> float | None:
        """The Reset of a spent window (Remaining 0), claimed once: whoever gets it waits, and
        after that the count is unknown until the next answer says it. None when not spent."""
        with self._lock:
            window = self._windows.get(key)
            if window is None or window.remaining != 0 or window.reset is None:
                return None
            window.remaining = None
            return window.reset

    def reset_at(self, key: str) -> float | None:
        """The Reset the key's answers last announced, or None."""
        with self._lock:
            window = self._windows.get(key)
            return window.reset if window is not None else None

    def room(self, key: str, now: float) -> int | None:
        """Requests left in the key's window as last announced, or None when unknown (never
        told, or its Reset has passed)."""
        with self._lock:
            window = self._windows.get(key)
            if window is None or window.remaining is None:
                return None
            if window.reset is not None and window.reset <= now:
                return None
            return window.remaining
