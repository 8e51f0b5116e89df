"""Archiving projects, modules and cycles, the lists of archived ones, and moving the unfinished
work items of a finished cycle to another: the real server's actions, with its refusals.

An archived record leaves its ordinary list (``resources.VISIBLE``) and may not be edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference import containers
from conformance.reference.errors import ApiError
from conformance.reference.handling import (
    check_query,
    faults_of,
    json_response,
    listing,
    permission_denied,
    read_body,
    resolve,
)
from conformance.reference.store import Record, timestamp

# kind -> the path parameter that names the record an action applies to
ARCHIVABLE: Mapping[str, str] = MappingProxyType(
    {"project": "project_id", "module": "pk", "cycle": "cycle_id"}
)


def _check_archivable(kind: str, record: Record) -> None:
    if kind == "module" and record["status"] not in ("completed", "cancelled"):
        raise ApiError(400, "Only completed or cancelled modules can be archived")
    if kind == "cycle" and not containers.cycle_completed(record):
        raise ApiError(400, "Only completed cycles can be archived")


async def archive(request: Request, kind: str) -> Response:
    """POST archives the record (204); DELETE, on a project's ``archive/``, restores it."""
    param = ARCHIVABLE[kind]
    await read_body(request, empty_ok=True)
    # a project's own id is the record here, not a scope to look it up in
    where = resolve(request, own=(param,) if kind == "project" else ())
    try:
        record = where.find(kind, request.path_params[param])
    except ApiError:
        restoring = kind == "project" and request.method == "DELETE"
        if restoring and "unknown-scope-per-view" in where.state.config.faults:
            raise permission_denied() from None  # Plane's permission class, before the lookup
        raise
    if request.method == "POST":
        _check_archivable(kind, record)
        where.store.update(kind, record["id"], {"archived_at": timestamp()})
    else:
        where.store.update(kind, record["id"], {"archived_at": None})
    return Response(status_code=204)


async def unarchive(request: Request, kind: str) -> Response:
    """DELETE on ``archived-<kind>s/{id}/unarchive/``: the record is back in its list (204)."""
    where = resolve(request)
    record = where.find(kind, request.path_params[ARCHIVABLE[kind]])
    if not record.get("archived_at"):
        raise where.missing(f"archived {kind}")
    where.store.update(kind, record["id"], {"archived_at": None})
    return Response(status_code=204)


async def archived(request: Request, kind: str) -> Response:
    """A page of the project's archived modules or cycles."""
    check_query(request, kind)
    where = resolve(request)
    if "archived-lists-500" in faults_of(request):
        raise RuntimeError(f"seeded fault: the list of archived {kind}s crashes")
    items = where.store.select(kind, lambda r: where.contains(r) and bool(r.get("archived_at")))
    return listing(where, request, kind, items)


async def transfer_issues(request: Request) -> Response:
    """POST ``{"new_cycle_id"}``: the unfinished work items of a finished (or undated) cycle move
    to a cycle that is not finished."""
    where = resolve(request)
    old = where.find("cycle", request.path_params["cycle_id"])
    body = await read_body(request, empty_ok=True)
    new_id = body.get("new_cycle_id")
    if not new_id:
        message = "New Cycle Id is required"
        raise ApiError(400, message, field="new_cycle_id", drf={"error": message})
    if old.get("end_date") and not containers.cycle_completed(old):
        message = "The old cycle is not completed yet"
        raise ApiError(400, message, drf={"error": message})
    new = where.find("cycle", str(new_id))
    if containers.cycle_completed(new):
        message = "The cycle where the issues are transferred is already completed"
        raise ApiError(400, message, drf={"error": message})
    containers.transfer_unfinished(where.store, old, new, where.context())
    return json_response(request, {"message": "Success"})
