"""Rules for error responses: JSON bodies, one shared error schema, a message in it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from conformance.lint.context import LintContext, Response, schema_types
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule


def _client_errors(context: LintContext) -> Iterator[tuple[str, Response]]:
    for operation in context.operations:
        for status, response in context.responses(operation).items():
            if status.startswith("4"):
                yield operation.label, response


def check_error_bodies_json(context: LintContext) -> Iterator[Violation]:
    """Every documented 4xx has an application/json body with a schema."""
    reported: set[str] = set()
    for label, response in _client_errors(context):
        if response.target in reported or context.json_schema(response) is not None:
            continue
        reported.add(response.target)
        yield Violation(
            response.target, f"{label}: {response.status} has no application/json error schema"
        )


def check_one_error_schema(context: LintContext) -> Iterator[Violation]:
    """All 4xx bodies have one shape: those that differ from the shape most of them use.

    Shapes are compared by content, so two inline copies of one schema are one shape. When no
    shape is used more than every other, there is no shared one, and each body is reported."""
    uses: list[tuple[str, Response, str, str]] = []
    for label, response in _client_errors(context):
        found = context.json_schema(response)
        if found is not None:
            uses.append((label, response, found[1], _shape_key(found[0])))
    counts = Counter(key for *_, key in uses).most_common()
    if len(counts) < 2:
        return
    (common, most), (_, runner_up) = counts[0], counts[1]
    shared = most > runner_up
    first = next(schema for *_, schema, key in uses if key == common)
    reported: set[str] = set()
    for label, response, schema, key in uses:
        if response.target in reported or (shared and key == common):
            continue
        reported.add(response.target)
        if shared:
            message = (
                f"{label}: the {response.status} body {schema} differs from the error shape "
                f"{most} of the {len(uses)} 4xx bodies use (first at {first})"
            )
        else:
            message = (
                f"{label}: the {response.status} body {schema} is one of {len(counts)} error "
                f"shapes among {len(uses)} 4xx bodies, none used more than the others"
            )
        yield Violation(response.target, message)


def _shape_key(schema: dict[str, object]) -> str:
    return json.dumps(schema, sort_keys=True, default=str)


def check_error_message_field(context: LintContext) -> Iterator[Violation]:
    """An error schema requires a string property carrying a human-readable message."""
    checked: set[str] = set()
    for _, response in _client_errors(context):
        shape = context.json_schema(response)
        if shape is None or not shape[0] or shape[1] in checked:
            continue  # no schema, or one that did not resolve (PLN-REF-* reports that)
        checked.add(shape[1])
        properties, required, _ = context.object_shape(*shape)
        messages = [
            name
            for name in sorted(required)
            if "string" in schema_types(properties.get(name, ({}, ""))[0])
        ]
        if not messages:
            yield Violation(
                shape[1],
                "the error schema requires no string property to carry a human-readable message",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-ERR-01",
        "error-bodies-json",
        Severity.ERROR,
        ("AUTH-01", "AUTH-02", "HTTP-05", "HTTP-06", "FMT-01"),
        "Errors are JSON bodies with a message (401, 404, 400 alike).",
        check_error_bodies_json,
        scope="every documented 4xx response",
    ),
    Rule(
        "PLN-ERR-02",
        "one-error-schema",
        Severity.WARNING,
        ("HTTP-09",),
        "Error bodies share one JSON shape.",
        check_one_error_schema,
        scope="every documented 4xx response with a JSON schema",
    ),
    Rule(
        "PLN-ERR-03",
        "error-message-field",
        Severity.WARNING,
        ("HTTP-09",),
        "The shared error shape carries a human-readable message.",
        check_error_message_field,
        scope="every schema of a documented 4xx response",
    ),
)
