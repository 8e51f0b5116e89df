"""The request handlers: find what the path names (404 otherwise), read the query and body, answer.

Every collection and item endpoint is one of a few generic handlers bound to a resource kind;
the path decides the scope (workspace, project, work item) a record must lie in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from conformance.reference import operations
from conformance.reference.bodies import BodyContext
from conformance.reference.config import ServerConfig
from conformance.reference.errors import ApiError, not_found
from conformance.reference.kinds import ISSUE, KINDS, USER, Kind
from conformance.reference.pagination import Paginator
from conformance.reference.presenting import present
from conformance.reference.selection import Selection
from conformance.reference.store import Record, Store

JSON_TYPES = ("application/json",)


@dataclass(frozen=True, slots=True)
class ServerState:
    """What the handlers share, kept on ``app.state.reference``."""

    config: ServerConfig
    store: Store
    paginator: Paginator


@dataclass(frozen=True, slots=True)
class Where:
    """The records a path names, each checked to lie inside the one before."""

    state: ServerState
    user_id: str
    workspace: Record
    project: Record | None = None
    issue: Record | None = None

    @property
    def scope(self) -> Record:
        """The parent ids a record created here gets."""
        ids = {"workspace": self.workspace["id"]}
        if self.project is not None:
            ids["project"] = self.project["id"]
        if self.issue is not None:
            ids["issue"] = self.issue["id"]
        return ids

    def context(self, record_id: str | None = None) -> BodyContext:
        return BodyContext(
            store=self.state.store,
            workspace_id=self.workspace["id"],
            user_id=self.user_id,
            project_id=None if self.project is None else self.project["id"],
            record_id=record_id,
            faults=self.state.config.faults,
            variations=self.state.config.variations,
        )

    def contains(self, record: Record) -> bool:
        return all(record.get(key) == value for key, value in self.scope.items())

    def find(self, kind: str, record_id: str) -> Record:
        record = self.state.store.get(kind, record_id)
        if record is None or not self.contains(record):
            raise self.missing(kind.replace("_", " "))
        return record

    def missing(self, what: str) -> ApiError:
        if "unknown-id-403" in self.state.config.faults:
            return ApiError(403, "You do not have permission to access this resource")
        return not_found(what)


def permission_denied() -> ApiError:
    return ApiError(403, "You do not have permission to perform this action.")


def _faults(request: Request) -> frozenset[str]:
    return _state(request).config.faults


def json_response(
    request: Request, body: Any, status: int = 200, *, is_list: bool = False
) -> Response:
    """A JSON answer, labelled as the (possibly faulty) server labels it."""
    faults = _faults(request)
    media_type = "application/json"
    if is_list and "list-html-content-type" in faults:
        media_type = "text/html"
    elif "text-plain-json" in faults:
        media_type = "text/plain"
    return JSONResponse(body, status_code=status, media_type=media_type)


def _selection(request: Request, kind: Kind) -> Selection:
    """The request's ``fields`` and ``expand`` for ``kind``: 400 for a name it does not have."""
    config = _state(request).config
    return Selection.parse(kind, request.query_params, config.faults, config.variations)


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.reference
    return state


def _user_id(request: Request) -> str:
    user_id = request.scope.get("state", {}).get("user_id")
    if user_id is None:  # only when authentication was left to the handlers (a fault)
        raise ApiError(
            401, "Authentication credentials were not provided", code="authentication_required"
        )
    return str(user_id)


def resolve(request: Request) -> Where:
    """The workspace, project and work item the path names; 404 for any that does not exist."""
    state = _state(request)
    params = request.path_params
    faults = state.config.faults
    workspaces = state.store.select("workspace", lambda w: w["slug"] == params["slug"])
    if not workspaces:
        raise permission_denied() if "unknown-project-403" in faults else not_found("workspace")
    lookup = Where(state=state, user_id="", workspace=workspaces[0])
    project = issue = None
    if "project_id" in params:
        try:
            project = lookup.find("project", params["project_id"])
        except ApiError:
            nested = not request.url.path.rstrip("/").endswith(params["project_id"])
            if nested and "unknown-project-403" in faults:
                # the mistake: a membership check answers before anything is looked up
                raise permission_denied() from None
            if not nested or "nested-unknown-project-200" not in faults:
                raise
            project = {"id": params["project_id"], "workspace": lookup.workspace["id"]}
        lookup = Where(state, "", lookup.workspace, project)
    if "issue_id" in params:
        issue = lookup.find("issue", params["issue_id"])
    return Where(state, _user_id(request), lookup.workspace, project, issue)


async def read_body(request: Request) -> Mapping[str, Any]:
    """The request's JSON object: 415 for another media type, 400 for anything else wrong."""
    faults = _faults(request)
    raw = await request.body()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    is_json = media_type in JSON_TYPES or media_type.endswith("+json")
    if (media_type and not is_json) or (is_json and "json-body-rejected" in faults):
        raise ApiError(
            415,
            f"unsupported media type {media_type[:60]!r}: send application/json",
            code="unsupported_media_type",
        )
    if "malformed-json-500" in faults:
        body = json.loads(raw)  # the mistake: nothing catches the decoding error
    else:
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            raise ApiError(400, "malformed JSON body", code="malformed_json") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object", code="invalid_body")
    return body


# what a server with the vendor-fields variation adds to every object it shows
VENDOR_FIELDS: Record = {"vendor_revision": 1, "vendor_flags": []}


def render(where: Where, kind: str, selection: Selection | None, record: Record) -> Record:
    shown = present(where.state.store, kind, record, where.user_id)
    if where.state.config.varies("vendor-fields"):
        shown.update(VENDOR_FIELDS)
    return shown if selection is None else selection.apply(where.state.store, where.user_id, shown)


def listing(where: Where, request: Request, kind: str, items: list[Record]) -> Response:
    selection = _selection(request, KINDS[kind])
    page = where.state.paginator.request(request.query_params)
    envelope = where.state.paginator.envelope(
        items, page, lambda record: render(where, kind, selection, record)
    )
    return json_response(request, envelope, is_list=True)


def _check_query(request: Request, kind: str) -> None:
    """Refuse bad list parameters before anything is looked up."""
    _selection(request, KINDS[kind])
    _state(request).paginator.request(request.query_params)


async def collection(request: Request, kind: str) -> Response:
    """GET a paginated list of `kind` in the path's scope, or POST a new one (201)."""
    faults = _faults(request)
    if request.method == "POST":
        where = resolve(request)
        if "valid-key-403-on-writes" in faults:  # a permission check that denies every writer
            raise ApiError(403, "You do not have permission to perform this action")
        body = await read_body(request)
        record = operations.create(kind, body, where.context(), where.scope)
        shown = render(where, kind, None, record)
        if "create-without-id" in faults:
            del shown["id"]
        return json_response(request, shown, 200 if "create-returns-200" in faults else 201)
    _check_query(request, kind)
    where = resolve(request)
    items = where.state.store.select(kind, where.contains)
    return listing(where, request, kind, items)


async def item(request: Request, kind: str) -> Response:
    """GET, PATCH (200, unsent fields kept) or DELETE (204, empty) one `kind` record."""
    faults = _faults(request)
    selection = None
    if request.method == "GET":
        selection = _selection(request, KINDS[kind])
    where = resolve(request)
    record = where.find(kind, request.path_params["item_id"])
    if request.method == "DELETE":
        if "delete-not-gone" not in faults:
            operations.delete(where.state.store, kind, record)
        if "delete-200-with-body" in faults:
            return json_response(request, render(where, kind, None, record))
        return Response(status_code=204)
    if request.method == "PATCH":
        body = await read_body(request)
        record = operations.update(kind, record, body, where.context(record["id"]))
        return json_response(request, render(where, kind, None, record))
    return json_response(request, render(where, kind, selection, record))


async def contained_issues(request: Request, kind: str) -> Response:
    """A module's or cycle's work items: GET lists them, POST ``{"issues": [...]}`` adds them."""
    if request.method == "GET":
        _check_query(request, ISSUE.name)
    where = resolve(request)
    container = where.find(kind, request.path_params["container_id"])
    store = where.state.store
    if request.method == "POST":
        body = await read_body(request)
        links = operations.link_issues(store, kind, container, body, where.context())
        return json_response(
            request, [render(where, f"{kind}_issue", None, link) for link in links], 201
        )
    issue_ids = [
        link["issue"]
        for link in store.select(f"{kind}_issue", lambda r: r[kind] == container["id"])
    ]
    issues = [issue for issue in map(lambda i: store.get("issue", i), issue_ids) if issue]
    return listing(where, request, ISSUE.name, issues)


async def contained_issue(request: Request, kind: str) -> Response:
    """One work item's link to a module or cycle: GET shows it, DELETE removes it (204)."""
    link_kind = f"{kind}_issue"
    selection = _selection(request, KINDS[link_kind])
    where = resolve(request)
    container = where.find(kind, request.path_params["container_id"])
    issue_id = request.path_params["item_id"]
    store = where.state.store
    links = store.select(link_kind, lambda r: r[kind] == container["id"] and r["issue"] == issue_id)
    if not links:
        raise where.missing(f"work item in this {kind}")
    if request.method == "DELETE":
        if "delete-not-gone" not in where.state.config.faults:
            store.delete(link_kind, links[0]["id"])
        return Response(status_code=204)
    return json_response(request, render(where, link_kind, selection, links[0]))


async def members(request: Request) -> Response:
    """The project's members: a plain JSON array of users, not paginated."""
    selection = _selection(request, USER)
    where = resolve(request)
    store = where.state.store
    project_id = where.scope["project"]
    user_ids = [m["user"] for m in store.select("member", lambda m: m["project"] == project_id)]
    users = [user for user in map(lambda u: store.get("user", u), user_ids) if user]
    return json_response(request, [render(where, "user", selection, user) for user in users])


async def me(request: Request) -> Response:
    """The user the request's key belongs to."""
    selection = _selection(request, USER)
    state = _state(request)
    user = state.store.get("user", _user_id(request))
    if user is None:
        raise not_found("user")
    workspace = state.store.select("workspace")[0]
    where = Where(state=state, user_id=user["id"], workspace=workspace)
    return json_response(request, render(where, "user", selection, user))
