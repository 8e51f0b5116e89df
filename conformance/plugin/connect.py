"""From the settings to the target a run talks to: its keys, its network, its clock, the one HTTP
client and the wait budget they share."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from conformance.errors import ConfigError
from conformance.http import (
    Keys,
    RateWindows,
    Recorder,
    RequestStats,
    Waiter,
    build_client,
    resolve_keys,
    resolve_network,
)
from conformance.plugin.inputs import RunInputs
from conformance.plugin.target import Target
from conformance.settings import SuiteSettings


def connect(
    settings: SuiteSettings,
    inputs: RunInputs,
    environ: Mapping[str, str],
    on_wait: Callable[[float, str], None],
) -> Target:
    """The target of ``settings``; keys and network from ``inputs`` when it has them, else from
    ``environ`` (the key variables; SSL_CERT_FILE, the passphrase, the proxy variables).
    ConfigError for a bad URL, a missing key, a TLS file or proxy that cannot be used."""
    if settings.target is None:
        raise ConfigError("no target: --plane-target is required")
    http = settings.client_settings(settings.target)
    keys = inputs.keys if inputs.keys is not None else resolve_keys(http, environ)
    network = inputs.network if inputs.network is not None else resolve_network(http, environ)
    recorder, stats = Recorder(), RequestStats()
    waiter = Waiter(stats, sleep=inputs.clock.sleep, on_wait=on_wait, max_wait_s=http.max_wait_s)
    windows = RateWindows()
    client = build_client(
        http,
        keys,
        recorder=recorder,
        stats=stats,
        clock=inputs.clock,
        waiter=waiter,
        network=network,
        windows=windows,
    )
    return Target(
        settings,
        keys,
        client,
        recorder,
        stats,
        waiter,
        clock=inputs.clock,
        network=network,
        windows=windows,
    )


# how far a run's keyed requests may pass its estimate (tests/plugin/test_budgets.py holds the
# estimate to within 15%)
ESTIMATE_MARGIN = 1.2


def keys_needed(keys: Keys, keyed: int, limit: int) -> Keys:
    """The first of ``keys`` that carry ``keyed`` requests (with the estimate's margin) within
    one window of ``limit`` each, at least two, so RATE-07 has its second key: the embedded
    server's generated keys are used no further than the run's estimate needs."""
    return keys.first(max(2, math.ceil(keyed * ESTIMATE_MARGIN / max(limit, 1))))
