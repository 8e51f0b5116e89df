"""connect: the target of a run from its settings, with the keys it was handed or those of the
environment, on the run's clock."""

from __future__ import annotations

import pytest

from conformance.errors import ConfigError
from conformance.http import Keys
from conformance.plugin.connect import connect
from conformance.plugin.inputs import RunInputs
from conformance.settings import SuiteSettings
from tests.clock import FakeClock

TARGET = SuiteSettings(target="http://127.0.0.1:9/api/v1", workspace="w")


def test_handed_keys_win_over_the_environment() -> None:
    clock = FakeClock()
    inputs = RunInputs(keys=Keys(primary="handed"), clock=clock)
    target = connect(TARGET, inputs, {"PLANE_API_KEY": "from-env"}, lambda s, r: None)
    assert (target.keys.primary, target.clock) == ("handed", clock)
    target.client.close()


def test_without_handed_keys_the_environment_gives_them() -> None:
    target = connect(TARGET, RunInputs(), {"PLANE_API_KEY": "from-env"}, lambda s, r: None)
    assert target.keys.primary == "from-env"
    target.client.close()


@pytest.mark.parametrize(
    ("settings", "message"),
    [(SuiteSettings(), "no target"), (TARGET, "PLANE_API_KEY is not set")],
    ids=["no-target", "no-key"],
)
def test_what_cannot_connect_is_a_config_error(settings: SuiteSettings, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        connect(settings, RunInputs(), {}, lambda s, r: None)


def test_wait_until_sleeps_on_the_runs_clock() -> None:
    clock = FakeClock()
    target = connect(TARGET, RunInputs(keys=Keys(primary="k"), clock=clock), {}, lambda s, r: None)
    assert target.wait_until(clock.now + 30, "a window") == 30
    assert clock.sleeps == [30]
    target.client.close()
