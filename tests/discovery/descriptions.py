"""Small descriptions for the discovery tests, written as the tests need them."""

from __future__ import annotations

from typing import Any

import yaml

ENVELOPE = {
    "type": "object",
    "properties": {
        "next_cursor": {"type": "string"},
        "count": {"type": "integer"},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Label"}},
    },
}


def description(paths: dict[str, Any], server: str = "/", version: str = "3.1.0") -> bytes:
    """An OpenAPI document with ``paths`` and a ``Label`` schema, as YAML bytes."""
    document = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": server}],
        "paths": paths,
        "components": {
            "schemas": {
                "Label": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "name": {"type": "string"},
                        "project": {"type": "string"},
                    },
                }
            }
        },
    }
    return yaml.safe_dump(document).encode()


def get(
    schema: dict[str, Any] | None,
    *,
    parameters: list[dict[str, Any]] | None = None,
    statuses: tuple[str, ...] = ("401", "404"),
) -> dict[str, Any]:
    """A path item with one GET answering ``schema`` as JSON (no content when None)."""
    ok: dict[str, Any] = {"description": "ok"}
    if schema is not None:
        ok["content"] = {"application/json": {"schema": schema}}
    responses: dict[str, Any] = {"200": ok}
    responses.update({status: {"description": status} for status in statuses})
    return {"get": {"parameters": parameters or [], "responses": responses}}


def query(name: str, **extra: Any) -> dict[str, Any]:
    schema = extra.pop("schema", {"type": "string"})
    return {"name": name, "in": "query", "schema": schema, **extra}


LABELS = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/"
LABEL = LABELS + "{label_id}/"
