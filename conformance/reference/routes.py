"""The route table of the Plane API (``specs/plane.openapi.yaml``) under ``/api/v1``, each path
with or without ``/``."""

from __future__ import annotations

import re
from functools import partial

from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from conformance.reference import resources
from conformance.reference.errors import error_response

PREFIX = "/api/v1"
PROJECT = f"{PREFIX}/workspaces/{{slug}}/projects/{{project_id}}"
ISSUE_SEGMENTS = ("issues", "work-items")  # Plane serves work-items/ as an alias of issues/
READ_WRITE = ["GET", "POST"]
ITEM = ["GET", "PATCH", "DELETE"]


def _resource(base: str, segment: str, kind: str) -> list[Route]:
    return [
        Route(f"{base}/{segment}/", partial(resources.collection, kind=kind), methods=READ_WRITE),
        Route(f"{base}/{segment}/{{item_id}}/", partial(resources.item, kind=kind), methods=ITEM),
    ]


def _container(kind: str, item_methods: list[str]) -> list[Route]:
    base = f"{PROJECT}/{kind}s/{{container_id}}/{kind}-issues"
    return [
        Route(f"{base}/", partial(resources.contained_issues, kind=kind), methods=READ_WRITE),
        Route(
            f"{base}/{{item_id}}/",
            partial(resources.contained_issue, kind=kind),
            methods=item_methods,
        ),
    ]


def build_routes() -> list[Route]:
    routes = [
        Route(f"{PREFIX}/users/me/", resources.me, methods=["GET"]),
        *_resource(f"{PREFIX}/workspaces/{{slug}}", "projects", "project"),
        Route(f"{PROJECT}/members/", resources.members, methods=["GET"]),
        *_resource(PROJECT, "states", "state"),
        *_resource(PROJECT, "labels", "label"),
        *_resource(PROJECT, "modules", "module"),
        *_resource(PROJECT, "cycles", "cycle"),
        *_container("module", ["DELETE"]),
        *_container("cycle", ["GET", "DELETE"]),
    ]
    for segment in ISSUE_SEGMENTS:
        routes += _resource(PROJECT, segment, "issue")
        issue = f"{PROJECT}/{segment}/{{issue_id}}"
        routes += _resource(issue, "comments", "comment")
        routes += _resource(issue, "links", "link")
    return routes


MEMBERS_PATH = re.compile(r"^/api/v1/workspaces/[^/]+/projects/[^/]+/members/?$")


class OlderRelease:
    """An older release without the members endpoint (a variation): its router answers 404 to
    such a path before anything else, authentication included, as a framework that resolves
    the URL first does."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and MEMBERS_PATH.match(scope["path"]):
            await error_response(404, "Page not found.")(scope, receive, send)
            return
        await self.app(scope, receive, send)


class OptionalSlash:
    """Routes every path as if it ended with ``/``: both spellings work, nothing redirects."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].endswith("/"):
            scope = {**scope, "path": scope["path"] + "/"}
            if scope.get("raw_path"):
                scope["raw_path"] = scope["raw_path"] + b"/"
        await self.app(scope, receive, send)
