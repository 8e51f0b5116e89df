"""Every (method, path) the reference server defines, filled with seeded ids, for sweeping tests."""

from __future__ import annotations

from conformance.reference.seed import seed_id, seed_project_id

WORKSPACE = "/workspaces/plane-conformance"
PROJECT = f"{WORKSPACE}/projects/{seed_project_id()}"
ISSUE = f"{PROJECT}/issues/{seed_id('issue-0')}"
MODULE = f"{PROJECT}/modules/{seed_id('module-0')}"
CYCLE = f"{PROJECT}/cycles/{seed_id('cycle-0')}"

# (method, path relative to /api/v1)
ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("GET", "/users/me/"),
    ("GET", f"{WORKSPACE}/projects/"),
    ("POST", f"{WORKSPACE}/projects/"),
    ("GET", f"{PROJECT}/"),
    ("PATCH", f"{PROJECT}/"),
    ("DELETE", f"{PROJECT}/"),
    ("GET", f"{PROJECT}/members/"),
    *(
        pair
        for segment, item in (
            ("states", seed_id("state-Backlog")),
            ("labels", seed_id("label-bug")),
            ("issues", seed_id("issue-0")),
            ("work-items", seed_id("issue-0")),
            ("modules", seed_id("module-0")),
            ("cycles", seed_id("cycle-0")),
        )
        for pair in (
            ("GET", f"{PROJECT}/{segment}/"),
            ("POST", f"{PROJECT}/{segment}/"),
            ("GET", f"{PROJECT}/{segment}/{item}/"),
            ("PATCH", f"{PROJECT}/{segment}/{item}/"),
            ("DELETE", f"{PROJECT}/{segment}/{item}/"),
        )
    ),
    ("GET", f"{ISSUE}/comments/"),
    ("POST", f"{ISSUE}/comments/"),
    ("GET", f"{ISSUE}/comments/{seed_id('comment-0')}/"),
    ("PATCH", f"{ISSUE}/comments/{seed_id('comment-0')}/"),
    ("DELETE", f"{ISSUE}/comments/{seed_id('comment-0')}/"),
    ("GET", f"{ISSUE}/links/"),
    ("POST", f"{ISSUE}/links/"),
    ("GET", f"{ISSUE}/links/{seed_id('link-0')}/"),
    ("PATCH", f"{ISSUE}/links/{seed_id('link-0')}/"),
    ("DELETE", f"{ISSUE}/links/{seed_id('link-0')}/"),
    ("GET", f"{MODULE}/module-issues/"),
    ("POST", f"{MODULE}/module-issues/"),
    ("DELETE", f"{MODULE}/module-issues/{seed_id('issue-0')}/"),
    ("GET", f"{CYCLE}/cycle-issues/"),
    ("POST", f"{CYCLE}/cycle-issues/"),
    ("GET", f"{CYCLE}/cycle-issues/{seed_id('issue-10')}/"),
    ("DELETE", f"{CYCLE}/cycle-issues/{seed_id('issue-10')}/"),
)

# the GET lists that answer with the pagination envelope
LISTS: tuple[str, ...] = tuple(
    path
    for method, path in ENDPOINTS
    if method == "GET" and path.endswith("s/") and not path.endswith("members/")
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
