"""The operations table and the documentation drift of compliance.json.

Each operation (GET, POST, PATCH, DELETE) the run's description declares, with the requirements
its test decided on it (read from that test's outcomes) or, when none was decided, why it was
not exercised. An
operation counts as exercised when at least one requirement passed or failed on it. Drift is
listed as found: findings about the description, beside the verdict, never part of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from types import MappingProxyType
from typing import Any

from conformance.report.model import RunInfo, TestOutcome
from conformance.report.selection import NOT_SELECTED

_STATUS = MappingProxyType(
    {"failed": "fail", "error": "error", "passed": "pass", "skipped": "skip"}
)
_RANK = ("fail", "error", "pass", "skip")
DECIDED = frozenset({"pass", "fail"})


def _decided(outcomes: Sequence[TestOutcome]) -> dict[str, dict[str, tuple[str, str]]]:
    """Test node id -> requirement -> (status, reason), the worst status a test gave it."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for outcome in outcomes:
        status = _STATUS[outcome.outcome]
        for rid in outcome.requirements:
            held = found.setdefault(outcome.nodeid, {}).get(rid)
            if held is None or _RANK.index(status) < _RANK.index(held[0]):
                found[outcome.nodeid][rid] = (status, outcome.message)
    return found


def operations_section(run: RunInfo, outcomes: Sequence[TestOutcome]) -> dict[str, Any]:
    """The ``operations`` object of compliance.json."""
    decided = _decided(outcomes)
    items = []
    for record in run.operations:
        statuses = decided.get(record.test, {}) if record.test else {}
        exercised = any(status in DECIDED for status, _ in statuses.values())
        reason = ""
        if record.absent and not exercised:
            reason = f"the target does not have this endpoint: {record.absent}"
        elif not exercised:
            reasons = [why for status, why in statuses.values() if why]
            reason = record.reason or (reasons[0] if reasons else "its test did not run")
            if run.selection is not None and not statuses and not record.reason:
                reason = NOT_SELECTED  # its test did not run, or judged nothing selected
        items.append(
            {
                "method": record.method,
                "path": record.path,
                "kind": record.kind,
                "test": record.test,
                "exercised": exercised,
                "reason": reason,
                "requirements": [
                    {"id": rid, "status": status, "reason": "" if status in DECIDED else why}
                    for rid, (status, why) in statuses.items()
                ],
                "parameters": list(record.parameters),
                "tried": [asdict(value) for value in record.tried],
                "absent": bool(record.absent),
            }
        )
    section: dict[str, Any] = {
        "description": run.description,
        "declared": len(items),
        "exercised": sum(1 for item in items if item["exercised"]),
        "items": items,
        # declared operations the target does not have (each item's ``absent``)
        "absent": sum(1 for record in run.operations if record.absent),
    }
    if run.parameter_search is not None:
        section["parameters"] = {
            **asdict(run.parameter_search),
            "untried": list(run.parameter_search.untried),
        }
    return section


def drift_section(run: RunInfo) -> list[dict[str, Any]]:
    """The ``drift`` list of compliance.json."""
    return [
        {
            "operation": record.operation,
            "check": record.check,
            "message": record.message,
            "exchanges": [asdict(exchange) for exchange in record.exchanges],
        }
        for record in run.drift
    ]
