"""What a created or changed resource must look like: HTTP-02's and HTTP-03's properties."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from conformance.checks.bodies import parse_json

# Fields a PATCH that did not send them must leave as they were (those every work item has).
KEPT_FIELDS = ("name", "state", "labels", "assignees", "parent", "description_html")


def created_problems(response: httpx.Response, what: str) -> list[str]:
    """HTTP-02: 201 with the created resource as a JSON object, with its id (or, for a POST
    that adds rows, a module's work items, the rows, each with its id)."""
    if response.status_code != 201:
        return [f"{what}: expected 201, got {response.status_code}"]
    ok, body = parse_json(response)
    if not ok:
        return [f"{what}: the 201 body is not JSON"]
    if isinstance(body, list) and body and all(isinstance(r, dict) and r.get("id") for r in body):
        return []
    if not isinstance(body, dict) or not body.get("id"):
        return [f"{what}: the 201 body is not the created resource with its id"]
    return []


def patch_problems(
    response: httpx.Response,
    sent: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    what: str,
) -> list[str]:
    """HTTP-03: 200 with the resource as JSON, holding what was sent; the fields not sent keep
    the values ``before`` shows (when the resource was seen before)."""
    if response.status_code != 200:
        return [f"{what}: expected 200, got {response.status_code}"]
    ok, body = parse_json(response)
    if not ok:
        return [f"{what}: the 200 body is not JSON"]
    if not isinstance(body, dict):
        return ["the PATCH body is not the resource"]
    problems = [
        f"{name} is {body.get(name)!r} after PATCH {name}={value!r}"
        for name, value in sent.items()
        if body.get(name) != value
    ]
    if before is not None and before.get("id") and "id" not in body:
        problems.append(f"{what}: the 200 body has no id: it is not the resource")
    for name in KEPT_FIELDS:
        if before is None or name not in before or name in sent:
            continue
        if body.get(name) != before[name]:
            problems.append(
                f"{name!r} changed from {before[name]!r} to {body.get(name)!r} though "
                "the PATCH did not send it"
            )
    return problems


def refusal_names_field_problems(response: httpx.Response, field: str, what: str) -> list[str]:
    """HTTP-06, of a body that lacked or spoilt ``field``: the 400's JSON error names it (as a
    key or in its text, in any case)."""
    ok, body = parse_json(response)
    if response.status_code != 400 or not ok:
        return []  # the status and the JSON are the error's own checks
    if field.lower() in json.dumps(body).lower():
        return []
    return [f"{what}: the 400 error does not name the field {field!r}"]
