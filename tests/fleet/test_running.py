"""A Ctrl-C while the fleet starts its workers asks every run to stop and still starts the
rest, so that every target gets its row."""

from __future__ import annotations

import threading
from pathlib import Path

from conformance.fleet import running
from conformance.fleet.child import TargetRun
from conformance.fleet.fleet_file import FleetTarget
from conformance.settings import SuiteSettings


class _InterruptedStart(threading.Thread):
    """A worker whose first start is where the Ctrl-C lands (before it starts)."""

    interrupted = False

    def start(self) -> None:
        if not self.interrupted:
            self.interrupted = True
            raise KeyboardInterrupt
        super().start()


def test_ctrl_c_while_starting_stops_every_run_and_starts_the_rest(tmp_path: Path) -> None:
    targets = [
        FleetTarget(n, SuiteSettings(target=f"http://{n}.example/api/v1", workspace="w"))
        for n in ("alpha", "beta", "gamma")
    ]
    runs = [TargetRun(t) for t in targets]
    slots = threading.BoundedSemaphore(3)
    args: tuple[dict[str, str], Path, frozenset[str]] = ({}, tmp_path / "e.toml", frozenset())
    workers = [
        threading.Thread(target=running._work, args=(runs[0], slots, *args)),
        _InterruptedStart(target=running._work, args=(runs[1], slots, *args)),
        threading.Thread(target=running._work, args=(runs[2], slots, *args)),
    ]
    workers[0].start = lambda: None  # type: ignore[method-assign]  # the first is not run here
    assert running._start(workers, runs) is True
    for worker, run in zip(workers[1:], runs[1:], strict=True):  # the one interrupted too
        worker.join(10)
        assert run.code == 130
        assert run.line == "not started: the fleet was interrupted"
    assert all(r._interrupts == 1 for r in runs)
