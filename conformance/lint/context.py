"""A read-only view of an OpenAPI document for rules: operations, parameters, responses.

Everything a rule asks goes through here, resolved through ``$ref`` one target at a time, so
rules stay small and a large document is never copied or dereferenced as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from conformance.lint import locations
from conformance.lint.refs import Resolver
from conformance.openapi_ops import PAGING_PARAMETERS, Body, Kind, body_of, classify, names_one_item

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
API_KEY_HEADER = "x-api-key"
#: The scope of the rules about authenticated operations.
SECURED = "operations secured by the X-API-Key scheme (every alternative of their security)"
MAX_SCHEMA_DEPTH = 16
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Operation:
    """One method on one path, with the pointer of its node."""

    path: str
    method: str
    node: dict[str, Any]
    path_item: dict[str, Any]
    pointer: str

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def on_item(self) -> bool:
        """Whether the path names one resource (its last segment holds a parameter)."""
        return names_one_item(self.path)


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    location: str
    node: dict[str, Any]
    pointer: str

    @property
    def schema(self) -> dict[str, Any]:
        schema = self.node.get("schema")
        return schema if isinstance(schema, dict) else {}


@dataclass(frozen=True, slots=True)
class Response:
    """A documented response: ``pointer`` is its entry, ``target`` where its ``$ref`` led."""

    status: str
    node: dict[str, Any]
    pointer: str
    target: str


class LintContext:
    """The document being linted and the questions rules ask of it."""

    def __init__(self, data: dict[str, Any], resolver: Resolver) -> None:
        self.data = data
        self.resolver = resolver
        self._memo: dict[tuple[str, str], Any] = {}

    def memo(self, kind: str, key: str, compute: Callable[[], T]) -> T:
        """Answer each question once per document: several rules ask the same ones."""
        slot = (kind, key)
        if slot not in self._memo:
            self._memo[slot] = compute()
        answer: T = self._memo[slot]
        return answer

    def resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        if not (isinstance(node, dict) and "$ref" in node):
            return node, pointer
        return self.resolver.resolve(node, pointer)

    def resolve_dict(self, node: Any, pointer: str) -> tuple[dict[str, Any], str]:
        target, where = self.resolve(node, pointer)
        return (target if isinstance(target, dict) else {}), where

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        found: list[Operation] = []
        paths = self.data.get("paths")
        if not isinstance(paths, dict):
            return ()
        for path, raw_item in paths.items():
            if not str(path).startswith("/"):
                continue  # x- extensions live beside the paths
            item_pointer = locations.join("#", "paths", path)
            item, _ = self.resolve_dict(raw_item, item_pointer)
            for method in METHODS:
                node = item.get(method)
                if isinstance(node, dict):
                    found.append(
                        Operation(path, method, node, item, locations.join(item_pointer, method))
                    )
        return tuple(found)

    def parameters(self, operation: Operation) -> dict[tuple[str, str], Parameter]:
        """Path-level then operation-level parameters, keyed by (in, lower-cased name)."""
        return self.memo("parameters", operation.pointer, lambda: self._parameters(operation))

    def _parameters(self, operation: Operation) -> dict[tuple[str, str], Parameter]:
        merged: dict[tuple[str, str], Parameter] = {}
        item_pointer = locations.join("#", "paths", operation.path)
        for owner, owner_pointer in (
            (operation.path_item, item_pointer),
            (operation.node, operation.pointer),
        ):
            raw = owner.get("parameters")
            if not isinstance(raw, list):
                continue
            for index, entry in enumerate(raw):
                entry_pointer = locations.join(owner_pointer, "parameters", index)
                node, _ = self.resolve_dict(entry, entry_pointer)
                name, where = node.get("name"), node.get("in")
                if isinstance(name, str) and isinstance(where, str):
                    merged[(where, name.lower())] = Parameter(name, where, node, entry_pointer)
        return merged

    def query_parameter(self, operation: Operation, name: str) -> Parameter | None:
        return self.parameters(operation).get(("query", name.lower()))

    def responses(self, operation: Operation) -> dict[str, Response]:
        return self.memo("responses", operation.pointer, lambda: self._responses(operation))

    def _responses(self, operation: Operation) -> dict[str, Response]:
        raw = operation.node.get("responses")
        if not isinstance(raw, dict):
            return {}
        found: dict[str, Response] = {}
        for status, entry in raw.items():
            entry_pointer = locations.join(operation.pointer, "responses", status)
            node, target = self.resolve_dict(entry, entry_pointer)
            found[str(status).upper()] = Response(str(status).upper(), node, entry_pointer, target)
        return found

    def success(self, operation: Operation) -> dict[str, Response]:
        return {
            status: response
            for status, response in self.responses(operation).items()
            if status.startswith("2")
        }

    def has_status(self, operation: Operation, status: str) -> bool:
        """Whether the status is documented, exactly or through its ``4XX`` range."""
        responses = self.responses(operation)
        return status in responses or f"{status[0]}XX" in responses

    def headers(self, response: Response) -> dict[str, dict[str, Any]]:
        raw = response.node.get("headers")
        if not isinstance(raw, dict):
            return {}
        resolved: dict[str, dict[str, Any]] = {}
        for name, entry in raw.items():
            node, _ = self.resolve_dict(entry, locations.join(response.target, "headers", name))
            resolved[str(name).lower()] = node
        return resolved

    def json_schema(self, response: Response) -> tuple[dict[str, Any], str] | None:
        """The schema of the response's JSON media type, resolved, with its pointer."""
        content = response.node.get("content")
        if not isinstance(content, dict):
            return None
        for media_type, media in content.items():
            if is_json_media_type(str(media_type)) and isinstance(media, dict):
                pointer = locations.join(response.target, "content", media_type, "schema")
                if "schema" not in media:
                    return None
                return self.resolve_dict(media["schema"], pointer)
        return None

    def object_shape(
        self, schema: dict[str, Any], pointer: str
    ) -> tuple[dict[str, tuple[dict[str, Any], str]], set[str], list[tuple[dict[str, Any], str]]]:
        """Properties and required names of a schema, through ``allOf`` (depth-bounded).

        Returns (properties -> (resolved schema, pointer), required names, the schemas that
        make up the shape with their pointers).
        """
        properties: dict[str, tuple[dict[str, Any], str]] = {}
        required: set[str] = set()
        parts: list[tuple[dict[str, Any], str]] = []
        pending: list[tuple[dict[str, Any], str, int]] = [(schema, pointer, 0)]
        seen: set[int] = set()
        while pending:
            node, where, depth = pending.pop()
            if id(node) in seen or depth > MAX_SCHEMA_DEPTH:
                continue
            seen.add(id(node))
            parts.append((node, where))
            raw_props = node.get("properties")
            if isinstance(raw_props, dict):
                for name, sub in raw_props.items():
                    sub_pointer = locations.join(where, "properties", name)
                    properties.setdefault(str(name), self.resolve_dict(sub, sub_pointer))
            raw_required = node.get("required")
            if isinstance(raw_required, list):
                required.update(str(name) for name in raw_required)
            all_of = node.get("allOf")
            if isinstance(all_of, list):
                for index, sub in enumerate(all_of):
                    resolved, sub_where = self.resolve_dict(
                        sub, locations.join(where, "allOf", index)
                    )
                    pending.append((resolved, sub_where, depth + 1))
        return properties, required, parts

    def kind(self, operation: Operation) -> Kind:
        """List, plain list, detail, singleton or other (``conformance.openapi_ops``)."""
        return self.memo("kind", operation.pointer, lambda: self._kind(operation))

    def _kind(self, operation: Operation) -> Kind:
        return classify(
            operation.method,
            operation.path,
            self.declared_body(operation),
            takes_paging=self.takes_paging(operation),
        )

    def takes_paging(self, operation: Operation) -> bool:
        """Whether the operation declares ``per_page`` or ``cursor``."""
        return any(self.query_parameter(operation, name) for name in PAGING_PARAMETERS)

    def declared_body(self, operation: Operation) -> Body:
        """What the operation's 200 response is declared to carry."""
        ok = self.responses(operation).get("200")
        if ok is None or not self.has_json_content(ok):
            return Body.NONE
        shape = self.json_schema(ok)
        if shape is None:
            return Body.OBJECT  # JSON of an undeclared shape
        properties, _, parts = self.object_shape(*shape)
        declared = next((part.get("type") for part, _ in parts if "type" in part), None)
        return body_of(declared, properties)

    def has_json_content(self, response: Response) -> bool:
        content = response.node.get("content")
        return isinstance(content, dict) and any(
            is_json_media_type(str(media_type)) for media_type in content
        )

    def security_requirements(self, operation: Operation) -> list[Any] | None:
        own = operation.node.get("security")
        if isinstance(own, list):
            return own
        shared = self.data.get("security")
        return shared if isinstance(shared, list) else None

    @cached_property
    def security_schemes(self) -> dict[str, dict[str, Any]]:
        components = self.data.get("components")
        raw = components.get("securitySchemes") if isinstance(components, dict) else None
        if not isinstance(raw, dict):
            return {}
        schemes: dict[str, dict[str, Any]] = {}
        for name, entry in raw.items():
            pointer = locations.join("#", "components", "securitySchemes", name)
            schemes[str(name)] = self.resolve_dict(entry, pointer)[0]
        return schemes

    @cached_property
    def api_key_scheme_names(self) -> frozenset[str]:
        return frozenset(
            name
            for name, scheme in self.security_schemes.items()
            if is_api_key_header_scheme(scheme)
        )

    def is_secured_by_api_key(self, operation: Operation) -> bool:
        """Every alternative of the operation's security needs the X-API-Key scheme."""
        requirements = self.security_requirements(operation)
        if not requirements:
            return False
        return all(
            isinstance(alternative, dict) and bool(self.api_key_scheme_names & set(alternative))
            for alternative in requirements
        )

    def request_body(self, operation: Operation) -> tuple[dict[str, Any], str] | None:
        raw = operation.node.get("requestBody")
        if raw is None:
            return None
        return self.resolve_dict(raw, locations.join(operation.pointer, "requestBody"))


def schema_types(schema: dict[str, Any]) -> set[str]:
    """The types a schema declares (``type`` as a string or a list; 3.0's ``nullable`` adds
    ``null``); entries that are not strings, in a document that breaks the meta-schema, are
    left out rather than trusted."""
    declared = schema.get("type")
    listed = declared if isinstance(declared, list) else [declared]
    types = {kind for kind in listed if isinstance(kind, str)}
    if schema.get("nullable") is True:
        types.add("null")
    return types


def is_json_media_type(media_type: str) -> bool:
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def is_api_key_header_scheme(scheme: dict[str, Any]) -> bool:
    return (
        scheme.get("type") == "apiKey"
        and scheme.get("in") == "header"
        and str(scheme.get("name", "")).lower() == API_KEY_HEADER
    )
