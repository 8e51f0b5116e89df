"""What a description declares of one write operation's JSON request body, read once into plain
values: each property with its type, format, allowed values and whether it is required, and
the properties of an object property one level down (Plane's intake item holds a work item)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.lint.context import LintContext, is_json_media_type
from conformance.lint.context import Operation as Declared

# How deep object properties are read: the body, and the objects it holds.
NESTING = 2


@dataclass(frozen=True, slots=True)
class BodyField:
    """One declared property of a request body. ``type`` is its schema's (``''`` for none,
    ``object`` for a referenced object), ``items_format`` the format of an array's items,
    ``fields`` an object's own properties."""

    name: str
    required: bool
    type: str = ""
    format: str = ""
    enum: tuple[Any, ...] = ()
    max_length: int | None = None
    items_format: str = ""
    fields: tuple[BodyField, ...] = ()


def read_request(context: LintContext, declared: Declared) -> tuple[BodyField, ...] | None:
    """The properties of the JSON body ``declared`` takes, or None when it declares none."""
    found = context.request_body(declared)
    if found is None:
        return None
    body, pointer = found
    content = body.get("content")
    if not isinstance(content, dict):
        return None
    for media, entry in content.items():
        if is_json_media_type(str(media)) and isinstance(entry, dict):
            schema, where = context.resolve_dict(entry.get("schema", {}), pointer + "/schema")
            return _fields(context, schema, where, NESTING)
    return None


def _fields(
    context: LintContext, schema: dict[str, Any], pointer: str, depth: int
) -> tuple[BodyField, ...]:
    properties, required, _ = context.object_shape(schema, pointer)
    return tuple(
        _field(context, name, node, where, name in required, depth)
        for name, (node, where) in properties.items()
    )


def _field(
    context: LintContext,
    name: str,
    node: dict[str, Any],
    pointer: str,
    required: bool,
    depth: int,
) -> BodyField:
    """One property; a schema that only combines others (``allOf``, ``oneOf``) is read through
    its first part that says something."""
    for combined in ("allOf", "oneOf", "anyOf"):
        parts = node.get(combined)
        if not node.get("type") and not node.get("enum") and isinstance(parts, list) and parts:
            first, where = context.resolve_dict(parts[0], f"{pointer}/{combined}/0")
            return _field(context, name, {**node, **first, combined: None}, where, required, depth)
    kind = node.get("type")
    enum = node.get("enum")
    items = node.get("items")
    if isinstance(items, dict):
        items, _ = context.resolve_dict(items, pointer + "/items")
    max_length = node.get("maxLength")
    nested: tuple[BodyField, ...] = ()
    if (kind == "object" or "properties" in node) and depth > 1:
        nested = _fields(context, node, pointer, depth - 1)
        kind = "object"
    return BodyField(
        name=name,
        required=required,
        type=kind if isinstance(kind, str) else "",
        format=str(node.get("format") or ""),
        enum=tuple(v for v in enum if v is not None) if isinstance(enum, list) else (),
        max_length=max_length if isinstance(max_length, int) else None,
        items_format=str(items.get("format") or "") if isinstance(items, dict) else "",
        fields=nested,
    )
