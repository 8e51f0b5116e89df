"""JSON: ``{"findings": [{rule, requirement, severity, path, line, column, message, file}], ...}``,
one entry per finding (lines and columns 1-based; null for a pointer into another file)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from conformance.lint.findings import LintReport, Severity
from conformance.lint.rule import Rule


def document(reports: Sequence[LintReport], fail_severity: Severity) -> dict[str, Any]:
    return {
        "findings": [
            {**finding.to_dict(), "file": report.file}
            for report in reports
            for finding in report.findings
        ],
        "files": [
            {
                "file": report.file,
                "rules_run": report.rules_run,
                "suppressed": report.suppressed,
                "suppressions_ignored": report.suppressions_ignored,
                "failed": bool(report.at_or_above(fail_severity)),
            }
            for report in reports
        ],
        "fail_severity": fail_severity.value,
    }


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    return json.dumps(document(reports, fail_severity), indent=2) + "\n"
