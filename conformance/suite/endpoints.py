"""Every endpoint and method of the surface, with the ids of the subject filled in."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from typing import Any

from conformance.errors import TargetError
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.surface import COLLECTIONS, ME, MEMBERS, Collection

UNKNOWN_ID = str(uuid.UUID("00000000-0000-4000-8000-00000000dead"))


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def list_path(target: Target, subject: Subject, item: Collection) -> str | None:
    """The collection's path for the subject, or None when the subject lacks a parent id."""
    ids = subject.ids()
    if not set(item.placeholders) - {"slug"} <= ids.keys():
        return None
    return target.path(item.path, **ids)


def every_endpoint(target: Target, subject: Subject, *, smoke: bool) -> list[Endpoint]:
    """Each list and item endpoint with each of its methods; item ids are well-formed unknowns
    so that a server that wrongly accepts a request cannot change real data."""
    chosen = [c for c in COLLECTIONS if not smoke or c.name in ("projects", "issues")]
    endpoints = [Endpoint("GET", ME)]
    ids = subject.ids()
    for item in chosen:
        path = list_path(target, subject, item)
        if path is None:
            continue
        endpoints += [Endpoint("GET", path), Endpoint("POST", path, {"name": "unauthenticated"})]
        if item.detail is not None:
            detail = target.path(item.detail, **{**ids, "id": UNKNOWN_ID})
            endpoints += [
                Endpoint("GET", detail),
                Endpoint("PATCH", detail, {"name": "x"}),
                Endpoint("DELETE", detail),
            ]
    if not smoke:
        endpoints.append(Endpoint("GET", target.path(MEMBERS, **ids)))
    if target.settings.read_only:
        endpoints = [e for e in endpoints if e.method == "GET"]
    return endpoints


def undo_creation(target: Target, path: str, reply: Reply) -> None:
    """Delete what a request that should have been refused created anyway, so a server's mistake
    in one test does not change the collections later tests count."""
    body = reply.body
    if reply.status < 300 and isinstance(body, dict) and body.get("id"):
        # The finding stands either way; the scratch project is deleted at the end anyway.
        with contextlib.suppress(TargetError):
            target.request("DELETE", f"{path.rstrip('/')}/{body['id']}/")
