"""What a program that runs the suite in-process hands it as objects rather than options.

``pytest.main(args, plugins=[RunInputs(...)])`` gives the session the API keys (instead of the
key variables of the environment), the network (TLS context and proxy, already resolved), the
clock of the run and whether the target is the embedded reference server. A plain ``pytest`` run
has none of it: keys and network from the environment, the system clock, a target of the user's.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conformance.http import SYSTEM_CLOCK, Clock, Keys, Network


@dataclass(frozen=True, slots=True)
class RunInputs:
    """Found among pytest's registered plugins; it has no hooks."""

    keys: Keys | None = None
    clock: Clock = SYSTEM_CLOCK
    embedded: bool = False
    network: Network | None = None
    # the keys are known to be one user's (the embedded server's generated keys): the run
    # spreads its requests over them without asking users/me/ for each
    one_user: bool = False


def find_inputs(config: pytest.Config) -> RunInputs:
    """The inputs registered with the run, or those of a plain ``pytest`` run."""
    found = [p for p in config.pluginmanager.get_plugins() if isinstance(p, RunInputs)]
    if len(found) > 1:
        raise pytest.UsageError("more than one RunInputs plugin was registered")
    return found[0] if found else RunInputs()
