"""The Plane API surface the suite exercises, as data: collections, their fields and relations.

Paths are relative to the API base URL (``.../api/v1/``) and use ``{placeholders}`` for ids:
``{slug}``, ``{project}``, ``{issue}``, ``{module}``, ``{cycle}`` and ``{id}`` for the item itself.
Imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass

ISSUE_FIELDS = (
    "id",
    "name",
    "description_html",
    "priority",
    "state",
    "assignees",
    "labels",
    "parent",
    "project",
    "workspace",
    "sequence_id",
    "sort_order",
    "start_date",
    "target_date",
    "completed_at",
    "archived_at",
    "is_draft",
    "external_source",
    "external_id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
)
ISSUE_RELATIONS = (
    "state",
    "assignees",
    "labels",
    "parent",
    "project",
    "workspace",
    "created_by",
    "updated_by",
)


@dataclass(frozen=True, slots=True)
class Collection:
    """A paginated list endpoint and, where it has one, its single-resource endpoint."""

    name: str
    path: str
    detail: str | None
    fields: tuple[str, ...]
    relations: tuple[str, ...]

    @property
    def placeholders(self) -> tuple[str, ...]:
        names = []
        for part in self.path.split("/"):
            if part.startswith("{") and part.endswith("}"):
                names.append(part[1:-1])
        return tuple(names)


P = "workspaces/{slug}/projects/{project}"
COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "projects",
        "workspaces/{slug}/projects/",
        "workspaces/{slug}/projects/{id}/",
        ("id", "name", "identifier", "description", "workspace", "created_at"),
        ("workspace",),
    ),
    Collection(
        "states",
        f"{P}/states/",
        f"{P}/states/{{id}}/",
        ("id", "name", "color", "group", "sequence", "project", "workspace"),
        ("project", "workspace"),
    ),
    Collection(
        "labels",
        f"{P}/labels/",
        f"{P}/labels/{{id}}/",
        ("id", "name", "color", "description", "project", "workspace"),
        ("project", "workspace"),
    ),
    Collection("issues", f"{P}/issues/", f"{P}/issues/{{id}}/", ISSUE_FIELDS, ISSUE_RELATIONS),
    Collection(
        "comments",
        f"{P}/issues/{{issue}}/comments/",
        f"{P}/issues/{{issue}}/comments/{{id}}/",
        ("id", "comment_html", "actor", "issue", "project", "workspace"),
        ("actor", "issue", "project"),
    ),
    Collection(
        "links",
        f"{P}/issues/{{issue}}/links/",
        f"{P}/issues/{{issue}}/links/{{id}}/",
        ("id", "title", "url", "issue", "project", "workspace"),
        ("issue", "project"),
    ),
    Collection(
        "modules",
        f"{P}/modules/",
        f"{P}/modules/{{id}}/",
        ("id", "name", "description", "status", "project", "workspace"),
        ("project", "workspace"),
    ),
    Collection(
        "module-issues",
        f"{P}/modules/{{module}}/module-issues/",
        None,
        ISSUE_FIELDS,
        ISSUE_RELATIONS,
    ),
    Collection(
        "cycles",
        f"{P}/cycles/",
        f"{P}/cycles/{{id}}/",
        ("id", "name", "description", "start_date", "end_date", "project", "workspace"),
        ("project", "workspace"),
    ),
    Collection(
        "cycle-issues",
        f"{P}/cycles/{{cycle}}/cycle-issues/",
        None,
        ISSUE_FIELDS,
        ISSUE_RELATIONS,
    ),
)

MEMBERS = f"{P}/members/"
ME = "users/me/"


def collection(name: str) -> Collection:
    return next(c for c in COLLECTIONS if c.name == name)
