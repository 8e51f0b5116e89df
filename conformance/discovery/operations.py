"""What a description declares of one operation, read once into plain values: its kind
(``conformance.openapi_ops``: list, detail, ...), the statuses it declares, its query
parameters (required ones with a value to send, ``per_page`` bounds), the relations it
declares for ``expand`` and the properties of the objects it answers with; of a write, the
properties of its JSON body (``conformance.discovery.requests``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conformance.discovery.requests import BodyField, read_request
from conformance.lint.context import LintContext
from conformance.lint.context import Operation as Declared
from conformance.openapi_ops import Body, Kind

# ``^((state|project)(,(state|project))*)?$``: the alternation names the relations
_ALTERNATION = re.compile(r"\(((?:[A-Za-z_][\w-]*\|)*[A-Za-z_][\w-]*)\)")


@dataclass(frozen=True, slots=True)
class QueryParameter:
    """A query parameter as declared: ``value`` is one to send (an example, the default or the
    first allowed value), ``minimum``/``maximum`` its declared integer bounds; ``type`` and
    ``format`` its schema's (``''`` when it declares none), ``enum`` its allowed values,
    ``pattern`` the pattern its values match, ``examples`` every example it gives, as text."""

    name: str
    required: bool
    value: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    type: str = ""
    format: str = ""
    enum: tuple[str, ...] = ()
    pattern: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Operation:
    """One declared operation (a GET, or a POST, PATCH or DELETE: a write). ``path`` is
    relative to the API base (``workspaces/...``); ``declared_path`` is the key of the
    description's ``paths``; ``request`` the properties of a write's JSON body (None: it
    declares none)."""

    method: str
    path: str
    declared_path: str
    kind: Kind
    body: Body
    statuses: frozenset[str]
    query: tuple[QueryParameter, ...] = ()
    relations: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    # the label of the operation declared before this one exactly as this one is (see
    # ``conformance.discovery.twins``), or None
    twin_of: str | None = None
    request: tuple[BodyField, ...] | None = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    def parameter(self, name: str) -> QueryParameter | None:
        return next((p for p in self.query if p.name == name), None)

    @property
    def required(self) -> tuple[QueryParameter, ...]:
        return tuple(p for p in self.query if p.required)

    @property
    def is_action(self) -> bool:
        """A POST or DELETE whose path ends in a word after an id and that takes no body (or
        one without properties): an action on the item that id names
        (``cycles/{cycle_id}/archive/``), not on a collection."""
        parts = [part for part in self.path.split("/") if part]
        return (
            self.method in ("POST", "DELETE")
            and not self.request
            and len(parts) > 1
            and "{" not in parts[-1]
            and any(part.startswith("{") for part in parts[1:-1])
        )

    def declares(self, status: int) -> bool:
        """Whether ``status`` is declared, exactly, by its range (``4XX``) or by ``default``."""
        return bool({str(status), f"{str(status)[0]}XX", "DEFAULT"} & self.statuses)


def read_operation(context: LintContext, declared: Declared, path: str) -> Operation:
    """The operation ``declared`` (of ``context``'s document) as plain values."""
    nodes = [p.node for (where, _), p in context.parameters(declared).items() if where == "query"]
    expand = next((node for node in nodes if node.get("name") == "expand"), None)
    return Operation(
        method=declared.method.upper(),
        path=path,
        declared_path=declared.path,
        kind=context.kind(declared),
        body=context.declared_body(declared),
        statuses=frozenset(context.responses(declared)),
        query=tuple(_query_parameter(node) for node in nodes),
        relations=_expand_names(expand) if expand is not None else (),
        properties=_item_properties(context, declared),
        request=read_request(context, declared) if declared.method != "get" else None,
    )


def _query_parameter(node: dict[str, Any]) -> QueryParameter:
    schema = node.get("schema") if isinstance(node.get("schema"), dict) else {}
    assert isinstance(schema, dict)
    enum = schema.get("enum")
    kind = schema.get("type")
    return QueryParameter(
        name=str(node.get("name")),
        required=node.get("required") is True,
        value=_a_value(node, schema),
        minimum=_integer(schema.get("minimum")),
        maximum=_integer(schema.get("maximum")),
        type=kind if isinstance(kind, str) else "",
        format=str(schema.get("format") or ""),
        enum=tuple(_text(v) for v in enum if _scalar(v)) if isinstance(enum, list) else (),
        pattern=str(schema.get("pattern") or ""),
        examples=tuple(dict.fromkeys(_text(v) for v in _examples(node, schema) if _scalar(v))),
    )


def _examples(node: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    """The examples a parameter gives: its own, its schema's, the values of ``examples``."""
    found: list[Any] = [node.get("example"), schema.get("example")]
    examples = node.get("examples")
    if isinstance(examples, dict):
        found += [e.get("value") for e in examples.values() if isinstance(e, dict)]
    listed = schema.get("examples")
    if isinstance(listed, list):
        found += listed
    return found


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) and value is not None


def _text(value: Any) -> str:
    """A value as a query string carries it: JSON's ``true``, not Python's ``True``."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _a_value(node: dict[str, Any], schema: dict[str, Any]) -> str | None:
    """A value the description offers for the parameter, as text."""
    candidates: list[Any] = [node.get("example"), schema.get("example")]
    examples = node.get("examples")
    if isinstance(examples, dict):
        candidates += [e.get("value") for e in examples.values() if isinstance(e, dict)]
    candidates.append(schema.get("default"))
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        candidates.append(enum[0])
    for value in candidates:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
    return None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _expand_names(node: dict[str, Any]) -> tuple[str, ...]:
    """The relation names an ``expand`` parameter declares: its enum (of the value or of the
    items), the alternation of its pattern, or the names in its examples."""
    schema = node.get("schema") if isinstance(node.get("schema"), dict) else {}
    assert isinstance(schema, dict)
    items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
    assert isinstance(items, dict)
    names: list[str] = []
    for enum in (schema.get("enum"), items.get("enum")):
        if isinstance(enum, list):
            names += [str(v) for v in enum if isinstance(v, str)]
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and (found := _ALTERNATION.search(pattern)):
        names += found.group(1).split("|")
    examples = node.get("examples")
    values = [node.get("example"), schema.get("example")]
    if isinstance(examples, dict):
        values += [e.get("value") for e in examples.values() if isinstance(e, dict)]
    for value in values:
        if isinstance(value, str):
            names += [part.strip() for part in value.split(",") if part.strip()]
    return tuple(dict.fromkeys(n for n in names if n))


def _item_properties(context: LintContext, declared: Declared) -> tuple[str, ...]:
    """The properties of the objects the 200 answer carries: a page's or an array's items, or
    the object itself."""
    ok = context.responses(declared).get("200")
    shape = context.json_schema(ok) if ok is not None else None
    if shape is None:
        return ()
    schema, pointer = shape
    properties, _, _ = context.object_shape(schema, pointer)
    if "results" in properties:
        schema, pointer = properties["results"]
    if isinstance(schema.get("items"), dict):
        schema, pointer = context.resolve_dict(schema["items"], pointer + "/items")
        properties, _, _ = context.object_shape(schema, pointer)
    return tuple(properties)
