"""SARIF 2.1.0: one run, the rules as reporting descriptors, one result per finding.

Columns count characters (``columnKind`` ``unicodeCodePoints``), as the linter's positions do;
GitHub code scanning reads ``startLine`` and ``startColumn`` from each result's region."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conformance import __version__
from conformance.lint.findings import Finding, LintReport, Severity
from conformance.lint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(file: str) -> str:
    path = Path(file)
    return path.as_uri() if path.is_absolute() else path.as_posix()


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.rationale},
        "fullDescription": {"text": f"{rule.rationale} Applies to {rule.scope}."},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "requirements": list(rule.requirements),
            "tags": ["plane-conformance", *rule.requirements],
        },
    }


def _result(file: str, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
    if finding.line is not None:
        physical["region"] = {"startLine": finding.line}
        if finding.column is not None:
            physical["region"]["startColumn"] = finding.column
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": finding.pointer, "kind": "object"}],
            }
        ],
        "properties": {"requirements": list(finding.requirements), "pointer": finding.pointer},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def document(reports: Sequence[LintReport], rules: Sequence[Rule]) -> dict[str, Any]:
    index = {rule.id: position for position, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plane-conformance",
                        "version": __version__,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": _uri(report.file)}} for report in reports],
                "results": [
                    _result(report.file, finding, index)
                    for report in reports
                    for finding in report.findings
                ],
            }
        ],
    }


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    return json.dumps(document(reports, rules), indent=2) + "\n"
