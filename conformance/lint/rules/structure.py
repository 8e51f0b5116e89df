"""The rule for the document's structure: it is valid against the OpenAPI meta-schema."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint.context import LintContext
from conformance.lint.findings import Severity, Violation
from conformance.lint.metaschema import openapi_minor_version, structural_errors
from conformance.lint.rule import Rule


def check_openapi_structure(context: LintContext) -> Iterator[Violation]:
    """Every node is what the OpenAPI meta-schema of the declared version allows there."""
    minor = openapi_minor_version(context.data)
    for error in structural_errors(context.data, minor):
        yield Violation(error.pointer, error.message)


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-OAS-01",
        "openapi-structure",
        Severity.ERROR,
        (),
        "A node the OpenAPI meta-schema refuses is read differently by each tool (or not at "
        "all); the other rules read what they can around it.",
        check_openapi_structure,
        scope="the whole document",
    ),
)
