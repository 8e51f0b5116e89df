"""The fleet's progress: one line per target, live on a terminal; in a log, a line as each
target starts and ends."""

from __future__ import annotations

import io
import re

from conformance.fleet.child import TargetRun
from conformance.fleet.fleet_file import FleetTarget
from conformance.fleet.progress import FleetProgress
from conformance.settings import SuiteSettings


def runs() -> list[TargetRun]:
    made = []
    for name in ("alpha", "beta", "gamma"):
        settings = SuiteSettings(target=f"http://{name}.example/api/v1", workspace="w")
        made.append(TargetRun(FleetTarget(name, settings)))
    made[0].state, made[0].started, made[0].line = "running", 0.0, "PAG: test 9/66"
    made[1].state, made[1].code, made[1].started, made[1].ended = "done", 1, 0.0, 12.5
    return made


def test_on_a_terminal_each_target_has_its_line() -> None:
    stream = io.StringIO()
    progress = FleetProgress(stream, runs(), live=True)
    progress.start()
    progress.stop()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())  # colours, cursor moves
    names = ("alpha", "beta", "gamma")
    rows = [line for line in text.splitlines() if line.split() and line.split()[0] in names]
    rows = rows[-3:]  # the last render
    assert [row.split()[0] for row in rows] == list(names)
    assert "PAG: test 9/66" in rows[0]
    assert "non-conformant" in rows[1]
    assert "12.5 s" in rows[1]
    assert "waiting" in rows[2]


def test_in_a_log_a_line_as_each_target_starts_and_ends() -> None:
    stream = io.StringIO()
    shown = runs()
    progress = FleetProgress(stream, shown, live=False)
    progress.start()
    progress.tick()
    progress.tick()  # nothing new: nothing printed twice
    shown[0].state, shown[0].code, shown[0].ended = "done", 0, 3.0
    progress.stop()
    assert stream.getvalue().splitlines() == [
        "alpha: started (http://alpha.example/api/v1)",
        "beta: non-conformant in 12.5 s",
        "alpha: conformant in 3.0 s",
    ]
