"""Linting one document: load, check it is OpenAPI, run the rules, locate and filter findings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conformance.lint.context import LintContext
from conformance.lint.findings import Finding, LintReport
from conformance.lint.loading import load_document
from conformance.lint.metaschema import validate_openapi
from conformance.lint.refs import Resolver
from conformance.lint.rule import Rule
from conformance.lint.suppression import IgnoreEntry, Suppressions


def lint_path(
    path: Path,
    *,
    rules: Sequence[Rule] | None = None,
    ignore_entries: Sequence[IgnoreEntry] = (),
    strict: bool = False,
) -> LintReport:
    """Lint the OpenAPI document at ``path``; raises ``SpecError`` when it is not one."""
    if rules is None:
        from conformance.lint.rules import RULES

        rules = RULES
    document = load_document(path)
    validate_openapi(document)
    context = LintContext(document.data, Resolver(document.data, path.parent))
    found: dict[tuple[str, str, str], Finding] = {}
    for rule in rules:
        for violation in rule.check(context):
            key = (rule.id, violation.pointer, violation.message)
            if key not in found:
                found[key] = Finding(
                    rule.id,
                    rule.requirements,
                    rule.severity,
                    violation.pointer,
                    violation.message,
                    document.locator.line_of(violation.pointer),
                )
    suppressions = Suppressions(document.data, tuple(ignore_entries))
    kept = [finding for finding in found.values() if not suppressions.covers(finding)]
    suppressed = len(found) - len(kept)
    if strict:
        kept = list(found.values())
    kept.sort(
        key=lambda finding: (finding.line is None, finding.line or 0, finding.pointer, finding.rule)
    )
    return LintReport(
        file=str(path),
        findings=tuple(kept),
        rules_run=len(rules),
        suppressed=0 if strict else suppressed,
        suppressions_ignored=suppressed if strict else 0,
        strict=strict,
    )
