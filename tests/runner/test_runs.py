"""Whole runs: the embedded server passes everything; a seeded fault fails its requirement;
--read-only sends only GET."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from conformance.reference import ServerConfig, running_server
from tests.runner.conftest import (
    FAST,
    KEY,
    OTHER_KEY,
    read_document,
    recording_server,
    run_cli,
    statuses,
)

REPORTS = ("compliance.json", "compliance.html", "junit.xml", "pytest-report.html")


def test_embedded_run_is_conformant_and_writes_every_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user's own pytest setup must not reach the run.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --no-such-option\n")
    monkeypatch.setenv("PYTEST_ADDOPTS", "--no-such-option-either")
    report_dir = tmp_path / "reports"
    result = run_cli(capsys, "run", *FAST, "--seed", "7", "--report-dir", str(report_dir))
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
    assert result.out == ""


@pytest.mark.usefixtures("keys_in_env")
def test_a_seeded_fault_makes_the_run_non_conformant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = ServerConfig(
        port=0, api_keys=(KEY, OTHER_KEY), rate_window=2, faults=frozenset({"per-page-clamped"})
    )
    report_dir = tmp_path / "reports"
    with running_server(config) as server:
        result = run_cli(
            capsys, "run", *FAST, "--profile", "smoke", "--target", server.base_url,
            "--workspace", server.workspace, "--report-dir", str(report_dir),
        )  # fmt: skip
    assert result.code == 1, result.err
    document = read_document(report_dir)
    assert document["verdict"] == "non-conformant"
    assert statuses(document)["PAG-04"] == "fail"
    assert "verdict: non-conformant" in result.err
    failed_lines = [line for line in result.err.splitlines() if line.startswith("FAIL")]
    assert any("PAG-04" in line and "MUST" in line for line in failed_lines), result.err


@pytest.mark.usefixtures("keys_in_env")
def test_read_only_sends_only_get(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY), rate_window=2)
    report_dir = tmp_path / "reports"
    with recording_server(config) as server:
        result = run_cli(
            capsys, "run", *FAST, "--profile", "smoke", "--read-only",
            "--target", server.running.base_url, "--workspace", server.running.workspace,
            "--project", server.running.project_id, "--report-dir", str(report_dir),
        )  # fmt: skip
    # tests that write are skipped, so some MUST requirements stay unverified
    assert result.code == 3, result.err
    assert len(server.methods) > 50
    assert set(server.methods) == {"GET"}
    assert "skip" in statuses(read_document(report_dir)).values()
