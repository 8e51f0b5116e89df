"""Finding work items without their ids: a search by name, sequence number or project
identifier, and ``CONF-12`` style lookups; and a project's summary of counts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from conformance.reference.errors import ApiError
from conformance.reference.handling import (
    faults_of,
    json_response,
    permission_denied,
    render,
    resolve,
    selection,
)
from conformance.reference.kinds import ISSUE
from conformance.reference.store import Record, Store

DEFAULT_LIMIT = 10
# Django's own page for an error its views did not handle (what Plane answers then)
SERVER_ERROR_PAGE = (
    '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n'
    "</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n"
)
UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
MAX_LIMIT = 100


def _limit(raw: str | None, faults: frozenset[str]) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if "limit-negative-500" in faults and re.fullmatch(r"-\d{1,9}", raw):
        # the mistake: only "is it an integer" is asked, and the query refuses a negative slice
        raise ValueError("Negative indexing is not supported.")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw[:6]) <= MAX_LIMIT:
        raise ApiError(400, f"limit must be an integer from 1 to {MAX_LIMIT}", field="limit")
    return int(raw)


def _matches(query: str, issue: Record, identifier: str) -> bool:
    numbers = {int(n) for n in re.findall(r"\b\d+\b", query)}
    lowered = query.lower()
    return (
        lowered in issue["name"].lower()
        or lowered in identifier.lower()
        or issue["sequence_id"] in numbers
    )


async def search(request: Request) -> Response:
    """``?search=`` over the workspace's work items (or one project's, with ``project_id``)."""
    where = resolve(request)
    query = request.query_params.get("search", "")
    if "\x00" in query and "search-nul-html-500" in faults_of(request):
        # the mistake: the database driver refuses the NUL below the API's error handling
        return HTMLResponse(SERVER_ERROR_PAGE, status_code=500)
    limit = _limit(request.query_params.get("limit"), faults_of(request))
    only = request.query_params.get("project_id") or None
    if only is not None and not UUID.fullmatch(only):
        raise ApiError(400, "project_id must be a uuid", field="project_id")
    scope = request.query_params.get("workspace_search") or "false"
    if scope not in ("true", "false"):
        raise ApiError(400, "workspace_search must be true or false", field="workspace_search")
    everywhere = scope == "true"
    store = where.store
    found: list[Record] = []
    projects = store.select(
        "project", lambda p: p["workspace"] == where.workspace["id"] and not p.get("archived_at")
    )
    for project in projects:
        if only and not everywhere and project["id"] != only:
            continue
        for issue in store.select("issue", lambda i, p=project: i["project"] == p["id"]):  # type: ignore[misc]
            if query and _matches(query, issue, project["identifier"]):
                found.append(
                    {
                        "name": issue["name"],
                        "id": issue["id"],
                        "sequence_id": issue["sequence_id"],
                        "project__identifier": project["identifier"],
                        "project_id": project["id"],
                        "workspace__slug": where.workspace["slug"],
                    }
                )
    return json_response(request, {"issues": found[:limit]})


def _by_identifier(
    store: Store, workspace_id: str, identifier: str, number: str, faults: frozenset[str]
) -> Record:
    projects = store.select(
        "project", lambda p: p["workspace"] == workspace_id and p["identifier"] == identifier
    )
    if not projects and "unknown-project-403" in faults:
        # the mistake: the project's membership is asked before the project is looked up
        raise permission_denied()
    if not projects or not number.isdigit():
        raise ApiError(404, "work item not found")
    issues = store.select(
        "issue",
        lambda i: i["project"] == projects[0]["id"] and i["sequence_id"] == int(number[:9]),
    )
    if not issues:
        raise ApiError(404, "work item not found")
    return issues[0]


async def by_identifier(request: Request) -> Response:
    """``{project_identifier}-{issue_identifier}``: the work item, as its detail shows it."""
    chosen = selection(request, ISSUE)
    where = resolve(request, own=("project_identifier", "issue_identifier"))
    params = request.path_params
    issue = _by_identifier(
        where.store,
        where.workspace["id"],
        params["project_identifier"],
        params["issue_identifier"],
        where.state.config.faults,
    )
    return json_response(request, render(where, "issue", chosen, issue))


COUNTED = ("members", "states", "labels", "cycles", "modules", "issues", "intakes", "pages")
COUNTED_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "members": "member",
        "states": "state",
        "labels": "label",
        "cycles": "cycle",
        "modules": "module",
        "issues": "issue",
        "intakes": "intake_issue",
    }
)


def _counted(raw: str | None, *, lenient: bool = False) -> tuple[str, ...]:
    """The counts ``fields`` asks for (all without it); 400 naming any the summary lacks
    (``lenient``: those are left out, as Plane's view does)."""
    names = tuple(dict.fromkeys(n.strip() for n in (raw or "").split(",") if n.strip()))
    unknown = [name for name in names if name not in COUNTED]
    if lenient:
        names = tuple(name for name in names if name in COUNTED)
    elif unknown:
        raise ApiError(
            400,
            f"invalid fields: {', '.join(unknown)}",
            code="invalid_fields",
            invalid_fields=unknown,
        )
    return names or COUNTED


async def summary(request: Request) -> Response:
    """The project's name, identifier and how many of each thing it holds (``fields``: which
    counts). Work items waiting in triage are not counted, as on the real server."""
    lenient = "fields-ignored-by-some-views" in faults_of(request)
    counted = _counted(request.query_params.get("fields"), lenient=lenient)
    where = resolve(request)
    project = where.project
    assert project is not None  # the route has a project_id
    store = where.store
    triage = {s["id"] for s in store.select("state", lambda s: bool(s.get("is_triage")))}

    def count(name: str) -> int:
        if name not in COUNTED_KINDS:
            return 0  # pages: the API serves none
        records = store.select(COUNTED_KINDS[name], lambda r: r["project"] == project["id"])
        return len([r for r in records if name != "issues" or r["state"] not in triage])

    body = {
        "id": project["id"],
        # a stand-in for an unknown project (a fault's) has neither
        "name": project.get("name"),
        "identifier": project.get("identifier"),
        "counts": {name: count(name) for name in counted},
    }
    return json_response(request, body)
