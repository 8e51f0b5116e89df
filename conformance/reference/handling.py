"""What every handler shares: the server's state, the records a path names (404 otherwise),
reading a JSON body, and answering with records, pages and plain lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from conformance.reference import plane_views, unknown_scopes
from conformance.reference.bodies import BodyContext
from conformance.reference.config import ServerConfig
from conformance.reference.errors import ApiError, not_found
from conformance.reference.kinds import KINDS, Kind
from conformance.reference.pagination import PageRequest, Paginator
from conformance.reference.presenting import plane_omits, present
from conformance.reference.selection import Selection
from conformance.reference.store import Record, Store
from conformance.reference.unknown_scopes import Outcome

JSON_TYPES = ("application/json",)
# what a server with the vendor-fields variation adds to every object it shows
VENDOR_FIELDS: Record = {"vendor_revision": 1, "vendor_flags": []}


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
    def store(self) -> Store:
        return self.state.store

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


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.reference
    return state


def faults_of(request: Request) -> frozenset[str]:
    return state_of(request).config.faults


def json_response(
    request: Request, body: Any, status: int = 200, *, is_list: bool = False
) -> Response:
    """A JSON answer, labelled as the (possibly faulty) server labels it."""
    faults = faults_of(request)
    media_type = "application/json"
    if is_list and "list-html-content-type" in faults:
        media_type = "text/html"
    elif "text-plain-json" in faults:
        media_type = "text/plain"
    return JSONResponse(body, status_code=status, media_type=media_type)


def selection(request: Request, kind: Kind) -> Selection:
    """The request's ``fields`` and ``expand`` for ``kind``: 400 for a name it does not have."""
    config = state_of(request).config
    query = request.query_params
    ignoring = plane_views.ignores_selection(request.url.path)
    if "fields-ignored-by-some-views" in config.faults and ignoring:
        query = QueryParams()  # the view hands no fields to its serializer
    return Selection.parse(kind, query, config.faults, config.variations)


def user_id_of(request: Request) -> str:
    user_id = request.scope.get("state", {}).get("user_id")
    if user_id is None:  # only when authentication was left to the handlers (a fault)
        raise ApiError(
            401, "Authentication credentials were not provided", code="authentication_required"
        )
    return str(user_id)


def resolve(request: Request, *, own: Iterable[str] = (), stand_in: bool = True) -> Where:
    """The workspace, project and work item the path names; 404 for any that does not exist.
    Parameters named in ``own`` are the handler's to look up, not a scope; ``stand_in=False``:
    an unknown work item is 404 under every fault (see ``parent``)."""
    state = state_of(request)
    params = {k: v for k, v in request.path_params.items() if k not in set(own)}
    faults = state.config.faults
    workspaces = state.store.select("workspace", lambda w: w["slug"] == params["slug"])
    if not workspaces and _stands_in(request, faults, "workspace"):
        workspaces = [{"id": "unknown-workspace", "slug": params["slug"]}]
    if not workspaces:
        raise permission_denied() if "unknown-project-403" in faults else not_found("workspace")
    lookup = Where(state=state, user_id="", workspace=workspaces[0])
    project = issue = None
    if "project_id" in params:
        try:
            project = lookup.find("project", params["project_id"])
        except ApiError:
            if _stands_in(request, faults, "project"):
                project = {"id": params["project_id"], "workspace": lookup.workspace["id"]}
            elif "unknown-project-403" in faults:
                # the mistake: a membership check answers before anything is looked up
                raise permission_denied() from None
            elif "nested-unknown-project-200" not in faults:
                raise
            else:
                project = {"id": params["project_id"], "workspace": lookup.workspace["id"]}
        lookup = Where(state, "", lookup.workspace, project)
    if "issue_id" in params:
        issue = parent(lookup, "issue", params["issue_id"], request.method, stand_in=stand_in)
    return Where(state, user_id_of(request), lookup.workspace, project, issue)


def _stands_in(request: Request, faults: frozenset[str], scope: str) -> bool:
    """Under the fault ``unknown-scope-per-view``: whether the view at the request's path goes
    on under an unknown ``scope`` (workspace or project) as under an empty one; raises its
    answer where that is not Plane's 403 (``unknown_scopes``)."""
    if "unknown-scope-per-view" not in faults:
        return False
    known = scope == "project"
    answer = unknown_scopes.outcome(request.method, request.url.path, workspace_known=known)
    if answer is Outcome.NOT_FOUND:
        raise not_found(scope)
    if answer is Outcome.DENIED_AS_ERROR:
        message = "You are not allowed to view this project"
        raise ApiError(403, message, drf={"error": message})
    return answer is Outcome.EMPTY


def parent(
    where: Where, kind: str, record_id: str, method: str, *, stand_in: bool = True
) -> Record:
    """The work item, cycle or module a nested path names. Under the fault
    ``unknown-parent-lists-empty`` an unknown one is not looked up, as Plane's nested views
    only filter by the id: a read stands on an empty stand-in (its lists are empty, its records
    not found), and a creation under an unknown work item fails on the foreign key (400)."""
    try:
        return where.find(kind, record_id)
    except ApiError:
        if not stand_in or "unknown-parent-lists-empty" not in where.state.config.faults:
            raise
        if method == "POST" and kind == "issue":
            message = "The work item does not exist"
            raise ApiError(400, message, code="invalid_parent", drf={"error": message}) from None
        if method != "GET":
            raise
        return {"id": record_id, **where.scope}


async def read_body(request: Request, *, empty_ok: bool = False) -> Mapping[str, Any]:
    """The request's JSON object: 415 for another media type, 400 for anything else wrong.
    An action (archive, transfer) may come without a body at all (``empty_ok``)."""
    faults = faults_of(request)
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
            body = json.loads(raw) if raw or not empty_ok else {}
        except (ValueError, RecursionError):
            raise ApiError(400, "malformed JSON body", code="malformed_json") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object", code="invalid_body")
    return body


def render(
    where: Where, kind: str, chosen: Selection | None, record: Record, view: str | None = None
) -> Record:
    """One record as the API shows it, cut and expanded as ``chosen`` asks; ``view`` (create,
    update, detail, list) is the answer it goes into, where field sets differ by answer."""
    shown = present(where.state.store, kind, record, where.user_id)
    if where.state.config.varies("plane-field-sets"):
        for name in plane_omits(kind, view, record):
            shown.pop(name, None)
    if where.state.config.varies("vendor-fields"):
        shown.update(VENDOR_FIELDS)
    return shown if chosen is None else chosen.apply(where.state.store, where.user_id, shown)


def check_query(request: Request, kind: str) -> None:
    """Refuse bad list parameters before anything is looked up."""
    list_query(request, kind)


def list_query(request: Request, kind: str) -> tuple[Selection, PageRequest]:
    """A list's ``fields``/``expand`` and page: one 400 naming every bad parameter, the
    selection's and ``per_page``'s or the cursor's together (variation ``first-error-only``:
    the first alone)."""
    state = state_of(request)
    refusals: list[ApiError] = []
    chosen: Selection | None = None
    page: PageRequest | None = None
    try:
        chosen = selection(request, KINDS[kind])
    except ApiError as exc:
        if exc.status != 400 or state.config.varies("first-error-only"):
            raise
        refusals.append(exc)
    try:
        page = state.paginator.request(request.query_params)
    except ApiError as exc:
        if exc.status != 400:
            raise
        refusals.append(exc)
    if refusals:
        raise _together(refusals)
    assert chosen is not None
    assert page is not None
    return chosen, page


def _together(refusals: list[ApiError]) -> ApiError:
    """One 400 of several: their messages joined, the first's code, every detail."""
    if len(refusals) == 1:
        return refusals[0]
    details: dict[str, Any] = {}
    for refusal in refusals:
        details.update(refusal.details)
    message = "; ".join(refusal.message for refusal in refusals)
    return ApiError(400, message, code=refusals[0].code, **details)


def listing(where: Where, request: Request, kind: str, items: list[Record]) -> Response:
    """A page of ``items`` in the documented envelope."""
    chosen, page = list_query(request, kind)
    envelope = where.state.paginator.envelope(
        items, page, lambda record: render(where, kind, chosen, record, "list")
    )
    return json_response(request, envelope, is_list=True)


def plain_list(where: Where, request: Request, kind: str, items: list[Record]) -> Response:
    """``items`` as a bare JSON array, as the real server answers its unpaginated lists."""
    chosen = selection(request, KINDS[kind])
    return json_response(request, [render(where, kind, chosen, item) for item in items])
