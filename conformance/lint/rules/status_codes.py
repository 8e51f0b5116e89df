"""Rules for methods and status codes: 200/201/204 on success, 400 and 404 documented.

Scopes: GET, PATCH and DELETE operations by method; POST operations that create (they document
201, or a success body with an ``id``: not actions such as ``archive/`` that answer 204); 404 on
operations with an id in the path (a parameter named ``id``, ``pk`` or ``..._id``, not the
workspace ``slug``); 400 on operations that take a body or query parameters.
"""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import LintContext, Operation
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule
from conformance.lint.rules.paths import names_an_id


def _other_successes(context: LintContext, operation: Operation, expected: str) -> list[str]:
    return sorted(status for status in context.success(operation) if status != expected)


def _success_problem(context: LintContext, operation: Operation, expected: str) -> str | None:
    others = ", ".join(_other_successes(context, operation, expected))
    if expected in context.success(operation):
        return f"documents {others} besides {expected}" if others else None
    if others:
        return f"documents {others}, not {expected}"
    return f"does not document {expected}"


def _success_check(
    context: LintContext, operations: Iterator[Operation], expected: str
) -> Iterator[Violation]:
    for operation in operations:
        problem = _success_problem(context, operation, expected)
        if problem:
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} {problem}",
            )


def _by_method(context: LintContext, method: str) -> Iterator[Operation]:
    return (operation for operation in context.operations if operation.method == method)


def creates(context: LintContext, operation: Operation) -> bool:
    """A POST that creates: it documents 201, or a 2xx JSON body with an ``id`` property."""
    if operation.method != "post":
        return False
    successes = context.success(operation)
    if "201" in successes:
        return True
    for response in successes.values():
        shape = context.json_schema(response)
        if shape is not None and "id" in context.object_shape(*shape)[0]:
            return True
    return False


def check_get_200(context: LintContext) -> Iterator[Violation]:
    """GET answers 200 (its JSON body is PLN-FMT-01's concern)."""
    for operation in context.operations:
        if operation.method == "get" and "200" not in context.responses(operation):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} does not document 200",
            )


def check_post_201(context: LintContext) -> Iterator[Violation]:
    """POST that creates answers 201 with the created resource, including its id."""
    creations = [operation for operation in context.operations if creates(context, operation)]
    yield from _success_check(context, iter(creations), "201")
    for operation in creations:
        created = context.responses(operation).get("201")
        shape = context.json_schema(created) if created else None
        if shape is None:
            continue
        properties, _, _ = context.object_shape(*shape)
        if properties and "id" not in properties:
            yield Violation(shape[1], f"{operation.label}: the 201 body has no 'id' property")


def check_patch_200(context: LintContext) -> Iterator[Violation]:
    """PATCH answers 200 with the updated resource."""
    yield from _success_check(context, _by_method(context, "patch"), "200")


def check_delete_204(context: LintContext) -> Iterator[Violation]:
    """DELETE answers 204, and a 204 has no body."""
    yield from _success_check(context, _by_method(context, "delete"), "204")
    for operation in context.operations:
        empty = context.responses(operation).get("204")
        if empty is not None and empty.node.get("content"):
            yield Violation(
                locations.join(empty.target, "content"),
                f"{operation.label}: 204 declares a body; a 204 has none",
            )


def check_not_found_documented(context: LintContext) -> Iterator[Violation]:
    """An operation with an id in its path documents 404 for an unknown one."""
    for operation in context.operations:
        ids = [
            parameter.name
            for (location, _), parameter in context.parameters(operation).items()
            if location == "path" and names_an_id(parameter.name)
        ]
        if ids and not context.has_status(operation, "404"):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} takes {', '.join(ids)} in its path but does not document 404 "
                "for an unknown one",
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
        scope="every GET",
    ),
    Rule(
        "PLN-HTTP-02",
        "post-201",
        Severity.ERROR,
        ("HTTP-02",),
        "POST that creates answers 201 with the created resource and its id.",
        check_post_201,
        scope="POSTs that create: they document 201, or a 2xx JSON body with an id (not actions "
        "answering 204 or a message)",
    ),
    Rule(
        "PLN-HTTP-03",
        "patch-200",
        Severity.ERROR,
        ("HTTP-03",),
        "PATCH answers 200 with the updated resource.",
        check_patch_200,
        scope="every PATCH",
    ),
    Rule(
        "PLN-HTTP-04",
        "delete-204",
        Severity.ERROR,
        ("HTTP-04",),
        "DELETE answers 204 with an empty body.",
        check_delete_204,
        scope="every DELETE, and every 204 response",
    ),
    Rule(
        "PLN-HTTP-05",
        "not-found-documented",
        Severity.ERROR,
        ("HTTP-05",),
        "A well-formed but unknown id in the path gets 404 with a JSON error.",
        check_not_found_documented,
        scope="operations with an id in the path (a parameter named id, pk or ..._id; not the "
        "workspace slug)",
    ),
    Rule(
        "PLN-HTTP-06",
        "bad-request-documented",
        Severity.ERROR,
        ("HTTP-06", "PAG-04", "PAG-11", "FLD-02", "FLD-04"),
        "Invalid bodies and parameters (per_page, cursor, fields, expand) get 400.",
        check_bad_request_documented,
        scope="operations that take a request body or query parameters",
    ),
)
