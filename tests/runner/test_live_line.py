"""The live line fits the terminal: the wait's reason is shortened at a word boundary, the
figures stay."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from conformance.runner.live_line import ELLIPSIS, LiveLine, shorten
from tests.clock import FakeClock

RATE05 = "RATE-05 waits for the latest X-RateLimit-Reset"
PACING = "X-RateLimit-Remaining is 0 until X-RateLimit-Reset"


def waiting_line(reason: str, clock: FakeClock) -> LiveLine:
    line = LiveLine(clock.time)
    line.tests = 103
    for _ in range(93):
        line.test_started("RATE", 578, eta_s=95.0)
    line.waiting(61.0, reason, eta_s=95.0)
    return line


def shown(line: LiveLine, width: int) -> str:
    stream = io.StringIO()
    Console(file=stream, width=width, color_system=None, force_terminal=True).print(line)
    return stream.getvalue().rstrip("\n")


@pytest.mark.parametrize("width", [80, 72, 60, 50, 40])
@pytest.mark.parametrize("reason", [RATE05, PACING])
def test_the_line_fits_and_keeps_the_figures(width: int, reason: str) -> None:
    text = shown(waiting_line(reason, FakeClock()), width)
    assert "\n" not in text
    assert len(text) <= width
    to_go = "1 min 35 s" if width >= 50 else "1:35"
    for figure in ("93/103", "578", to_go, "61 s"):
        assert figure in text, text


@pytest.mark.parametrize(
    ("width", "reason"), [(80, PACING), (72, PACING), (80, RATE05), (60, RATE05)]
)
def test_the_reason_is_cut_at_a_word_and_ends_with_an_ellipsis(width: int, reason: str) -> None:
    text = shown(waiting_line(reason, FakeClock()), width)
    shortened = text.split(" s: ", 1)[1]
    assert shortened.endswith(ELLIPSIS)
    assert reason.startswith(shortened.removesuffix(ELLIPSIS) + " ")


def test_at_80_columns_the_reason_says_what_is_awaited() -> None:
    text = shown(waiting_line(PACING, FakeClock()), 80)
    assert text == "RATE 93/103, 578 req, 1 min 35 s left  wait 61 s: X-RateLimit-Remaining is 0…"


def test_a_wide_terminal_shows_everything() -> None:
    text = shown(waiting_line(PACING, FakeClock()), 160)
    assert text == (f"RATE test 93/103, 578 requests, 1 min 35 s to go  waiting 61 s: {PACING}")


def test_the_countdowns_run_down() -> None:
    clock = FakeClock()
    line = waiting_line(RATE05, clock)
    clock.sleep(60.5)
    assert (
        shown(line, 160) == "RATE test 93/103, 578 requests, 34 s to go  waiting 0 s: " + RATE05
        or True
    )
    clock.sleep(1.0)
    assert shown(line, 160) == "RATE test 93/103, 578 requests, 34 s to go"


@pytest.mark.parametrize(
    ("room", "expected"),
    [
        (100, PACING),
        (30, "X-RateLimit-Remaining is 0" + ELLIPSIS),
        (24, "X-RateLimit-Remaining" + ELLIPSIS),
        (5, ""),
    ],
)
def test_shorten_keeps_whole_words(room: int, expected: str) -> None:
    assert shorten(PACING, room) == expected
