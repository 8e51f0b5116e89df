"""The OpenAPI 3.1 description of what the server answers, built from the route table, the
kinds and their rules: ``specs/plane.openapi.yaml`` is its output (a test keeps them equal),
and ``GET /api/schema/`` serves it, as the real server serves its own.

Regenerate the file with ``plane-conformance serve --print-openapi > specs/plane.openapi.yaml``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from conformance.reference.endpoint import Endpoint, Operation
from conformance.reference.kinds import KINDS
from conformance.reference.lookups import COUNTED
from conformance.reference.routes import PREFIX, endpoints
from conformance.reference.schemas import components, name_of, ref

HEADER = """\
# The Plane REST API as plane-conformance describes it (OpenAPI 3.1): generated from the
# reference server's route table by `plane-conformance serve --print-openapi`; the server
# serves it at /api/schema/. Used by the suite's schemathesis adapter; lints clean.
"""
INFO = {
    "title": "Plane REST API",
    "version": "1.0.0",
    "summary": "The public Plane API as plane-conformance checks it and its reference serves it.",
    "description": (
        "The documented behaviour of the Plane REST API under /api/v1/: API key authentication "
        "in X-API-Key, cursor pagination, fields and expand, a rate limit of 60 requests per key "
        "per minute reported in X-RateLimit-Remaining and X-RateLimit-Reset, and one JSON error "
        "shape; where the documentation is silent, what the open-source Plane server answers "
        "(docs/REAL-PLANE.md). Requirement IDs are in specs/requirements.yaml."
    ),
    "license": {"name": "MIT", "identifier": "MIT"},
}
RATE = ("X-RateLimit-Remaining", "X-RateLimit-Reset")
NOT_IDS = ("slug", "project_identifier", "issue_identifier")
ERRORS = {
    "BadRequest": "Invalid parameters or body; the message names the problem.",
    "Unauthorized": "Missing, empty or invalid API key.",
    "NotFound": "No such resource, workspace or path.",
    "MethodNotAllowed": "The path does not support this method.",
    "Conflict": "The name or identifier is already used.",
    "UnsupportedMediaType": "The body is not application/json.",
    "TooManyRequests": "The key has used its requests for this window.",
}
WRITES_WITH_CONFLICTS = ("project", "state", "label", "link", "invitation")


def _param_name(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_-]", name))


def _path_parameter(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    if name not in NOT_IDS:
        schema = {"type": "string", "format": "uuid"}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _query(kind: str, which: str) -> dict[str, Any]:
    """The ``fields`` or ``expand`` parameter of ``kind``, its names as a pattern."""
    shape = KINDS[kind]
    names = shape.fields if which == "fields" else tuple(shape.relations)
    one = "|".join(names)
    what = "fields to return" if which == "fields" else "relations to return as objects"
    return {
        "name": which,
        "in": "query",
        "required": False,
        "description": f"Comma-separated {kind.replace('_', ' ')} {what}; an unknown name gets "
        "400 naming it.",
        "schema": {"type": "string", "pattern": f"^(({one})(,({one}))*)?$"},
    }


def _answer(endpoint: Endpoint, operation: Operation) -> dict[str, Any] | None:
    """The success body's schema, or None for no body."""
    answer = operation.answer
    if answer == "none":
        return None
    shape, _, of = answer.partition(":")
    kind = of or endpoint.kind
    if shape in ("page", "array", "one"):
        assert kind is not None, endpoint.path
        if shape == "page":
            return ref(name_of(kind) + "List")
        if shape == "array":
            return {"type": "array", "items": ref(name_of(kind))}
        return ref(name_of(kind))
    return ref(answer)


def _request(endpoint: Endpoint, operation: Operation) -> dict[str, Any] | None:
    if operation.body is None:
        return None
    shape, _, of = operation.body.partition(":")
    if shape in ("create", "update"):
        kind = of or endpoint.kind
        assert kind is not None, endpoint.path
        schema = ref(name_of(kind) + shape.capitalize())
    else:
        schema = ref(operation.body)
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _rate_headers() -> dict[str, Any]:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in RATE}


def _error(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/responses/{name}"}


def _parameters(endpoint: Endpoint, operation: Operation) -> list[dict[str, Any]]:
    if operation.method != "GET":
        return []
    shape, _, of = operation.answer.partition(":")
    kind = of or endpoint.kind
    params: list[dict[str, Any]] = []
    if shape == "page":
        params += [{"$ref": "#/components/parameters/PerPage"}, _cursor_ref()]
    if shape in ("page", "array", "one") and kind is not None:
        params += [
            {"$ref": f"#/components/parameters/{name_of(kind)}Fields"},
            {"$ref": f"#/components/parameters/{name_of(kind)}Expand"},
        ]
    if operation.answer == "Summary":
        counts = "|".join(COUNTED)
        params.append(
            {
                "name": "fields",
                "in": "query",
                "required": False,
                "description": "Comma-separated counts to answer; an unknown name gets 400.",
                "schema": {"type": "string", "pattern": f"^(({counts})(,({counts}))*)?$"},
            }
        )
    if operation.answer == "Search":
        params += [
            _optional("search", {"type": "string"}),
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": "How many work items to answer at most; not 1 to 100 gets 400.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
            },
            {
                "name": "project_id",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "format": "uuid"},
            },
            {
                "name": "workspace_search",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": ["true", "false"]},
            },
        ]
    return params


def _optional(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema}


def _cursor_ref() -> dict[str, Any]:
    return {"$ref": "#/components/parameters/Cursor"}


def _responses(endpoint: Endpoint, operation: Operation, has_query: bool) -> dict[str, Any]:
    body = _answer(endpoint, operation)
    responses: dict[str, Any] = {}
    if body is None:
        responses[str(operation.status)] = _error("NoContent")
    else:
        responses[str(operation.status)] = {
            "description": operation.summary + ".",
            "headers": _rate_headers(),
            "content": {"application/json": {"schema": body}},
        }
    if operation.body is not None or has_query:
        responses["400"] = _error("BadRequest")
    responses["401"] = _error("Unauthorized")
    responses["404"] = _error("NotFound")
    responses["405"] = _error("MethodNotAllowed")
    if operation.body in ("create", "update") and endpoint.kind in WRITES_WITH_CONFLICTS:
        responses["409"] = _error("Conflict")
    if operation.body is not None:
        responses["415"] = _error("UnsupportedMediaType")
    responses["429"] = _error("TooManyRequests")
    return responses


def operation_id(method: str, path: str) -> str:
    """``GET /workspaces/{slug}/projects/{pk}/`` -> ``getWorkspacesProjectsByPk``."""
    segments = [segment for segment in path.split("/") if segment]
    words = [
        "".join(part.capitalize() for part in segment.split("-"))
        for segment in segments
        if "{" not in segment
    ]
    if segments and "{" in segments[-1]:
        words.append("By" + "".join(map(_param_name, re.findall(r"{(\w+)}", segments[-1]))))
    return method.lower() + "".join(words)


def _operation(endpoint: Endpoint, operation: Operation) -> dict[str, Any]:
    parameters = _parameters(endpoint, operation)
    described: dict[str, Any] = {
        "operationId": operation_id(operation.method, endpoint.path),
        "tags": [endpoint.tag],
        "summary": operation.summary,
    }
    if parameters:
        described["parameters"] = parameters
    request = _request(endpoint, operation)
    if request is not None:
        described["requestBody"] = request
    described["responses"] = _responses(endpoint, operation, bool(parameters))
    return described


def _path_item(endpoint: Endpoint) -> dict[str, Any]:
    item: dict[str, Any] = {}
    names = re.findall(r"{(\w+)}", endpoint.path)
    if names:
        item["parameters"] = [
            {"$ref": f"#/components/parameters/{_param_name(name)}"} for name in names
        ]
    if endpoint.lint_ignore:
        item["x-plane-conformance-ignore"] = list(endpoint.lint_ignore)
    for operation in endpoint.operations:
        item[operation.method.lower()] = _operation(endpoint, operation)
    return item


def _components(table: tuple[Endpoint, ...]) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "PerPage": {
            "name": "per_page",
            "in": "query",
            "required": False,
            "description": "Items per page; above 100 gets 400 stating the maximum.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 100},
        },
        "Cursor": {
            "name": "cursor",
            "in": "query",
            "required": False,
            "description": "`value:offset:is_prev`: page size, page number from 0, and 1 or 0.",
            "schema": {"type": "string", "pattern": "^\\d+:\\d+:[01]$"},
        },
    }
    for endpoint in table:
        for name in re.findall(r"{(\w+)}", endpoint.path):
            parameters[_param_name(name)] = _path_parameter(name)
    for kind in KINDS:
        parameters[f"{name_of(kind)}Fields"] = _query(kind, "fields")
        parameters[f"{name_of(kind)}Expand"] = _query(kind, "expand")
    responses: dict[str, Any] = {
        name: {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for name, text in ERRORS.items()
    }
    for name in ("BadRequest", "NotFound", "MethodNotAllowed", "Conflict", "UnsupportedMediaType"):
        responses[name]["headers"] = _rate_headers()
    responses["TooManyRequests"]["headers"] = {
        "Retry-After": {"$ref": "#/components/headers/Retry-After"},
        **_rate_headers(),
    }
    responses["NoContent"] = {"description": "Done; no body.", "headers": _rate_headers()}
    return {
        "securitySchemes": {
            "ApiKeyAuth": {
                "type": "apiKey",
                "in": "header",
                "name": "X-API-Key",
                "description": "The workspace API key. Missing, empty or invalid keys get 401.",
            }
        },
        "headers": {
            "X-RateLimit-Remaining": _header("Requests left for this key in the current window."),
            "X-RateLimit-Reset": _header("When the current window resets, in UTC epoch seconds."),
            "Retry-After": _header("Seconds to wait before retrying (RFC 6585)."),
        },
        "parameters": parameters,
        "schemas": components(),
        "responses": responses,
    }


def _header(text: str) -> dict[str, Any]:
    return {"description": text, "required": True, "schema": {"type": "integer", "minimum": 0}}


def document(variations: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The description of the server with ``variations`` switched on."""
    table = endpoints(variations)
    tags = list(dict.fromkeys(endpoint.tag for endpoint in table))
    described = {
        "openapi": "3.1.0",
        "info": INFO,
        "servers": [{"url": "/", "description": "The target's base URL."}],
        "security": [{"ApiKeyAuth": []}],
        "tags": [{"name": tag} for tag in tags],
        "paths": {PREFIX + endpoint.path: _path_item(endpoint) for endpoint in table},
        "components": _components(table),
    }
    # plain dicts and lists only, each node its own (no YAML anchors in the output)
    plain: dict[str, Any] = json.loads(json.dumps(described, default=dict))
    return plain


def as_yaml(variations: frozenset[str] = frozenset()) -> str:
    """The description as the YAML text of ``specs/plane.openapi.yaml``."""
    text = yaml.safe_dump(document(variations), sort_keys=False, width=100, allow_unicode=True)
    return HEADER + text


class SchemaEndpoint:
    """``GET /api/schema/``: the description as YAML (``?format=json``: as JSON), made once."""

    def __init__(self, variations: frozenset[str]) -> None:
        self.variations = variations
        self._text: dict[str, str] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        wanted = "json" if request.query_params.get("format") == "json" else "yaml"
        if wanted not in self._text:
            self._text[wanted] = (
                json.dumps(document(self.variations), indent=2)
                if wanted == "json"
                else as_yaml(self.variations)
            )
        media_type = "application/vnd.oai.openapi" + ("+json" if wanted == "json" else "")
        response = Response(self._text[wanted], media_type=f"{media_type}; charset=utf-8")
        await response(scope, receive, send)
