"""The summary: one line per rule run (count, severity, rule, name, requirements), under a line
with the document's totals; rules without findings show 0, so the page is the whole picture."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.lint.findings import LintReport, Severity
from conformance.lint.formats.groups import totals
from conformance.lint.rule import Rule


def _rule_line(rule: Rule, count: int) -> str:
    requirements = ", ".join(rule.requirements) or "-"
    return f"{count:>6}  {rule.severity.value:<7}  {rule.id:<11}  {rule.name:<28}  {requirements}"


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    lines: list[str] = []
    for report in reports:
        counts: dict[str, int] = {}
        for finding in report.findings:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        suppressed = f", {report.suppressed} suppressed" if report.suppressed else ""
        lines.append(f"{report.file}: {totals(report)}{suppressed}, {len(rules)} rules")
        lines.extend(_rule_line(rule, counts.get(rule.id, 0)) for rule in rules)
    return "\n".join(lines) + "\n"
