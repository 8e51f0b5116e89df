"""Findings grouped by rule, as an auditor reads them: the rule, its count, the first few places.

Text, HTML and the summary show one group per rule (errors first, then in catalogue order);
SARIF, JSON and JUnit keep one result per finding and do not use this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conformance.lint.findings import Finding, LintReport, Severity
from conformance.lint.rule import Rule

#: How many locations a group shows before folding the rest away.
FIRST_LOCATIONS = 5


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """One rule and its findings in one document, in document order."""

    rule: Rule
    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def first(self) -> tuple[Finding, ...]:
        return self.findings[: self._shown]

    @property
    def folded(self) -> tuple[Finding, ...]:
        return self.findings[self._shown :]

    @property
    def _shown(self) -> int:
        # folding away a single location saves nothing: show it
        return self.count if self.count == FIRST_LOCATIONS + 1 else FIRST_LOCATIONS


def groups(report: LintReport, rules: Sequence[Rule]) -> list[RuleGroup]:
    """A group per rule that has findings: errors, then warnings, then infos; within a severity,
    the catalogue's order. Findings of a rule not in ``rules`` come last, under their id."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    ordered = [rule for rule in rules if rule.id in by_rule]
    ordered.sort(key=lambda rule: -rule.severity.rank)
    return [RuleGroup(rule, tuple(by_rule[rule.id])) for rule in ordered]


def totals(report: LintReport) -> str:
    """``1174 findings (1138 error, 36 warning, 0 info)``."""
    counts = ", ".join(
        f"{report.count(severity)} {severity.value}"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return f"{len(report.findings)} findings ({counts})"


def where(file: str, finding: Finding) -> str:
    """``file:line:column``, or less when the finding has no position."""
    if finding.line is None:
        return file
    if finding.column is None:
        return f"{file}:{finding.line}"
    return f"{file}:{finding.line}:{finding.column}"
