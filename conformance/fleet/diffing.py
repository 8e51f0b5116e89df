"""What changed between two reports (two targets, or one target before and after an upgrade):
requirements whose status changed, operations that appeared or disappeared, documentation drift
findings added or removed.

An operation is there when the report's description declares it (``operations.items``) and the
target did not answer it 404 or 405 (an ``absent`` drift finding, or ``absent`` in the
operations table): so a route an upgrade added appears even when both runs read the same
bundled description. Drift findings are matched by
operation, check and message, with the ids in the message (UUIDs, the run's ``pc`` prefix)
left out of the comparison: two runs never share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.fleet.rows import COMPLIANCE_JSON, read_compliance

ABSENT = "absent"
_IDS = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bpc[0-9a-f]{6}\b", re.I
)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A requirement whose status differs (``waived`` shown after the status)."""

    requirement: str
    level: str
    title: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class DriftFinding:
    operation: str
    check: str
    message: str


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """Everything that differs between the ``old`` and the ``new`` report."""

    old: Mapping[str, Any]
    new: Mapping[str, Any]
    requirements: tuple[StatusChange, ...]
    appeared: tuple[str, ...]
    disappeared: tuple[str, ...]
    operations_compared: bool
    drift_added: tuple[DriftFinding, ...]
    drift_removed: tuple[DriftFinding, ...]

    @property
    def changed(self) -> bool:
        return bool(
            self.requirements
            or self.appeared
            or self.disappeared
            or self.drift_added
            or self.drift_removed
            or self.old["verdict"] != self.new["verdict"]
        )


def read_report(path: Path) -> dict[str, Any]:
    """A report directory's compliance document, or a compliance.json named directly."""
    if path.is_dir():
        return read_compliance(path)
    if not path.exists():
        raise ConfigError(f"{path} does not exist")
    return read_compliance_file(path)


def read_compliance_file(path: Path) -> dict[str, Any]:
    if path.name != COMPLIANCE_JSON:
        raise ConfigError(f"{path} is neither a report directory nor a {COMPLIANCE_JSON}")
    return read_compliance(path.parent)


def diff_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> ReportDiff:
    before = {r["id"]: r for r in old["requirements"]}
    after = {r["id"]: r for r in new["requirements"]}
    changes = []
    for rid in dict.fromkeys([*before, *after]):
        was, now = _status(before.get(rid)), _status(after.get(rid))
        if was != now:
            requirement = after.get(rid) or before[rid]
            changes.append(
                StatusChange(
                    rid, requirement.get("level", ""), requirement.get("title", ""), was, now
                )
            )
    old_ops, new_ops = _operations(old), _operations(new)
    compared = old_ops is not None and new_ops is not None
    old_drift, new_drift = _drift(old), _drift(new)
    return ReportDiff(
        old=old,
        new=new,
        requirements=tuple(changes),
        appeared=tuple(op for op in (new_ops or {}) if compared and op not in (old_ops or {})),
        disappeared=tuple(op for op in (old_ops or {}) if compared and op not in (new_ops or {})),
        operations_compared=compared,
        drift_added=tuple(f for key, f in new_drift.items() if key not in old_drift),
        drift_removed=tuple(f for key, f in old_drift.items() if key not in new_drift),
    )


def _status(requirement: Mapping[str, Any] | None) -> str:
    if requirement is None:
        return "absent"
    status = str(requirement["status"])
    return f"{status} (waived)" if requirement.get("waived") else status


def _operations(document: Mapping[str, Any]) -> dict[str, None] | None:
    """The operations the target has, in the report's order; None when the report has no
    operations table (an audit, an older report)."""
    operations = document.get("operations")
    if not operations:
        return None
    absent = {d["operation"] for d in document.get("drift") or () if d["check"] == ABSENT}
    # the operations table marks what the target lacks too (``absent``; older reports do not)
    absent |= {f"{i['method']} {i['path']}" for i in operations["items"] if i.get("absent")}
    labels = (f"{item['method']} {item['path']}" for item in operations["items"])
    return dict.fromkeys(label for label in labels if label not in absent)


def _drift(document: Mapping[str, Any]) -> dict[tuple[str, str, str], DriftFinding]:
    findings: Iterable[Mapping[str, Any]] = document.get("drift") or ()
    return {
        (f["operation"], f["check"], _IDS.sub("{id}", f["message"])): DriftFinding(
            f["operation"], f["check"], f["message"]
        )
        for f in findings
    }


def diff_json(diff: ReportDiff, old_path: Path, new_path: Path) -> dict[str, Any]:
    """The diff as ``diff --format json`` prints it."""
    return {
        "old": _side(diff.old, old_path),
        "new": _side(diff.new, new_path),
        "changed": diff.changed,
        "requirements": [
            {"id": c.requirement, "level": c.level, "title": c.title, "old": c.old, "new": c.new}
            for c in diff.requirements
        ],
        "operations": {
            "compared": diff.operations_compared,
            "appeared": list(diff.appeared),
            "disappeared": list(diff.disappeared),
        },
        "drift": {
            "added": [_finding(f) for f in diff.drift_added],
            "removed": [_finding(f) for f in diff.drift_removed],
        },
    }


def _side(document: Mapping[str, Any], path: Path) -> dict[str, Any]:
    target = document.get("target") or {}
    return {
        "report": str(path),
        "base_url": target.get("base_url", ""),
        "verdict": document["verdict"],
        "started_at": document.get("started_at", ""),
    }


def _finding(finding: DriftFinding) -> dict[str, str]:
    return {"operation": finding.operation, "check": finding.check, "message": finding.message}


def diff_text(diff: ReportDiff, old_path: Path, new_path: Path) -> list[str]:
    """The diff as lines of text."""
    lines = []
    for word, document, path in (("old", diff.old, old_path), ("new", diff.new, new_path)):
        target = (document.get("target") or {}).get("base_url", "")
        lines.append(
            f"{word}: {path} ({target}, {document.get('started_at', '')}, verdict "
            f"{document['verdict']})"
        )
    if diff.old["verdict"] != diff.new["verdict"]:
        lines.append(f"verdict: {diff.old['verdict']} -> {diff.new['verdict']}")
    lines.append(f"requirements that changed status: {len(diff.requirements)}")
    lines += [
        f"  {c.requirement:<8} {c.level:<6} {c.old} -> {c.new}  {c.title}"
        for c in diff.requirements
    ]
    if diff.operations_compared:
        lines.append(f"operations that appeared: {len(diff.appeared)}")
        lines += [f"  + {label}" for label in diff.appeared]
        lines.append(f"operations that disappeared: {len(diff.disappeared)}")
        lines += [f"  - {label}" for label in diff.disappeared]
    else:
        lines.append("operations: not compared (a report without an operations table)")
    lines.append(f"drift findings added: {len(diff.drift_added)}")
    lines += [f"  + [{f.check}] {f.message}" for f in diff.drift_added]
    lines.append(f"drift findings removed: {len(diff.drift_removed)}")
    lines += [f"  - [{f.check}] {f.message}" for f in diff.drift_removed]
    lines.append("changed" if diff.changed else "no change")
    return lines
