"""Each endpoint of the route table as an OpenAPI path item: its parameters, the body its
operations read, and the responses they give (the success one from the table, the errors every
endpoint shares)."""

from __future__ import annotations

import re
from typing import Any

from conformance.reference.endpoint import Endpoint, Operation, Records, Schema
from conformance.reference.issue_routes import ISSUE_SEGMENTS
from conformance.reference.kinds import KINDS
from conformance.reference.lookups import COUNTED
from conformance.reference.schemas import name_of, ref
from conformance.reference.work_item_query import FILTERS, ORDER_EXAMPLE, ORDER_FIELDS

RATE = ("X-RateLimit-Remaining", "X-RateLimit-Reset")
NOT_IDS = ("slug", "project_identifier", "issue_identifier")
WRITES_WITH_CONFLICTS = ("project", "state", "label", "link", "invitation")


def param_name(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_-]", name))


def path_parameter(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    if name not in NOT_IDS:
        schema = {"type": "string", "format": "uuid"}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def query_parameter(kind: str, which: str) -> dict[str, Any]:
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
    answer = operation.answered(endpoint.kind)
    if answer is None:
        return None
    if isinstance(answer, Schema):
        return ref(answer.name)
    if answer.shape == "page":
        return ref(name_of(answer.kind) + "List")
    if answer.shape == "array":
        return {"type": "array", "items": ref(name_of(answer.kind))}
    return ref(name_of(answer.kind))


def _request(endpoint: Endpoint, operation: Operation) -> dict[str, Any] | None:
    body = operation.reads(endpoint.kind)
    if body is None:
        return None
    if isinstance(body, Schema):
        schema = ref(body.name)
    else:
        schema = ref(name_of(body.kind) + body.shape.capitalize())
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def rate_headers() -> dict[str, Any]:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in RATE}


def _error(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/responses/{name}"}


def _parameters(endpoint: Endpoint, operation: Operation) -> list[dict[str, Any]]:
    if operation.method != "GET":
        return []
    answer = operation.answered(endpoint.kind)
    params: list[dict[str, Any]] = []
    if isinstance(answer, Records):
        if answer.shape == "page":
            params += [{"$ref": "#/components/parameters/PerPage"}, _cursor_ref()]
        params += [
            {"$ref": f"#/components/parameters/{name_of(answer.kind)}Fields"},
            {"$ref": f"#/components/parameters/{name_of(answer.kind)}Expand"},
        ]
    if endpoint.kind == "issue" and endpoint.path.split("/")[-2] in ISSUE_SEGMENTS:
        params += _work_item_query()
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


def _work_item_query() -> list[dict[str, Any]]:
    """A project's work item list: ordered by a field, filtered by where it was imported from
    (``conformance.reference.work_item_query``)."""
    fields = "|".join(ORDER_FIELDS)
    order = {
        **_optional("order_by", {"type": "string", "pattern": f"^-?({fields})$"}),
        "description": "The field to order by, '-' before it for descending order; another "
        "field gets 400 naming it.",
        "example": ORDER_EXAMPLE,
    }
    examples = {"external_source": "github", "external_id": "1234567890"}
    filters = [
        {
            **_optional(name, {"type": "string"}),
            "description": f"Only the work items whose {name} is this.",
            "example": examples[name],
        }
        for name in FILTERS
    ]
    return [order, *filters]


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
            "headers": rate_headers(),
            "content": {"application/json": {"schema": body}},
        }
    if operation.body is not None or has_query:
        responses["400"] = _error("BadRequest")
    responses["401"] = _error("Unauthorized")
    responses["404"] = _error("NotFound")
    responses["405"] = _error("MethodNotAllowed")
    written = operation.reads(endpoint.kind)
    if isinstance(written, Records) and written.kind in WRITES_WITH_CONFLICTS:
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
        words.append("By" + "".join(map(param_name, re.findall(r"{(\w+)}", segments[-1]))))
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


def path_item(endpoint: Endpoint) -> dict[str, Any]:
    item: dict[str, Any] = {}
    names = re.findall(r"{(\w+)}", endpoint.path)
    if names:
        item["parameters"] = [
            {"$ref": f"#/components/parameters/{param_name(name)}"} for name in names
        ]
    if endpoint.lint_ignore:
        item["x-plane-conformance-ignore"] = list(endpoint.lint_ignore)
    for operation in endpoint.operations:
        item[operation.method.lower()] = _operation(endpoint, operation)
    return item
