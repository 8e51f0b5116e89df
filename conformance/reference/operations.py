"""Creating, changing and deleting records, with Plane's side effects.

A new project gets the five default states and its creator as member; deleting a project,
work item, label, module or cycle removes what hangs off it. Handlers call these and nothing
else writes to the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from conformance.reference import activity, containers
from conformance.reference.bodies import BodyContext, WholeBodyError
from conformance.reference.errors import ApiError, bad_body, bad_field
from conformance.reference.kinds import KINDS
from conformance.reference.rules import DATE_ORDER, RULES
from conformance.reference.store import Record, Store, new_id, timestamp

# name, colour, group, default: what Plane gives every new project
DEFAULT_STATES: tuple[tuple[str, str, str, bool], ...] = (
    ("Backlog", "#A3A3A3", "backlog", True),
    ("Todo", "#3A3A3A", "unstarted", False),
    ("In Progress", "#F59E0B", "started", False),
    ("Done", "#16A34A", "completed", False),
    ("Cancelled", "#EF4444", "cancelled", False),
)

# kind -> the record field that scopes its unique names
UNIQUE_SCOPE: Mapping[str, str] = MappingProxyType(
    {
        "project": "workspace",
        "state": "project",
        "label": "project",
        "link": "issue",
        "invitation": "workspace",
    }
)


def parse_body(kind: str, body: Mapping[str, Any], ctx: BodyContext, *, partial: bool) -> Record:
    """The stored values a POST (or, with `partial`, a PATCH) body asks for; 400 if invalid."""
    values: Record = {}
    # refusals of the whole body come after every field's own, as the serializer's validate()
    whole: list[ApiError] = []
    missing = [r.name for r in RULES[kind] if r.required and not partial and r.name not in body]
    for rule in RULES[kind]:
        if rule.name in body:
            try:
                values[rule.name] = rule.parse(body[rule.name], ctx)
            except WholeBodyError as exc:
                whole.append(bad_body(rule.name, str(exc)))
            except ValueError as exc:
                raise bad_field(rule.name, str(exc)) from None
        elif rule.required and not partial:
            if kind == "issue" and rule.name == "name" and "missing-name-201" in ctx.faults:
                values[rule.name] = ""
                continue
            if "missing-field-unnamed" in ctx.faults:
                raise ApiError(400, "The request is not valid", code="invalid_body")
            # Django REST framework names every missing field at once
            drf = {name: ["This field is required."] for name in missing}
            raise bad_field(rule.name, "this field is required", drf=drf)
        elif not partial or (not rule.required and "patch-resets-unsent" in ctx.faults):
            values[rule.name] = rule.default(ctx)
    if whole:
        raise whole[0]
    return values


def _check_enabled(kind: str, body: Mapping[str, Any], ctx: BodyContext) -> None:
    """Refusals: a module or cycle in a project that has them switched off, and (a variation)
    a cycle whose body lacks the project's id. Both are 400s."""
    if kind not in ("module", "cycle"):
        return
    project = ctx.store.get("project", ctx.project_id)
    if project and not project[f"{kind}_view"]:
        raise ApiError(400, f"{kind.capitalize()}s are not enabled for this project")


def _check_project_id(kind: str, body: Mapping[str, Any], ctx: BodyContext) -> None:
    """The variation cycle-needs-project-id: a cycle's body names its project (after the
    serializer's own checks of the fields, as Plane's view runs them)."""
    needs_id = kind == "cycle" and "cycle-needs-project-id" in ctx.variations
    if needs_id and body.get("project_id") != ctx.project_id:
        message = "Project ID is required"  # the serializer's validate(): the whole body
        raise ApiError(400, message, drf={"non_field_errors": [message]})


def _check_dates(kind: str, record: Record) -> None:
    first, last = DATE_ORDER.get(kind, ("", ""))
    if record.get(first) and record.get(last) and record[first] > record[last]:
        raise bad_field(last, f"must not be before {first}")


def _check_unique(store: Store, kind: str, record: Record) -> None:
    scope = UNIQUE_SCOPE.get(kind)
    if scope is None:
        return
    for name in KINDS[kind].unique:
        clash = store.select(
            kind,
            lambda r, name=name: (
                r["id"] != record["id"]  # type: ignore[misc]
                and r[scope] == record[scope]
                and r[name] == record[name]
            ),
        )
        if clash:
            # Plane's project view answers its own body for a name taken
            drf = {name: f"The project {name} is already taken"} if kind == "project" else None
            details: dict[str, Any] = {"drf": drf} if drf else {}
            raise ApiError(409, f"a {kind} with this {name} already exists", field=name, **details)


def create(
    kind: str,
    body: Mapping[str, Any],
    ctx: BodyContext,
    scope: Record,
    record_id: str | None = None,
) -> Record:
    """Validate `body` and store a new `kind` record inside `scope` (its parent ids)."""
    store = ctx.store
    _check_enabled(kind, body, ctx)
    values = parse_body(kind, body, ctx, partial=False)
    _check_project_id(kind, body, ctx)
    if kind == "cycle" and bool(values["start_date"]) != bool(values["end_date"]):
        raise ApiError(400, "Both start date and end date are either required or are to be null")
    now = timestamp()
    record: Record = {
        "id": record_id or new_id(),
        **scope,
        **values,
        "created_at": now,
        "updated_at": now,
    }
    if "created_by" in KINDS[kind].fields:
        record.update(created_by=ctx.user_id, updated_by=None)
    with store.locked():
        _check_dates(kind, record)
        _check_unique(store, kind, record)
        if kind == "issue":
            numbers = [i["sequence_id"] for i in store.select("issue", _same_project(record))]
            record.update(
                sequence_id=max(numbers, default=0) + 1, completed_at=None, archived_at=None
            )
        if kind == "comment":
            record["actor"] = ctx.user_id
        if kind == "sticky":
            record["owner"] = ctx.user_id
        store.add(kind, record)
        if kind == "project":
            _start_project(store, record, ctx.user_id)
        elif kind == "issue":
            activity.issue_created(store, record, ctx.user_id)
        elif kind == "comment" and (issue := store.get("issue", record["issue"])):
            activity.comment_added(store, issue, record, ctx.user_id)
    return record


def _start_project(store: Store, project: Record, user_id: str) -> None:
    for sequence, (name, colour, group, default) in enumerate(DEFAULT_STATES):
        stamp = project["created_at"]
        store.add(
            "state",
            {
                "id": new_id(),
                "name": name,
                "color": colour,
                "group": group,
                "description": "",
                "sequence": (sequence + 1) * 15000,
                "default": default,
                "project": project["id"],
                "workspace": project["workspace"],
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
    add_member(store, project["id"], user_id)


def add_member(store: Store, project_id: str, user_id: str) -> Record:
    """``user_id`` as a member of the project (a new membership, or the one there is)."""
    with store.locked():
        known = store.select(
            "member", lambda m: m["project"] == project_id and m["user"] == user_id
        )
        if known:
            return known[0]
        return store.add("member", {"id": new_id(), "project": project_id, "user": user_id})


def default_state(store: Store, project_id: str) -> str | None:
    """The state a new work item of the project starts in."""
    states = store.select("state", lambda s: s["project"] == project_id and not s.get("is_triage"))
    chosen = next((s for s in states if s["default"]), states[0] if states else None)
    return None if chosen is None else str(chosen["id"])


def _check_editable(kind: str, record: Record) -> None:
    """Archived projects, modules and cycles, and finished cycles, refuse changes (400)."""
    if kind in ("project", "module", "cycle") and record.get("archived_at"):
        raise ApiError(400, f"Archived {kind} cannot be edited")
    if kind == "cycle" and containers.cycle_completed(record):
        raise ApiError(400, "The Cycle has already been completed so it cannot be edited")


def _same_project(record: Record) -> Any:
    return lambda other: other["project"] == record["project"]


def update(kind: str, record: Record, body: Mapping[str, Any], ctx: BodyContext) -> Record:
    """Apply a PATCH body: sent fields change, every other field keeps its value."""
    _check_editable(kind, record)
    changes = parse_body(kind, body, ctx, partial=True)
    if "patch-not-applied" in ctx.faults:
        return record
    changes["updated_at"] = timestamp()
    if "updated_by" in KINDS[kind].fields:
        changes["updated_by"] = ctx.user_id
    with ctx.store.locked():
        if ctx.store.get(kind, record["id"]) is None:
            raise ApiError(404, f"{kind} not found")
        merged = {**record, **changes}
        _check_dates(kind, merged)
        _check_unique(ctx.store, kind, merged)
        updated = ctx.store.update(kind, record["id"], changes)
        if kind == "issue":
            activity.issue_changed(ctx.store, record, updated, ctx.user_id)
        return updated


def delete(store: Store, kind: str, record: Record) -> None:
    """Remove `record` and everything that cannot outlive it."""
    rid = record["id"]
    with store.locked():
        if kind == "state" and store.select("issue", lambda i: i["state"] == rid):
            raise ApiError(
                409, "this state still has work items; move them first", code="state_in_use"
            )
        store.delete(kind, rid)
        store.delete_owned(kind, rid)
        if kind == "issue":
            for child_issue in store.select("issue", lambda i: i["parent"] == rid):
                store.update("issue", child_issue["id"], {"parent": None})
        elif kind == "label":
            for issue in store.select("issue", lambda i: rid in i["labels"]):
                store.update(
                    "issue", issue["id"], {"labels": [lid for lid in issue["labels"] if lid != rid]}
                )
            for child_label in store.select("label", lambda lab: lab["parent"] == rid):
                store.update("label", child_label["id"], {"parent": None})
