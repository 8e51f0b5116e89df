"""Relations between work items: blocking, duplicate, relates_to and the date dependencies.

One stored relation reads both ways: ``A blocking B`` lists B under A's ``blocking`` and A under
B's ``blocked_by``. The list answers ids, as Plane's official SDK reads it; the real server at
the commit of ``docs/REAL-PLANE.md`` answers ``{project_id, issue_id}`` objects (the variation
``relations-as-objects``) and has no ``relations/remove/`` (``no-relation-remove``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference.errors import ApiError, bad_field
from conformance.reference.handling import (
    Where,
    json_response,
    read_body,
    resolve,
)
from conformance.reference.store import Record, new_id, timestamp

# relation type -> how the other side reads it
INVERSE: Mapping[str, str] = MappingProxyType(
    {
        "blocking": "blocked_by",
        "blocked_by": "blocking",
        "duplicate": "duplicate",
        "relates_to": "relates_to",
        "start_before": "start_after",
        "start_after": "start_before",
        "finish_before": "finish_after",
        "finish_after": "finish_before",
    }
)


# what the real server stores for the types it keeps the other way round, and answers them as
STORED: Mapping[str, str] = MappingProxyType(
    {"blocking": "blocked_by", "start_after": "start_before", "finish_after": "finish_before"}
)


def _row(other: Record, kind: str, relation: Record) -> Record:
    """A new relation as the real server answers it: the related work item in short, with the
    relation type as stored and the relation's own stamps."""
    return {
        "id": other["id"],
        "project_id": other["project"],
        "sequence_id": other["sequence_id"],
        "relation_type": STORED.get(kind, kind),
        "name": other["name"],
        "state_id": other.get("state"),
        "priority": other["priority"],
        "created_by": relation["created_by"],
        "created_at": relation["created_at"],
        "updated_at": relation["created_at"],
        "updated_by": relation["created_by"],
    }


def _related(where: Where) -> dict[str, list[Any]]:
    assert where.issue is not None  # the route names a work item
    me = where.issue["id"]
    grouped: dict[str, list[Any]] = {name: [] for name in INVERSE}
    objects = where.state.config.varies("relations-as-objects")
    seen: set[tuple[str, str]] = set()
    for row in where.store.select("relation", lambda r: me in (r["issue"], r["related_issue"])):
        mine = row["issue"] == me
        other = row["related_issue"] if mine else row["issue"]
        kind = row["relation_type"] if mine else INVERSE[row["relation_type"]]
        if (kind, other) in seen:
            continue
        seen.add((kind, other))
        related = where.store.get("issue", other)
        project = related["project"] if related else where.issue["project"]
        grouped[kind].append({"project_id": project, "issue_id": other} if objects else other)
    return grouped


async def relations(request: Request) -> Response:
    """GET the work item's relations by type; POST ``{relation_type, issues}`` adds some (201,
    a row per relation: the related work item in short, as the real server answers)."""
    where = resolve(request)
    if request.method == "GET":
        return json_response(request, _related(where))
    assert where.issue is not None
    body = await read_body(request)
    kind = body.get("relation_type")
    if not isinstance(kind, str) or kind not in INVERSE:
        # Django REST framework names each missing field of the body
        missing = [name for name in ("issues", "relation_type") if name not in body]
        drf = {name: ["This field is required."] for name in missing} or None
        details = {"drf": drf} if drf else {}
        raise bad_field("relation_type", f"must be one of {', '.join(INVERSE)}", **details)
    ids = body.get("issues")
    if not isinstance(ids, list) or not ids:
        raise bad_field("issues", "must be a non-empty list of work item ids")
    added: list[Record] = []
    for other_id in dict.fromkeys(ids):
        other = where.store.get("issue", other_id)
        if other is None or other["workspace"] != where.workspace["id"]:
            raise bad_field("issues", f"{other_id!r} is not a work item of this workspace")
        if other["id"] == where.issue["id"]:
            raise bad_field("issues", "a work item cannot relate to itself")
        _forget(where, other["id"])
        now = timestamp()
        relation = where.store.add(
            "relation",
            {
                "id": new_id(),
                "issue": where.issue["id"],
                "related_issue": other["id"],
                "relation_type": kind,
                "project": where.issue["project"],
                "workspace": where.workspace["id"],
                "created_at": now,
                "created_by": where.user_id,
            },
        )
        added.append(_row(other, kind, relation))
    return json_response(request, added, 201)


def _forget(where: Where, other_id: str) -> int:
    """Remove every relation between the path's work item and ``other_id``; how many."""
    assert where.issue is not None
    pair = {where.issue["id"], other_id}
    gone = where.store.delete_where("relation", lambda r: {r["issue"], r["related_issue"]} == pair)
    return len(gone)


async def remove(request: Request) -> Response:
    """POST ``{"related_issue"}``: the relation between the two work items is gone (204)."""
    where = resolve(request)
    body = await read_body(request)
    other = body.get("related_issue")
    if not isinstance(other, str) or not other:
        raise bad_field("related_issue", "must be the id of a related work item")
    if not _forget(where, other):
        raise ApiError(404, "relation not found")
    return Response(status_code=204)
