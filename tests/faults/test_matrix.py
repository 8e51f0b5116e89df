"""The fault matrix: the suite, run against the reference server with each seeded fault, reports
the requirements the fault breaks, and no MUST requirement outside the fault's accepted
consequences; against the clean server, nothing fails.

Each run is the real suite in-process (``pytest.main``) over HTTP, with a 2 s rate-limit window so
the RATE tests' wait for the reset stays short.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.catalogue import load_catalogue
from conformance.reference.config import ServerConfig
from conformance.reference.faults import FAULTS, Fault
from conformance.reference.server import running_server

KEYS = ("plane_api_" + "1" * 32, "plane_api_" + "2" * 32)
WINDOW = 2


def run_suite(
    faults: frozenset[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str
) -> dict[str, Any]:
    """Serve the reference with ``faults``, run the whole suite against it, return the report."""
    monkeypatch.setenv("PLANE_API_KEY", KEYS[0])
    monkeypatch.setenv("PLANE_API_KEY_2", KEYS[1])
    config = ServerConfig(port=0, api_keys=KEYS, rate_window=WINDOW, faults=faults)
    report_dir = tmp_path / "report"
    with running_server(config) as server:
        pytest.main(
            [
                "--pyargs",
                "conformance.suite",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "no:schemathesis",
                "--no-header",
                "-p",
                "no:randomly",
                f"--rootdir={tmp_path}",
                "-c",
                str(tmp_path / "none.ini"),
                "--plane-target",
                server.base_url,
                "--plane-workspace",
                server.workspace,
                "--plane-project",
                server.project_id,
                "--plane-rate-window",
                str(WINDOW),
                "--plane-max-wait",
                "30",
                "--plane-timeout",
                "5",
                "--plane-seed",
                "1",
                "--plane-report-dir",
                str(report_dir),
                *extra,
            ]
        )
    document: dict[str, Any] = json.loads((report_dir / "compliance.json").read_text())
    return document


def failed(document: dict[str, Any]) -> set[str]:
    return {r["id"] for r in document["requirements"] if r["status"] == "fail"}


@pytest.fixture
def empty_ini(tmp_path: Path) -> None:
    """An empty ini file, so the inner run does not read the project's pytest settings."""
    (tmp_path / "none.ini").write_text("[pytest]\n")


MUST = frozenset(r.id for r in load_catalogue() if r.level == "MUST")


@pytest.mark.usefixtures("empty_ini")
def test_clean_server_is_conformant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = run_suite(frozenset(), tmp_path, monkeypatch)
    statuses = {r["id"]: r["status"] for r in document["requirements"]}
    assert {rid: s for rid, s in statuses.items() if s != "pass"} == {}
    assert document["verdict"] == "conformant"


@pytest.mark.usefixtures("empty_ini")
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_caught(fault: Fault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = run_suite(frozenset({fault.name}), tmp_path, monkeypatch)
    seen = failed(document)
    missed = set(fault.breaks) - seen
    unexpected = (seen & MUST) - set(fault.breaks) - set(fault.may_also_break)
    reasons = {r["id"]: r["reason"] for r in document["requirements"] if r["status"] != "pass"}
    assert not missed, f"the suite missed {sorted(missed)}; non-passing: {reasons}"
    assert not unexpected, f"MUST requirements failed beyond the fault: {sorted(unexpected)}"


def test_every_requirement_is_the_expected_failure_of_some_fault() -> None:
    expected = {rid for fault in FAULTS for rid in fault.breaks}
    assert load_catalogue().ids - expected == set()
