"""A fleet run: every target's child run at once (at most ``parallel`` at a time), one line of
progress each, then a row per target.

Ctrl-C (or SIGTERM) is passed on to every child once: each writes its partial report and
deletes its scratch project, and the fleet still writes fleet.json. A second Ctrl-C is passed on
again (each child then leaves its project and names it).
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from conformance.fleet.child import TargetRun, key_variables
from conformance.fleet.fleet_file import FleetTarget
from conformance.fleet.progress import FleetProgress
from conformance.fleet.rows import COMPLIANCE_JSON, TargetRow, not_run_row, reported_row
from conformance.runner.invocation import sigterm_interrupts

# the exit codes after which a run may have written its report
_REPORTED = frozenset({0, 1, 3, 130})
_TICK_S = 0.25


@dataclass(frozen=True, slots=True)
class FleetOutcome:
    """The rows of a fleet run, in the fleet file's order, and how it went."""

    rows: tuple[TargetRow, ...]
    interrupted: bool
    duration_s: float


def run_fleet(
    targets: Sequence[FleetTarget],
    parallel: int,
    environ: Mapping[str, str],
    stream: TextIO,
    *,
    live: bool | None = None,
) -> FleetOutcome:
    """Run every target; progress on ``stream``. Each run's reports go to its settings'
    ``report_dir``."""
    runs = [TargetRun(target) for target in targets]
    # every key variable of the fleet: each child gets only its own target's
    keys = frozenset().union(*(key_variables(t.settings) for t in targets))
    progress = FleetProgress(stream, runs, live=live)
    slots = threading.BoundedSemaphore(max(1, parallel))
    interrupted = False
    started = time.monotonic()
    started_wall = time.time()
    with tempfile.TemporaryDirectory(prefix="plane-conformance-fleet-") as scratch:
        empty_config = Path(scratch) / "empty.toml"
        empty_config.write_text("", encoding="utf-8")
        workers = [
            threading.Thread(
                target=_work,
                args=(run, slots, environ, empty_config, keys),
                name=f"fleet-{run.name}",
                daemon=True,
            )
            for run in runs
        ]
        progress.start()
        try:
            with sigterm_interrupts():
                interrupted = _start(workers, runs)
                for worker in workers:  # a Ctrl-C asks every run to stop, then waits on
                    while worker.is_alive():
                        try:
                            worker.join(_TICK_S)
                            progress.tick()
                        except KeyboardInterrupt:
                            interrupted = True
                            for run in runs:
                                run.interrupt()
        finally:
            progress.stop()
    if interrupted:
        progress.line("the fleet was interrupted: every run was asked to stop", "yellow")
    rows = tuple(_row(run, started_wall) for run in runs)
    return FleetOutcome(rows=rows, interrupted=interrupted, duration_s=time.monotonic() - started)


def _start(workers: Sequence[threading.Thread], runs: Sequence[TargetRun]) -> bool:
    """Start every worker; True when a Ctrl-C came meanwhile. Every run is then asked to stop
    and the workers not yet started are started all the same: each returns at once, 130, so
    every target still gets its row."""
    try:
        for worker in workers:
            worker.start()
    except KeyboardInterrupt:
        for run in runs:
            run.interrupt()
        for worker in workers:
            if worker.ident is None:
                worker.start()
        return True
    return False


def _work(
    run: TargetRun,
    slots: threading.BoundedSemaphore,
    environ: Mapping[str, str],
    empty_config: Path,
    keys: frozenset[str],
) -> None:
    with slots:
        try:
            run.run(environ, empty_config, keys)
        except OSError as exc:  # the interpreter could not be started: that target only
            run.tail.append(f"cannot start its run: {exc.strerror or exc}")
            run.code, run.state = 2, "done"


def _row(run: TargetRun, fleet_started: float) -> TargetRow:
    """The target's row: its report when its run wrote one (this fleet's, not an earlier one
    left in the directory), else the line that says why not."""
    settings = run.target.settings
    directory = settings.report_dir
    code = 2 if run.code is None else run.code
    path = directory / COMPLIANCE_JSON
    if code in _REPORTED and path.is_file() and path.stat().st_mtime >= fleet_started - 1:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            document = None
        if isinstance(document, dict):
            return reported_row(run.name, directory, document, code, duration_s=run.elapsed_s)
    reason = run.error_line() if code != 130 else "interrupted before its report was written"
    return not_run_row(
        run.name,
        settings.target or "",
        settings.workspace,
        reason,
        exit_code=code,
        duration_s=run.elapsed_s,
    )
