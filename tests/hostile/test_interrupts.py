"""Ctrl-C or SIGTERM while the run waits on a target that never answers: exit 130, a partial
report marked interrupted, and the scratch project deleted. (Interrupts of a healthy run are
tests/runner/test_process.py's.)"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import HANG_GUARD_S, assert_calm, finish, hostile, start, target_args
from tests.hostile.modes import MODES, project_deleted, undefined_path
from tests.hostile.wire import HostileServer

pytestmark = pytest.mark.slow  # runs as separate processes on the real clock


def wait_for_hung_request(server: HostileServer) -> None:
    deadline = time.monotonic() + HANG_GUARD_S
    while not any(undefined_path(r) for r in server.seen):
        assert time.monotonic() < deadline, "the run never reached the request that hangs"
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupt_during_a_hung_request_still_reports_and_cleans_up(
    signum: signal.Signals, tmp_path: Path
) -> None:
    with hostile(MODES["never-answers"], real_clock=True) as server:
        started = time.monotonic()
        # a deadline far beyond the test: only the signal ends the wait
        process = start(
            tmp_path,
            [
                *target_args(server, tmp_path),
                "--profile",
                "smoke",
                "--timeout",
                "60",
                "--rate-window",
                "2",
                "--seed",
                "1",
            ],
        )
        wait_for_hung_request(server)
        hung_at = len(server.seen)
        process.send_signal(signum)
        result = finish(process, tmp_path, started)
        after = server.seen[hung_at:]
    assert_calm(result)
    assert result.code == 130, result.stderr
    document = result.document
    assert document["interrupted"] is True
    assert "pass" in result.statuses.values()
    assert document["cleanup"] == {"ok": True, "left": []}
    # the cleanup deletes the scratch project and reads it back to see it gone
    assert [r.method for r in after] == ["DELETE", "GET"]
    assert "(the run was interrupted)" in result.stdout  # the verdict: a result


def test_a_second_ctrl_c_during_the_cleanup_leaves_at_once_naming_what_it_left(
    tmp_path: Path,
) -> None:
    """Issue 24: after Ctrl-C the cleanup says what it does ("deleting the scratch project ...;
    Ctrl-C again to leave it"), and a second Ctrl-C there leaves the project, named."""
    with hostile(MODES["never-deletes"], real_clock=True) as server:
        started = time.monotonic()
        args = ["--profile", "smoke", "--timeout", "60", "--rate-window", "2", "--seed", "1"]
        process = start(tmp_path, [*target_args(server, tmp_path), *args])
        deadline = time.monotonic() + HANG_GUARD_S
        while len(server.seen) < 20:  # the scratch project exists, the run is under way
            assert time.monotonic() < deadline, "the run never got under way"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        while not any(project_deleted(r) for r in server.seen):  # that DELETE never answers
            assert time.monotonic() < deadline, "the cleanup never sent its DELETE"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        result = finish(process, tmp_path, started)
    assert_calm(result)
    assert result.code == 130, result.stderr
    assert "; Ctrl-C again to leave it" in result.stderr
    assert "left on the target: the scratch project" in result.stderr
    cleanup = result.document["cleanup"]
    assert cleanup["ok"] is False
    [left] = cleanup["left"]
    assert "left at Ctrl-C, not deleted" in left
    assert f"cleanup incomplete, left on the target: {left}" in result.stdout
