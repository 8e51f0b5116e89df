"""The route table: every operation the server answers under ``/api/v1``, declared once.

Starlette's routes are built from it, and so is the OpenAPI description (``description.py``).
The surface is the real server's public v1 surface (its ``/api/schema/``), plus the
``relations/remove/`` that Plane's official SDK calls. Each path works with or without ``/``.
"""

from __future__ import annotations

import re
from functools import partial

from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from conformance.reference import archives, assets, intake, lookups, members
from conformance.reference.endpoint import Endpoint, Operation, read, resource
from conformance.reference.errors import error_response
from conformance.reference.issue_routes import ISSUE_SEGMENTS, P, W, container, issue_children

PREFIX = "/api/v1"


def _members(segment: str) -> tuple[Endpoint, ...]:
    """A project's members, under ``members/`` or ``project-members/``."""
    return (
        Endpoint(
            f"{P}/{segment}/",
            members.project_members,
            "user",
            "members",
            (
                read("array", "List the project's members (users)"),
                Operation(
                    "POST",
                    201,
                    "one:membership",
                    "Add a member to the project",
                    "create:membership",
                ),
            ),
            absent_with="no-members-endpoint",
        ),
        Endpoint(
            f"{P}/{segment}/{{pk}}/",
            members.project_member,
            "user",
            "members",
            (
                read("one", "Get the user of a membership"),
                Operation(
                    "PATCH", 200, "one:membership", "Change a member's role", "update:membership"
                ),
                Operation("DELETE", 204, "none", "Remove a member from the project"),
            ),
            absent_with="no-members-endpoint",
        ),
    )


def _workspace() -> list[Endpoint]:
    endpoints = [
        Endpoint("/users/me/", members.me, "user", "users", (read("one", "Get the key's user"),)),
        Endpoint(
            f"{W}/members/",
            members.workspace_members,
            "workspace_member",
            "members",
            (read("array", "List the workspace's members with their roles"),),
        ),
        *resource(W, "stickies", "sticky", "stickies", "sticky"),
        *resource(W, "invitations", "invitation", "invitations", "invitation", plain=True),
        Endpoint(
            f"{W}/assets/",
            assets.workspace_assets,
            "asset",
            "assets",
            (Operation("POST", 201, "Ticket", "Create a workspace asset to upload", "Upload"),),
        ),
        Endpoint(
            f"{W}/assets/{{asset_id}}/",
            assets.workspace_asset,
            "asset",
            "assets",
            (
                read("Download", "Get where to download an uploaded asset"),
                Operation("PATCH", 200, "one", "Mark an asset uploaded", "Uploaded"),
            ),
            # the GET answers where the file is, not the asset: nothing to select or expand
            lint_ignore=("PLN-FLD-01", "PLN-FLD-02"),
        ),
        Endpoint(
            "/assets/user-assets/",
            assets.user_assets,
            "asset",
            "assets",
            (Operation("POST", 201, "Ticket", "Create a user's image to upload", "UserUpload"),),
        ),
        Endpoint(
            "/assets/user-assets/{asset_id}/",
            assets.user_asset,
            "asset",
            "assets",
            (
                Operation("PATCH", 200, "one", "Mark a user's image uploaded", "Uploaded"),
                Operation("DELETE", 204, "none", "Delete a user's image"),
            ),
        ),
    ]
    for segment in ISSUE_SEGMENTS:
        endpoints += [
            Endpoint(
                f"{W}/{segment}/search/",
                lookups.search,
                None,
                "search",
                (read("Search", "Search the workspace's work items"),),
            ),
            Endpoint(
                f"{W}/{segment}/{{project_identifier}}-{{issue_identifier}}/",
                lookups.by_identifier,
                "issue",
                "work-items",
                (read("one", "Get a work item by its identifier (CONF-12)"),),
            ),
        ]
    return endpoints


def _project() -> list[Endpoint]:
    endpoints = [
        *resource(W, "projects", "project", "projects", "project"),
        Endpoint(
            f"{P}/archive/",
            partial(archives.archive, kind="project"),
            None,
            "projects",
            (
                Operation("POST", 204, "none", "Archive a project", "Empty"),
                Operation("DELETE", 204, "none", "Restore an archived project"),
            ),
            lint_ignore=("PLN-PATH-01",),
        ),
        Endpoint(
            f"{P}/summary/",
            lookups.summary,
            None,
            "projects",
            (read("Summary", "Count what the project holds"),),
        ),
        *_members("members"),
        *_members("project-members"),
        *resource(P, "states", "state", "states", "state", pk="state_id"),
        *resource(P, "labels", "label", "labels", "label"),
        *resource(P, "modules", "module", "modules", "module"),
        *container(
            "module", (Operation("DELETE", 204, "none", "Remove a work item from the module"),)
        ),
        *resource(P, "cycles", "cycle", "cycles", "cycle"),
        *container(
            "cycle",
            (
                read("one", "Get a work item's place in the cycle"),
                Operation("DELETE", 204, "none", "Remove a work item from the cycle"),
            ),
        ),
        Endpoint(
            f"{P}/cycles/{{cycle_id}}/transfer-issues/",
            archives.transfer_issues,
            None,
            "cycles",
            (
                Operation(
                    "POST", 200, "Message", "Move a finished cycle's open work items", "Transfer"
                ),
            ),
        ),
        Endpoint(
            f"{P}/intake-issues/",
            intake.intake_issues,
            "intake_issue",
            "intake",
            (
                read("page", "List the project's intake"),
                Operation("POST", 201, "one", "Propose a work item", "IntakeCreate"),
            ),
        ),
        Endpoint(
            f"{P}/intake-issues/{{issue_id}}/",
            intake.intake_issue,
            "intake_issue",
            "intake",
            (
                read("one", "Get an intake item by its work item's id"),
                Operation("PATCH", 200, "one", "Triage an intake item", "IntakeUpdate"),
                Operation("DELETE", 204, "none", "Withdraw an intake item"),
            ),
        ),
    ]
    for segment in ISSUE_SEGMENTS:
        endpoints += [*resource(P, segment, "issue", "work-items", "work item")]
        endpoints += issue_children(segment)
    return endpoints


def endpoints(variations: frozenset[str] = frozenset()) -> tuple[Endpoint, ...]:
    """Every endpoint the server answers with ``variations`` switched on."""
    everything = (*_workspace(), *_project())
    return tuple(e for e in everything if e.absent_with is None or e.absent_with not in variations)


# the path parameters that are not ids: every other one is a UUID in lower case, as the real
# server's routes (Django's ``<uuid:...>``) match it
NOT_IDS = frozenset({"slug", "project_identifier", "issue_identifier"})
LOWER_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class IdRoute(Route):
    """A route whose id parameters match only UUIDs: ``projects/templates/`` is a path the API
    does not define (404), not a project that does not exist."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match == Match.NONE:
            return match, child
        params = child.get("path_params", {})
        if all(LOWER_UUID.fullmatch(str(v)) for k, v in params.items() if k not in NOT_IDS):
            return match, child
        return Match.NONE, {}


def _routes(table: tuple[Endpoint, ...]) -> list[Route]:
    return [
        IdRoute(
            PREFIX + e.path, e.handler, methods=[operation.method for operation in e.operations]
        )
        for e in table
    ]


def build_routes(variations: frozenset[str] = frozenset()) -> list[Route]:
    """Starlette's routes for the endpoints, each under ``/api/v1``."""
    return _routes(endpoints(variations))


def lacking(variations: frozenset[str]) -> list[Route]:
    """The routes of the endpoints an older release (a variation) does not have."""
    table = (*_workspace(), *_project())
    return _routes(tuple(e for e in table if e.absent_with and e.absent_with in variations))


class OlderRelease:
    """An older release (a variation) lacks some endpoints: its router answers 404 to their
    paths before anything else, authentication included, as a framework that resolves the URL
    first does."""

    def __init__(self, app: ASGIApp, routes: list[Route]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        path = path if path.endswith("/") else path + "/"
        if scope["type"] == "http" and any(r.path_regex.match(path) for r in self.routes):
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
