"""Files: work item attachments, workspace assets and user assets, as upload tickets.

A file never passes through the API: a POST creates the asset record and answers where to
upload the bytes (``upload_data``, a presigned POST on the real server's object storage); a
PATCH ``{"is_uploaded": true}`` says the upload is done. Here the upload URL is the server's own
``/uploads/``, which accepts the bytes and keeps none of them: the API never serves a file's
contents (the real server answers a download with a redirect to the storage).
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference.errors import ApiError, bad_field
from conformance.reference.handling import (
    Where,
    json_response,
    plain_list,
    read_body,
    render,
    resolve,
    selection,
    state_of,
    user_id_of,
)
from conformance.reference.kinds import KINDS
from conformance.reference.selection import Selection
from conformance.reference.store import Record, new_id, timestamp

MIME = re.compile(r"[a-z]+/[a-z0-9.+-]+")
IMAGES = ("image/jpeg", "image/png", "image/webp", "image/jpg", "image/gif")
USER_ENTITIES = ("USER_AVATAR", "USER_COVER")
MAX_SIZE = 5 * 1024 * 1024
UPLOADS = "/uploads/"


def _file(body: Any) -> tuple[str, str, int]:
    """(name, type, size) of an upload request; 400 naming what is wrong."""
    name, kind, size = body.get("name"), body.get("type"), body.get("size")
    if not isinstance(name, str) or not name.strip():
        drf = {"error": "Name and size are required fields.", "status": False}
        raise bad_field("name", "is required", drf=drf)
    if not isinstance(kind, str) or not MIME.fullmatch(kind):
        raise bad_field("type", "must be a media type such as text/plain")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise bad_field("size", "must be a positive number of bytes")
    return name.strip()[:200], kind, min(size, MAX_SIZE)


def _new_asset(where: Where, body: Any, **owner: Any) -> Record:
    name, kind, size = _file(body)
    if where.state.config.varies("no-file-storage"):
        # a deployment without object storage: the presigned upload cannot be made
        raise ApiError(500, "Something went wrong please try again later")
    now = timestamp()
    record: Record = {
        "id": new_id(),
        "created_at": now,
        "updated_at": now,
        "attributes": {"name": name, "type": kind, "size": size},
        "asset": f"{where.workspace['id']}/{new_id().replace('-', '')}-{name}",
        "size": size,
        "external_id": body.get("external_id"),
        "external_source": body.get("external_source"),
        "created_by": where.user_id,
        **owner,
    }
    return where.store.add("asset", record)


def _ticket(request: Request, where: Where, asset: Record) -> Record:
    """Where to upload the bytes, as the real server's presigned POST says it."""
    url = str(request.base_url).rstrip("/") + UPLOADS
    attributes = asset["attributes"]
    return {
        "upload_data": {
            "url": url,
            "fields": {"Content-Type": attributes["type"], "key": asset["asset"]},
        },
        "asset_id": asset["id"],
        "asset_url": url + asset["asset"],
    }


async def attachments(request: Request) -> Response:
    """GET the work item's uploaded attachments (a plain array); POST ``{name, type, size}``
    creates one (201: the attachment, and its upload ticket beside it)."""
    if request.method == "GET":
        selection(request, KINDS["asset"])
    # Plane's upload looks the work item up: no empty stand-in for a creation (404)
    where = resolve(request, stand_in=request.method == "GET")
    assert where.issue is not None  # the route names a work item
    if request.method == "GET":
        items = where.store.select(
            "asset", lambda r: where.contains(r) and bool(r.get("is_uploaded"))
        )
        return plain_list(where, request, "asset", items)
    body = await read_body(request)
    asset = _new_asset(where, body, entity_type="ISSUE_ATTACHMENT", **where.scope)
    shown = render(where, "asset", None, asset)
    return json_response(
        request, {**shown, **_ticket(request, where, asset), "attachment": shown}, 201
    )


async def attachment(request: Request) -> Response:
    """GET one uploaded attachment, PATCH ``{"is_uploaded"}`` (200 with it), DELETE (204)."""
    chosen = selection(request, KINDS["asset"]) if request.method == "GET" else None
    where = resolve(request, own=("pk",))
    record = where.find("asset", request.path_params["pk"])
    return await _one(request, where, record, chosen)


async def _one(
    request: Request, where: Where, record: Record, chosen: Selection | None = None
) -> Response:
    store = where.store
    if request.method == "DELETE":
        store.delete("asset", record["id"])
        return Response(status_code=204)
    if request.method == "PATCH":
        body = await read_body(request)
        uploaded = body.get("is_uploaded", record.get("is_uploaded", False))
        if not isinstance(uploaded, bool):
            raise bad_field("is_uploaded", "must be true or false")
        changes = {"is_uploaded": uploaded, "updated_at": timestamp(), "updated_by": where.user_id}
        record = store.update("asset", record["id"], changes)
        return json_response(request, render(where, "asset", None, record))
    if not record.get("is_uploaded"):
        raise ApiError(400, "The asset is not uploaded.")
    return json_response(request, render(where, "asset", chosen, record))


async def workspace_assets(request: Request) -> Response:
    """POST ``{name, type, size, project_id?, external_id?, external_source?}``: a workspace asset
    and its upload ticket (201); an asset with the same external id and source is a 409."""
    where = resolve(request)
    body = await read_body(request)
    source, external = body.get("external_source"), body.get("external_id")
    if source and external:
        same = where.store.select(
            "asset",
            lambda r: (
                where.contains(r)
                and r.get("external_source") == source
                and r.get("external_id") == external
            ),
        )
        if same:
            raise ApiError(409, "Asset with same external id and source already exists")
    project = body.get("project_id")
    asset = _new_asset(
        where,
        body,
        workspace=where.workspace["id"],
        project=project if isinstance(project, str) else None,
        entity_type="ISSUE_ATTACHMENT",
    )
    shown = render(where, "asset", None, asset)
    return json_response(request, {**shown, **_ticket(request, where, asset)}, 201)


async def workspace_asset(request: Request) -> Response:
    """GET where to download an uploaded asset; PATCH ``{"is_uploaded"}`` (200 with it)."""
    where = resolve(request, own=("asset_id",))
    record = where.find("asset", request.path_params["asset_id"])
    if request.method == "GET":
        if not record.get("is_uploaded"):
            raise ApiError(400, "Asset not yet uploaded")
        attributes = record["attributes"]
        ticket = _ticket(request, where, record)
        return json_response(
            request,
            {
                "asset_id": record["id"],
                "asset_url": ticket["asset_url"],
                "asset_name": attributes.get("name", ""),
                "asset_type": attributes.get("type", ""),
            },
        )
    return await _one(request, where, record)


def _user_where(request: Request) -> Where:
    state = state_of(request)
    workspace = state.store.select("workspace")[0]
    return Where(state=state, user_id=user_id_of(request), workspace=workspace)


async def user_assets(request: Request) -> Response:
    """POST ``{name, type, size, entity_type}``: an avatar or cover image of the key's user and
    its upload ticket (201)."""
    where = _user_where(request)
    body = await read_body(request)
    if body.get("entity_type") not in USER_ENTITIES:
        drf = {"error": "Invalid entity type.", "status": False}
        raise bad_field("entity_type", f"must be one of {', '.join(USER_ENTITIES)}", drf=drf)
    if body.get("type") not in IMAGES:
        raise bad_field("type", "Invalid file type. Only JPEG and PNG files are allowed.")
    asset = _new_asset(where, body, user=where.user_id, entity_type=body["entity_type"])
    shown = render(where, "asset", None, asset)
    return json_response(request, {**shown, **_ticket(request, where, asset)}, 201)


async def user_asset(request: Request) -> Response:
    """PATCH ``{"is_uploaded"}`` (200 with the asset) or DELETE (204) one of the user's assets."""
    where = _user_where(request)
    record = where.store.get("asset", request.path_params["asset_id"])
    if record is None or record.get("user") != where.user_id:
        raise where.missing("asset")
    return await _one(request, where, record)


async def upload(request: Request) -> Response:
    """The upload URL of a ticket: takes the bytes (any form) and keeps none of them (204)."""
    await request.body()
    return Response(status_code=204)
