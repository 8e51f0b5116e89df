"""Every (method, path) the reference server defines, from its route table, filled with seeded
ids, for sweeping tests."""

from __future__ import annotations

from conformance.reference.routes import endpoints
from conformance.reference.seed import seed_id, seed_project_id

WORKSPACE = "/workspaces/plane-conformance"
PROJECT = f"{WORKSPACE}/projects/{seed_project_id()}"
ISSUE = f"{PROJECT}/issues/{seed_id('issue-0')}"
MODULE = f"{PROJECT}/modules/{seed_id('module-0')}"
CYCLE = f"{PROJECT}/cycles/{seed_id('cycle-0')}"

# the seeded id a path parameter stands for, by the collection segment before it
BY_COLLECTION = {
    "projects": seed_project_id(),
    "states": seed_id("state-Backlog"),
    "labels": seed_id("label-bug"),
    "issues": seed_id("issue-0"),
    "work-items": seed_id("issue-0"),
    "comments": seed_id("comment-0"),
    "links": seed_id("link-0"),
    "activities": seed_id("activity-0"),
    "attachments": seed_id("attachment-0"),
    "issue-attachments": seed_id("attachment-0"),
    "modules": seed_id("module-0"),
    "archived-modules": seed_id("module-1"),
    "cycles": seed_id("cycle-0"),
    "archived-cycles": seed_id("cycle-1"),
    "module-issues": seed_id("issue-0"),
    "cycle-issues": seed_id("issue-10"),
    "intake-issues": seed_id("issue-intake-0"),
    "members": seed_id("member-0"),
    "project-members": seed_id("member-0"),
    "stickies": seed_id("sticky-0"),
    "invitations": seed_id("invitation-0"),
    "assets": seed_id("asset-0"),
    "user-assets": seed_id("asset-0"),
}


def fill(path: str) -> str:
    """A route-table path with the seeded ids (each parameter by the segment before it)."""
    filled: list[str] = []
    for segment in path.strip("/").split("/"):
        if segment == "{slug}":
            segment = "plane-conformance"
        elif segment == "{project_identifier}-{issue_identifier}":
            segment = "REF-1"
        elif segment.startswith("{"):
            segment = BY_COLLECTION[filled[-1]]
        filled.append(segment)
    return "/" + "/".join(filled) + "/"


# (method, path relative to /api/v1)
ENDPOINTS: tuple[tuple[str, str], ...] = tuple(
    (operation.method, fill(endpoint.path))
    for endpoint in endpoints()
    for operation in endpoint.operations
)

# the GET lists that answer with the pagination envelope
LISTS: tuple[str, ...] = tuple(
    fill(endpoint.path)
    for endpoint in endpoints()
    for operation in endpoint.operations
    if operation.method == "GET" and operation.answer == "page"
)


def endpoint_id(pair: tuple[str, str]) -> str:
    method, path = pair
    short = path
    for prefix, name in (
        (ISSUE, "{issue}"),
        (MODULE, "{module}"),
        (CYCLE, "{cycle}"),
        (PROJECT, "{project}"),
        (WORKSPACE, "{ws}"),
    ):
        short = short.replace(prefix, name)
    return f"{method} {short}"
