"""What the person at the terminal sees: the runner's progress sink.

Progress on stderr: on a terminal a live status line (area, requests so far, a countdown while a
rate-limit window runs out); elsewhere (CI logs) plain lines. The result on stdout: the same
summary at the end either way (verdict, counts, the gate's waivers and baseline, report paths).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import pytest
from rich.console import Console
from rich.live import Live
from rich.text import Text

from conformance.http import StatsSnapshot
from conformance.plugin.progress import Estimate
from conformance.plugin.progress import duration as _duration
from conformance.report.selection import NOT_SELECTED, partial_text
from conformance.runner.live_line import LiveLine

VERDICT_WORDS = {
    "conformant": ("conformant: every MUST requirement passed", "bold green"),
    "non-conformant": ("non-conformant: a MUST requirement failed", "bold red"),
    "incomplete": ("incomplete: no MUST requirement failed, but not all were verified", "yellow"),
}
LISTED_STATUSES = ("fail", "error")


class RunDisplay:
    """The ProgressSink of ``plane-conformance run`` and a small pytest plugin (it notices
    Ctrl-C and shows collection errors, which the quiet run would otherwise hide)."""

    plane_progress_sink = True

    def __init__(
        self, stream: TextIO, *, live: bool | None = None, results: TextIO | None = None
    ) -> None:
        # live=True forces terminal output (the tests' way of seeing the live line)
        self.console = Console(file=stream, soft_wrap=True, highlight=False, force_terminal=live)
        # the summary: on ``results`` (stdout for the CLI), else on ``stream`` with the progress
        self.results = (
            self.console
            if results is None
            else Console(file=results, soft_wrap=True, highlight=False)
        )
        self.live_enabled = self.console.is_terminal
        self._status = LiveLine()
        self._live: Live | None = None
        self.document: dict[str, Any] | None = None
        self.stats: StatsSnapshot | None = None
        self.interrupted = False

    # before the run (called by the runner) -------------------------------------------------
    def line(self, text: str, style: str = "") -> None:
        """A line of progress or a diagnostic (stderr)."""
        self.console.print(Text(text, style=style))

    def result(self, text: str, style: str = "") -> None:
        """A line of the run's result (stdout)."""
        self.results.print(Text(text, style=style))

    # the ProgressSink protocol -------------------------------------------------------------------
    def started(self, *, tests: int, estimate: Estimate, seed: int) -> None:
        self._status.tests = tests
        self.line(f"{tests} tests; estimate: {estimate.line()}")
        if self.live_enabled:
            self._live = Live(
                self._status, console=self.console, refresh_per_second=4, transient=True
            )
            self._live.start()

    def test_started(
        self, *, nodeid: str, area: str, stats: StatsSnapshot, eta_s: float | None = None
    ) -> None:
        status = self._status
        if area and area != status.area and not self.live_enabled:
            left = f", {_duration(eta_s)} to go" if eta_s is not None else ""
            self.line(
                f"{area}: test {status.tests_done + 1}/{status.tests}, "
                f"{stats.total} requests so far{left}"
            )
        status.test_started(area, stats.total, eta_s)

    def waiting(self, *, seconds: float, reason: str, eta_s: float | None = None) -> None:
        self._status.waiting(seconds, reason, eta_s)
        if not self.live_enabled:
            left = f" ({_duration(eta_s)} to go)" if eta_s is not None else ""
            self.line(f"waiting {seconds:.1f} s: {reason}{left}")

    def notice(self, text: str) -> None:
        self.line(text, "yellow")

    def finished(self, *, document: dict[str, Any], stats: StatsSnapshot) -> None:
        self.document = document
        self.stats = stats
        self.stop()

    # pytest hooks ---------------------------------------------------------------------------------
    def pytest_keyboard_interrupt(self) -> None:
        self.interrupted = True

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.stop()
            self.console.print(Text(f"error collecting {report.nodeid}:", style="bold red"))
            self.console.print(Text(report.longreprtext))

    # the end -----------------------------------------------------------------------------------
    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def summary(self, document: dict[str, Any], reports: Sequence[Path]) -> None:
        """Verdict in words, counts, requests, duration, report paths, then one line per
        requirement that failed or errored."""
        words, style = VERDICT_WORDS.get(document["verdict"], (document["verdict"], "bold"))
        partial = partial_text(document)
        if partial is not None:  # a targeted run: the verdict is the selected requirements'
            words = words.replace("every MUST", "every selected MUST") + f"; {partial}"
        if document.get("interrupted"):
            words += " (the run was interrupted)"
        self.result(f"verdict: {words}", style)
        counts = document["summary"]
        shown = [k for k in counts if counts[k] or k != NOT_SELECTED]
        self.result("requirements: " + ", ".join(f"{counts[k]} {k}" for k in shown))
        requests = document["requests"]
        self.result(
            f"requests: {requests['total']} in total, {requests['keyed']} with a valid key, "
            f"{requests['throttled']} throttled, {requests['waited_s']:.1f} s waited"
        )
        per_key = requests.get("per_key") or {}
        if len(per_key) > 1:
            by_key = ", ".join(f"{key} {count}" for key, count in per_key.items())
            self.result(f"requests by key: {by_key}")
        self.result(f"duration: {_duration(document['duration_s'])}")
        certified = document.get("certified_against")
        if certified:
            self.result(f"certified against: {certified_line(certified)}")
        operations = document.get("operations")
        if operations:
            drift = len(document.get("drift", []))
            self.result(
                f"operations exercised: {operations['exercised']} of {operations['declared']}"
                f" ({operations['description']}); documentation drift: {drift} "
                f"finding{'' if drift == 1 else 's'}"
            )
            if operations.get("absent"):
                self.result(
                    f"operations the target lacks: {operations['absent']} of "
                    f"{operations['declared']} declared (404 to a valid key: the operations "
                    "table says why)"
                )
            searched = operations.get("parameters")
            if searched:
                self.result(
                    f"parameters tried: {searched['tried']} of {searched['declared']} declared "
                    f"({searched['requests']} keyed requests of a budget of {searched['budget']})"
                )
        cleanup = document.get("cleanup", {})
        if cleanup and not cleanup.get("ok", True):
            left = ", ".join(cleanup.get("left", ()))
            self.result(f"cleanup incomplete, left on the target: {left}", "bold red")
        for path in reports:
            self.result(f"report: {path}")
        for text, style in gate_lines(document.get("gate") or {}):
            self.result(text, style)
        self._interop(document.get("interop"))
        for requirement in document["requirements"]:
            if requirement["status"] in LISTED_STATUSES:
                reason = str(requirement.get("reason") or "").splitlines()
                waived = requirement.get("waiver") if requirement.get("waived") else None
                waiver = f" (waived until {waived['expires']})" if waived else ""
                self.result(
                    f"{requirement['status'].upper():<5} {requirement['id']:<8} "
                    f"{requirement['level']:<6} {reason[0] if reason else ''}{waiver}",
                    "yellow" if waived or requirement["level"] != "MUST" else "red",
                )

    def _interop(self, interop: dict[str, Any] | None) -> None:
        """One line for Plane's SDK, then one per call it could not complete."""
        if not interop:
            return
        counts = interop["summary"]
        weight = "gated" if interop["gate"] else "advisory"
        self.result(
            f"interop: {interop['client']} {interop['version']}: {counts['ok']} of "
            f"{counts['calls']} calls worked, {counts['failed']} failed, {counts['not_run']} not "
            f"run ({weight})",
            "bold red" if counts["failed"] and interop["gate"] else "",
        )
        for call in interop["calls"]:
            if call["outcome"] == "failed":
                self.result(f"SDK   {call['name']}: {call['message']}", "yellow")


def gate_lines(gate: dict[str, Any]) -> list[tuple[str, str]]:
    """What the waivers and the baseline did to the verdict, one line each (text, style)."""
    lines: list[tuple[str, str]] = []
    waivers = gate.get("waivers")
    if waivers:
        parts = [f"{len(waivers['applied'])} applied{_ids(waivers['applied'])}"]
        for name, words in (
            ("stale", "stale (the requirement passes: remove the waiver)"),
            ("expired", "expired (no longer applied)"),
            ("inapplicable", "not applicable (the requirement did not fail)"),
        ):
            entries = waivers.get(name) or []
            if entries:
                parts.append(f"{len(entries)} {words}{_ids([e['id'] for e in entries])}")
        warn = any(waivers.get(name) for name in ("stale", "expired"))
        text = f"waivers ({waivers['path']}): " + "; ".join(parts)
        lines.append((text, "yellow" if warn else ""))
    baseline = gate.get("baseline")
    if baseline:
        regressions = baseline["regressions"]
        fixes = baseline.get("fixes", ())
        lines.append(
            (
                f"baseline ({baseline['path']}): {len(regressions)} regression"
                f"{'' if len(regressions) == 1 else 's'}{_ids(regressions)}, "
                f"{len(fixes)} fixed{_ids(fixes)}, "
                f"{len(baseline.get('lost', ()))} no longer verified"
                f"{_ids(baseline.get('lost', ()))}; the exit code follows the baseline",
                "bold red" if regressions else "",
            )
        )
    return lines


def _ids(ids: Sequence[str]) -> str:
    return f" ({', '.join(ids)})" if ids else ""


def certified_line(certified: Mapping[str, Any]) -> str:
    """compliance.json's ``certified_against`` in words: which description, its version."""
    what = {
        "target": "the target's own description",
        "openapi": "--openapi",
        "bundled": "the bundled description (the target publishes none)",
    }.get(str(certified.get("source")), str(certified.get("source")))
    named = " ".join(str(certified.get(k) or "") for k in ("title", "version")).strip()
    return f"{what}, {certified.get('location')}" + (f" ({named})" if named else "")
