"""The parsers of POST and PATCH bodies, and the context a body is read in (``rules`` says
which field goes through which).

A parser returns the stored value or raises ``ValueError`` with a message; the caller turns
that into a 400 naming the field. Each parser also carries the JSON schema of what it accepts,
so the OpenAPI description says exactly what the server takes: never more strictly than the
parser, since a client must be able to trust that a body the schema refuses is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from conformance.reference.store import Store

MAX_NAME = 255
PRIORITIES = ("urgent", "high", "medium", "low", "none")
STATE_GROUPS = ("backlog", "unstarted", "started", "completed", "cancelled")
MODULE_STATUSES = ("backlog", "planned", "in-progress", "paused", "completed", "cancelled")
IDENTIFIER_LENGTH = 12
# Plane's Project.FORBIDDEN_IDENTIFIER_CHARS_PATTERN, read with re.match as Plane reads it (so a
# special character after a line break goes unnoticed there too)
FORBIDDEN = re.compile(r"^.*[&+,:;$^}{*=?@#|'<>.()%!-].*$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ROLES = (5, 15, 20)  # guest, member, admin
UUID_SCHEMA: Mapping[str, Any] = MappingProxyType({"type": "string", "format": "uuid"})


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


@dataclass(frozen=True, slots=True)
class Parser:
    """A field's parser and the JSON schema of the values it may accept."""

    parse: Callable[[Any, BodyContext], Any]
    schema: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __call__(self, value: Any, ctx: BodyContext) -> Any:
        return self.parse(value, ctx)


class WholeBodyError(ValueError):
    """A refusal of the body as a whole that concerns one field (Django REST framework's
    ``non_field_errors``): the message stands alone, without the field's name before it."""


Default = Callable[[BodyContext], Any]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    parse: Parser
    required: bool = False
    default: Default = lambda ctx: None


def parser(**schema: Any) -> Callable[[Callable[[Any, BodyContext], Any]], Parser]:
    """Decorate a parse function with the schema of what it accepts."""
    return lambda parse: Parser(parse, MappingProxyType(schema))


def text(*, max_length: int = MAX_NAME, blank: bool = False) -> Parser:
    @parser(type="string", maxLength=max_length)
    def parse(value: Any, ctx: BodyContext) -> str:
        if not isinstance(value, str):
            raise ValueError("must be a string")
        if not blank and not value.strip():
            raise ValueError("may not be blank")
        if len(value) > max_length:
            raise ValueError(f"must be at most {max_length} characters")
        return value

    return parse


def nullable(inner: Parser) -> Parser:
    schema = dict(inner.schema)
    if isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]
    elif "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    return Parser(lambda value, ctx: None if value is None else inner(value, ctx), schema)


def choice(options: tuple[Any, ...]) -> Parser:
    @parser(enum=list(options))
    def parse(value: Any, ctx: BodyContext) -> Any:
        if isinstance(value, bool) or value not in options:
            raise ValueError(f"must be one of {', '.join(map(str, options))}")
        return value

    return parse


@parser(type="boolean")
def boolean(value: Any, ctx: BodyContext) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


@parser(type="number", minimum=-1e15, maximum=1e15)
def number(value: Any, ctx: BodyContext) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError("must be a number")
    if abs(value) > 1e15:
        raise ValueError("is out of range")
    return value


@parser(type="string", format="date")
def iso_date(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("must be a valid calendar date as YYYY-MM-DD") from None


def matching(regex: re.Pattern[str], message: str, **schema: Any) -> Parser:
    """A string the whole of which ``regex`` matches; ``schema`` adds to ``type: string``."""

    @parser(type="string", **schema)
    def parse(value: Any, ctx: BodyContext) -> str:
        if not isinstance(value, str) or not regex.fullmatch(value):
            raise ValueError(message)
        return value

    return parse


color = matching(COLOR, "must be a hex colour such as #A1B2C3", pattern=f"^{COLOR.pattern}$")


@parser(type=["string", "number"], minLength=1, maxLength=IDENTIFIER_LENGTH)
def identifier(value: Any, ctx: BodyContext) -> str:
    """A project's identifier as the real server takes it: any text (a number is read as its
    digits), trimmed, at most 12 characters, none of the special characters, stored upper-cased.
    The messages are Plane's."""
    if value is None:
        raise ValueError("This field may not be null.")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("Not a valid string.")
    trimmed = str(value).strip()
    if not trimmed:
        raise ValueError("This field may not be blank.")
    if len(trimmed) > IDENTIFIER_LENGTH:
        raise ValueError(f"Ensure this field has no more than {IDENTIFIER_LENGTH} characters.")
    if FORBIDDEN.match(trimmed):
        raise WholeBodyError("Project identifier cannot contain special characters.")
    return trimmed.upper()


email = matching(EMAIL, "must be an email address", format="email")


@parser(type="string", format="uri", maxLength=2048)
def url(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or len(value) > 2048:
        raise ValueError("must be a URL")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http or https URL")
    return value


def _in_project(kind: str, what: str) -> Parser:
    @parser(**UUID_SCHEMA)
    def parse(value: Any, ctx: BodyContext) -> str:
        record = ctx.store.get(kind, value)
        if record is None or record["project"] != ctx.project_id:
            raise ValueError(f"{value!r} is not a {what} of this project")
        if value == ctx.record_id and kind in ("issue", "label"):
            raise ValueError(f"a {what} cannot be its own parent")
        return str(value)

    return parse


@parser(**UUID_SCHEMA)
def member(value: Any, ctx: BodyContext) -> str:
    """A user of the workspace (every seeded user is a workspace member)."""
    if ctx.store.get("user", value) is None:
        raise ValueError(f"{value!r} is not a member of this workspace")
    return str(value)


def many(inner: Parser) -> Parser:
    @parser(type="array", items=dict(inner.schema))
    def parse_list(value: Any, ctx: BodyContext) -> list[Any]:
        if not isinstance(value, list):
            raise ValueError("must be a list")
        return list(dict.fromkeys(inner(item, ctx) for item in value))

    return parse_list


# the real server refuses its special characters in a project's name too (unless the variation
# lenient-names)
@parser(type="string", maxLength=MAX_NAME)
def project_name(value: Any, ctx: BodyContext) -> str:
    name: str = text()(value, ctx)
    if "lenient-names" not in ctx.variations and FORBIDDEN.match(name):
        raise WholeBodyError("Project name cannot contain special characters.")
    return name


@parser(enum=list(PRIORITIES))
def priority(value: Any, ctx: BodyContext) -> str:
    if "bad-priority-accepted" in ctx.faults and isinstance(value, str):
        return value
    parsed: str = choice(PRIORITIES)(value, ctx)
    return parsed


def _moment(value: Any, what: str) -> datetime:
    """An ISO 8601 date-time (``Z`` or an offset; none means UTC); ValueError naming ``what``."""
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise ValueError(f"must be {what}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"must be {what}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def date_time(*, end_of_day: bool = False) -> Parser:
    """A date, or a date-time whose date is kept: stored as a date-time in UTC, as the real
    server stores a cycle's dates (its first second, or its last minute for an end date)."""
    clock = "23:59:00" if end_of_day else "00:00:01"
    what = "a date as YYYY-MM-DD or a date-time"

    @parser(type="string", pattern=r"^\d{4}-\d{2}-\d{2}")
    def parse(value: Any, ctx: BodyContext) -> str:
        if isinstance(value, str) and len(value) > 10:
            _moment(value, what)
        try:
            day = iso_date(value[:10] if isinstance(value, str) else value, ctx)
        except ValueError:
            raise ValueError(f"must be {what}") from None
        return f"{day}T{clock}Z"

    return parse


@parser(type="string", format="date-time")
def instant(value: Any, ctx: BodyContext) -> str:
    """A date-time, stored in UTC as the real server writes them."""
    moment = _moment(value, "a date-time")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@parser(type="object")
def json_object(value: Any, ctx: BodyContext) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("must be a JSON object")
    return value


@parser(**UUID_SCHEMA)
def uuid_text(value: Any, ctx: BodyContext) -> str:
    if not isinstance(value, str) or not UUID.fullmatch(value.lower()):
        raise ValueError("must be a UUID")
    return value.lower()


state_ref = _in_project("state", "state")
label_ref = _in_project("label", "label")
issue_ref = _in_project("issue", "work item")
