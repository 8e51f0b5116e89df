"""Rules for methods and status codes: 200/201/204 on success, 400 and 404 documented."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import LintContext, Operation
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule


def _other_successes(context: LintContext, operation: Operation, expected: str) -> list[str]:
    return sorted(status for status in context.success(operation) if status != expected)


def _success_check(context: LintContext, method: str, expected: str) -> Iterator[Violation]:
    for operation in context.operations:
        if operation.method != method:
            continue
        responses = locations.join(operation.pointer, "responses")
        if expected not in context.success(operation):
            yield Violation(responses, f"{operation.label} does not document {expected}")
        others = _other_successes(context, operation, expected)
        if others:
            yield Violation(
                responses,
                f"{operation.label} documents {', '.join(others)} "
                f"besides {expected}; Plane answers {expected}",
            )


def check_get_200(context: LintContext) -> Iterator[Violation]:
    """GET answers 200 (its JSON body is PLN-FMT-01's concern)."""
    for operation in context.operations:
        if operation.method == "get" and "200" not in context.responses(operation):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} does not document 200",
            )


def check_post_201(context: LintContext) -> Iterator[Violation]:
    """POST creates and answers 201 with the created resource, including its id."""
    yield from _success_check(context, "post", "201")
    for operation in context.operations:
        created = context.responses(operation).get("201") if operation.method == "post" else None
        shape = context.json_schema(created) if created else None
        if shape is None:
            continue
        properties, _, _ = context.object_shape(*shape)
        if properties and "id" not in properties:
            yield Violation(shape[1], f"{operation.label}: the 201 body has no 'id' property")


def check_patch_200(context: LintContext) -> Iterator[Violation]:
    """PATCH answers 200 with the updated resource."""
    yield from _success_check(context, "patch", "200")


def check_delete_204(context: LintContext) -> Iterator[Violation]:
    """DELETE answers 204, and a 204 has no body."""
    yield from _success_check(context, "delete", "204")
    for operation in context.operations:
        empty = context.responses(operation).get("204")
        if empty is not None and empty.node.get("content"):
            yield Violation(
                locations.join(empty.target, "content"),
                f"{operation.label}: 204 declares a body; a 204 has none",
            )


def check_not_found_documented(context: LintContext) -> Iterator[Violation]:
    """An operation with path parameters documents 404 for an unknown id."""
    for operation in context.operations:
        has_path_params = any(location == "path" for location, _ in context.parameters(operation))
        if has_path_params and not context.has_status(operation, "404"):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} takes path parameters but does not document 404",
            )


def check_bad_request_documented(context: LintContext) -> Iterator[Violation]:
    """An operation that takes a body or query parameters documents 400."""
    for operation in context.operations:
        takes_input = operation.node.get("requestBody") is not None or any(
            location == "query" for location, _ in context.parameters(operation)
        )
        if takes_input and not context.has_status(operation, "400"):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} takes input but does not document 400",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-HTTP-01",
        "get-200",
        Severity.ERROR,
        ("HTTP-01",),
        "GET on a collection or a resource answers 200 with a JSON body.",
        check_get_200,
    ),
    Rule(
        "PLN-HTTP-02",
        "post-201",
        Severity.ERROR,
        ("HTTP-02",),
        "POST that creates answers 201 with the created resource and its id.",
        check_post_201,
    ),
    Rule(
        "PLN-HTTP-03",
        "patch-200",
        Severity.ERROR,
        ("HTTP-03",),
        "PATCH answers 200 with the updated resource.",
        check_patch_200,
    ),
    Rule(
        "PLN-HTTP-04",
        "delete-204",
        Severity.ERROR,
        ("HTTP-04",),
        "DELETE answers 204 with an empty body.",
        check_delete_204,
    ),
    Rule(
        "PLN-HTTP-05",
        "not-found-documented",
        Severity.ERROR,
        ("HTTP-05",),
        "A well-formed but unknown id in the path gets 404 with a JSON error.",
        check_not_found_documented,
    ),
    Rule(
        "PLN-HTTP-06",
        "bad-request-documented",
        Severity.ERROR,
        ("HTTP-06", "PAG-04", "PAG-11", "FLD-02", "FLD-04"),
        "Invalid bodies and parameters (per_page, cursor, fields, expand) get 400.",
        check_bad_request_documented,
    ),
)
