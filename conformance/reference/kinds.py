"""The resources the server serves: their public fields and which fields refer to which kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

STAMPS = ("created_at", "updated_at")
AUTHORS = ("created_by", "updated_by")


@dataclass(frozen=True, slots=True)
class Kind:
    """One resource: the store kind, its fields as the real server returns them, its relations."""

    name: str
    fields: tuple[str, ...]
    # field -> the store kind its id (or list of ids) refers to, for the names `expand` accepts
    relations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # fields whose value must be unique among the records sharing the same scope
    unique: tuple[str, ...] = ()


def _relations(**pairs: str) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


WORKSPACE = Kind("workspace", ("id", "name", "slug", "owner", *STAMPS), _relations(owner="user"))
USER = Kind("user", ("id", "first_name", "last_name", "email", "avatar", "display_name"))
PROJECT = Kind(
    "project",
    (
        "id",
        "name",
        "identifier",
        "description",
        "network",
        "project_lead",
        "default_assignee",
        "workspace",
        "emoji",
        "cover_image",
        "module_view",
        "cycle_view",
        "issue_views_view",
        "page_view",
        "intake_view",
        "archive_in",
        "close_in",
        "timezone",
        "total_members",
        "is_member",
        *STAMPS,
        *AUTHORS,
    ),
    _relations(
        project_lead="user",
        default_assignee="user",
        workspace="workspace",
        created_by="user",
        updated_by="user",
    ),
    unique=("name", "identifier"),
)
_SCOPED = _relations(project="project", workspace="workspace")
STATE = Kind(
    "state",
    (
        "id",
        "name",
        "color",
        "group",
        "description",
        "sequence",
        "default",
        "project",
        "workspace",
        *STAMPS,
    ),
    _SCOPED,
    unique=("name",),
)
LABEL = Kind(
    "label",
    (
        "id",
        "name",
        "color",
        "description",
        "parent",
        "sort_order",
        "project",
        "workspace",
        *STAMPS,
    ),
    _relations(parent="label", project="project", workspace="workspace"),
    unique=("name",),
)
ISSUE = Kind(
    "issue",
    (
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
        *STAMPS,
        *AUTHORS,
    ),
    _relations(
        state="state",
        assignees="user",
        labels="label",
        parent="issue",
        project="project",
        workspace="workspace",
        created_by="user",
        updated_by="user",
    ),
)
COMMENT = Kind(
    "comment",
    ("id", "comment_html", "actor", "issue", "project", "workspace", *STAMPS),
    _relations(actor="user", issue="issue", project="project", workspace="workspace"),
)
LINK = Kind(
    "link",
    ("id", "title", "url", "issue", "project", "workspace", *STAMPS),
    _relations(issue="issue", project="project", workspace="workspace"),
    unique=("url",),
)
MODULE = Kind(
    "module",
    (
        "id",
        "name",
        "description",
        "status",
        "lead",
        "members",
        "start_date",
        "target_date",
        "project",
        "workspace",
        "total_issues",
        *STAMPS,
    ),
    _relations(lead="user", project="project", workspace="workspace"),
)
CYCLE = Kind(
    "cycle",
    (
        "id",
        "name",
        "description",
        "start_date",
        "end_date",
        "owned_by",
        "project",
        "workspace",
        "total_issues",
        *STAMPS,
    ),
    _relations(owned_by="user", project="project", workspace="workspace"),
)
MODULE_ISSUE = Kind(
    "module_issue",
    ("id", "module", "issue", "project", "workspace", *STAMPS, *AUTHORS),
    _relations(
        issue="issue",
        project="project",
        workspace="workspace",
        created_by="user",
        updated_by="user",
    ),
)
CYCLE_ISSUE = Kind(
    "cycle_issue",
    ("id", "cycle", "issue", "project", "workspace", *STAMPS, *AUTHORS),
    _relations(
        issue="issue",
        project="project",
        workspace="workspace",
        created_by="user",
        updated_by="user",
    ),
)

KINDS: Mapping[str, Kind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            WORKSPACE,
            USER,
            PROJECT,
            STATE,
            LABEL,
            ISSUE,
            COMMENT,
            LINK,
            MODULE,
            CYCLE,
            MODULE_ISSUE,
            CYCLE_ISSUE,
        )
    }
)
