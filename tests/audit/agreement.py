"""The audit of a suite run's traffic, held to the run's verdicts: the fault matrix and the
variations call ``audit_of_run`` on every run they make, so each passive judge is shown to fail
on the traffic of a server that breaks its requirement and to pass on every conformant one.

The traffic is audited twice, as a HAR file (keys written back in, cookies added) and as the
run's own report directory; both must give the same statuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conformance.audit.auditing import audit, read_report, read_traffic
from conformance.evidence import read_log
from tests.audit.har_files import har_entry, write_har
from tests.suite_runs import KEYS

PLACEHOLDERS = {"$PLANE_API_KEY": KEYS[0], "$PLANE_API_KEY_2": KEYS[1]}
# What no recorded traffic shows (README, `audit`): untested in every audit.
NEVER_SHOWN = frozenset({"AUTH-04"})
# The traffic a run records and what each audit may leave untested beyond NEVER_SHOWN on a
# conformant server: HTTP-06 needs the schema unless a body was malformed JSON; PAG-02's page
# of more than 100 work items is cut at the 64 KiB evidence limit.
UNSHOWN_WHEN_CONFORMANT = frozenset({"HTTP-06", "PAG-02"})
# Faults whose breach the recorded traffic does not show, and why.
BLIND = {
    "key-header-case-sensitive": {"AUTH-04": "the header's spelling on the wire"},
    "missing-name-201": {"HTTP-06": "a missing field needs the schema"},
    "bad-priority-accepted": {"HTTP-06": "an invalid value needs the schema"},
    "default-page-1000": {"PAG-02": "the page is cut at 64 KiB before its 101st item"},
}
# Where the audit and the suite's tests weigh one answer differently: the suite reads one
# project member by the first id the members list shows (a user's, which that operation does
# not take), and a target answering 403 for ids it does not know refuses it: the suite leaves
# that 403 to HTTP-05, the audit, which cannot tell the borrowed id from the key's own, fails
# AUTH-03 on it.
# A window that never resets throttles the key past every Reset: the suite then leaves RATE-04
# to RATE-05 (how soon a key still throttled is throttled again says nothing more), the audit
# judges the run's first 429 alone.
APART = {
    "unknown-id-403": {"AUTH-03"},
    "window-never-resets": {"RATE-04"},
}


def statuses(document: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in document["requirements"]}


def audit_of_run(
    document: dict[str, Any], tmp_path: Path, into: Path | None = None
) -> dict[str, Any]:
    """The audit of the run whose report is in ``tmp_path / "report"`` (``document`` its
    compliance.json), from a HAR of its exchanges and from the report directory alike; the HAR
    and the audits' reports go into ``into`` (by default ``tmp_path``)."""
    report, into = tmp_path / "report", into or tmp_path
    exchanges = [logged.exchange for logged in read_log(report / "exchanges.jsonl")]
    har = write_har(
        into / "traffic.har",
        (har_entry(e, PLACEHOLDERS, cookie="c00k1e-" + "5" * 20) for e in exchanges),
    )
    parameters = document["parameters"]
    from_har = audit(read_traffic(har, PLACEHOLDERS, parameters), into / "audit-har")
    from_report = audit(read_report(report, {}), into / "audit-report")
    assert statuses(from_report) == statuses(from_har)
    return from_har


def differences(
    run: dict[str, Any], audited: dict[str, Any], fault: str = ""
) -> dict[str, tuple[str, str]]:
    """Requirements the audit decided otherwise than the run (untested ones are undecided, and
    so are those the run could not decide: an error, as when a window that never resets leaves
    the run without requests)."""
    ran, seen = statuses(run), statuses(audited)
    return {
        rid: (ran[rid], status)
        for rid, status in seen.items()
        if status != "untested"
        and ran[rid] != "error"
        and status != ran[rid]
        and rid not in APART.get(fault, set())
    }


def missed_by_audit(breaks: tuple[str, ...], audited: dict[str, Any], fault: str) -> dict[str, str]:
    """The fault's requirements the audit did not fail, beyond those its traffic cannot show
    (which must then be untested, never passed)."""
    seen, blind = statuses(audited), BLIND.get(fault, {})
    return {
        rid: seen[rid]
        for rid in breaks
        if seen[rid] != "fail" and not (rid in blind and seen[rid] == "untested")
    }
