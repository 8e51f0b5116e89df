"""The OpenAPI 3.1 description of what the server answers, built from the route table, the
kinds and their rules: ``specs/plane.openapi.yaml`` is its output (a test keeps them equal),
and ``GET /api/schema/`` serves it, as the real server serves its own.

Regenerate the file with ``plane-conformance serve --print-openapi > specs/plane.openapi.yaml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import yaml
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from conformance.reference.description_paths import (
    param_name,
    path_item,
    path_parameter,
    query_parameter,
    rate_headers,
)
from conformance.reference.endpoint import Endpoint
from conformance.reference.errors import error_response
from conformance.reference.kinds import KINDS
from conformance.reference.older_release import publishes_schema
from conformance.reference.routes import PREFIX, endpoints
from conformance.reference.schemas import components, name_of

HEADER = """\
# The Plane REST API as plane-conformance describes it (OpenAPI 3.1): generated from the
# reference server's route table by `plane-conformance serve --print-openapi`; the server
# serves it at /api/schema/. Used by the suite's schemathesis adapter; lints clean.
"""
INFO: Mapping[str, Any] = MappingProxyType(
    {
        "title": "Plane REST API",
        "version": "1.0.0",
        "summary": "The public Plane API as plane-conformance checks it and its server serves it.",
        "description": (
            "The documented behaviour of the Plane REST API under /api/v1/: API key "
            "authentication in X-API-Key, cursor pagination, fields and expand, a rate limit of "
            "60 requests per key per minute reported in X-RateLimit-Remaining and "
            "X-RateLimit-Reset, and one JSON error shape; where the documentation is silent, "
            "what the open-source Plane server answers "
            "(docs/REAL-PLANE.md). Requirement IDs are in specs/requirements.yaml."
        ),
        "license": {"name": "MIT", "identifier": "MIT"},
    }
)
ERRORS: Mapping[str, str] = MappingProxyType(
    {
        "BadRequest": "Invalid parameters or body; the message names the problem.",
        "Unauthorized": "Missing, empty or invalid API key.",
        "NotFound": "No such resource, workspace or path.",
        "MethodNotAllowed": "The path does not support this method.",
        "Conflict": "The name or identifier is already used.",
        "UnsupportedMediaType": "The body is not application/json.",
        "TooManyRequests": "The key has used its requests for this window.",
    }
)


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
            parameters[param_name(name)] = path_parameter(name)
    for kind in KINDS:
        parameters[f"{name_of(kind)}Fields"] = query_parameter(kind, "fields")
        parameters[f"{name_of(kind)}Expand"] = query_parameter(kind, "expand")
    responses: dict[str, Any] = {
        name: {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for name, text in ERRORS.items()
    }
    for name in ("BadRequest", "NotFound", "MethodNotAllowed", "Conflict", "UnsupportedMediaType"):
        responses[name]["headers"] = rate_headers()
    responses["TooManyRequests"]["headers"] = {
        "Retry-After": {"$ref": "#/components/headers/Retry-After"},
        **rate_headers(),
    }
    responses["NoContent"] = {"description": "Done; no body.", "headers": rate_headers()}
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
        "paths": {PREFIX + endpoint.path: path_item(endpoint) for endpoint in table},
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
        if not publishes_schema(self.variations):  # an older release's site: none
            await error_response(404, "Page not found.")(scope, receive, send)
            return
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
