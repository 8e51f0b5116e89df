"""--interop: Plane's SDK runs after the suite through the run's HTTP layer; its section is
advisory, unless --interop-gate makes a failed call decide the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.cli import main
from conformance.errors import ConfigError
from conformance.interop import sdk
from conformance.reference import ServerConfig
from conformance.settings import SuiteSettings, check_settings
from tests.audit.agreement import audit_of_run, differences
from tests.clock import FakeClock
from tests.suite_runs import MATRIX_TICK, read_run, run_suite, sampled, shared_run

EXTRA_STATS_OBJECT = ServerConfig(variations=frozenset({"extra-stats-object"}))


@pytest.mark.slow
def test_every_call_works_and_counts_in_the_runs_requests(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # the plain run is the audit's (tests/audit/test_equivalence.py); this one adds the SDK
    plain = read_run(shared_run(tmp_path_factory, ServerConfig(), sample=True, tick=MATRIX_TICK))
    (tmp_path / "interop").mkdir()
    sample = sampled(ServerConfig(), tmp_path)
    clock = FakeClock(tick=MATRIX_TICK)
    document = run_suite(
        ServerConfig(), tmp_path / "interop", *sample, "--plane-interop", clock=clock
    )
    interop = document["interop"]
    assert interop["summary"]["ok"] == interop["summary"]["calls"] > 80
    assert (interop["client"], interop["gate"]) == ("plane-sdk", False)
    assert document["verdict"] == plain["verdict"] == "conformant"
    more = document["requests"]["keyed"] - plain["requests"]["keyed"]
    assert more >= interop["summary"]["calls"]
    assert "interop" not in plain
    # the SDK's exchanges are in the evidence too: the report verifies, and its audit (the
    # SDK's calls judged with the suite's) decides nothing otherwise than the run
    assert main(["verify", str(tmp_path / "interop" / "report")]) == 0
    assert differences(document, audit_of_run(document, tmp_path / "interop")) == {}


@pytest.mark.slow
def test_a_failed_call_is_advisory_without_the_gate(tmp_path: Path) -> None:
    document = run_suite(
        EXTRA_STATS_OBJECT, tmp_path, *sampled(EXTRA_STATS_OBJECT, tmp_path), "--plane-interop"
    )
    assert document["verdict"] == "conformant"
    assert document["interop"]["summary"]["failed"] == 15


@pytest.mark.slow
def test_the_gate_makes_a_failed_call_non_conformant(tmp_path: Path) -> None:
    document = run_suite(
        EXTRA_STATS_OBJECT, tmp_path, *sampled(EXTRA_STATS_OBJECT, tmp_path), "--plane-interop-gate"
    )
    assert document["interop"]["gate"] is True
    assert document["verdict"] == "non-conformant"
    failed = [c for c in document["interop"]["calls"] if c["outcome"] == "failed"]
    assert all(c["exchanges"] and c["problem"] == "parse" for c in failed)
    assert all("$PLANE_API_KEY" in c["exchanges"][0]["curl"] for c in failed)


@pytest.mark.slow
def test_a_read_only_run_only_reads_with_the_sdk_too(tmp_path: Path) -> None:
    sample = sampled(ServerConfig(), tmp_path)
    document = run_suite(ServerConfig(), tmp_path, *sample, "--plane-read-only", "--plane-interop")
    calls = document["interop"]["calls"]
    assert calls
    assert all(call["outcome"] == "ok" for call in calls)


def test_without_the_extra_the_settings_say_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sdk, "sdk_version", lambda: None)
    check_settings(SuiteSettings())  # not asked: not needed
    with pytest.raises(ConfigError) as raised:
        check_settings(SuiteSettings(interop_gate=True))
    assert "\n" not in str(raised.value)
    assert "plane-conformance[interop]" in str(raised.value)
