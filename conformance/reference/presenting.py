"""A record as the API shows it: its kind's fields in order, the values it lacks from the
kind's defaults, and the fields the real server computes (counts, membership, nested objects).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from conformance.reference.kinds import KINDS
from conformance.reference.store import Record, Store

# what an expanded relation (and a nested state) shows, for targets that are not shown whole
PROJECTIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"state": ("id", "name", "color", "group")}
)
GROUPS = ("cancelled", "completed", "started", "unstarted", "backlog")
ADMIN = 20


def _container_counts(store: Store, kind: str, record: Record, user_id: str) -> Record:
    """A module's or cycle's work items, in all and per state group."""
    links = store.select(f"{kind}_issue", lambda r: r[kind] == record["id"])
    issues = [store.get("issue", link["issue"]) for link in links]
    groups = [(store.get("state", issue["state"]) or {}).get("group") for issue in issues if issue]
    counts: Record = {"total_issues": len(groups)}
    for group in GROUPS:
        counts[f"{group}_issues"] = groups.count(group)
    return counts


def _project(store: Store, kind: str, record: Record, user_id: str) -> Record:
    members = store.select("member", lambda m: m["project"] == record["id"])
    mine = [m for m in members if m["user"] == user_id]

    def count(child: str) -> int:
        return len(
            store.select(child, lambda r: r["project"] == record["id"] and not r.get("archived_at"))
        )

    return {
        "total_members": len(members),
        "total_cycles": count("cycle"),
        "total_modules": count("module"),
        "is_member": bool(mine),
        "member_role": mine[0].get("role", ADMIN) if mine else None,
    }


def _comment(store: Store, kind: str, record: Record, user_id: str) -> Record:
    members = store.select("member", lambda m: m["project"] == record["project"])
    return {"is_member": any(m["user"] == user_id for m in members)}


def _intake_issue(store: Store, kind: str, record: Record, user_id: str) -> Record:
    issue = store.get("issue", record["issue"])
    if issue is None:
        return {"issue_detail": None}
    detail = present(store, "issue", issue, user_id)
    state = store.get("state", issue["state"])
    detail["state"] = None if state is None else {k: state[k] for k in PROJECTIONS["state"]}
    return {"issue_detail": detail}


Derive = Callable[[Store, str, Record, str], Record]
DERIVED: Mapping[str, Derive] = MappingProxyType(
    {
        "project": _project,
        "module": _container_counts,
        "cycle": _container_counts,
        "comment": _comment,
        "intake_issue": _intake_issue,
    }
)


_COUNTS = tuple(f"{group}_issues" for group in ("total", *GROUPS))
_ESTIMATES = ("total_estimates", "completed_estimates", "started_estimates")
# (kind, view) -> the fields the real server's serializer for that view leaves out (the
# variation plane-field-sets); a view is "create", "update", "detail" or "list"
PLANE_OMITS: Mapping[tuple[str, str], tuple[str, ...]] = MappingProxyType(
    {
        ("project", "create"): ("sort_order",),
        ("project", "update"): ("sort_order",),
        ("project", "detail"): ("sort_order",),
        ("cycle", "create"): (*_COUNTS, *_ESTIMATES),
        ("cycle", "update"): (*_COUNTS, *_ESTIMATES),
        ("cycle", "detail"): _ESTIMATES,
        ("module", "create"): _COUNTS,
        ("comment", "create"): ("is_member",),
        ("comment", "update"): ("is_member",),
        # one work item of a cycle: the link's own fields only (the transcripts show it)
        ("cycle_issue", "detail"): ("sub_issues_count",),
    }
)


def plane_omits(kind: str, view: str | None, record: Record) -> tuple[str, ...]:
    """What the real server leaves out of ``record`` shown in ``view`` (nothing for None)."""
    if kind == "cycle" and view == "list" and not record.get("archived_at"):
        return _ESTIMATES  # the estimates come only with the archived cycles
    return PLANE_OMITS.get((kind, view or ""), ())


def present(store: Store, kind: str, record: Record, user_id: str) -> Record:
    """The record as the API shows it to ``user_id``: public fields in order, derived ones
    computed, missing ones from the kind's defaults."""
    shape = KINDS[kind]
    derive = DERIVED.get(kind)
    full: dict[str, Any] = {**record, **(derive(store, kind, record, user_id) if derive else {})}
    return {name: full[name] if name in full else shape.default(name) for name in shape.fields}
