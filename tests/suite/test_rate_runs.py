"""RATE-03 and the other RATE requirements are decided in every run: one that starts while its
keys are still busy (a run right after another on the same keys), on short windows, and against
a sliding log; and a run whose keys are one user's spends the first key's window with its own
requests, so the 429 costs one request and the wait for the reset overlaps the run."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance.http import Keys
from conformance.plugin.inputs import RunInputs
from conformance.reference import ServerConfig, running_server
from tests.clock import FakeClock
from tests.suite_runs import KEYS, sampled, suite_on

pytestmark = pytest.mark.slow  # whole runs of the suite, two in a row

RATE_IDS = ("RATE-01", "RATE-02", "RATE-03", "RATE-04", "RATE-05", "RATE-06", "RATE-07")


def _runs(
    config: ServerConfig, tmp_path: Path, count: int, clock: FakeClock
) -> list[dict[str, Any]]:
    """``count`` whole runs one after the other against one server and its clock, with the same
    two keys of one user."""
    config = replace(config, port=0, api_keys=KEYS[:1], shared_keys=KEYS[1:])
    inputs = RunInputs(keys=Keys(primary=KEYS[0], secondary=KEYS[1]), clock=clock)
    documents = []
    with running_server(config, clock=clock.time) as server:
        for number in range(count):
            sample = sampled(config, tmp_path)
            report = suite_on(server, config, tmp_path, inputs, *sample, report=f"report-{number}")
            documents.append(json.loads((report / "compliance.json").read_text()))
    return documents


def _undecided(document: dict[str, Any]) -> dict[str, str]:
    return {
        r["id"]: f"{r['status']}: {r['reason']}"
        for r in document["requirements"]
        if r["id"] in RATE_IDS and r["status"] != "pass"
    }


@pytest.mark.parametrize(
    ("config", "tick"),
    [
        pytest.param(ServerConfig(), 0.01, id="fixed-window"),
        pytest.param(ServerConfig(rate_window=5, rate_limit=20), 0.01, id="5-second-window"),
        pytest.param(ServerConfig(variations=frozenset({"sliding-log"})), 0.01, id="sliding-log"),
    ],
)
def test_two_runs_in_a_row_on_the_same_keys_decide_every_rate_requirement(
    config: ServerConfig, tick: float, tmp_path: Path
) -> None:
    first, second = _runs(config, tmp_path, 2, FakeClock(tick=tick))
    assert _undecided(first) == {}
    assert _undecided(second) == {}  # it started while the first run's windows were busy


def test_the_first_keys_window_is_spent_by_the_runs_own_requests(tmp_path: Path) -> None:
    (document,) = _runs(ServerConfig(rate_limit=20), tmp_path, 1, FakeClock(tick=0.01))
    assert _undecided(document) == {}
    lines = (tmp_path / "report-0" / "exchanges.jsonl").read_text().splitlines()[1:]
    exchanges = [json.loads(line) for line in lines]
    throttled = [e for e in exchanges if e["status"] == 429]
    assert len(throttled) == 1  # the one 429 RATE-04 and RATE-06 need, nothing spent for it
    primary = [
        e
        for e in exchanges
        if ["X-API-Key", "$PLANE_API_KEY"] in e["request_headers"]
        and e["seq"] < throttled[0]["seq"]
    ]
    # every request of the first key before its 429 was one a test needed: no run of GETs on
    # one path spent the window
    paths = [e["url"] for e in primary[-5:]]
    assert len(set(paths)) > 1


def test_four_keys_of_one_user_carry_a_run_in_one_window(tmp_path: Path) -> None:
    """Every key of the user carries requests, the first one first, and the run waits at most
    one window (RATE-05's, for the first key's reset): the others carry on meanwhile."""
    clock = FakeClock(tick=0.01)
    keys = (*KEYS, "plane_api_" + "3" * 32, "plane_api_" + "4" * 32)
    config = ServerConfig(port=0, api_keys=keys[:1], shared_keys=keys[1:])
    more = (("PLANE_API_KEY_3", keys[2]), ("PLANE_API_KEY_4", keys[3]))
    inputs = RunInputs(keys=Keys(primary=keys[0], secondary=keys[1], more=more), clock=clock)
    with running_server(config, clock=clock.time) as server:
        suite_on(server, config, tmp_path, inputs)
    document = json.loads((tmp_path / "report" / "compliance.json").read_text())
    assert document["verdict"] == "conformant"
    per_key = document["requests"]["per_key"]
    assert list(per_key) == [f"$PLANE_API_KEY{s}" for s in ("", "_2", "_3", "_4")]
    assert all(count > 0 for count in per_key.values())
    assert per_key["$PLANE_API_KEY"] >= 60  # its window was spent by the run's own requests
    assert document["requests"]["waited_s"] <= 61
    assert document["operations"]["exercised"] == document["operations"]["declared"]
