"""An older Plane release, as the reference server models it: the routes Plane v0.23.1
(November 2024) does not have, and its site without an OpenAPI description.

The routes are read off v0.23.1's URL table (``apiserver/plane/api/urls/*.py``) and checked by
hand against the running release (``docs/REAL-PLANE-0.23.md``): each answers 404
``{"error": "Page not found."}`` to everyone, with a key or without, before authentication,
as Django resolves the URL first. Switched on by the variation ``plane-0.23-routes``; the
variation ``no-api-schema`` takes ``/api/schema/`` away.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from conformance.reference.routes import PREFIX

W = "/workspaces/{slug}"
P = W + "/projects/{project_id}"
# What v0.23.1 lacks of the current release's API (its paths below /api/v1).
LACKING_0_23: tuple[str, ...] = (
    "/users/me/",
    "/assets/user-assets/",
    "/assets/user-assets/{asset_id}/",
    W + "/members/",
    W + "/invitations/",
    W + "/invitations/{pk}/",
    W + "/stickies/",
    W + "/stickies/{pk}/",
    W + "/assets/",
    W + "/assets/{asset_id}/",
    W + "/issues/search/",
    W + "/work-items/search/",
    W + "/work-items/{identifier}/",
    P + "/work-items/",
    P + "/work-items/{rest:path}",
    P + "/intake-issues/",
    P + "/intake-issues/{rest:path}",
    P + "/project-members/",
    P + "/project-members/{rest:path}",
    P + "/summary/",
    P + "/archived-cycles/{cycle_id}/unarchive/",  # it unarchives by DELETE of .../archive/
    P + "/archived-modules/{pk}/unarchive/",
    P + "/members/{pk}/",
    P + "/issues/{issue_id}/issue-attachments/{pk}/",
    P + "/issues/{issue_id}/relations/",
    P + "/issues/{issue_id}/relations/{rest:path}",
)


async def _never(request: Request) -> JSONResponse:  # pragma: no cover - matched, never called
    return JSONResponse({"error": "Page not found."}, status_code=404)


def lacking_routes(variations: frozenset[str]) -> list[Route]:
    """Routes to answer 404 to everyone (``OlderRelease``) with ``variations`` on."""
    if "plane-0.23-routes" not in variations:
        return []
    return [Route(PREFIX + path, _never) for path in LACKING_0_23]


def publishes_schema(variations: frozenset[str]) -> bool:
    """Whether the site answers ``/api/schema/`` (an older release has no description)."""
    return "no-api-schema" not in variations
