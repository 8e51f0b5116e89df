"""The tests' clock: epoch seconds that move only when someone sleeps or a test sets them.

One ``FakeClock`` drives a whole in-process run: the suite's HTTP layer sleeps on it, the
reference server (in its own thread) reads it for its rate-limit windows and its ``Date`` header,
so a 60 s window passes at once and the run is the same every time.
"""

from __future__ import annotations

import threading

# 10 s into a 60 s window (1_699_999_980 is a multiple of 60), in November 2023.
START = 1_699_999_990.0


class FakeClock:
    """A ``conformance.http.Clock`` for tests; thread-safe, since servers read it from theirs.

    With a ``tick``, every reading also moves it on by that much, as if the work between two
    readings took time: windows then roll over while a run works, at the same points every time.
    """

    def __init__(self, now: float = START, *, tick: float = 0.0) -> None:
        self._lock = threading.Lock()
        self._now = now
        self._tick = tick
        self._sleeps: list[float] = []

    def time(self) -> float:
        with self._lock:
            now = self._now
            self._now += self._tick
            return now

    def sleep(self, seconds: float) -> None:
        """Record the sleep and let that much time pass, at once."""
        with self._lock:
            self._sleeps.append(seconds)
            self._now += max(seconds, 0.0)

    @property
    def now(self) -> float:
        """The time, without a tick."""
        with self._lock:
            return self._now

    @now.setter
    def now(self, value: float) -> None:
        with self._lock:
            self._now = value

    @property
    def sleeps(self) -> list[float]:
        """Every sleep so far, in order."""
        with self._lock:
            return list(self._sleeps)

    def next_window(self, window: int, into: float = 10.0) -> None:
        """Jump ``into`` seconds past the start of the next window aligned to the epoch."""
        with self._lock:
            self._now = self._now - self._now % window + window + into
