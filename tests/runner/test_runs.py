"""Whole runs, in-process on a fake clock: the embedded server passes everything; a seeded fault
fails its requirement; --read-only sends only GET. (The full profile against the clean server is
tests/faults' clean run; the real clock is tests/runner/test_process.py's.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from conformance.reference import ServerConfig, running_server
from tests.clock import FakeClock
from tests.runner.conftest import (
    KEY,
    OTHER_KEY,
    read_document,
    recording_server,
    run_on,
    statuses,
)

REPORTS = ("compliance.json", "compliance.html", "junit.xml", "pytest-report.html")


def test_embedded_run_is_conformant_and_writes_every_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user's own pytest setup must not reach the run.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --no-such-option\n")
    monkeypatch.setenv("PYTEST_ADDOPTS", "--no-such-option-either")
    report_dir = tmp_path / "reports"
    result = run_on(FakeClock(), profile="smoke", seed=7, report_dir=str(report_dir))
    assert result.code == 0, result.err
    document = read_document(report_dir)
    assert document["verdict"] == "conformant"
    assert document["target"]["embedded"] is True
    assert document["seed"] == 7
    assert statuses(document) == dict.fromkeys(load_catalogue().ids, "pass")
    for name in REPORTS:
        assert (report_dir / name).is_file(), name
    assert "seed 7 (replay with --seed 7)" in result.err
    assert "verdict: conformant" in result.err
    assert f"report: {report_dir / 'compliance.json'}" in result.err


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_a_seeded_fault_makes_the_run_non_conformant(tmp_path: Path) -> None:
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY), faults=frozenset({"per-page-clamped"}))
    report_dir = tmp_path / "reports"
    with running_server(config, clock=clock.time) as server:
        result = run_on(
            clock, profile="smoke", target=server.base_url, workspace=server.workspace,
            report_dir=str(report_dir),
        )  # fmt: skip
    assert result.code == 1, result.err
    document = read_document(report_dir)
    assert document["verdict"] == "non-conformant"
    assert statuses(document)["PAG-04"] == "fail"
    assert "verdict: non-conformant" in result.err
    failed_lines = [line for line in result.err.splitlines() if line.startswith("FAIL")]
    assert any("PAG-04" in line and "MUST" in line for line in failed_lines), result.err


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_read_only_sends_only_get(tmp_path: Path) -> None:
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY))
    report_dir = tmp_path / "reports"
    with recording_server(config, clock) as server:
        result = run_on(
            clock, profile="smoke", read_only=True, target=server.running.base_url,
            workspace=server.running.workspace, project=server.running.project_id,
            report_dir=str(report_dir),
        )  # fmt: skip
    # tests that write are skipped, so some MUST requirements stay unverified
    assert result.code == 3, result.err
    assert len(server.methods) > 50
    assert set(server.methods) == {"GET"}
    assert "skip" in statuses(read_document(report_dir)).values()
