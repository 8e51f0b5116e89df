"""Rate-limit abuse: 429s whose Retry-After is hours, negative, garbage or a date in the past,
whose X-RateLimit-Reset is garbage or years ahead, and a 429 for every request. No wait passes a
window, the run's waits stay within --max-wait (90 s here: a window and a half), and what could
not be sent for lack of budget is ``error``, never a hang. (The runs' clock is fake: a window
is the documented 60 s and passes at once.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import WINDOW as RATE_WINDOW_S
from tests.hostile.conftest import RunResult, assert_exit_follows_the_verdict, hostile, run
from tests.hostile.modes import MODES

pytestmark = pytest.mark.slow  # every test here is a whole run against a hostile server

MAX_WAIT_S = 1.5 * RATE_WINDOW_S
BUDGET = ("wait budget", "--max-wait")
# mode -> the note the report carries about the header
NOTES = {
    "retry-after-hours": "Retry-After 7200 s capped at 65 s",
    "retry-after-negative": "Retry-After '-30' is negative; ignored",
    "retry-after-garbage": "Retry-After 'soon, maybe' is neither seconds nor an HTTP date",
    "retry-after-date-in-the-past": "lies in the past; ignored",
    "reset-garbage": "X-RateLimit-Reset 'tomorrow-ish' is not a number; ignored",
    "reset-far-future": "s ahead capped at 65 s",
}


def assert_within_budget(result: RunResult) -> None:
    # The cleanup DELETE may wait one more capped window (a window + 5 s) past the budget, so
    # the scratch project is not left behind for want of a few seconds.
    assert result.document["requests"]["waited_s"] <= MAX_WAIT_S + RATE_WINDOW_S + 5


@pytest.mark.parametrize("mode", list(NOTES))
def test_an_abusive_429_costs_its_requirement_and_at_most_the_wait_budget(
    mode: str, tmp_path: Path
) -> None:
    """HTTP-10's request always gets the 429: it is ``error``. Whatever else did not pass
    could not wait for lack of budget (the fallback waits spend most of it) and says so."""
    with hostile(MODES[mode]) as server:
        result = run(server, tmp_path, "--max-wait", str(MAX_WAIT_S), sample=True)
    assert result.statuses["HTTP-10"] == "error"
    assert any(phrase in result.reason("HTTP-10") for phrase in BUDGET), result.reason("HTTP-10")
    assert any(NOTES[mode] in note for note in result.document["notes"]), result.document["notes"]
    others = {rid: s for rid, s in result.not_passed().items() if rid != "HTTP-10"}
    assert set(others.values()) <= {"error"}, others
    # RATE-05 may also refuse a reset that lies more than a window ahead
    phrases = (*BUDGET, "is longer than the window")
    assert all(any(p in result.reason(rid) for p in phrases) for rid in others), others
    cleanup = result.document["cleanup"]
    assert cleanup["ok"] or all(any(p in left for p in BUDGET) for left in cleanup["left"])
    assert_within_budget(result)
    assert_exit_follows_the_verdict(result)


def test_a_429_for_every_request_leaves_errors_within_the_budget(tmp_path: Path) -> None:
    """The scratch project cannot be made: the tests that need it are ``error`` naming the
    429s. The RATE tests still spend the key's window (on users/me/ and --project) and fail on
    what the 429s showed: throttled long before 60 requests (RATE-04), still throttled after
    the reset it said to wait for (RATE-05), no rate headers (RATE-06), the second key
    throttled too (RATE-07). Unkeyed requests are answered normally, so AUTH-01 and AUTH-05
    still pass."""
    with hostile(MODES["429-for-everything"]) as server:
        result = run(server, tmp_path, "--max-wait", str(MAX_WAIT_S), sample=True)
    statuses = result.statuses
    failed = {rid for rid, status in statuses.items() if status == "fail"}
    assert failed == {"RATE-04", "RATE-05", "RATE-06", "RATE-07"}
    assert "429 after at most" in result.reason("RATE-04")
    errored = [rid for rid, status in statuses.items() if status == "error"]
    assert len(errored) > 30
    assert all(
        "still 429 after 3 retries" in result.reason(rid)
        or any(p in result.reason(rid) for p in BUDGET)
        for rid in errored
    )
    assert "still 429 after 3 retries" in result.reason("HTTP-01")
    assert result.document["requests"]["throttled"] > 0
    assert_within_budget(result)
    assert (result.code, result.document["verdict"]) == (1, "non-conformant")


def test_a_reset_years_ahead_on_every_answer_bounds_each_wait(tmp_path: Path) -> None:
    """Every answer says the window resets in ten years. Pacing waits at most a window; RATE-02
    fails on the header, and RATE-05, which cannot wait for such a reset, waits one window
    after the 429 instead and finds the key served again."""
    with hostile(MODES["reset-far-future-everywhere"]) as server:
        result = run(server, tmp_path, "--max-wait", str(MAX_WAIT_S), sample=True)
    assert result.not_passed() == {"RATE-02": "fail"}
    assert f"s ahead, more than the {RATE_WINDOW_S} s window" in result.reason("RATE-02")
    cleanup = result.document["cleanup"]
    assert cleanup["ok"] or all(any(p in left for p in BUDGET) for left in cleanup["left"])
    assert_within_budget(result)
    assert_exit_follows_the_verdict(result)
