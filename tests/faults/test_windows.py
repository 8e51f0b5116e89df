"""Against the clean server the verdict does not depend on where the rate-limit windows fall.

On a clock that moves on as the run works (``FakeClock(tick=...)``), 4 s windows roll over in the
middle of the run, the suite's pacing waits for them, and (with these numbers, at the same point
every time) one rolls over while the RATE tests spend what is left of a window. A window stays
longer than spending a whole one takes, so the spending never sees two roll over.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.reference.config import ServerConfig
from tests.clock import FakeClock
from tests.suite_runs import run_suite


@pytest.mark.slow
def test_windows_rolling_over_mid_run_change_nothing(tmp_path: Path) -> None:
    clock = FakeClock(tick=0.01)
    document = run_suite(ServerConfig(rate_window=4), tmp_path, clock=clock)
    statuses = {r["id"]: r["status"] for r in document["requirements"]}
    assert {rid: s for rid, s in statuses.items() if s != "pass"} == {}
    assert document["requests"]["waited_s"] > 0  # the run did wait for windows
