"""What the tests of the declared writes share: the book of what they made (each POST's new item,
for the PATCH and the DELETE of its path after it), the filling of a write's path, and the
bodies built from its declared request schema.

A write touches only what the run made: a PATCH or a DELETE names an item a POST of this run
created (never one picked from a list), and an action on an item (an archive) names one too;
the parents of a path are the subject's (its project, first work item, module, cycle). An item
made outside the scratch project (a project, a sticky, an invitation, an upload) goes into the
subject's cleanup list at once, so it is deleted at the end even after Ctrl-C; a POST that would
make one the description gives no DELETE for is not sent.
"""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from conformance.checks.probes import UNKNOWN_ID
from conformance.discovery import Operation
from conformance.discovery.paths import (
    collection_name,
    collection_of,
    fill,
    id_segments,
    is_workspace,
    segments,
)
from conformance.discovery.requests import BodyField
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.resolve import KNOWN

# A collection ``archived-cycles/`` lists the cycles archived: its ids are the cycles'.
ARCHIVED = "archived-"
# Keys of an answer that hold the id of what a POST made (an upload names its asset).
ID_KEYS = ("id", "asset_id")
# Properties a PATCH changes, in order of preference: plain text nobody depends on.
PATCHED = ("name", "title", "comment_html", "description_html", "description", "role")
MEMBERS = "workspaces/{slug}/members/"
# An upload ticket is the object storage's to give, and the documentation leaves storage to the
# deployment (a server without it may refuse the ticket with a 500): the writes ask none.
UPLOAD = (
    "an upload ticket needs the target's object storage, which the documentation leaves to "
    "the deployment"
)
# What an id looks like (an upload's ``asset`` is a storage key, not an id)
_ID = re.compile(r"[A-Za-z0-9_-]+")


def shape(path: str) -> str:
    """A path with its placeholders unnamed (``a/{}/b/``)."""
    return re.sub(r"\{[^}]*\}", "{}", path)


@dataclass(frozen=True, slots=True)
class Made:
    """An item a POST of the run made: its id, the POST's answer and the body sent."""

    id: str
    reply: Reply
    sent: dict[str, Any]


@dataclass(slots=True)
class Book:
    """What the write tests made, by the shape of the collection posted to, and the ids an
    action of the run was done on (an archive, for its undoing)."""

    made: dict[str, Made] = field(default_factory=dict)
    acted: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    deleted: dict[str, str] = field(default_factory=dict)  # an item's id -> the DELETE

    def item(self, collection: str) -> Made | None:
        return self.made.get(shape(collection))

    def why_not(self, collection: str) -> str:
        refused = self.refused.get(shape(collection))
        return refused or f"no POST of this run made an item of {collection}"


def acts_on_item(operation: Operation) -> bool:
    """An action on an item, not on a collection (``Operation.is_action``)."""
    return operation.is_action


def own_collection(operation: Operation) -> str | None:
    """The collection template whose item the operation acts on: a PATCH's or DELETE's last id,
    an action's item; None for a POST to a collection."""
    ids = id_segments(operation.path)
    if not ids:
        return None
    last = ids[-1]
    if operation.method == "POST" and not acts_on_item(operation):
        return None
    return collection_of(operation.path, last)


@dataclass(frozen=True, slots=True)
class Filled:
    """A write's paths: ``path`` with every id known (None: ``missing`` says why), ``unknown``
    with its own id unknown (HTTP-05; None without one), ``probe`` for the keyless requests."""

    path: str | None
    probe: str | None
    unknown: str | None
    missing: str = ""


def fill_write(plane: Target, subject: Subject, book: Book, operation: Operation) -> Filled:
    """The paths of ``operation`` for this run (see ``Filled``)."""
    template = operation.path
    own = own_collection(operation)
    ids = id_segments(template)
    values: dict[str, str] = {}
    missing = ""
    for segment in segments(template):
        if not segment.names:
            continue
        name = segment.names[0]
        if is_workspace(template, segment):
            values[name] = plane.settings.workspace
            continue
        if segment.is_compound:
            return Filled(None, None, None, f"the suite cannot fill {segment.text}")
        collection = collection_of(template, segment)
        if own is not None and segment == ids[-1]:
            found = _made(book, collection, name)
            if found is None:
                missing = missing or book.why_not(_unarchived(collection))
                values[name] = UNKNOWN_ID
            else:
                values[name] = found
            continue
        part = KNOWN.get(collection_name(template, segment).removeprefix(ARCHIVED))
        known = _subject_part(subject, part) if part else None
        if part in moves(operation):
            # the items move from one the run made (and may spoil) to the subject's
            known = _made(book, collection)
            if known is None:
                return Filled(None, None, None, book.why_not(collection))
        if known is None:
            why = subject.why_missing(part) if part else f"no item of {collection} is known"
            return Filled(None, None, None, why)
        values[name] = known
    probe = fill(template, values)
    unknown = fill(template, {**values, ids[-1].names[0]: UNKNOWN_ID}) if own else None
    return Filled(None if missing else probe, probe, unknown, missing)


def moves(operation: Operation) -> frozenset[str]:
    """The parts whose items a body moves elsewhere (``new_cycle_id``: the cycle's)."""
    names = (f.name for f in operation.request or ())
    return frozenset(
        n.removeprefix("new_").removesuffix("_id") for n in names if n.startswith("new_")
    )


def _unarchived(collection: str) -> str:
    return collection.replace("/" + ARCHIVED, "/")


def _made(book: Book, collection: str, parameter: str = "") -> str | None:
    """The id of what a POST of the run made in ``collection``, as ``parameter`` names it: an
    ``issue_id`` of an intake item is the work item's id its answer names under ``issue``."""
    found = book.item(_unarchived(collection))
    if found is None:
        return None
    body = found.reply.body
    named = body.get(parameter.removesuffix("_id")) if isinstance(body, dict) else None
    if parameter.endswith("_id") and isinstance(named, dict):
        named = named.get("id")
    if parameter.endswith("_id") and isinstance(named, str) and _ID.fullmatch(named):
        return named
    return found.id


def _subject_part(subject: Subject, part: str) -> str | None:
    if part == "issue":
        return subject.issues[0] if subject.issues else None
    value = getattr(subject, part, None)
    return value if isinstance(value, str) and value else None


def changed_property(operation: Operation) -> BodyField | None:
    """The property a PATCH of ``operation`` changes: plain text nobody depends on (or an enum
    of two values or more), else a flag; None when it declares none of them."""
    fields = {f.name: f for f in operation.request or ()}
    for name in PATCHED:
        spec = fields.get(name)
        if spec is None:
            continue
        if (spec.enum and len(spec.enum) > 1) or (
            not spec.enum and spec.type in ("", "string") and not spec.format
        ):
            return spec
    return next((f for f in fields.values() if f.type == "boolean"), None)


def is_upload(operation: Operation | None) -> bool:
    """A POST for an upload ticket: its body declares a file's ``size`` (see ``UPLOAD``)."""
    fields = operation.request or () if operation is not None else ()
    return any(f.name == "size" and f.required for f in fields)


def made_id(reply: Reply, sent: dict[str, Any]) -> str | None:
    """The id of what a POST made: the one item it sent in a list (a work item added to a
    cycle is named by the work item's id), else its answer's id (or an upload's asset id)."""
    listed = [v for v in sent.values() if isinstance(v, list) and len(v) == 1]
    if listed:
        return str(listed[0][0])
    body = reply.body
    if isinstance(body, dict):
        for key in ID_KEYS:
            if isinstance(body.get(key), str | int) and body[key]:
                return str(body[key])
    return None


class Unbuildable(Exception):
    """A body the suite cannot build: the reason."""


@dataclass(frozen=True, slots=True)
class Builder:
    """Values for a write's body, from what the run made and what the subject holds."""

    plane: Target
    subject: Subject
    book: Book

    def create(self, operation: Operation) -> dict[str, Any]:
        """A POST's body: every required property (``Unbuildable`` when one cannot be
        filled, and for an upload ticket: a body that declares a file's ``size``)."""
        if is_upload(operation):
            raise Unbuildable(UPLOAD)
        return {f.name: self.value(f, operation) for f in operation.request or () if f.required}

    def value(self, spec: BodyField, operation: Operation) -> Any:
        prefix = self.subject.prefix
        name = spec.name
        if spec.enum:
            return spec.enum[0]
        if spec.type == "object":
            return {f.name: self.value(f, operation) for f in spec.fields if f.required}
        if spec.type == "array":
            if spec.items_format == "uuid" and name == "issues":
                return [self._issue(operation)]
            raise Unbuildable(f"the suite cannot fill the required list {name!r}")
        if spec.format == "uuid":
            return self._id(name)
        if spec.type in ("integer", "number"):
            return 1
        if spec.type == "boolean":
            return True
        if spec.format == "date-time":
            return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
        if spec.format == "date":
            return datetime.date.today().isoformat()
        if spec.format == "email" or name == "email":
            return f"{prefix}@example.com"
        if name == "identifier":
            return ("PW" + secrets.token_hex(4).upper())[: spec.max_length or 8]
        if name == "color":
            return "#3366ff"
        if name == "url":  # a work item's links differ: not the subject's, not a twin's
            return f"https://example.com/{prefix}/" + "-".join(re.findall(r"\w+", operation.path))
        text = f"{prefix} {name}"
        return text[: spec.max_length] if spec.max_length else text

    def _issue(self, operation: Operation) -> str:
        """A work item the path does not already name (a relation to another item)."""
        issues = self.subject.issues
        if not issues:
            raise Unbuildable(self.subject.why_missing("issue"))
        named = "{issue_id}" in operation.path
        return issues[-1] if named and len(issues) > 1 else issues[0]

    def _id(self, name: str) -> str:
        if name.startswith("new_") and name.endswith("_id"):
            part = name.removeprefix("new_").removesuffix("_id")
            known = _subject_part(self.subject, part)
            if known is None:
                raise Unbuildable(self.subject.why_missing(part))
            return known
        if name == "member":
            return self._other_member()
        raise Unbuildable(f"the suite cannot fill the required id {name!r}")

    def _other_member(self) -> str:
        """A member of the workspace other than the run's user, for a project's members."""
        path = self.plane.path(MEMBERS)
        reply = self.plane.read_once(path)
        body = reply.body
        items = body.get("results") if isinstance(body, dict) else body
        for item in items if isinstance(items, list) else []:
            user = item.get("member", item) if isinstance(item, dict) else None
            uid = user.get("id") if isinstance(user, dict) else user
            if isinstance(uid, str) and uid and uid != self.subject.user:
                return uid
        raise Unbuildable(f"GET {path} lists no member but the run's own user")

    def change(self, operation: Operation) -> dict[str, Any] | None:
        """A PATCH's body: one property it declares, changed (None: none the suite changes)."""
        spec = changed_property(operation)
        if spec is None:
            return None
        if spec.enum:
            return {spec.name: spec.enum[1]}
        if spec.type == "boolean":
            return {spec.name: True}
        text = f"{self.subject.prefix} changed"
        return {spec.name: f"<p>{text}</p>" if spec.name.endswith("_html") else text}

    def invalid(self, operation: Operation) -> tuple[str, dict[str, Any]] | None:
        """A body the operation must refuse: a valid one without its first required property
        (None when it requires none)."""
        required = [f for f in operation.request or () if f.required]
        if not required:
            return None
        body = self.create(operation)
        body.pop(required[0].name, None)
        return required[0].name, body
