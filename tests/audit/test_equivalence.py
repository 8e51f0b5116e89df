"""A HAR recorded from the reference server under a fault gives, for each requirement the
traffic shows, the verdict ``run`` gave; so does the run's own report directory, audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from conformance.evidence import read_log
from conformance.reference import ServerConfig
from tests.audit.agreement import PLACEHOLDERS, differences, statuses
from tests.audit.har_files import har_entry, write_har
from tests.suite_runs import KEYS, MATRIX_TICK, read_run, shared_run

# The fault matrix audits every fault's run (``tests.audit.agreement``); here the command line
# does it (shared-limit's run is the matrix's own), with the keys named by their variables:
# RATE-07 needs the second one.
FAULTS = ["", "shared-limit"]


def audited(source: Path, out: Path) -> dict[str, Any]:
    code = main(["audit", str(source), "--report-dir", str(out)])
    document: dict[str, Any] = json.loads((out / "compliance.json").read_text())
    assert code == {"conformant": 0, "non-conformant": 1, "incomplete": 3}[document["verdict"]]
    return document


@pytest.mark.parametrize("fault", FAULTS, ids=[f or "clean" for f in FAULTS])
@pytest.mark.slow
def test_a_har_of_a_run_is_judged_as_the_run_judged_it(
    fault: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = ServerConfig(faults=frozenset({fault} - {""}))
    folder = shared_run(tmp_path_factory, config, sample=True, tick=MATRIX_TICK)
    run, report = read_run(folder), folder / "report"
    exchanges = [logged.exchange for logged in read_log(report / "exchanges.jsonl")]
    har = write_har(tmp_path / "traffic.har", (har_entry(e, PLACEHOLDERS) for e in exchanges))
    monkeypatch.setenv("PLANE_API_KEY", KEYS[0])
    monkeypatch.setenv("PLANE_API_KEY_2", KEYS[1])
    from_har = audited(har, tmp_path / "from-har")
    assert differences(run, from_har) == {}
    assert sum(s != "untested" for s in statuses(from_har).values()) >= 40
    failing = {rid for rid, status in statuses(run).items() if status == "fail"}
    assert failing == {rid for rid, status in statuses(from_har).items() if status == "fail"}
    # the run's own exchange log, audited again, judges alike
    from_report = audited(report, tmp_path / "from-report")
    assert statuses(from_report) == statuses(from_har)


@pytest.mark.slow
def test_untested_requirements_say_why(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = shared_run(tmp_path_factory, ServerConfig(), tick=MATRIX_TICK)  # the fault matrix's
    document = audited(run / "report", tmp_path / "audit")
    reasons = {r["id"]: r["reason"] for r in document["requirements"] if r["status"] == "untested"}
    assert reasons["AUTH-04"] == "not shown by the traffic"
    assert set(reasons) <= {"AUTH-04", "HTTP-06", "PAG-02"}  # PAG-02: its page was cut
    assert "schema" in reasons["HTTP-06"]
    assert document["profile"] == "audit"
    assert document["source"]["kind"] == "report"
    assert "no request was sent" in document["notes"][0]
