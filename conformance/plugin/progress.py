"""How the run reports progress: a sink the runner plugs in, or plain terminal lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import pytest

from conformance.http import StatsSnapshot


@dataclass(frozen=True, slots=True)
class Estimate:
    """What the run expects to spend, said at its start (``conformance.plugin.estimate``)."""

    keyed: int  # requests with a valid key: what the target's rate limit counts
    total: int  # all requests
    seconds: float  # the run's duration, as its report will state it
    floor_s: float  # what the rate limit alone forces

    def line(self) -> str:
        floor = f" (the rate limit alone: {duration(self.floor_s)})" if self.floor_s else ""
        return (
            f"about {self.keyed} keyed requests ({self.total} in all) and "
            f"{duration(self.seconds)}{floor}"
        )


_ESTIMATE_LINE = re.compile(
    r"about (\d+) keyed requests \((\d+) in all\) and (?:(\d+) min (\d+) s|([\d.]+) s)"
)


def read_estimate(output: str) -> tuple[int, int, float] | None:
    """Keyed requests, all requests and seconds, from the first ``Estimate.line()`` in a run's
    output (the benchmarks read what a run announced), or None."""
    found = _ESTIMATE_LINE.search(output)
    if found is None:
        return None
    keyed, total, minutes, rest, seconds = found.groups()
    when = float(seconds) if seconds is not None else int(minutes) * 60 + int(rest)
    return int(keyed), int(total), when


@runtime_checkable
class ProgressSink(Protocol):
    """Implemented by the runner's display; found among pytest's registered plugins.

    ``eta_s`` is the time the run still needs by the running estimate (None before it has one).
    """

    plane_progress_sink: bool

    def started(self, *, tests: int, estimate: Estimate, seed: int) -> None: ...

    def test_started(
        self, *, nodeid: str, area: str, stats: StatsSnapshot, eta_s: float | None = None
    ) -> None: ...

    def waiting(self, *, seconds: float, reason: str, eta_s: float | None = None) -> None: ...

    def finished(self, *, document: dict[str, Any], stats: StatsSnapshot) -> None: ...

    def notice(self, text: str) -> None:
        """A line the person running the suite must see (reports about to be replaced)."""


class TerminalProgress:
    """For plain ``pytest`` runs: the estimate, waits and totals as terminal lines."""

    plane_progress_sink = True

    def __init__(self, config: pytest.Config) -> None:
        self._config = config

    def _line(self, text: str) -> None:
        reporter = self._config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"plane-conformance: {text}")

    def started(self, *, tests: int, estimate: Estimate, seed: int) -> None:
        self._line(f"{tests} tests, {estimate.line()}; seed {seed} (replay with --seed {seed})")

    def test_started(
        self, *, nodeid: str, area: str, stats: StatsSnapshot, eta_s: float | None = None
    ) -> None:
        return None

    def waiting(self, *, seconds: float, reason: str, eta_s: float | None = None) -> None:
        left = f" ({duration(eta_s)} to go)" if eta_s is not None else ""
        self._line(f"waiting {seconds:.1f} s: {reason}{left}")

    def notice(self, text: str) -> None:
        self._line(text)

    def finished(self, *, document: dict[str, Any], stats: StatsSnapshot) -> None:
        self._line(
            f"verdict {document['verdict']}; {stats.total} requests "
            f"({document['requests'].get('keyed', stats.keyed)} with a valid key, "
            f"{stats.throttled} throttled), "
            f"{stats.waited_s:.1f} s waited"
        )


def duration(seconds: float) -> str:
    """``42.0 s`` under a minute, else ``2 min 16 s``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def find_sink(config: pytest.Config) -> ProgressSink:
    for plugin in config.pluginmanager.get_plugins():
        if getattr(plugin, "plane_progress_sink", False) is True and isinstance(
            plugin, ProgressSink
        ):
            return plugin
    return TerminalProgress(config)
