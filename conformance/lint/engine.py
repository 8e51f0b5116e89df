"""Linting one document: load, check it is OpenAPI, run the rules, locate and filter findings.

Only input that cannot be linted at all raises ``SpecError`` (not YAML or JSON, no OpenAPI 3.0
or 3.1 version, a YAML alias bomb). A document that breaks the meta-schema is still linted:
its structural errors are findings of ``PLN-OAS-01`` and every other rule reads what it can.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from conformance.errors import SpecError
from conformance.lint.context import LintContext
from conformance.lint.findings import Finding, LintReport, Violation
from conformance.lint.loading import LoadedDocument, load_document
from conformance.lint.metaschema import openapi_minor_version
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
    return lint_document(
        load_document(path), rules=rules, ignore_entries=ignore_entries, strict=strict
    )


def lint_document(
    document: LoadedDocument,
    *,
    rules: Sequence[Rule] | None = None,
    ignore_entries: Sequence[IgnoreEntry] = (),
    strict: bool = False,
) -> LintReport:
    """Lint a document already read; ``$ref`` to files are resolved beside its path."""
    if rules is None:
        from conformance.lint.rules import RULES

        rules = RULES
    path = document.path
    try:
        openapi_minor_version(document.data)
    except SpecError as exc:
        raise SpecError(f"{path}: not OpenAPI: {exc}") from None
    context = LintContext(document.data, Resolver(document.data, path.parent))
    violations: dict[tuple[str, str, str], tuple[Rule, Violation]] = {}
    for rule in rules:
        for violation in rule.check(context):
            key = (rule.id, violation.pointer, violation.message)
            violations.setdefault(key, (rule, violation))
    found = _locate(document, violations.values())
    suppressions = Suppressions(document.data, tuple(ignore_entries))
    kept = [finding for finding in found if not suppressions.covers(finding)]
    suppressed = len(found) - len(kept)
    if strict:
        kept = found
    kept.sort(key=_document_order)
    return LintReport(
        file=str(path),
        findings=tuple(kept),
        rules_run=len(rules),
        suppressed=0 if strict else suppressed,
        suppressions_ignored=suppressed if strict else 0,
        strict=strict,
    )


def _locate(
    document: LoadedDocument, violations: Iterable[tuple[Rule, Violation]]
) -> list[Finding]:
    """Findings with the line and column of their pointers, looked up in one batch.

    Pointers into another file (a ``$ref`` target beside the document) get no position."""
    pairs = list(violations)
    local = {violation.pointer for _, violation in pairs if violation.pointer.startswith("#")}
    positions = document.locator.positions(local)
    findings: list[Finding] = []
    for rule, violation in pairs:
        position = positions.get(violation.pointer)
        findings.append(
            Finding(
                rule.id,
                rule.requirements,
                rule.severity,
                violation.pointer,
                violation.message,
                position.line if position else None,
                position.column if position else None,
            )
        )
    return findings


def _document_order(finding: Finding) -> tuple[bool, int, int, str, str]:
    return (
        finding.line is None,
        finding.line or 0,
        finding.column or 0,
        finding.pointer,
        finding.rule,
    )
