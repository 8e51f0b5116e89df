"""The audit of a suite run's traffic, held to the run's verdicts: the fault matrix and the
variations call ``audit_of_run`` on every run they make, so each passive judge is shown to fail
on the traffic of a server that breaks its requirement and to pass on every conformant one.

The traffic is audited twice, as a HAR file (keys written back in, cookies added) and as the
run's own report directory; both must give the same statuses.
"""

from __future__ import annotations

from collections.abc import Collection
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
    "missing-field-unnamed": {"HTTP-06": "a missing field needs the schema"},
    "bad-priority-accepted": {"HTTP-06": "an invalid value needs the schema"},
    "default-page-1000": {"PAG-02": "the page is cut at 64 KiB before its 101st item"},
}


# Faults whose breach is in calls the audit cannot read as one, while it decides the
# requirement on the run's other calls (and so passes it): beyond the surface it knows
# (conformance/surface.py: the fixed collections), or in an answer only the run knows to be
# wrong. Gaps of the audit, not disagreements of one judgement.
AUDIT_CANNOT_READ = {
    "fields-ignored-by-some-views": {
        rid: "a sticky and an invitation read with fields and expand: not collections the audit "
        "knows"
        for rid in ("FLD-01", "FLD-02", "FLD-03", "FLD-04")
    },
    "label-patch-409-beside-work-items": {
        "HTTP-03": "a 409 to a PATCH: only the run knows its body took no name already taken"
    },
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
    run: dict[str, Any], audited: dict[str, Any], faults: Collection[str] = ()
) -> dict[str, tuple[str, str]]:
    """Requirements the audit decided otherwise than the run (untested ones are undecided, and
    so are those the run could not decide: an error, as when a window that never resets leaves
    the run without requests). None for any fault or variation, but what ``AUDIT_CANNOT_READ``
    names for ``faults``: what both decide, one shared judgement decides
    (``conformance.judgements``)."""
    ran, seen = statuses(run), statuses(audited)
    beyond = {rid for fault in faults for rid in AUDIT_CANNOT_READ.get(fault, {})}
    return {
        rid: (ran[rid], status)
        for rid, status in seen.items()
        if status != "untested" and ran[rid] != "error" and status != ran[rid] and rid not in beyond
    }


def missed_by_audit(breaks: tuple[str, ...], audited: dict[str, Any], fault: str) -> dict[str, str]:
    """The fault's requirements the audit did not fail, beyond those its traffic cannot show
    (which must then be untested, never passed)."""
    seen, blind = statuses(audited), BLIND.get(fault, {})
    beyond = AUDIT_CANNOT_READ.get(fault, {})
    return {
        rid: seen[rid]
        for rid in breaks
        if seen[rid] != "fail"
        and not (rid in blind and seen[rid] == "untested")
        and rid not in beyond
    }
