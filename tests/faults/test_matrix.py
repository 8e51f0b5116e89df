"""The fault matrix: the suite, run against the reference server with each seeded fault, reports
the requirements the fault breaks, and no requirement, MUST or SHOULD, outside the fault's accepted
consequences; against the clean server, nothing fails. The audit of each run's traffic
(``tests.audit.agreement``) fails what the fault breaks wherever the traffic shows it, and
decides nothing otherwise than the run.

Each run is the real suite in-process over HTTP (``tests.suite_runs``), on a fake clock shared with
the server: the RATE tests' waits for a reset pass at once. The clock moves on a little as the run
works (``TICK`` per reading), as any real one does: a fixed window then shows as fixed (two
answers far enough apart name the same Reset) even when the RATE tests start right after a wait
for one, where a clock that stands still could not tell it from a sliding log. A run is made once
per test session, by whichever test asks for it first (``shared_run``): ``verify``'s tests and the
audit's read some of these runs too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.catalogue import load_catalogue
from conformance.reference.config import ServerConfig
from conformance.reference.faults import FAULTS, Fault
from tests.audit.agreement import (
    BLIND,
    NEVER_SHOWN,
    UNSHOWN_WHEN_CONFORMANT,
    audit_of_run,
    differences,
    missed_by_audit,
)
from tests.suite_runs import MATRIX_TICK as TICK
from tests.suite_runs import read_run, shared_run

# faults that show on operations beyond the sample (the key's user, the members, one sticky or
# invitation): their runs read the server's whole description
WHOLE_DESCRIPTION = frozenset({"fields-ignored-by-some-views"})


def failed(document: dict[str, Any]) -> set[str]:
    return {r["id"] for r in document["requirements"] if r["status"] == "fail"}


def test_clean_server_is_conformant(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = shared_run(tmp_path_factory, ServerConfig(), tick=TICK)
    document = read_run(run)
    statuses = {r["id"]: r["status"] for r in document["requirements"]}
    assert {rid: s for rid, s in statuses.items() if s != "pass"} == {}
    assert document["verdict"] == "conformant"
    audited = audit_of_run(document, run, tmp_path)
    assert differences(document, audited) == {}
    untested = {r["id"] for r in audited["requirements"] if r["status"] == "untested"}
    assert untested <= NEVER_SHOWN | UNSHOWN_WHEN_CONFORMANT


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
@pytest.mark.slow
def test_fault_is_caught(
    fault: Fault, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    config = ServerConfig(faults=frozenset({fault.name}))
    sample = fault.name not in WHOLE_DESCRIPTION
    run = shared_run(tmp_path_factory, config, sample=sample, tick=TICK)
    document = read_run(run)
    seen = failed(document)
    missed = set(fault.breaks) - seen
    unexpected = seen - set(fault.breaks) - set(fault.may_also_break)
    reasons = {r["id"]: r["reason"] for r in document["requirements"] if r["status"] != "pass"}
    assert not missed, f"the suite missed {sorted(missed)}; non-passing: {reasons}"
    # one deviation fails the requirements it breaks, MUST and SHOULD, and no neighbour
    assert not unexpected, f"requirements failed beyond the fault: {sorted(unexpected)}: {reasons}"
    audited = audit_of_run(document, run, tmp_path)
    assert differences(document, audited, (fault.name,)) == {}
    assert missed_by_audit(fault.breaks, audited, fault.name) == {}


def test_every_requirement_is_the_expected_failure_of_some_fault() -> None:
    expected = {rid for fault in FAULTS for rid in fault.breaks}
    assert load_catalogue().ids - expected == set()


def test_every_requirement_the_traffic_can_show_is_failed_by_the_audit_under_some_fault() -> None:
    """Each passive judge is shown to fail: by the fault matrix's audits, except what no
    recorded traffic shows and what only traffic the suite does not record shows (PAG-02's
    cut page: ``tests/audit/test_har.py`` fails it on a page whose first items already pass
    the default)."""
    caught = {rid for f in FAULTS for rid in f.breaks if rid not in BLIND.get(f.name, {})}
    assert load_catalogue().ids - caught == NEVER_SHOWN | {"PAG-02"}
