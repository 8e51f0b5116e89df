"""Fixtures: a hostile server for one mode, the run against it (in this process on the server's
fake clock, or as a separate process on the real one), and the checks every hostile run must pass
(no traceback, the key nowhere, one-line reasons)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.cli import build_parser
from conformance.reference import ServerConfig
from conformance.reference.app import build_reference
from conformance.runner.command import settings_of
from conformance.runner.execution import execute
from tests.cli_process import start_run
from tests.clock import FakeClock
from tests.hostile.modes import Mode
from tests.hostile.wire import HostileServer, serving
from tests.suite_runs import sampled
from tests.tls_files import PASSPHRASE

# Canary keys: any of these bytes in an output is a leak. The client key's passphrase is in
# every run's environment too (hostile targets speak plain HTTP, so no run reads it: an output
# that shows it printed the environment).
KEYS = ("plane_api_" + "9c1e7a5b" * 4, "plane_api_" + "4d8f2b6e" * 4)
# The documented window for runs in this process (their clock is fake: a window passes at
# once); a short one for the runs on the real clock.
WINDOW = 60
REAL_WINDOW = 2
# Only stops a broken run from hanging the test run; never a measurement.
HANG_GUARD_S = 90.0
# Small bounds, so that a hostile target costs seconds: what the tool's own options are for.
BOUNDED = ("--profile", "smoke", "--timeout", "1", "--seed", "1")  # fmt: skip
# two and a half windows of waiting, in the window of the run's clock
FAKE_CLOCK_BOUNDS = ("--rate-window", str(WINDOW), "--max-wait", str(2.5 * WINDOW))
REAL_CLOCK_BOUNDS = ("--rate-window", str(REAL_WINDOW), "--max-wait", "5")


@contextmanager
def hostile(mode: Mode, *, real_clock: bool = False) -> Iterator[HostileServer]:
    """A hostile server in ``mode`` in front of a fresh reference app with the canary keys; the
    app's clock is fake (a run in this process shares it) unless ``real_clock``."""
    config = ServerConfig(port=0, api_keys=KEYS, rate_window=REAL_WINDOW if real_clock else WINDOW)
    clock = None if real_clock else FakeClock()
    reference = (
        build_reference(config, clock.time) if clock is not None else build_reference(config)
    )
    server = HostileServer(reference, mode.selects, mode.behaviour, config.workspace, clock)
    with serving(server) as running:
        yield running


@dataclass(frozen=True, slots=True)
class RunResult:
    code: int
    stdout: str
    stderr: str
    report_dir: Path
    outputs: tuple[Path, ...]
    elapsed_s: float

    @property
    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads((self.report_dir / "compliance.json").read_text())
        return document

    @property
    def statuses(self) -> dict[str, str]:
        return {r["id"]: r["status"] for r in self.document["requirements"]}

    def reason(self, requirement: str) -> str:
        found = next(r for r in self.document["requirements"] if r["id"] == requirement)
        return str(found.get("reason") or "")

    def not_passed(self) -> dict[str, str]:
        return {rid: status for rid, status in self.statuses.items() if status != "pass"}


def assert_exit_follows_the_verdict(result: RunResult) -> None:
    """Exit 1 exactly when a MUST failed; else 3 when a MUST is undecided; else 0."""
    requirements = result.document["requirements"]
    must = {r["status"] for r in requirements if r["level"] == "MUST"}
    expected = 1 if "fail" in must else 3 if must & {"error", "skip", "untested"} else 0
    verdicts = {0: "conformant", 1: "non-conformant", 3: "incomplete"}
    assert (result.code, result.document["verdict"]) == (expected, verdicts[expected])


def child_environment() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PLANE_")}
    return environ | {
        "PLANE_API_KEY": KEYS[0],
        "PLANE_API_KEY_2": KEYS[1],
        "PLANE_CLIENT_KEY_PASSPHRASE": PASSPHRASE,
    }


def start(tmp_path: Path, args: Sequence[str]) -> subprocess.Popen[bytes]:
    """``plane-conformance run ARGS`` as a user starts it, output into files in ``tmp_path``."""
    return start_run(tmp_path, args, child_environment())


def finish(process: subprocess.Popen[bytes], tmp_path: Path, started: float) -> RunResult:
    try:
        code = process.wait(timeout=HANG_GUARD_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return _result(code, tmp_path, started)


def _result(code: int, tmp_path: Path, started: float) -> RunResult:
    report_dir = tmp_path / "reports"
    outputs = tuple(p for p in report_dir.rglob("*") if p.is_file()) if report_dir.exists() else ()
    return RunResult(
        code=code,
        stdout=(tmp_path / "stdout").read_text(errors="replace"),
        stderr=(tmp_path / "stderr").read_text(errors="replace"),
        report_dir=report_dir,
        outputs=(*outputs, tmp_path / "stdout", tmp_path / "stderr"),
        elapsed_s=time.monotonic() - started,
    )


def target_args(server: HostileServer, tmp_path: Path) -> list[str]:
    return [
        "--target", server.base_url, "--workspace", server.workspace,
        "--project", server.project_id, "--report-dir", str(tmp_path / "reports"),
    ]  # fmt: skip


def run(server: HostileServer, tmp_path: Path, *extra: str, sample: bool = False) -> RunResult:
    """``plane-conformance run`` against ``server`` with small bounds, in this process on the
    server's clock: the options read by the CLI's own parser, what the run shows in ``stderr``.
    The run must reach a verdict (a run that cannot start is ``run_process``'s).

    ``sample``: the run reads a sample of the description (``tests.suite_runs.sampled``, one
    operation of each kind) instead of the target's own, as the fault matrix's runs do: for a
    mode that leaves the description's fetch (sent without a key) alone, taking over HTTP-10's
    undefined path, the issues list or the keyed requests. A mode that takes over every
    request, that fetch among them, keeps the whole description."""
    assert server.clock is not None, "a run in this process needs the server's fake clock"
    started = time.monotonic()
    description = ("--openapi", sampled(ServerConfig(), tmp_path)[1]) if sample else ()
    args = build_parser("run").parse_args(
        ["run", *target_args(server, tmp_path), *BOUNDED, *FAKE_CLOCK_BOUNDS, *description,
         *extra]
    )  # fmt: skip
    settings = settings_of(args, child_environment(), tmp_path)
    shown = io.StringIO()
    code = execute(settings, shown, clock=server.clock, environ=child_environment())
    (tmp_path / "stdout").write_text("")
    (tmp_path / "stderr").write_text(shown.getvalue())
    result = _result(code, tmp_path, started)
    assert_calm(result)
    return result


def run_process(server: HostileServer, tmp_path: Path, *extra: str) -> RunResult:
    """The real CLI against ``server`` with small bounds, as a separate process on the real
    clock; waits for it to end."""
    started = time.monotonic()
    process = start(
        tmp_path, [*target_args(server, tmp_path), *BOUNDED, *REAL_CLOCK_BOUNDS, *extra]
    )
    result = finish(process, tmp_path, started)
    assert_calm(result)
    return result


def assert_calm(result: RunResult) -> None:
    """What every hostile run owes: no traceback, no key anywhere it wrote, and a one-line
    reason for every requirement it did not pass."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
    for path in result.outputs:
        content = path.read_bytes()
        for key in KEYS:
            assert key.encode() not in content, f"a key leaked into {path.name}"
            assert key.removeprefix("plane_api_").encode() not in content, f"leak: {path.name}"
        assert PASSPHRASE.encode() not in content, f"the passphrase leaked into {path.name}"
    if (result.report_dir / "compliance.json").exists():
        for requirement in result.document["requirements"]:
            if requirement["status"] in ("fail", "error"):
                reason = str(requirement.get("reason") or "")
                assert reason.strip(), f"{requirement['id']} has no reason"
                assert "\n" not in reason.strip(), f"{requirement['id']}: {reason!r}"
