"""The session's fleet run (``tests.fleet.fleet_runs``), for every test of the fleet part."""

from __future__ import annotations

import pytest

from tests.fleet.fleet_runs import FleetRun, fleet_run


@pytest.fixture
def fleet(tmp_path_factory: pytest.TempPathFactory) -> FleetRun:
    return fleet_run(tmp_path_factory)
