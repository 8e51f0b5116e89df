"""Rules for cursor pagination: the envelope, ``per_page`` and its bounds, the cursor format.

They apply to lists (``Kind.LIST`` of ``conformance.openapi_ops``: a GET on a collection path
declaring the envelope, ``per_page`` or ``cursor``), except ``PLN-PAG-08``, which applies to
details (a GET on an item path) and says they are not pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from conformance.lint import locations
from conformance.lint.context import LintContext, Operation, Parameter, schema_types
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule
from conformance.openapi_ops import ENVELOPE_KEYS, PAGING_PARAMETERS, Body, Kind, describe

LISTS = describe(Kind.LIST)
#: The documented values (the ``parameters`` of ``specs/requirements.yaml``).
PER_PAGE_DEFAULT = 100
PER_PAGE_MAX = 100

_ENVELOPE_TYPES: dict[str, tuple[str, ...]] = {
    "next_cursor": ("string",),
    "prev_cursor": ("string",),
    "next_page_results": ("boolean",),
    "prev_page_results": ("boolean",),
    "count": ("integer",),
    "total_pages": ("integer",),
    "extra_stats": ("object", "null"),
    "results": ("array",),
}
#: A cursor pattern must accept the first set and refuse the second (PAG-06, PAG-11).
_GOOD_CURSORS = ("20:1:0", "20:0:1", "100:12:0", "1:0:0")
_BAD_CURSORS = ("", "abc", "20:1", "20:1:2", "20:-1:0", "a:b:c", "20:1:0:0", "20:1:0x")


def _lists(context: LintContext) -> Iterator[Operation]:
    return (operation for operation in context.operations if context.kind(operation) is Kind.LIST)


def _envelopes(context: LintContext) -> Iterator[tuple[Operation, dict[str, Any], str]]:
    seen: set[str] = set()
    for operation in _lists(context):
        ok = context.responses(operation).get("200")
        shape = context.json_schema(ok) if ok else None
        if shape is not None and shape[1] not in seen:
            seen.add(shape[1])
            yield operation, shape[0], shape[1]


def check_envelope(context: LintContext) -> Iterator[Violation]:
    """A paginated list's 200 body is the envelope: eight required keys of the right types."""
    for operation, schema, pointer in _envelopes(context):
        properties, required, _ = context.object_shape(schema, pointer)
        problems: list[str] = []
        missing = [key for key in ENVELOPE_KEYS if key not in properties]
        if len(missing) == len(ENVELOPE_KEYS):
            yield Violation(
                pointer,
                f"{operation.label} takes per_page or cursor, but its 200 body is not the list "
                "envelope (it declares none of the eight keys)",
            )
            continue
        if missing:
            problems.append("missing " + ", ".join(missing))
        not_required = [key for key in ENVELOPE_KEYS if key in properties and key not in required]
        if not_required:
            problems.append("not required: " + ", ".join(not_required))
        for key, allowed in _ENVELOPE_TYPES.items():
            declared = schema_types(properties[key][0]) if key in properties else set()
            if declared and not declared <= set(allowed):
                problems.append(f"{key} is {'/'.join(sorted(declared))}, not {'/'.join(allowed)}")
        if problems:
            yield Violation(
                pointer,
                f"{operation.label}: the list envelope is incomplete (" + "; ".join(problems) + ")",
            )


def check_envelope_open(context: LintContext) -> Iterator[Violation]:
    """The envelope allows extra keys (the real server adds grouped_by, total_count, ...)."""
    for operation, schema, pointer in _envelopes(context):
        _, _, parts = context.object_shape(schema, pointer)
        for node, part in parts:
            if node.get("additionalProperties") is False:
                yield Violation(
                    locations.join(part, "additionalProperties"),
                    f"{operation.label}: the envelope forbids extra keys",
                )


def _per_page(context: LintContext) -> Iterator[tuple[Operation, Parameter | None]]:
    for operation in _lists(context):
        yield operation, context.query_parameter(operation, "per_page")


def _schema_of(context: LintContext, parameter: Parameter) -> tuple[dict[str, Any], str]:
    return context.resolve_dict(parameter.schema, locations.join(parameter.pointer, "schema"))


def check_per_page_parameter(context: LintContext) -> Iterator[Violation]:
    """Every paginated list takes an integer ``per_page``."""
    for operation, parameter in _per_page(context):
        if parameter is None:
            yield Violation(operation.pointer, f"{operation.label} has no per_page parameter")
            continue
        schema, pointer = _schema_of(context, parameter)
        if "integer" not in schema_types(schema):
            yield Violation(pointer, f"{operation.label}: per_page is not an integer")


def check_per_page_maximum(context: LintContext) -> Iterator[Violation]:
    """``per_page`` declares the documented maximum."""
    return _per_page_problems(context, _documented("maximum", PER_PAGE_MAX))


def check_per_page_minimum(context: LintContext) -> Iterator[Violation]:
    """``per_page`` is a positive integer: minimum 1."""
    return _per_page_problems(context, _minimum_one)


def check_per_page_default(context: LintContext) -> Iterator[Violation]:
    """``per_page`` declares the documented default."""
    return _per_page_problems(context, _documented("default", PER_PAGE_DEFAULT))


def _per_page_problems(
    context: LintContext, problem: Callable[[dict[str, Any]], str | None]
) -> Iterator[Violation]:
    """A violation where ``problem`` finds one in a list's ``per_page`` schema (a list without
    ``per_page`` is ``check_per_page_parameter``'s)."""
    for operation, parameter in _per_page(context):
        if parameter is None:
            continue
        schema, pointer = _schema_of(context, parameter)
        found = problem(schema)
        if found is not None:
            yield Violation(pointer, f"{operation.label}: per_page {found}")


def _documented(keyword: str, value: int) -> Callable[[dict[str, Any]], str | None]:
    """The schema's ``keyword`` is the documented ``value``."""

    def problem(schema: dict[str, Any]) -> str | None:
        declared = schema.get(keyword)
        if declared == value:
            return None
        found = f"no {keyword}" if declared is None else f"{keyword} {declared}"
        return f"has {found}; the documented {keyword} is {value}"

    return problem


def _minimum_one(schema: dict[str, Any]) -> str | None:
    minimum, exclusive = schema.get("minimum"), schema.get("exclusiveMinimum")
    if minimum == 1 or exclusive == 0 or (exclusive is True and minimum == 0):
        return None
    return "does not have minimum 1"


def check_cursor_parameter(context: LintContext) -> Iterator[Violation]:
    """Every paginated list takes a ``cursor`` string whose pattern is value:offset:is_prev."""
    for operation in _lists(context):
        parameter = context.query_parameter(operation, "cursor")
        if parameter is None:
            yield Violation(operation.pointer, f"{operation.label} has no cursor parameter")
            continue
        schema, pointer = _schema_of(context, parameter)
        problem = _cursor_pattern_problem(schema)
        if problem:
            yield Violation(pointer, f"{operation.label}: cursor {problem}")


def _cursor_pattern_problem(schema: dict[str, Any]) -> str | None:
    if "string" not in schema_types(schema):
        return "is not a string"
    pattern = schema.get("pattern")
    if not isinstance(pattern, str):
        return "has no pattern for value:offset:is_prev"
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return f"pattern {pattern!r} does not compile: {exc}"
    refused = [good for good in _GOOD_CURSORS if not compiled.search(good)]
    accepted = [bad for bad in _BAD_CURSORS if compiled.search(bad)]
    if refused or accepted:
        details = [f"refuses {', '.join(map(repr, refused))}"] if refused else []
        details += [f"accepts {', '.join(map(repr, accepted))}"] if accepted else []
        return f"pattern {pattern!r} " + " and ".join(details)
    return None


def check_item_not_paginated(context: LintContext) -> Iterator[Violation]:
    """A GET on one item answers the item, not the list envelope (nor per_page or cursor)."""
    for operation in context.operations:
        if context.kind(operation) is not Kind.DETAIL:
            continue
        if context.declared_body(operation) is not Body.ENVELOPE:
            continue  # per_page alone may page a part of the item (a commit's files)
        paging = [name for name in PAGING_PARAMETERS if context.query_parameter(operation, name)]
        also = f" and takes {' and '.join(paging)}" if paging else ""
        yield Violation(
            operation.pointer,
            f"{operation.label} names one item by its last path parameter, yet declares the "
            f"list envelope as its 200 body{also}; an item is one object, not a page",
        )


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-PAG-01",
        "list-envelope",
        Severity.ERROR,
        ("PAG-01",),
        "Every list returns the documented eight-key envelope.",
        check_envelope,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-02",
        "list-envelope-open",
        Severity.WARNING,
        ("PAG-01",),
        "Plane adds keys to the envelope; a closed schema rejects the real server.",
        check_envelope_open,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-03",
        "per-page-parameter",
        Severity.ERROR,
        ("PAG-03",),
        "Lists take per_page to choose the page size.",
        check_per_page_parameter,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-04",
        "per-page-maximum",
        Severity.ERROR,
        ("PAG-04",),
        f"per_page above {PER_PAGE_MAX} gets 400; the schema must say so.",
        check_per_page_maximum,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-05",
        "per-page-minimum",
        Severity.WARNING,
        ("PAG-05",),
        "per_page must be a positive integer.",
        check_per_page_minimum,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-06",
        "per-page-default",
        Severity.ERROR,
        ("PAG-02",),
        f"Without per_page a page holds at most {PER_PAGE_DEFAULT} items.",
        check_per_page_default,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-07",
        "cursor-parameter",
        Severity.ERROR,
        ("PAG-06", "PAG-11"),
        "Lists take a cursor of the form value:offset:is_prev; malformed cursors get 400.",
        check_cursor_parameter,
        scope=LISTS,
    ),
    Rule(
        "PLN-PAG-08",
        "item-not-paginated",
        Severity.WARNING,
        ("HTTP-01",),
        "GET on one resource answers that resource; a list envelope declared there describes "
        "a page the server does not send.",
        check_item_not_paginated,
        scope=describe(Kind.DETAIL),
    ),
)
