"""Plain text, grouped by rule: what the rule means and which requirement it protects, how many
findings, the first locations (file:line:column, message, pointer) and how many more there are.
The last line per document gives the totals."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.lint.findings import Finding, LintReport, Severity
from conformance.lint.formats.groups import RuleGroup, groups, where
from conformance.lint.rule import Rule


def format_finding(file: str, finding: Finding) -> str:
    """One finding on one line (JUnit's failure text uses it)."""
    requirements = ", ".join(finding.requirements) or "-"
    return (
        f"{where(file, finding)}: {finding.severity.value} {finding.rule} at {finding.pointer}: "
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


def _group_lines(file: str, group: RuleGroup) -> list[str]:
    rule = group.rule
    noun = "finding" if group.count == 1 else "findings"
    lines = [
        f"{rule.id} {rule.name}: {group.count} {rule.severity.value} {noun} "
        f"[{', '.join(rule.requirements) or '-'}]",
        f"  {rule.rationale}",
        f"  Applies to {rule.scope}.",
    ]
    for finding in group.first:
        lines.append(f"  {where(file, finding)}: {finding.message}")
        lines.append(f"    at {finding.pointer}")
    if group.folded:
        lines.append(f"  ... and {len(group.folded)} more (--format json or sarif lists each)")
    return lines


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    lines: list[str] = []
    for report in reports:
        for group in groups(report, rules):
            lines.extend(_group_lines(report.file, group))
            lines.append("")
        lines.append(summary(report))
    return "\n".join(lines) + "\n"
