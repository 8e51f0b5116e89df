"""The fault matrix: the suite, run against the reference server with each seeded fault, reports
the requirements the fault breaks, and no requirement, MUST or SHOULD, outside the fault's accepted
consequences; against the clean server, nothing fails.

Each run is the real suite in-process over HTTP (``tests.suite_runs``), on a fake clock shared with
the server: the RATE tests' waits for a reset pass at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.catalogue import load_catalogue
from conformance.reference.config import ServerConfig
from conformance.reference.faults import FAULTS, Fault
from tests.suite_runs import run_suite


def failed(document: dict[str, Any]) -> set[str]:
    return {r["id"] for r in document["requirements"] if r["status"] == "fail"}


def test_clean_server_is_conformant(tmp_path: Path) -> None:
    document = run_suite(ServerConfig(), tmp_path)
    statuses = {r["id"]: r["status"] for r in document["requirements"]}
    assert {rid: s for rid, s in statuses.items() if s != "pass"} == {}
    assert document["verdict"] == "conformant"


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_caught(fault: Fault, tmp_path: Path) -> None:
    document = run_suite(ServerConfig(faults=frozenset({fault.name})), tmp_path)
    seen = failed(document)
    missed = set(fault.breaks) - seen
    unexpected = seen - set(fault.breaks) - set(fault.may_also_break)
    reasons = {r["id"]: r["reason"] for r in document["requirements"] if r["status"] != "pass"}
    assert not missed, f"the suite missed {sorted(missed)}; non-passing: {reasons}"
    # one deviation fails the requirements it breaks, MUST and SHOULD, and no neighbour
    assert not unexpected, f"requirements failed beyond the fault: {sorted(unexpected)}: {reasons}"


def test_every_requirement_is_the_expected_failure_of_some_fault() -> None:
    expected = {rid for fault in FAULTS for rid in fault.breaks}
    assert load_catalogue().ids - expected == set()
