"""One fleet run, made once per test session and read by the fleet's, merge's and diff's tests:
``plane-conformance fleet`` as a separate process (the real clock, short windows, a few
requirements) over two reference servers on loopback, one with a fault, and a port nothing
listens on. The keys are canaries: no output may hold them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conformance.reference import ServerConfig, running_server
from tests.loopback import closed_port
from tests.shared_folder import shared_folder

KEYS = ("plane_api_" + "7c" * 16, "plane_api_" + "8d" * 16)
HANG_GUARD_S = 180.0  # only stops a broken run from hanging the suite; never a measurement
FAULT = "missing-key-403"  # AUTH-01 fails
WINDOW = 2


@dataclass(frozen=True, slots=True)
class FleetRun:
    folder: Path
    code: int
    out: str
    err: str

    @property
    def reports(self) -> Path:
        return self.folder / "reports"

    def document(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads((self.reports / "fleet.json").read_text())
        return loaded

    def row(self, name: str) -> dict[str, Any]:
        rows: list[dict[str, Any]] = self.document()["targets"]
        [row] = [t for t in rows if t["name"] == name]
        return row


def command(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``plane-conformance NAME ARGS`` as a separate process, with the canary keys."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PLANE_")}
    environ |= {"PLANE_API_KEY": KEYS[0], "PLANE_API_KEY_2": KEYS[1]}
    return subprocess.run(
        [sys.executable, "-m", "conformance", name, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=HANG_GUARD_S,
        check=False,
    )


def fleet_file(good: str, faulty: str, gone: str) -> str:
    return f"""
profile = "smoke"
rate-window = {WINDOW}
workspace = "plane-conformance"
only = ["AUTH-01", "PAG-01"]

[[target]]
name = "good"
target = "{good}"

[[target]]
name = "faulty"
target = "{faulty}"
rate-window = {WINDOW}

[[target]]
name = "gone"
target = "{gone}"
"""


def make_fleet_run(folder: Path) -> None:
    good = ServerConfig(port=0, api_keys=KEYS, rate_window=WINDOW)
    faulty = ServerConfig(port=0, api_keys=KEYS, rate_window=WINDOW, faults=frozenset({FAULT}))
    with running_server(good) as one, running_server(faulty) as two:
        gone = f"http://127.0.0.1:{closed_port()}/api/v1"
        (folder / "fleet.toml").write_text(fleet_file(one.base_url, two.base_url, gone))
        done = command("fleet", "fleet.toml", "--report-dir", "reports", cwd=folder)
    (folder / "result.json").write_text(
        json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr})
    )


def fleet_run(tmp_path_factory: pytest.TempPathFactory) -> FleetRun:
    folder = shared_folder(tmp_path_factory, "fleet-run", make_fleet_run)
    result = json.loads((folder / "result.json").read_text())
    return FleetRun(folder, result["code"], result["out"], result["err"])
