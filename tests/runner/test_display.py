"""The progress display: the sink protocol, plain lines for logs, the closing summary."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance.http import StatsSnapshot
from conformance.plugin.progress import Estimate, ProgressSink, read_estimate
from conformance.runner.display import RunDisplay

STATS = StatsSnapshot(total=12, keyed=9, throttled=1, waited_s=3.5, notes=())
ESTIMATE = Estimate(keyed=123, total=209, seconds=66.0, floor_s=60.0)


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "verdict": "non-conformant",
        "interrupted": False,
        "summary": {
            "pass": 40,
            "fail": 2,
            "warn": 1,
            "error": 1,
            "skip": 1,
            "untested": 0,
            "waived": 0,
        },
        "requests": {"total": 212, "keyed": 64, "throttled": 1, "waited_s": 1.33},
        "duration_s": 75.2,
        "cleanup": {"ok": True, "left": []},
        "requirements": [
            {"id": "AUTH-01", "level": "MUST", "status": "pass", "reason": "passed in 2 tests"},
            {
                "id": "PAG-04",
                "level": "MUST",
                "status": "fail",
                "reason": "per_page=101 got 200\nmore detail",
            },
            {"id": "PAG-07", "level": "SHOULD", "status": "fail", "reason": "prev_cursor"},
            {"id": "RATE-02", "level": "MUST", "status": "error", "reason": "timeout"},
        ],
    }
    return base | changes


def plain() -> tuple[RunDisplay, io.StringIO]:
    stream = io.StringIO()
    return RunDisplay(stream, live=False), stream


def test_the_display_is_a_progress_sink() -> None:
    display, _ = plain()
    assert isinstance(display, ProgressSink)


def test_plain_lines_for_estimate_areas_and_waits() -> None:
    display, stream = plain()
    display.started(tests=3, estimate=ESTIMATE, seed=5)
    display.test_started(nodeid="a", area="AUTH", stats=STATS, eta_s=125.0)
    display.test_started(nodeid="b", area="AUTH", stats=STATS, eta_s=120.0)
    display.test_started(nodeid="c", area="RATE", stats=STATS)
    display.waiting(seconds=42.0, reason="X-RateLimit-Remaining is 0", eta_s=50.0)
    assert stream.getvalue().splitlines() == [
        "3 tests; estimate: about 123 keyed requests (209 in all) and 1 min 6 s "
        "(the rate limit alone: 1 min 0 s)",
        "AUTH: test 1/3, 12 requests so far, 2 min 5 s to go",
        "RATE: test 3/3, 12 requests so far",
        "waiting 42.0 s: X-RateLimit-Remaining is 0 (50.0 s to go)",
    ]


def test_finished_keeps_the_document() -> None:
    display, _ = plain()
    display.finished(document=document(), stats=STATS)
    assert display.document == document()
    assert display.stats == STATS


def test_summary_lists_verdict_counts_requests_reports_and_failures() -> None:
    display, stream = plain()
    display.summary(document(), [Path("r/compliance.json"), Path("r/junit.xml")])
    assert stream.getvalue().splitlines() == [
        "verdict: non-conformant: a MUST requirement failed",
        "requirements: 40 pass, 2 fail, 1 warn, 1 error, 1 skip, 0 untested, 0 waived",
        "requests: 212 in total, 64 with a valid key, 1 throttled, 1.3 s waited",
        "duration: 1 min 15 s",
        "report: r/compliance.json",
        "report: r/junit.xml",
        "FAIL  PAG-04   MUST   per_page=101 got 200",
        "FAIL  PAG-07   SHOULD prev_cursor",
        "ERROR RATE-02  MUST   timeout",
    ]


def test_summary_counts_the_sdks_calls_and_names_those_that_failed() -> None:
    display, stream = plain()
    call = {"name": "projects.list", "outcome": "failed", "message": "cannot read extra_stats"}
    interop = {
        "client": "plane-sdk",
        "version": "0.3.2",
        "gate": True,
        "summary": {"calls": 84, "ok": 83, "failed": 1, "not_run": 0},
        "calls": [{"name": "users.get_me", "outcome": "ok", "message": ""}, call],
    }
    display.summary({**document(), "interop": interop}, [])
    lines = stream.getvalue().splitlines()
    assert "interop: plane-sdk 0.3.2: 83 of 84 calls worked, 1 failed, 0 not run (gated)" in lines
    assert "SDK   projects.list: cannot read extra_stats" in lines


def test_summary_of_an_interrupted_run_with_leftovers() -> None:
    display, stream = plain()
    changed = document(
        verdict="incomplete", interrupted=True, requirements=[],
        cleanup={"ok": False, "left": ["project p1"]},
    )  # fmt: skip
    display.summary(changed, [])
    text = stream.getvalue()
    assert (
        "verdict: incomplete: no MUST requirement failed, but not all were verified "
        "(the run was interrupted)" in text
    )
    assert "cleanup incomplete, left on the target: project p1" in text


def test_markup_in_reasons_is_shown_as_written() -> None:
    display, stream = plain()
    display.waiting(seconds=1.0, reason="[bold]not markup[/bold]")
    assert "[bold]not markup[/bold]" in stream.getvalue()


def test_live_display_starts_and_stops() -> None:
    stream = io.StringIO()
    display = RunDisplay(stream, live=True)
    display.started(tests=1, estimate=ESTIMATE, seed=1)
    display.test_started(nodeid="a", area="PAG", stats=STATS)
    display.waiting(seconds=30.0, reason="window")
    display.finished(document=document(), stats=STATS)
    text = stream.getvalue()
    assert "1 tests; estimate" in text
    # the area and the countdown were rendered, and nothing else is written once stopped
    assert "PAG" in text
    assert "waiting" in text
    display.stop()
    assert stream.getvalue() == text


def test_a_targeted_runs_verdict_says_it_is_partial() -> None:
    display, stream = plain()
    summary = {**document()["summary"], "fail": 0, "warn": 0, "error": 0, "not selected": 3}
    selection = {"selected": 41, "of": 44}
    display.summary(
        document(verdict="conformant", summary=summary, requirements=[], selection=selection), []
    )
    assert stream.getvalue().splitlines()[:2] == [
        "verdict: conformant: every selected MUST requirement passed; 41 of 44 requirements "
        "selected",
        "requirements: 40 pass, 0 fail, 0 warn, 0 error, 1 skip, 0 untested, 0 waived, "
        "3 not selected",
    ]
    full, stream = plain()
    full.summary(document(summary={**document()["summary"], "not selected": 0}), [])
    assert stream.getvalue().splitlines()[1] == (
        "requirements: 40 pass, 2 fail, 1 warn, 1 error, 1 skip, 0 untested, 0 waived"
    )


@pytest.mark.parametrize(
    ("seconds", "read"), [(66.0, 66.0), (42.04, 42.0), (136.4, 136.0)], ids=["1-min", "s", "min"]
)
def test_the_benchmarks_read_the_estimate_a_run_announced(seconds: float, read: float) -> None:
    display, stream = plain()
    display.started(tests=3, estimate=replace(ESTIMATE, seconds=seconds), seed=5)
    assert read_estimate("noise\n" + stream.getvalue()) == (123, 209, read)
    assert read_estimate("no estimate here") is None


def test_the_gate_reaches_the_console_on_the_results_stream() -> None:
    """Issue 24: what the waivers and the baseline did is in the summary (stdout), not only in
    the reports; progress stays on the other stream."""

    progress, results = io.StringIO(), io.StringIO()
    display = RunDisplay(progress, live=False, results=results)
    document = {
        "verdict": "conformant",
        "summary": {"pass": 1, "fail": 1},
        "requests": {"total": 1, "keyed": 1, "throttled": 0, "waited_s": 0.0},
        "duration_s": 1.0,
        "requirements": [
            {
                "id": "PAG-04",
                "level": "MUST",
                "status": "fail",
                "reason": "clamped",
                "waived": True,
                "waiver": {"reason": "r", "expires": "2099-01-01"},
            },
        ],
        "gate": {
            "waivers": {
                "path": "w.yaml",
                "applied": ["PAG-04"],
                "stale": [{"id": "AUTH-01"}],
                "expired": [],
                "inapplicable": [],
            },
            "baseline": {"path": "b.json", "regressions": ["FLD-01"], "fixes": [], "lost": []},
        },
    }
    display.summary(document, [])
    shown = results.getvalue()
    assert progress.getvalue() == ""
    assert (
        "waivers (w.yaml): 1 applied (PAG-04); 1 stale (the requirement passes: remove the "
        "waiver) (AUTH-01)" in shown
    )
    assert "baseline (b.json): 1 regression (FLD-01), 0 fixed, 0 no longer verified" in shown
    assert "FAIL  PAG-04   MUST   clamped (waived until 2099-01-01)" in shown
