"""A work item's activity: what was done to it, by whom, recorded as it happens (the real server
records it a moment later, in a background worker), and the handlers that list and show it."""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference.errors import ApiError
from conformance.reference.handling import (
    check_query,
    json_response,
    listing,
    render,
    resolve,
    selection,
)
from conformance.reference.kinds import KINDS
from conformance.reference.store import Record, Store, new_id, timestamp

# fields whose changes are not activity of their own
QUIET = frozenset({"updated_at", "updated_by", "sort_order"})


def _add(store: Store, issue: Record, actor: str, **entry: Any) -> None:
    now = timestamp()
    store.add(
        "activity",
        {
            "id": new_id(),
            "created_at": now,
            "updated_at": now,
            "epoch": float(int(time.time())),
            "project": issue["project"],
            "workspace": issue["workspace"],
            "issue": issue["id"],
            "actor": actor,
            **entry,
        },
    )


def issue_created(store: Store, issue: Record, actor: str) -> None:
    _add(store, issue, actor, verb="created", comment="created the work item")


def issue_changed(store: Store, before: Record, after: Record, actor: str) -> None:
    """One entry per field a PATCH changed."""
    for name in KINDS["issue"].fields:
        if name in QUIET or before.get(name) == after.get(name):
            continue
        _add(
            store,
            after,
            actor,
            verb="updated",
            field=name,
            old_value=None if before.get(name) is None else str(before.get(name)),
            new_value=None if after.get(name) is None else str(after.get(name)),
            comment=f"updated the {name.replace('_', ' ')}",
        )


def comment_added(store: Store, issue: Record, comment: Record, actor: str) -> None:
    _add(
        store,
        issue,
        actor,
        verb="created",
        field="comment",
        new_value=comment["comment_html"],
        comment="added a comment",
        issue_comment=comment["id"],
    )


async def activities(request: Request) -> Response:
    """A page of the work item's activity, oldest first."""
    check_query(request, "activity")
    where = resolve(request)
    items = where.store.select("activity", where.contains)
    return listing(where, request, "activity", items)


async def activity(request: Request) -> Response:
    """One entry of the work item's activity."""
    chosen = selection(request, KINDS["activity"])
    where = resolve(request, own=("pk",))
    try:
        record = where.find("activity", request.path_params["pk"])
    except ApiError as exc:
        # Plane's activity view answers a missing entry in a shape of its own
        exc.details["drf"] = {"code": "NOT_FOUND", "message": "Activity not found"}
        raise
    return json_response(request, render(where, "activity", chosen, record))
