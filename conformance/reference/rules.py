"""What a POST or PATCH body may hold, per resource: the writable fields of the real server's
serializers, each with its parser, whether it is required, and the default a creation gets.

A field a body sends that is not listed here is ignored, as Django REST framework ignores it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from types import MappingProxyType

from conformance.reference.bodies import (
    MODULE_STATUSES,
    ROLES,
    STATE_GROUPS,
    BodyContext,
    Rule,
    boolean,
    choice,
    color,
    date_time,
    email,
    identifier,
    iso_date,
    json_object,
    label_ref,
    many,
    member,
    nullable,
    number,
    priority,
    project_name,
    state_ref,
    text,
    url,
    uuid_text,
)
from conformance.reference.bodies import (
    issue_ref as parent_issue,
)


def _views_on(ctx: BodyContext) -> bool:
    """Modules and cycles are off in a new project, as on the real server, unless asked for."""
    return "modules-cycles-on" in ctx.variations


def _project_default_state(ctx: BodyContext) -> str | None:
    states = ctx.store.select(
        "state", lambda s: s["project"] == ctx.project_id and not s.get("is_triage")
    )
    chosen = next((s for s in states if s["default"]), states[0] if states else None)
    return None if chosen is None else str(chosen["id"])


def _key_user(ctx: BodyContext) -> str:
    return ctx.user_id


# the icon a new project shows (the real server picks one at random from a list)
LOGO = MappingProxyType({"icon": {"name": "folder", "color": "#6d7b8a"}, "in_use": "icon"})

_TEXT = text(max_length=100_000, blank=True)
_OPTIONAL = nullable(text(blank=True))
_EXTERNAL = (Rule("external_source", _OPTIONAL), Rule("external_id", _OPTIONAL))

RULES: Mapping[str, tuple[Rule, ...]] = MappingProxyType(
    {
        "project": (
            Rule("name", project_name, required=True),
            Rule("identifier", identifier, required=True),
            Rule("description", _TEXT, default=lambda ctx: ""),
            Rule("description_html", nullable(_TEXT)),
            Rule("network", choice((0, 2)), default=lambda ctx: 2),
            Rule("project_lead", nullable(member)),
            Rule("default_assignee", nullable(member)),
            Rule("emoji", nullable(text(max_length=64))),
            Rule("icon_prop", nullable(json_object)),
            Rule("logo_props", json_object, default=lambda ctx: copy.deepcopy(dict(LOGO))),
            Rule("cover_image", nullable(url)),
            Rule("module_view", boolean, default=_views_on),
            Rule("cycle_view", boolean, default=_views_on),
            Rule("issue_views_view", boolean, default=lambda ctx: False),
            Rule("page_view", boolean, default=lambda ctx: True),
            Rule("intake_view", boolean, default=lambda ctx: False),
            Rule("guest_view_all_features", boolean, default=lambda ctx: False),
            Rule("is_issue_type_enabled", boolean, default=lambda ctx: False),
            Rule("is_time_tracking_enabled", boolean, default=lambda ctx: False),
            Rule("archive_in", choice(tuple(range(13))), default=lambda ctx: 0),
            Rule("close_in", choice(tuple(range(13))), default=lambda ctx: 0),
            Rule("timezone", text(max_length=64), default=lambda ctx: "UTC"),
            Rule("default_state", nullable(uuid_text)),
            Rule("estimate", nullable(uuid_text)),
            *_EXTERNAL,
        ),
        "state": (
            Rule("name", text(), required=True),
            Rule("color", color, required=True),
            Rule("group", choice(STATE_GROUPS), default=lambda ctx: "backlog"),
            Rule("description", _TEXT, default=lambda ctx: ""),
            Rule("sequence", number, default=lambda ctx: 65535),
            Rule("default", boolean, default=lambda ctx: False),
            *_EXTERNAL,
        ),
        "label": (
            Rule("name", text(), required=True),
            Rule("color", color, default=lambda ctx: "#6B7280"),
            Rule("description", _TEXT, default=lambda ctx: ""),
            Rule("parent", nullable(label_ref)),
            Rule("sort_order", number, default=lambda ctx: 65535),
            *_EXTERNAL,
        ),
        "issue": (
            Rule("name", text(), required=True),
            Rule("description_html", _TEXT, default=lambda ctx: "<p></p>"),
            Rule("priority", priority, default=lambda ctx: "none"),
            Rule("state", state_ref, default=_project_default_state),
            Rule("assignees", many(member), default=lambda ctx: []),
            Rule("labels", many(label_ref), default=lambda ctx: []),
            Rule("parent", nullable(parent_issue)),
            Rule("sort_order", number, default=lambda ctx: 65535),
            Rule("start_date", nullable(iso_date)),
            Rule("target_date", nullable(iso_date)),
            Rule("is_draft", boolean, default=lambda ctx: False),
            Rule("type_id", nullable(uuid_text)),
            *_EXTERNAL,
        ),
        "comment": (
            # the documentation is silent; Plane's serializer asks for nothing (an empty paragraph)
            Rule("comment_html", text(max_length=100_000), default=lambda ctx: "<p></p>"),
            Rule("access", choice(("INTERNAL", "EXTERNAL")), default=lambda ctx: "INTERNAL"),
            *_EXTERNAL,
        ),
        "link": (
            Rule("url", url, required=True),
            Rule("title", _OPTIONAL, default=lambda ctx: ""),
        ),
        "module": (
            Rule("name", text(), required=True),
            Rule("description", _TEXT, default=lambda ctx: ""),
            Rule("status", choice(MODULE_STATUSES), default=lambda ctx: "planned"),
            Rule("lead", nullable(member)),
            Rule("members", many(member), default=lambda ctx: []),
            Rule("start_date", nullable(iso_date)),
            Rule("target_date", nullable(iso_date)),
            *_EXTERNAL,
        ),
        "cycle": (
            Rule("name", text(), required=True),
            Rule("description", _TEXT, default=lambda ctx: ""),
            Rule("start_date", nullable(date_time())),
            Rule("end_date", nullable(date_time(end_of_day=True))),
            Rule("owned_by", member, default=_key_user),
            Rule("timezone", text(max_length=64), default=lambda ctx: "UTC"),
            *_EXTERNAL,
        ),
        "sticky": (
            Rule("name", _OPTIONAL),
            Rule("description_html", _TEXT, default=lambda ctx: "<p></p>"),
            Rule("color", _OPTIONAL),
            Rule("background_color", _OPTIONAL),
            Rule("logo_props", json_object, default=lambda ctx: {}),
            Rule("sort_order", number, default=lambda ctx: 65535),
        ),
        "invitation": (
            Rule("email", email, required=True),
            Rule("role", choice(ROLES), default=lambda ctx: 5),
        ),
        "membership": (
            Rule("member", member, required=True),
            Rule("role", choice(ROLES), default=lambda ctx: 15),
        ),
    }
)

# (earlier, later) date pairs that must not be out of order
DATE_ORDER: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "issue": ("start_date", "target_date"),
        "module": ("start_date", "target_date"),
        "cycle": ("start_date", "end_date"),
    }
)
