"""The generic handlers: a collection (GET a page or a plain list, POST a new record), one
record (GET, PATCH, DELETE), and the work items of a module or cycle.

Each is bound to a resource kind in the route table; the path decides the scope (workspace,
project, work item) a record must lie in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference import containers, operations
from conformance.reference.errors import ApiError
from conformance.reference.handling import (
    Where,
    check_query,
    faults_of,
    json_response,
    listing,
    parent,
    permission_denied,
    plain_list,
    read_body,
    render,
    resolve,
    selection,
)
from conformance.reference.intake import INBOX
from conformance.reference.kinds import ISSUE, KINDS
from conformance.reference.store import Record, Store
from conformance.reference.work_item_query import refine

Visible = Callable[[Record, Where], bool]
# what the real server's answer to a module's PATCH holds: the fields its serializer writes
MODULE_WRITTEN = (
    "name",
    "description",
    "start_date",
    "target_date",
    "status",
    "lead",
    "external_source",
    "external_id",
)


def _listed_issue(record: Record, where: Where) -> bool:
    """The real server lists no archived or draft work item, and none waiting in triage."""
    state = where.store.get("state", record.get("state")) or {}
    return not (record.get("archived_at") or record.get("is_draft") or state.get("is_triage"))


# what a list shows of the records in its scope: archived projects, modules and cycles have
# lists of their own, the triage state and its work items are the intake's, stickies are their
# owner's
VISIBLE: Mapping[str, Visible] = MappingProxyType(
    {
        "issue": _listed_issue,
        "project": lambda record, where: not record.get("archived_at"),
        "module": lambda record, where: not record.get("archived_at"),
        "cycle": lambda record, where: not record.get("archived_at"),
        "state": lambda record, where: not record.get("is_triage"),
        "sticky": lambda record, where: record.get("owner") == where.user_id,
        "asset": lambda record, where: bool(record.get("is_uploaded")),
    }
)


def _always(record: Record, where: Where) -> bool:
    return True


def visible(kind: str, where: Where) -> Callable[[Record], bool]:
    """Whether a record of ``kind`` belongs in a list answered at ``where``."""
    shown: Visible = VISIBLE.get(kind, _always)
    return lambda record: where.contains(record) and shown(record, where)


async def create(request: Request, where: Where, kind: str) -> Response:
    """POST a new ``kind`` record in ``where`` (201 with it)."""
    faults = faults_of(request)
    if "valid-key-403-on-writes" in faults:  # a permission check that denies every writer
        raise ApiError(403, "You do not have permission to perform this action")
    try:
        body = await read_body(request)
    except ApiError as exc:
        if kind == "project" and exc.status == 400 and "plane-body-rules" in faults:
            # Plane's project view reads the body inside its catch-all: a 500
            raise ApiError(500, "An unexpected error occurred") from None
        raise
    record = operations.create(kind, body, where.context(), where.scope)
    shown = render(where, kind, None, record, "create")
    if "create-without-id" in faults:
        del shown["id"]
    plain_200 = kind == "state" and "creates-200-for-states-and-links" in faults
    return json_response(
        request, shown, 200 if plain_200 or "create-returns-200" in faults else 201
    )


async def collection(request: Request, kind: str, plain: bool = False) -> Response:
    """GET the ``kind`` records in the path's scope (a page, or with ``plain`` a bare array, as
    the real server answers some lists), or POST a new one (201)."""
    if request.method == "POST":
        return await create(request, resolve(request), kind)
    if plain:
        selection(request, KINDS[kind])
    else:
        check_query(request, kind)
    where = resolve(request)
    items = where.store.select(kind, visible(kind, where))
    if kind == ISSUE.name and not plain:
        items = refine(request.query_params, items, faults_of(request))
    if plain:
        return plain_list(where, request, kind, items)
    return listing(where, request, kind, items)


async def item(request: Request, kind: str, pk: str = "pk") -> Response:
    """GET, PATCH (200, unsent fields kept) or DELETE (204, empty) the ``kind`` record whose id
    is the path parameter ``pk``."""
    faults = faults_of(request)
    whole = kind == "label" and "label-detail-ignores-selection" in faults
    chosen = selection(request, KINDS[kind]) if request.method == "GET" and not whole else None
    where = resolve(request, own=(pk,))
    try:
        record = where.find(kind, request.path_params[pk])
    except ApiError as exc:
        if kind == "sticky":  # Django's get_object_or_404 in Plane's sticky view
            exc.details["drf"] = {"detail": "No Sticky matches the given query."}
        if kind == "project" and request.method != "GET" and "unknown-scope-per-view" in faults:
            raise permission_denied() from None  # Plane's permission class, before the lookup
        raise
    if kind == "sticky" and record.get("owner") != where.user_id:
        raise where.missing(kind)
    if request.method == "DELETE":
        if "delete-not-gone" not in faults:
            operations.delete(where.store, kind, record)
        if "delete-200-with-body" in faults:
            return json_response(request, render(where, kind, None, record))
        return Response(status_code=204)
    if request.method == "PATCH":
        body = await read_body(request)
        if kind == "label" and "label-patch-409-beside-work-items" in faults:
            _refuse_label_beside_work_items(where.store, record)
        record = operations.update(kind, record, body, where.context(record["id"]))
        if kind == "project" and record.get("intake_view"):
            # a change of a project with its intake on makes its inbox, as the real server's
            # does (its creation does not: ``intake-without-inbox-500``); never shown
            where.store.update(kind, record["id"], {INBOX: True})
        shown = render(where, kind, None, record, "update")
        if kind == "module" and "module-patch-written-only" in faults:
            shown = {name: shown[name] for name in MODULE_WRITTEN}
        return json_response(request, shown)
    return json_response(request, render(where, kind, chosen, record, "detail"))


async def contained_issues(request: Request, kind: str) -> Response:
    """A module's or cycle's work items: GET lists them, POST ``{"issues": [...]}`` adds them."""
    if request.method == "GET":
        check_query(request, ISSUE.name)
    where = resolve(request)
    container = parent(where, kind, request.path_params[f"{kind}_id"], request.method)
    store = where.store
    if request.method == "POST":
        body = await read_body(request)
        links = containers.link_issues(store, kind, container, body, where.context())
        shown = [render(where, f"{kind}_issue", None, link) for link in links]
        plain_200 = "creates-200-for-states-and-links" in faults_of(request)
        return json_response(request, shown, 200 if plain_200 else 201)
    issue_ids = [
        link["issue"]
        for link in store.select(f"{kind}_issue", lambda r: r[kind] == container["id"])
    ]
    issues = [issue for issue in map(lambda i: store.get("issue", i), issue_ids) if issue]
    return listing(where, request, ISSUE.name, issues)


async def contained_issue(request: Request, kind: str) -> Response:
    """One work item's link to a module or cycle: GET shows it, DELETE removes it (204)."""
    link_kind = f"{kind}_issue"
    chosen = selection(request, KINDS[link_kind])
    where = resolve(request, own=("issue_id",))
    container = where.find(kind, request.path_params[f"{kind}_id"])
    issue_id = request.path_params["issue_id"]
    store = where.store
    links = store.select(link_kind, lambda r: r[kind] == container["id"] and r["issue"] == issue_id)
    if not links:
        raise where.missing(f"work item in this {kind}")
    if request.method == "DELETE":
        if "delete-not-gone" not in faults_of(request):
            store.delete(link_kind, links[0]["id"])
        return Response(status_code=204)
    return json_response(request, render(where, link_kind, chosen, links[0], "detail"))


def _refuse_label_beside_work_items(store: Store, label: Record) -> None:
    """Plane v0.23.1's label PATCH: ``str(request.data.get("external_id"))`` is ``"None"``, so
    always true, and the view then looks for a *work item* of the project with no external id
    (``apiserver/plane/api/views/issue.py:659-681``): in a project holding one, a 409."""
    if store.select("issue", lambda issue: issue["project"] == label["project"]):
        message = "Label with the same external id and external source already exists"
        raise ApiError(409, message, drf={"error": message, "id": label["id"]})
