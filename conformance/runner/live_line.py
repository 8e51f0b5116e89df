"""The live status line of a run on a terminal: area, tests, requests, the time still to go and,
during a rate-limit wait, its countdown and reason; always within the terminal's width.

What does not fit goes in this order: the end of the wait's reason (at a word boundary, with an
ellipsis), the words around the figures, then the whole reason. The figures themselves (the test,
the requests, the time to go, the seconds of the wait) stay.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions
from rich.text import Text

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class _Wording:
    """One way of saying the figures, from the fullest to the tersest."""

    tests: str  # "{area} test {done}/{tests}"
    requests: str
    left: str
    waiting: str
    minutes: bool = True  # "1 min 35 s" rather than "1:35"
    reason: bool = True  # room for the wait's reason


WORDINGS = (
    _Wording("{area} test {done}/{tests}", ", {n} requests", ", {t} to go", "  waiting {s} s"),
    _Wording("{area} {done}/{tests}", ", {n} req", ", {t} left", "  wait {s} s"),
    _Wording("{area} {done}/{tests}", " {n} req", " ~{t}", " wait {s} s", False, False),
)


def shorten(reason: str, room: int) -> str:
    """``reason`` in at most ``room`` characters: whole, or cut at a word boundary and ended with
    an ellipsis; '' when not even its first word fits."""
    if len(reason) <= room:
        return reason
    words = reason.split()
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) + len(ELLIPSIS) > room:
            break
        kept = candidate
    return kept + ELLIPSIS if kept else ""


def _countdown(seconds: float, *, words: bool = True) -> str:
    """``42 s``, ``2 min 5 s`` (or ``0:42``, ``2:05``): whole seconds, as a countdown shows them."""
    minutes, rest = divmod(round(seconds), 60)
    if not words:
        return f"{minutes}:{rest:02d}"
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


class LiveLine:
    """What the line shows; rich renders it a few times a second, which makes the countdowns."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.area = ""
        self.tests_done = 0
        self.tests = 0
        self.requests = 0
        self.wait_until = 0.0
        self.wait_reason = ""
        self.done_at: float | None = None  # when the running estimate says the run ends

    def test_started(self, area: str, requests: int, eta_s: float | None) -> None:
        self.area = area or self.area
        self.tests_done += 1
        self.requests = requests
        self._eta(eta_s)

    def waiting(self, seconds: float, reason: str, eta_s: float | None) -> None:
        self.wait_until = self._clock() + seconds
        self.wait_reason = reason
        self._eta(eta_s)

    def _eta(self, eta_s: float | None) -> None:
        if eta_s is not None:
            self.done_at = self._clock() + eta_s

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield self.render(options.max_width)

    def render(self, width: int) -> Text:
        """The line as it is now, in at most ``width`` characters: the fullest wording that
        leaves room for at least a word of the wait's reason, else the fullest that fits."""
        now = self._clock()
        waiting = round(self.wait_until - now)
        left = max(self.done_at - now, 0.0) if self.done_at is not None else None
        lines = [self._figures(wording, waiting, left) for wording in WORDINGS]
        if waiting > 0 and self.wait_reason:
            for wording, line in zip(WORDINGS, lines, strict=True):
                reason = shorten(self.wait_reason, width - len(line) - 2)
                if reason and wording.reason:
                    return line.append(f": {reason}", style="yellow")
        for line in lines:
            if len(line) <= width:
                return line
        return lines[-1]  # narrower than the tersest line: rich ends it with an ellipsis

    def _figures(self, wording: _Wording, waiting: int, left: float | None) -> Text:
        head = wording.tests.format(
            area=self.area or "starting", done=self.tests_done, tests=self.tests
        )
        parts = [
            (head, "bold"),
            (wording.requests.format(n=self.requests), ""),
            (
                wording.left.format(t=_countdown(left, words=wording.minutes))
                if left is not None
                else "",
                "",
            ),
        ]
        if waiting > 0:
            parts.append((wording.waiting.format(s=waiting), "yellow"))
        return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
