"""Broken transports: a reset mid-response, no answer, a stall mid-body, a trickle, and a target
that goes away mid-run. The affected requirement is ``error`` with the reason; nothing else is
judged on the broken exchange; the scratch project is still deleted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.conftest import RunResult, hostile, run, run_process
from tests.hostile.modes import MODES
from tests.hostile.wire import HostileServer

# mode -> what the reason of HTTP-10 (the one request the mode breaks) says
BROKEN_EXCHANGES = {
    "reset-mid-response": "Connection reset by peer",
    "never-answers": "no complete response within 1 s",
    "stalls-mid-body": "no complete response within 1 s",
    "trickles": "no complete response within 1 s",
}
PROJECT = re.compile(r"/projects/[^/]+/$")


def assert_scratch_deleted(server: HostileServer, result: RunResult) -> None:
    """The run deleted what it created: its report says so and the target saw the DELETE."""
    assert result.document["cleanup"] == {"ok": True, "left": []}
    assert any(r.method == "DELETE" and PROJECT.search(r.path) for r in server.seen)


@pytest.mark.parametrize("mode", list(BROKEN_EXCHANGES))
@pytest.mark.slow
def test_a_broken_exchange_is_an_error_of_its_requirement(mode: str, tmp_path: Path) -> None:
    with hostile(MODES[mode]) as server:
        result = run(server, tmp_path, sample=True)
    assert result.not_passed() == {"HTTP-10": "error"}
    assert BROKEN_EXCHANGES[mode] in result.reason("HTTP-10")
    # HTTP-10 is a SHOULD: an undecided SHOULD leaves the verdict alone
    assert (result.code, result.document["verdict"]) == (0, "conformant")
    assert_scratch_deleted(server, result)


@pytest.mark.slow
def test_a_target_that_goes_away_mid_run_leaves_errors_not_failures(tmp_path: Path) -> None:
    """After 40 requests (the scratch project exists, the AUTH tests are done) every connection
    is refused: what was not yet decided is ``error``, and the cleanup that could not reach the
    target says what it left."""
    with hostile(MODES["goes-away-mid-run"]) as server:
        result = run(server, tmp_path)
    statuses = result.statuses
    assert "fail" not in statuses.values(), result.not_passed()
    errored = [rid for rid, status in statuses.items() if status == "error"]
    assert len(errored) > 10, statuses
    assert all("ConnectError" in result.reason(rid) for rid in errored)
    assert (result.code, result.document["verdict"]) == (3, "incomplete")
    cleanup = result.document["cleanup"]
    assert cleanup["ok"] is False
    assert len(cleanup["left"]) == 1
    assert "ConnectError" in cleanup["left"][0]
    assert "cleanup incomplete, left on the target" in result.stderr


@pytest.mark.slow
def test_a_connection_closed_before_answering_is_retried_once_on_a_fresh_one(
    tmp_path: Path,
) -> None:
    """Every kept-alive connection is closed on its second request, unanswered: the request never
    reached the API, so it is sent again on a fresh connection, and the run is as clean as
    against a healthy target."""
    with hostile(MODES["drops-kept-alive-requests"]) as server:
        result = run(server, tmp_path)
    assert result.not_passed() == {}
    assert (result.code, result.document["verdict"]) == (0, "conformant")
    # each counted request reached the target once answered, plus the dropped ones (and the probe)
    dropped = len(server.seen) - result.document["requests"]["total"] - 1
    assert dropped > 10, dropped


@pytest.mark.parametrize("mode", ["never-answers-anything", "resets-everything"])
def test_a_target_broken_from_the_start_is_exit_2_with_one_line(mode: str, tmp_path: Path) -> None:
    """The real CLI, as a separate process: what reaches the terminal is one line."""
    with hostile(MODES[mode], real_clock=True) as server:
        result = run_process(server, tmp_path)
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("plane-conformance run: error: target unreachable: GET ")
    assert not result.report_dir.exists()
