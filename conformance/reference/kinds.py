"""The resources the server serves: their public fields with types, as the real server's
serializers show them, and which fields refer to which kind.

A field is declared as ``name:type``, ``?`` marking a field that may be null. Types: ``uuid``,
``uuids`` (a list of them), ``str``, ``int``, ``num``, ``bool``, ``date``, ``time`` (a date-time),
``json`` (any JSON value, an object unless null) and ``list``. The type gives the value a record
shows when it has none of its own (null, false, 0, "", {} or []), unless ``defaults`` names one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

TYPES = ("uuid", "uuids", "str", "int", "num", "bool", "date", "time", "json", "list")
_EMPTY: Mapping[str, Any] = MappingProxyType(
    {"uuids": [], "str": "", "int": 0, "num": 0.0, "bool": False, "json": {}, "list": []}
)


@dataclass(frozen=True, slots=True)
class Kind:
    """One resource: the store kind, its fields as the real server returns them, its relations."""

    name: str
    fields: tuple[str, ...]
    # field -> its type, with "?" when it may be null
    types: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # field -> the store kind its id (or list of ids) refers to, for the names `expand` accepts
    relations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # fields whose value must be unique among the records sharing the same scope
    unique: tuple[str, ...] = ()
    # what a field shows when the record holds no value for it, where its type does not say
    defaults: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def default(self, name: str) -> Any:
        """The value ``name`` shows on a record that holds none (a fresh copy)."""
        if name in self.defaults:
            return copy.deepcopy(self.defaults[name])
        kind = self.types.get(name, "str?")
        return None if kind.endswith("?") else copy.deepcopy(_EMPTY.get(kind))


def kind(
    name: str,
    spec: str,
    relations: Mapping[str, str] | None = None,
    *,
    unique: tuple[str, ...] = (),
    **defaults: Any,
) -> Kind:
    """A ``Kind`` from a field declaration: ``"id:uuid name:str parent:uuid? ..."``."""
    types: dict[str, str] = {}
    for declaration in spec.split():
        field_name, _, type_name = declaration.partition(":")
        if type_name.rstrip("?") not in TYPES:
            raise ValueError(f"{name}.{field_name}: unknown type {type_name!r}")
        types[field_name] = type_name
    return Kind(
        name,
        tuple(types),
        MappingProxyType(types),
        MappingProxyType(dict(relations or {})),
        unique,
        MappingProxyType(defaults),
    )


STAMPS = "created_at:time updated_at:time deleted_at:time?"
AUTHORED = "created_by:uuid? updated_by:uuid?"
EXTERNAL = "external_source:str? external_id:str?"
_AUTHORED = MappingProxyType({"created_by": "user", "updated_by": "user"})
_SCOPED = MappingProxyType({"project": "project", "workspace": "workspace"})
_COUNTS = (
    "total_issues:int cancelled_issues:int completed_issues:int started_issues:int "
    "unstarted_issues:int backlog_issues:int"
)

WORKSPACE = kind("workspace", f"id:uuid name:str slug:str owner:uuid {STAMPS}", {"owner": "user"})
USER = kind(
    "user",
    "id:uuid first_name:str last_name:str email:str avatar:str avatar_url:str? display_name:str",
)
WORKSPACE_MEMBER = kind(
    "workspace_member",
    "id:uuid first_name:str last_name:str email:str avatar:str avatar_url:str? "
    "display_name:str role:int",
)
PROJECT = kind(
    "project",
    "id:uuid total_members:int total_cycles:int total_modules:int is_member:bool "
    "sort_order:num member_role:int? is_deployed:bool cover_image_url:str? "
    f"{STAMPS} name:str description:str description_text:json? description_html:str? "
    "network:int identifier:str emoji:str? icon_prop:json? module_view:bool cycle_view:bool "
    "issue_views_view:bool page_view:bool intake_view:bool is_time_tracking_enabled:bool "
    "is_issue_type_enabled:bool guest_view_all_features:bool cover_image:str? archive_in:int "
    f"close_in:int logo_props:json archived_at:time? timezone:str {EXTERNAL} {AUTHORED} "
    "workspace:uuid default_assignee:uuid? project_lead:uuid? cover_image_asset:uuid? "
    "estimate:uuid? default_state:uuid?",
    {
        "project_lead": "user",
        "default_assignee": "user",
        "workspace": "workspace",
        **_AUTHORED,
    },
    unique=("name", "identifier"),
    sort_order=65535.0,
    network=2,
    timezone="UTC",
    logo_props={"icon": {"name": "folder", "color": "#6d7b8a"}, "in_use": "icon"},
)
STATE = kind(
    "state",
    f"id:uuid {STAMPS} name:str description:str color:str slug:str sequence:num group:str "
    f"is_triage:bool default:bool {EXTERNAL} {AUTHORED} project:uuid workspace:uuid",
    {**_SCOPED, **_AUTHORED},
    unique=("name",),
)
LABEL = kind(
    "label",
    f"id:uuid {STAMPS} name:str description:str color:str sort_order:num {EXTERNAL} "
    f"{AUTHORED} workspace:uuid project:uuid parent:uuid?",
    {"parent": "label", **_SCOPED, **_AUTHORED},
    unique=("name",),
)
ISSUE = kind(
    "issue",
    f"id:uuid type_id:uuid? {STAMPS} point:int? name:str description_html:str "
    "description_binary:str? priority:str start_date:date? target_date:date? sequence_id:int "
    f"sort_order:num completed_at:time? archived_at:time? is_draft:bool {EXTERNAL} {AUTHORED} "
    "project:uuid workspace:uuid parent:uuid? state:uuid? estimate_point:uuid? type:uuid? "
    "assignees:uuids labels:uuids",
    {
        "state": "state",
        "assignees": "user",
        "labels": "label",
        "parent": "issue",
        **_SCOPED,
        **_AUTHORED,
    },
)
COMMENT = kind(
    "comment",
    f"id:uuid is_member:bool {STAMPS} comment_html:str attachments:list access:str {EXTERNAL} "
    f"edited_at:time? {AUTHORED} project:uuid workspace:uuid description:uuid? issue:uuid "
    "actor:uuid parent:uuid?",
    {"actor": "user", "issue": "issue", **_SCOPED},
    access="INTERNAL",
)
LINK = kind(
    "link",
    f"id:uuid {STAMPS} title:str? url:str metadata:json {AUTHORED} project:uuid "
    "workspace:uuid issue:uuid",
    {"issue": "issue", **_SCOPED},
    unique=("url",),
)
MODULE = kind(
    "module",
    f"id:uuid {_COUNTS} {STAMPS} name:str description:str description_text:json? "
    "description_html:str? start_date:date? target_date:date? status:str view_props:json "
    f"sort_order:num {EXTERNAL} archived_at:time? logo_props:json {AUTHORED} project:uuid "
    "workspace:uuid lead:uuid? members:uuids",
    {"lead": "user", **_SCOPED},
    sort_order=65535.0,
)
CYCLE = kind(
    "cycle",
    f"id:uuid {_COUNTS} total_estimates:num? completed_estimates:num? started_estimates:num? "
    f"{STAMPS} name:str description:str start_date:time? end_date:time? view_props:json "
    f"sort_order:num {EXTERNAL} progress_snapshot:json archived_at:time? logo_props:json "
    f"timezone:str version:int {AUTHORED} project:uuid workspace:uuid owned_by:uuid",
    {"owned_by": "user", **_SCOPED},
    sort_order=65535.0,
    timezone="UTC",
    version=1,
)
MODULE_ISSUE = kind(
    "module_issue",
    f"id:uuid sub_issues_count:int {STAMPS} {AUTHORED} project:uuid workspace:uuid "
    "module:uuid issue:uuid",
    {"issue": "issue", **_SCOPED, **_AUTHORED},
)
CYCLE_ISSUE = kind(
    "cycle_issue",
    f"id:uuid sub_issues_count:int {STAMPS} {AUTHORED} project:uuid workspace:uuid "
    "issue:uuid cycle:uuid",
    {"issue": "issue", **_SCOPED, **_AUTHORED},
)
MEMBERSHIP = kind("membership", "id:uuid member:uuid role:int", {"member": "user"}, role=15)
ACTIVITY = kind(
    "activity",
    f"id:uuid {STAMPS} verb:str field:str? old_value:str? new_value:str? comment:str? "
    "attachments:list old_identifier:uuid? new_identifier:uuid? epoch:num project:uuid "
    "workspace:uuid issue:uuid? issue_comment:uuid? actor:uuid?",
    {"actor": "user", "issue": "issue", **_SCOPED},
)
INTAKE_ISSUE = kind(
    "intake_issue",
    f"id:uuid issue_detail:json inbox:uuid? {STAMPS} status:int snoozed_till:time? "
    f"source:str? source_email:str? {EXTERNAL} extra:json {AUTHORED} project:uuid "
    "workspace:uuid intake:uuid? issue:uuid duplicate_to:uuid?",
    {"issue": "issue", **_SCOPED},
    status=-2,
    source="IN_APP",
)
ASSET = kind(
    "asset",
    f"id:uuid {STAMPS} attributes:json asset:str entity_type:str? entity_identifier:str? "
    f"is_deleted:bool is_archived:bool {EXTERNAL} size:num is_uploaded:bool "
    f"storage_metadata:json? {AUTHORED} user:uuid? workspace:uuid? draft_issue:uuid? "
    "project:uuid? issue:uuid? comment:uuid? page:uuid?",
    {"issue": "issue", "project": "project", "workspace": "workspace"},
)
STICKY = kind(
    "sticky",
    f"id:uuid {STAMPS} name:str? description:json description_html:str "
    "description_stripped:str? description_binary:str? logo_props:json color:str? "
    f"background_color:str? sort_order:num {AUTHORED} workspace:uuid owner:uuid",
    {"owner": "user", "workspace": "workspace"},
    sort_order=65535.0,
    description_html="<p></p>",
)
INVITATION = kind(
    "invitation",
    "id:uuid email:str role:int created_at:time updated_at:time responded_at:time? accepted:bool",
)

KINDS: Mapping[str, Kind] = MappingProxyType(
    {
        each.name: each
        for each in (
            WORKSPACE,
            USER,
            WORKSPACE_MEMBER,
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
            MEMBERSHIP,
            ACTIVITY,
            INTAKE_ISSUE,
            ASSET,
            STICKY,
            INVITATION,
        )
    }
)
