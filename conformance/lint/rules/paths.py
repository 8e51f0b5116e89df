"""Rules for resource-oriented paths: collections and items, nouns, trailing slashes, UUID ids."""

from __future__ import annotations

import re
from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import LintContext
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule

_LITERAL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_VERBS = frozenset(
    {
        "get",
        "list",
        "create",
        "add",
        "update",
        "edit",
        "delete",
        "remove",
        "fetch",
        "set",
        "new",
        "modify",
    }
)
_ID_NAME = re.compile(r"(?:^|_)(?:id|pk)$", re.IGNORECASE)
#: A segment of parameters, alone or joined by literal text: ``{pk}``, ``{project}-{number}``.
_TEMPLATED = re.compile(r"^(?:[a-z0-9._~-]*\{[A-Za-z_][A-Za-z0-9_]*\})+[a-z0-9._~-]*$")
_ITEM_METHODS = ("patch", "delete", "put")


def names_an_id(parameter: str) -> bool:
    """Whether a path parameter names a resource by id: ``id``, ``pk``, ``issue_id`` (not the
    workspace ``slug``)."""
    return bool(_ID_NAME.search(parameter))


def _path_pointer(path: str) -> str:
    return locations.join("#", "paths", path)


def check_method_placement(context: LintContext) -> Iterator[Violation]:
    """POST goes to a collection; PATCH, PUT and DELETE go to one item (a path parameter)."""
    for operation in context.operations:
        segments = [segment for segment in operation.path.split("/") if segment]
        if operation.method == "post" and operation.on_item:
            yield Violation(
                operation.pointer,
                f"{operation.label}: POST on an item path; create on the collection",
            )
        elif (
            operation.method in _ITEM_METHODS
            and not operation.on_item
            and segments
            and segments[-1] not in ("me",)
        ):
            yield Violation(
                operation.pointer,
                f"{operation.label}: {operation.method.upper()} on a path whose last segment "
                f"'{segments[-1]}' names no item; change or delete one item by its id",
            )


def check_segments_are_nouns(context: LintContext) -> Iterator[Violation]:
    """Literal path segments are lower-case kebab-case nouns, not verbs."""
    for path in _paths(context):
        for segment in (segment for segment in path.split("/") if segment):
            if not (_LITERAL.match(segment) or _TEMPLATED.match(segment)):
                yield Violation(
                    _path_pointer(path),
                    f"path segment {segment!r} is neither a lower-case kebab-case name nor "
                    "made of {parameters}",
                )
            elif segment in _VERBS:
                yield Violation(
                    _path_pointer(path),
                    f"path segment {segment!r} is a verb; the method says what is done",
                )


def check_trailing_slash(context: LintContext) -> Iterator[Violation]:
    """Plane's paths end with a slash."""
    for path in _paths(context):
        if not path.endswith("/"):
            yield Violation(_path_pointer(path), f"path {path!r} does not end with '/'")


def check_id_parameters_uuid(context: LintContext) -> Iterator[Violation]:
    """Path parameters naming an id are UUID strings."""
    reported: set[str] = set()
    for operation in context.operations:
        for (location, _), parameter in context.parameters(operation).items():
            if location != "path" or not names_an_id(parameter.name):
                continue
            schema = parameter.schema
            if schema.get("type") == "string" and schema.get("format") == "uuid":
                continue
            schema_pointer = locations.join(parameter.pointer, "schema")
            if "$ref" in schema:
                schema, schema_pointer = context.resolve_dict(schema, schema_pointer)
                if schema.get("type") == "string" and schema.get("format") == "uuid":
                    continue
            if schema_pointer not in reported:
                reported.add(schema_pointer)
                yield Violation(
                    schema_pointer,
                    f"path parameter {parameter.name!r} is not a string of format uuid",
                )


def _paths(context: LintContext) -> list[str]:
    paths = context.data.get("paths")
    if not isinstance(paths, dict):
        return []
    return [str(path) for path in paths if str(path).startswith("/")]


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-PATH-01",
        "method-placement",
        Severity.WARNING,
        ("HTTP-02", "HTTP-03", "HTTP-04"),
        "Resource-oriented URLs: create on the collection, change and delete an item by id.",
        check_method_placement,
        scope="POSTs on item paths; PATCH, PUT and DELETE on paths whose last segment is not a "
        "parameter",
    ),
    Rule(
        "PLN-PATH-02",
        "segments-are-nouns",
        Severity.WARNING,
        ("HTTP-01",),
        "Resource-oriented URLs name collections and resources, never actions.",
        check_segments_are_nouns,
        scope="every path",
    ),
    Rule(
        "PLN-PATH-03",
        "trailing-slash",
        Severity.WARNING,
        ("HTTP-01", "HTTP-10"),
        "Plane's paths end with '/'; a description without it names paths Plane does not define.",
        check_trailing_slash,
        scope="every path",
    ),
    Rule(
        "PLN-PATH-04",
        "id-parameters-uuid",
        Severity.WARNING,
        ("HTTP-05",),
        "Ids are UUIDs; a well-formed unknown id must be describable to get its 404.",
        check_id_parameters_uuid,
        scope="path parameters named id, pk or ..._id",
    ),
)
