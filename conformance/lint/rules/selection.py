"""Rules for ``fields`` and ``expand``: on lists and details (``Kind.LIST`` and ``Kind.DETAIL`` of
``conformance.openapi_ops``), not on ``users/me/``, summaries, searches or plain arrays."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import LintContext, schema_types
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule
from conformance.openapi_ops import Kind, describe, selects_fields

SELECTING = describe(Kind.LIST, Kind.DETAIL)


def _selection_check(context: LintContext, name: str) -> Iterator[Violation]:
    for operation in context.operations:
        if not selects_fields(context.kind(operation)):
            continue
        parameter = context.query_parameter(operation, name)
        if parameter is None:
            yield Violation(operation.pointer, f"{operation.label} has no {name} parameter")
            continue
        schema, pointer = context.resolve_dict(
            parameter.schema, locations.join(parameter.pointer, "schema")
        )
        kinds = schema_types(schema) - {"null"}
        if kinds and not kinds & {"string", "array"}:
            yield Violation(
                pointer,
                f"{operation.label}: {name} is {'/'.join(sorted(kinds))}, "
                "not a comma-separated string",
            )


def check_fields_parameter(context: LintContext) -> Iterator[Violation]:
    """Lists and single-resource GETs take ``fields`` (comma-separated names)."""
    yield from _selection_check(context, "fields")


def check_expand_parameter(context: LintContext) -> Iterator[Violation]:
    """Lists and single-resource GETs take ``expand`` (comma-separated relations)."""
    yield from _selection_check(context, "expand")


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-FLD-01",
        "fields-parameter",
        Severity.ERROR,
        ("FLD-01", "FLD-02"),
        "fields=a,b selects the returned fields on lists and single resources.",
        check_fields_parameter,
        scope=SELECTING,
    ),
    Rule(
        "PLN-FLD-02",
        "expand-parameter",
        Severity.ERROR,
        ("FLD-03", "FLD-04"),
        "expand=a,b returns relations as objects on lists and single resources.",
        check_expand_parameter,
        scope=SELECTING,
    ),
)
