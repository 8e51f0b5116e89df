"""Who is who: the key's user (``users/me/``), the workspace's members (users with their role),
and a project's members, which the real server lists as users but creates, changes and deletes
as memberships (``{id, member, role}``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference import operations
from conformance.reference.errors import ApiError, not_found
from conformance.reference.handling import (
    Where,
    faults_of,
    json_response,
    plain_list,
    read_body,
    render,
    resolve,
    selection,
    state_of,
    user_id_of,
)
from conformance.reference.kinds import KINDS, USER
from conformance.reference.store import Record

# a workspace member's role when the seed gave none (a member, not an admin)
MEMBER_ROLE = 15


async def me(request: Request) -> Response:
    """The user the request's key belongs to."""
    chosen = selection(request, USER)
    state = state_of(request)
    user = state.store.get("user", user_id_of(request))
    if user is None:
        raise not_found("user")
    workspace = state.store.select("workspace")[0]
    where = Where(state=state, user_id=user["id"], workspace=workspace)
    return json_response(request, render(where, "user", chosen, user))


async def workspace_members(request: Request) -> Response:
    """The workspace's members: each user with their role, a plain JSON array."""
    selection(request, KINDS["workspace_member"])
    where = resolve(request)
    users = [{**user, "role": user.get("role", MEMBER_ROLE)} for user in where.store.select("user")]
    return plain_list(where, request, "workspace_member", users)


def _membership(record: Record) -> Record:
    """A stored member record as the real server's membership serializer shows it."""
    return {"id": record["id"], "member": record["user"], "role": record.get("role", 20)}


async def project_members(request: Request) -> Response:
    """GET the project's members (a plain array of users), or POST ``{member, role}`` (201)."""
    if request.method == "GET":
        selection(request, USER)
    where = resolve(request)
    store = where.store
    if request.method == "POST":
        body = await read_body(request)
        values = operations.parse_body("membership", body, where.context(), partial=False)
        project_id, user_id = where.scope["project"], values["member"]
        already = store.select(
            "member", lambda m: (m["project"], m["user"]) == (project_id, user_id)
        )
        if already and "plane-body-rules" in where.state.config.faults:
            # Plane's unique (project, member) fails in the database: its catch-all answers 400
            message = "The payload is not valid"
            raise ApiError(400, message, drf={"error": message})
        record = operations.add_member(store, project_id, user_id)
        record = store.update("member", record["id"], {"role": values["role"]})
        return json_response(request, render(where, "membership", None, _membership(record)), 201)
    project_id = where.scope["project"]
    user_ids = [m["user"] for m in store.select("member", lambda m: m["project"] == project_id)]
    users = [user for user in map(lambda u: store.get("user", u), user_ids) if user]
    return plain_list(where, request, "user", users)


async def project_member(request: Request) -> Response:
    """One membership by its id: GET shows its user (as the real server does), PATCH changes
    its role, DELETE removes it (204)."""
    chosen = selection(request, USER) if request.method == "GET" else None
    where = resolve(request, own=("pk",))
    store = where.store
    record = store.get("member", request.path_params["pk"])
    if record is None or record["project"] != where.scope["project"]:
        removed = store.get("removed_member", request.path_params["pk"])
        if request.method == "DELETE" and removed and removed["project"] == where.scope["project"]:
            return Response(status_code=204)  # removed before: it stays removed, as on Plane
        raise where.missing("project member")
    if request.method == "DELETE":
        if "member-delete-keeps-member" not in faults_of(request):
            store.delete("member", record["id"])
            store.add("removed_member", {"id": record["id"], "project": record["project"]})
        return Response(status_code=204)
    if request.method == "PATCH":
        body = await read_body(request)
        values = operations.parse_body("membership", body, where.context(), partial=True)
        values.pop("member", None)  # a membership keeps its user
        record = store.update("member", record["id"], values)
        return json_response(request, render(where, "membership", None, _membership(record)))
    user = store.get("user", record["user"])
    if user is None:
        raise where.missing("user")
    return json_response(request, render(where, "user", chosen, user))
