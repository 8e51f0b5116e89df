"""RunInputs: what an in-process caller hands the session as objects, found among the plugins."""

from __future__ import annotations

import pytest

from conformance.http import SYSTEM_CLOCK, Keys
from conformance.plugin.inputs import RunInputs, find_inputs
from tests.clock import FakeClock

pytest_plugins = ["pytester"]


def test_a_plain_pytest_run_has_the_defaults(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig("-p", "no:schemathesis")
    inputs = find_inputs(config)
    assert (inputs.keys, inputs.clock, inputs.embedded) == (None, SYSTEM_CLOCK, False)


def test_the_registered_inputs_are_found(pytester: pytest.Pytester) -> None:
    given = RunInputs(keys=Keys(primary="k1"), clock=FakeClock(), embedded=True)
    config = pytester.parseconfig("-p", "no:schemathesis")
    config.pluginmanager.register(given)
    assert find_inputs(config) is given
    config.pluginmanager.register(RunInputs())
    with pytest.raises(pytest.UsageError, match="more than one"):
        find_inputs(config)


def test_the_keys_never_show_in_the_repr() -> None:
    assert "k1" not in repr(RunInputs(keys=Keys(primary="k1")))
