"""Counters of what the HTTP layer did: requests sent, 429s met, seconds spent waiting."""

from __future__ import annotations

import threading
from dataclasses import dataclass

# A hostile target can send a different absurd header on every response; the notes stay readable.
MAX_NOTES = 50


@dataclass(frozen=True, slots=True)
class StatsSnapshot:
    """The counters at one moment."""

    total: int
    keyed: int
    throttled: int
    waited_s: float
    notes: tuple[str, ...]


class RequestStats:
    """Thread-safe counters shared by the transports of one run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total = 0
        self._keyed = 0
        self._throttled = 0
        self._waited_s = 0.0
        self._notes: dict[str, None] = {}
        self._dropped_notes = 0

    def count_request(self, *, keyed: bool) -> None:
        with self._lock:
            self._total += 1
            if keyed:
                self._keyed += 1

    def count_throttled(self) -> None:
        with self._lock:
            self._throttled += 1

    def add_wait(self, seconds: float) -> None:
        with self._lock:
            self._waited_s += seconds

    @property
    def waited_s(self) -> float:
        with self._lock:
            return self._waited_s

    def note(self, text: str) -> None:
        """Remember an oddity once (repeats are dropped), up to ``MAX_NOTES`` distinct notes."""
        with self._lock:
            if text in self._notes:
                return
            if len(self._notes) < MAX_NOTES:
                self._notes[text] = None
            else:
                self._dropped_notes += 1

    def snapshot(self) -> StatsSnapshot:
        with self._lock:
            notes = tuple(self._notes)
            if self._dropped_notes:
                notes += (f"... and {self._dropped_notes} more distinct notes",)
            return StatsSnapshot(
                total=self._total,
                keyed=self._keyed,
                throttled=self._throttled,
                waited_s=self._waited_s,
                notes=notes,
            )
