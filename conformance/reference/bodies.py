"""What a POST or PATCH body may hold, per resource: the rules, and the parsers that apply them.

A parser returns the stored value or raises ``ValueError`` with a message; the caller turns
that into a 400 naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from conformance.reference.store import Store

MAX_NAME = 255
PRIORITIES = ("urgent", "high", "medium", "low", "none")
STATE_GROUPS = ("backlog", "unstarted", "started", "completed", "cancelled")
MODULE_STATUSES = ("backlog", "planned", "in-progress", "paused", "completed", "cancelled")
IDENTIFIER = re.compile(r"[A-Z0-9]{1,12}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}")


@dataclass(frozen=True, slots=True)
class BodyContext:
    """Where a body is written: the scope its references must lie in, and who writes it."""

    store: Store
    workspace_id: str
    user_id: str
    project_id: str | None = None
    record_id: str | None = None
    faults: frozenset[str] = frozenset()
    variations: frozenset[str] = frozenset()


Parse = Callable[[Any, BodyContext], Any]
Default = Callable[[BodyContext], Any]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    parse: Parse
    required: bool = False
    default: Default = lambda ctx: None


def text(*, max_length: int = MAX_NAME, blank: bool = False) -> Parse:
    def parse(value: Any, ctx: BodyContext) -> str:
        if not isinstance(value, str):
            raise ValueError("must be a string")
        if not blank and not value.strip():
            raise ValueError("may not be blank")
        if len(value) > max_length:
            raise ValueError(f"must be at most {max_length} characters")
        return value

    return parse


def nullable(parse: Parse) -> Parse:
    return lambda value, ctx: None if value is None else parse(value, ctx)


def choice(options: tuple[Any, ...]) -> Parse:
    def parse(value: Any, ctx: BodyContext) -> Any:
        if isinstance(value, bool) or value not in options:
            raise ValueError(f"must be one of {', '.join(map(str, options))}")
        return value

    return parse


def boolean(value: Any, ctx: BodyContext) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def number(value: Any, ctx: BodyContext) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError("must be a number")
    if abs(value) > 1e15:
        raise ValueError("is out of range")
    return value


def whole(value: Any, ctx: BodyContext) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2**31:
        raise ValueError("must be a non-negative integer")
    return value


def iso_date(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("must be a valid calendar date as YYYY-MM-DD") from None


def color(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or not COLOR.fullmatch(value):
        raise ValueError("must be a hex colour such as #A1B2C3")
    return value


def identifier(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or not IDENTIFIER.fullmatch(value):
        raise ValueError("must be 1 to 12 uppercase letters or digits")
    return value


def url(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or len(value) > 2048:
        raise ValueError("must be a URL")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http or https URL")
    return value


def _in_project(kind: str, what: str) -> Parse:
    def parse(value: Any, ctx: BodyContext) -> str:
        record = ctx.store.get(kind, value)
        if record is None or record["project"] != ctx.project_id:
            raise ValueError(f"{value!r} is not a {what} of this project")
        if value == ctx.record_id and kind in ("issue", "label"):
            raise ValueError(f"a {what} cannot be its own parent")
        return str(value)

    return parse


def member(value: Any, ctx: BodyContext) -> str:
    """A user of the workspace (every seeded user is a workspace member)."""
    if ctx.store.get("user", value) is None:
        raise ValueError(f"{value!r} is not a member of this workspace")
    return str(value)


def many(parse: Parse) -> Parse:
    def parse_list(value: Any, ctx: BodyContext) -> list[Any]:
        if not isinstance(value, list):
            raise ValueError("must be a list")
        return list(dict.fromkeys(parse(item, ctx) for item in value))

    return parse_list


# what a server with the strict-names variation refuses in a project's name
SPECIAL = frozenset("&+,:;$^}{*=?@#|'<>.()%!-")


def project_name(value: Any, ctx: BodyContext) -> str:
    name: str = text()(value, ctx)
    if "strict-names" in ctx.variations and SPECIAL & set(name):
        raise ValueError("Project name cannot contain special characters.")
    return name


def _views_on(ctx: BodyContext) -> bool:
    """Modules and cycles are on in a new project unless the server keeps them off."""
    return "modules-cycles-off" not in ctx.variations


def priority(value: Any, ctx: BodyContext) -> str:
    if "bad-priority-accepted" in ctx.faults and isinstance(value, str):
        return value
    parsed: str = choice(PRIORITIES)(value, ctx)
    return parsed


state_ref = _in_project("state", "state")
label_ref = _in_project("label", "label")
issue_ref = _in_project("issue", "work item")


def _project_default_state(ctx: BodyContext) -> str | None:
    states = ctx.store.select("state", lambda s: s["project"] == ctx.project_id)
    chosen = next((s for s in states if s["default"]), states[0] if states else None)
    return None if chosen is None else str(chosen["id"])


def _key_user(ctx: BodyContext) -> str:
    return ctx.user_id


_HTML = text(max_length=100_000, blank=True)
_OPTIONAL_TEXT = text(max_length=100_000, blank=True)

RULES: Mapping[str, tuple[Rule, ...]] = MappingProxyType(
    {
        "project": (
            Rule("name", project_name, required=True),
            Rule("identifier", identifier, required=True),
            Rule("description", _OPTIONAL_TEXT, default=lambda ctx: ""),
            Rule("network", choice((0, 2)), default=lambda ctx: 2),
            Rule("project_lead", nullable(member)),
            Rule("default_assignee", nullable(member)),
            Rule("emoji", nullable(text(max_length=64))),
            Rule("cover_image", nullable(url)),
            Rule("module_view", boolean, default=_views_on),
            Rule("cycle_view", boolean, default=_views_on),
            Rule("issue_views_view", boolean, default=lambda ctx: True),
            Rule("page_view", boolean, default=lambda ctx: True),
            Rule("intake_view", boolean, default=lambda ctx: False),
            Rule("archive_in", choice(tuple(range(13))), default=lambda ctx: 0),
            Rule("close_in", choice(tuple(range(13))), default=lambda ctx: 0),
            Rule("timezone", text(max_length=64), default=lambda ctx: "UTC"),
        ),
        "state": (
            Rule("name", text(), required=True),
            Rule("color", color, required=True),
            Rule("group", choice(STATE_GROUPS), default=lambda ctx: "backlog"),
            Rule("description", _OPTIONAL_TEXT, default=lambda ctx: ""),
            Rule("sequence", number, default=lambda ctx: 65535),
            Rule("default", boolean, default=lambda ctx: False),
        ),
        "label": (
            Rule("name", text(), required=True),
            Rule("color", color, default=lambda ctx: "#6B7280"),
            Rule("description", _OPTIONAL_TEXT, default=lambda ctx: ""),
            Rule("parent", nullable(label_ref)),
            Rule("sort_order", number, default=lambda ctx: 65535),
        ),
        "issue": (
            Rule("name", text(), required=True),
            Rule("description_html", _HTML, default=lambda ctx: "<p></p>"),
            Rule("priority", priority, default=lambda ctx: "none"),
            Rule("state", state_ref, default=_project_default_state),
            Rule("assignees", many(member), default=lambda ctx: []),
            Rule("labels", many(label_ref), default=lambda ctx: []),
            Rule("parent", nullable(issue_ref)),
            Rule("sort_order", number, default=lambda ctx: 65535),
            Rule("start_date", nullable(iso_date)),
            Rule("target_date", nullable(iso_date)),
            Rule("is_draft", boolean, default=lambda ctx: False),
            Rule("external_source", nullable(text(blank=True))),
            Rule("external_id", nullable(text(blank=True))),
        ),
        "comment": (Rule("comment_html", text(max_length=100_000), required=True),),
        "link": (
            Rule("url", url, required=True),
            Rule("title", nullable(text(blank=True)), default=lambda ctx: ""),
        ),
        "module": (
            Rule("name", text(), required=True),
            Rule("description", _OPTIONAL_TEXT, default=lambda ctx: ""),
            Rule("status", choice(MODULE_STATUSES), default=lambda ctx: "planned"),
            Rule("lead", nullable(member)),
            Rule("members", many(member), default=lambda ctx: []),
            Rule("start_date", nullable(iso_date)),
            Rule("target_date", nullable(iso_date)),
        ),
        "cycle": (
            Rule("name", text(), required=True),
            Rule("description", _OPTIONAL_TEXT, default=lambda ctx: ""),
            Rule("start_date", nullable(iso_date)),
            Rule("end_date", nullable(iso_date)),
            Rule("owned_by", member, default=_key_user),
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
