"""The JSON schemas of the OpenAPI description: each kind's record (from its field types), its
page, the bodies its writable fields make (from the parsers), and the few answers and bodies of
a shape of their own. Everything here is derived from ``kinds`` and ``rules``."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from conformance.reference.bodies import PRIORITIES, UUID_SCHEMA, Rule
from conformance.reference.kinds import KINDS, Kind
from conformance.reference.relations import INVERSE
from conformance.reference.rules import RULES

REF = "#/components/schemas/"
_SIMPLE: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "str": {"type": "string"},
        "int": {"type": "integer"},
        "num": {"type": "number"},
        "bool": {"type": "boolean"},
        "date": {"type": "string", "format": "date"},
        "time": {"type": "string", "format": "date-time"},
        "json": {"type": "object"},
        "list": {"type": "array"},
        "uuid": dict(UUID_SCHEMA),
        "uuids": {"type": "array", "items": dict(UUID_SCHEMA)},
    }
)
ENVELOPE_TYPES: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "next_cursor": {"type": "string"},
        "prev_cursor": {"type": "string"},
        "next_page_results": {"type": "boolean"},
        "prev_page_results": {"type": "boolean"},
        "count": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 0},
        "extra_stats": {"type": ["object", "null"]},
        "results": {"type": "array"},
    }
)


def name_of(kind: str) -> str:
    """The schema name of a kind: ``module_issue`` -> ``ModuleIssue``."""
    return "".join(part.capitalize() for part in kind.split("_"))


def ref(name: str) -> dict[str, Any]:
    return {"$ref": REF + name}


def _field(kind: Kind, name: str) -> dict[str, Any]:
    declared = kind.types[name]
    nullable = declared.endswith("?")
    base = declared.rstrip("?")
    if name in kind.relations:  # an id, or the object itself when expanded
        one = {"anyOf": [dict(UUID_SCHEMA), {"type": "object"}]}
        schema: dict[str, Any] = {"type": "array", "items": one} if base == "uuids" else one
        if nullable:
            schema = {"anyOf": [schema, {"type": "null"}]}
        return schema
    schema = {**_SIMPLE[base]}
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def record(kind: Kind) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _field(kind, name) for name in kind.fields},
        "additionalProperties": True,
    }


def page(kind: Kind) -> dict[str, Any]:
    return {
        "allOf": [
            ref("PaginatedEnvelope"),
            {
                "type": "object",
                "properties": {"results": {"type": "array", "items": ref(name_of(kind.name))}},
            },
        ]
    }


def body(rules: tuple[Rule, ...], *, create: bool) -> dict[str, Any]:
    """What a POST (``create``) or PATCH body may hold: every writable field, the required ones
    only on creation."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {rule.name: dict(rule.parse.schema) for rule in rules},
        "additionalProperties": True,
    }
    required = [rule.name for rule in rules if rule.required]
    if create and required:
        schema["required"] = required
    return schema


def _object(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return {**schema, "additionalProperties": True}


def _uuids() -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": dict(UUID_SCHEMA)}


def _ticket(*extra: str) -> dict[str, Any]:
    upload = _object(("url", "fields"), url={"type": "string"}, fields={"type": "object"})
    ticket = _object(
        ("upload_data", "asset_id", "asset_url"),
        upload_data=upload,
        asset_id=dict(UUID_SCHEMA),
        asset_url={"type": "string"},
        **{name: ref("Asset") for name in extra},
    )
    return {"allOf": [ref("Asset"), ticket]}


def _upload(*extra: str) -> dict[str, Any]:
    fields = {
        "name": {"type": "string", "minLength": 1},
        "type": {"type": "string", "pattern": "^[a-z]+/[a-z0-9.+-]+$"},
        "size": {"type": "integer", "minimum": 1},
        "external_id": {"type": ["string", "null"]},
        "external_source": {"type": ["string", "null"]},
    }
    if "project_id" in extra:
        fields["project_id"] = dict(UUID_SCHEMA)
    if "entity_type" in extra:
        fields["entity_type"] = {"enum": ["USER_AVATAR", "USER_COVER"]}
    required = ("name", "type", "size", *(e for e in extra if e == "entity_type"))
    return _object(required, **fields)


def _intake_issue(*, create: bool) -> dict[str, Any]:
    issue = _object(
        ("name",) if create else (),
        name={"type": "string", "minLength": 1},
        description_html={"type": "string"},
        priority={"enum": list(PRIORITIES)},
    )
    if create:
        return _object(("issue",), issue=issue, source={"type": ["string", "null"]})
    return _object(
        issue=issue,
        status={"enum": [-2, -1, 0, 1, 2]},
        snoozed_till={"type": ["string", "null"], "format": "date-time"},
        duplicate_to={"type": ["string", "null"], "format": "uuid"},
        source={"enum": ["IN_APP", "EMAIL", "FORMS", None]},
    )


def named() -> dict[str, dict[str, Any]]:
    """The schemas of answers and bodies that are no kind's record."""
    issue_ref = _object(("project_id", "issue_id"), project_id=UUID_SCHEMA, issue_id=UUID_SCHEMA)
    related = {"type": "array", "items": {"anyOf": [dict(UUID_SCHEMA), issue_ref]}}
    return {
        "Attachment": _ticket("attachment"),
        "Ticket": _ticket(),
        "Download": _object(
            ("asset_id", "asset_url"),
            asset_id=dict(UUID_SCHEMA),
            asset_url={"type": "string"},
            asset_name={"type": "string"},
            asset_type={"type": "string"},
        ),
        "Relations": _object(tuple(INVERSE), **{name: related for name in INVERSE}),
        "Search": _object(("issues",), issues={"type": "array", "items": {"type": "object"}}),
        "Summary": _object(
            ("id", "name", "identifier", "counts"),
            id=dict(UUID_SCHEMA),
            name={"type": "string"},
            identifier={"type": "string"},
            counts={"type": "object", "additionalProperties": {"type": "integer"}},
        ),
        "Message": _object(("message",), message={"type": "string"}),
        "Upload": _upload("project_id"),
        "UserUpload": _upload("entity_type"),
        "Uploaded": _object(is_uploaded={"type": "boolean"}),
        "NewRelation": _object(
            ("relation_type", "issues"), relation_type={"enum": list(INVERSE)}, issues=_uuids()
        ),
        "RelationRows": {
            "type": "array",
            "items": _object(
                ("id", "project_id", "sequence_id", "relation_type", "name"),
                id=dict(UUID_SCHEMA),
                project_id=dict(UUID_SCHEMA),
                sequence_id={"type": "integer"},
                relation_type={"type": "string"},
                name={"type": "string"},
                state_id={"type": ["string", "null"], "format": "uuid"},
                priority={"type": "string"},
            ),
        },
        "RemovedRelation": _object(("related_issue",), related_issue=dict(UUID_SCHEMA)),
        "IssueIds": _object(("issues",), issues=_uuids()),
        "Transfer": _object(("new_cycle_id",), new_cycle_id=dict(UUID_SCHEMA)),
        "Empty": _object(),
        "IntakeCreate": _intake_issue(create=True),
        "IntakeUpdate": _intake_issue(create=False),
    }


def components() -> dict[str, dict[str, Any]]:
    """Every schema of the description, by name."""
    schemas: dict[str, dict[str, Any]] = {
        "Error": {
            "type": "object",
            "required": ["error"],
            "description": "The one error shape: a human-readable message and a machine code.",
            "properties": {
                "error": {"type": "string", "minLength": 1},
                "code": {"type": "string"},
            },
            "additionalProperties": True,
        },
        "PaginatedEnvelope": {
            "type": "object",
            "required": list(ENVELOPE_TYPES),
            "properties": ENVELOPE_TYPES,
            "additionalProperties": True,
        },
    }
    for kind in KINDS.values():
        schemas[name_of(kind.name)] = record(kind)
        schemas[name_of(kind.name) + "List"] = page(kind)
        if kind.name in RULES:
            schemas[name_of(kind.name) + "Create"] = body(RULES[kind.name], create=True)
            schemas[name_of(kind.name) + "Update"] = body(RULES[kind.name], create=False)
    return {**schemas, **named()}
