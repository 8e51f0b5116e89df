"""Modules and cycles: adding work items to them, when a cycle is finished, and moving the
unfinished work items of one cycle to another."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from conformance.reference.bodies import BodyContext
from conformance.reference.errors import ApiError, bad_field
from conformance.reference.store import Record, Store, new_id, timestamp

FINISHED = ("completed", "cancelled")


def cycle_completed(cycle: Record) -> bool:
    """Whether the cycle's end date has passed (a cycle without one never finishes)."""
    end = cycle.get("end_date")
    return bool(end) and str(end) < timestamp(datetime.now(UTC))


def link_issues(
    store: Store, kind: str, container: Record, body: Mapping[str, Any], ctx: BodyContext
) -> list[Record]:
    """POST ``{"issues": [ids]}`` to a module or cycle: the links, created or already there.

    An issue belongs to at most one cycle (adding it moves it), to any number of modules.
    """
    if kind == "cycle" and cycle_completed(container):
        raise ApiError(400, "The Cycle has already been completed so no new issues can be added")
    ids = body.get("issues")
    if not isinstance(ids, list) or not ids:
        drf = (
            {"error": "Work items are required", "code": "MISSING_WORK_ITEMS"}
            if kind == "cycle"
            else {"error": "Issues are required"}
        )
        raise bad_field("issues", "must be a non-empty list of work item ids", drf=drf)
    issue_ids: list[str] = []
    for value in ids:
        issue = store.get("issue", value)
        if issue is None or issue["project"] != container["project"]:
            raise bad_field("issues", f"{value!r} is not a work item of this project")
        issue_ids.append(issue["id"])
    link_kind = f"{kind}_issue"
    links: list[Record] = []
    with store.locked():
        for issue_id in dict.fromkeys(issue_ids):
            existing = store.select(
                link_kind,
                lambda r, i=issue_id: r["issue"] == i,  # type: ignore[misc]
            )
            same = [r for r in existing if r[kind] == container["id"]]
            if same:
                links.append(same[0])
                continue
            if kind == "cycle":
                store.delete_where(link_kind, lambda r, i=issue_id: r["issue"] == i)  # type: ignore[misc]
            now = timestamp()
            links.append(
                store.add(
                    link_kind,
                    {
                        "id": new_id(),
                        kind: container["id"],
                        "issue": issue_id,
                        "project": container["project"],
                        "workspace": container["workspace"],
                        "created_at": now,
                        "updated_at": now,
                        "created_by": ctx.user_id,
                        "updated_by": ctx.user_id,
                    },
                )
            )
    return links


def transfer_unfinished(store: Store, old: Record, new: Record, ctx: BodyContext) -> int:
    """Move the work items of ``old`` whose state is not finished to ``new``; how many."""
    moving = []
    for link in store.select("cycle_issue", lambda r: r["cycle"] == old["id"]):
        issue = store.get("issue", link["issue"])
        state = store.get("state", issue["state"]) if issue else None
        if issue is not None and (state is None or state["group"] not in FINISHED):
            moving.append(issue["id"])
    if moving:
        link_issues(store, "cycle", new, {"issues": moving}, ctx)
    return len(moving)
