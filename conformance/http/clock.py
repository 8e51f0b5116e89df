"""Time as an input: whatever waits takes a ``Clock``, so one fake clock can drive a whole run.

A clock tells epoch seconds (``time``) and waits (``sleep``). The HTTP layer's pacing and
recording, the plugin's deliberate waits and, in-process, the reference server all read the clock
of their run; a test hands them one that advances when slept on, and a 60 s window passes at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    """Epoch seconds and a way to let them pass."""

    def time(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


@dataclass(frozen=True, slots=True)
class SystemClock:
    """The real clock: ``time.time`` and ``time.sleep``."""

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


SYSTEM_CLOCK = SystemClock()
