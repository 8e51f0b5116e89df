"""How the run reports progress: a sink the runner plugs in, or plain terminal lines."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import pytest

from conformance.http import StatsSnapshot


@runtime_checkable
class ProgressSink(Protocol):
    """Implemented by the runner's display; found among pytest's registered plugins."""

    plane_progress_sink: bool

    def started(self, *, tests: int, estimate: int, estimate_s: float, seed: int) -> None: ...

    def test_started(self, *, nodeid: str, area: str, stats: StatsSnapshot) -> None: ...

    def waiting(self, *, seconds: float, reason: str) -> None: ...

    def finished(self, *, document: dict[str, Any], stats: StatsSnapshot) -> None: ...


class TerminalProgress:
    """For plain ``pytest`` runs: the estimate, waits and totals as terminal lines."""

    plane_progress_sink = True

    def __init__(self, config: pytest.Config) -> None:
        self._config = config

    def _line(self, text: str) -> None:
        reporter = self._config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"plane-conformance: {text}")

    def started(self, *, tests: int, estimate: int, estimate_s: float, seed: int) -> None:
        self._line(
            f"{tests} tests, about {estimate} keyed requests and {estimate_s:.0f} s; "
            f"seed {seed} (replay with --seed {seed})"
        )

    def test_started(self, *, nodeid: str, area: str, stats: StatsSnapshot) -> None:
        return None

    def waiting(self, *, seconds: float, reason: str) -> None:
        self._line(f"waiting {seconds:.1f} s: {reason}")

    def finished(self, *, document: dict[str, Any], stats: StatsSnapshot) -> None:
        self._line(
            f"verdict {document['verdict']}; {stats.total} requests "
            f"({document['requests'].get('keyed', stats.keyed)} with a valid key, "
            f"{stats.throttled} throttled), "
            f"{stats.waited_s:.1f} s waited"
        )


def find_sink(config: pytest.Config) -> ProgressSink:
    for plugin in config.pluginmanager.get_plugins():
        if getattr(plugin, "plane_progress_sink", False) is True and isinstance(
            plugin, ProgressSink
        ):
            return plugin
    return TerminalProgress(config)
