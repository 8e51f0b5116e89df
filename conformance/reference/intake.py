"""The intake: work items proposed to a project (when its intake is switched on), waiting in
its triage state until someone accepts, rejects, snoozes or marks them duplicate.

The path names an intake item by its work item's id, as the real server does.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference import operations
from conformance.reference.bodies import choice, instant, nullable, uuid_text
from conformance.reference.errors import ApiError, bad_field
from conformance.reference.handling import (
    Where,
    check_query,
    faults_of,
    json_response,
    listing,
    read_body,
    render,
    resolve,
    selection,
)
from conformance.reference.kinds import KINDS
from conformance.reference.store import Record, new_id, timestamp

PENDING, ACCEPTED = -2, 1
STATUSES = (-2, -1, 0, 1, 2)  # pending, rejected, snoozed, accepted, duplicate
TRIAGE: Mapping[str, Any] = MappingProxyType(
    {"name": "Triage", "color": "#4E5355", "group": "triage", "is_triage": True}
)
ISSUE_FIELDS = ("name", "description_html", "priority")
# A project's record holds this (never shown) once a change made its inbox
INBOX = "_intake_inbox"


def _enabled(where: Where, faults: frozenset[str] = frozenset()) -> None:
    if where.project is None or not where.project.get("intake_view"):
        raise ApiError(
            400, "Intake is not enabled for this project enable it through the project's api"
        )
    if "intake-without-inbox-500" in faults and not where.project.get(INBOX):
        # the real server's views test `intake is None and not intake_view`: on, without the
        # inbox only a change of the project (or its web app) makes, they read its missing id
        raise ApiError(500, "Something went wrong please try again later")


def _triage_state(where: Where) -> str:
    """The project's triage state, made the first time an item comes in."""
    assert where.project is not None
    store, project_id = where.store, where.project["id"]
    with store.locked():
        found = store.select(
            "state", lambda s: s["project"] == project_id and bool(s.get("is_triage"))
        )
        if found:
            return str(found[0]["id"])
        now = timestamp()
        state = {"id": new_id(), **where.scope, **TRIAGE, "default": False, "sequence": 65000}
        store.add("state", {**state, "created_at": now, "updated_at": now})
        return str(state["id"])


def _issue_body(body: Any, *, partial: bool) -> dict[str, Any]:
    if not isinstance(body, dict) or (not partial and not body.get("name")):
        drf = {"error": "Name is required"}
        raise bad_field("issue", "must be an object with at least a name", drf=drf)
    return {key: body[key] for key in ISSUE_FIELDS if key in body}


async def intake_issues(request: Request) -> Response:
    """GET a page of the project's intake items; POST ``{"issue": {name, ...}}`` proposes a
    work item (201)."""
    if request.method == "GET":
        check_query(request, "intake_issue")
    where = resolve(request)
    if request.method == "GET":
        # reads answer whether intake is on or off, as on the real server (its views check
        # `intake_view` in post, patch and delete only)
        items = where.store.select("intake_issue", where.contains)
        return listing(where, request, "intake_issue", items)
    _enabled(where, faults_of(request))
    body = await read_body(request)
    issue = operations.create(
        "issue", _issue_body(body.get("issue"), partial=False), where.context(), where.scope
    )
    where.store.update("issue", issue["id"], {"state": _triage_state(where)})
    now = timestamp()
    record: Record = {
        "id": new_id(),
        **where.scope,
        "issue": issue["id"],
        "status": PENDING,
        "source": body.get("source") or "IN_APP",
        "created_at": now,
        "updated_at": now,
        "created_by": where.user_id,
    }
    where.store.add("intake_issue", record)
    return json_response(request, render(where, "intake_issue", None, record), 201)


def _find(where: Where, issue_id: str) -> Record:
    found = where.store.select(
        "intake_issue", lambda r: where.contains(r) and r["issue"] == issue_id
    )
    if not found:
        raise where.missing("intake work item")
    return found[0]


async def intake_issue(request: Request) -> Response:
    """GET, PATCH (status, snoozed_till, duplicate_to, source, and the work item's name,
    description and priority) or DELETE (204, the proposed work item too) one intake item."""
    chosen = selection(request, KINDS["intake_issue"]) if request.method == "GET" else None
    where = resolve(request, own=("issue_id",))
    if request.method != "GET":
        _enabled(where, faults_of(request))
    record = _find(where, request.path_params["issue_id"])
    store = where.store
    if request.method == "DELETE":
        store.delete("intake_issue", record["id"])
        issue = store.get("issue", record["issue"])
        if issue is not None and record["status"] == PENDING:
            operations.delete(store, "issue", issue)
        return Response(status_code=204)
    if request.method == "GET":
        return json_response(request, render(where, "intake_issue", chosen, record))
    body = await read_body(request)
    changes: Record = {}
    for name, parse in (
        ("status", choice(STATUSES)),
        ("snoozed_till", nullable(instant)),
        ("duplicate_to", nullable(uuid_text)),
        ("source", nullable(choice(("IN_APP", "EMAIL", "FORMS")))),
    ):
        if name in body:
            try:
                changes[name] = parse(body[name], where.context())
            except ValueError as exc:
                raise bad_field(name, str(exc)) from None
    issue = store.get("issue", record["issue"])
    if issue is not None and "issue" in body:
        fields = _issue_body(body["issue"], partial=True)
        issue = operations.update("issue", issue, fields, where.context(issue["id"]))
    if issue is not None and changes.get("status") == ACCEPTED:
        accepted = {"state": operations.default_state(store, issue["project"])}
        store.update("issue", issue["id"], accepted)
    record = store.update("intake_issue", record["id"], {**changes, "updated_at": timestamp()})
    return json_response(request, render(where, "intake_issue", None, record))
