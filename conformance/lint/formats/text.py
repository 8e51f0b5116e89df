"""Plain text: one line per finding (file:line, severity, rule, pointer, message), then totals."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.lint.findings import Finding, LintReport, Severity
from conformance.lint.rule import Rule


def format_finding(file: str, finding: Finding) -> str:
    where = f"{file}:{finding.line}" if finding.line is not None else file
    requirements = ", ".join(finding.requirements) or "-"
    return (
        f"{where}: {finding.severity.value} {finding.rule} at {finding.pointer}: "
        f"{finding.message} [{requirements}]"
    )


def summary(report: LintReport) -> str:
    counts = ", ".join(
        f"{report.count(severity)} {severity.value}"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    line = f"{report.file}: {counts} ({report.rules_run} rules"
    if report.suppressed:
        line += f"; {report.suppressed} suppressed"
    line += ")"
    if report.strict:
        line += f"\n{report.file}: --strict ignored {report.suppressions_ignored} suppressions"
    return line


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    lines: list[str] = []
    for report in reports:
        lines.extend(format_finding(report.file, finding) for finding in report.findings)
        lines.append(summary(report))
    return "\n".join(lines) + "\n"
