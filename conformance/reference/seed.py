"""The seed: one workspace, one project ("Reference", REF), enough around it to page and expand.

Ids come from uuid5 over fixed names, so two servers with the same configuration hold the same
ids. Each API key gets its own user; two more users are members who hold no key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from conformance.reference import seed_extras
from conformance.reference.bodies import PRIORITIES
from conformance.reference.operations import DEFAULT_STATES
from conformance.reference.seed_ids import EPOCH, seed_id, seed_project_id, stamp
from conformance.reference.store import Record, Store

__all__ = ["Seeded", "seed", "seed_id", "seed_project_id"]

EXTRA_USERS = (("Ada", "Lovelace"), ("Grace", "Hopper"))
LABELS = (("bug", "#EF4444"), ("feature", "#3B82F6"), ("docs", "#10B981"), ("chore", "#6B7280"))


@dataclass(frozen=True, slots=True)
class Seeded:
    """The ids a caller needs to find its way in: the project, and the user of each key."""

    workspace_id: str
    project_id: str
    user_ids: tuple[str, ...]
    guest_id: str  # a member who holds no key


def seed(
    store: Store, slug: str, key_count: int, issue_count: int, *, extras: bool = True
) -> Seeded:
    """Fill `store`; user ``i`` belongs to key ``i``. Without ``extras`` the project holds only
    its states and plain work items (no labels, assignees, parents, module, cycle, comments or
    links), with modules and cycles switched off: a project as a fresh real server has it."""
    names = [(f"Key{i + 1}", "User") for i in range(key_count)] + list(EXTRA_USERS)
    user_ids = tuple(seed_id(f"user-{i}") for i in range(len(names)))
    for n, (user_id, (first, last)) in enumerate(zip(user_ids, names, strict=True)):
        handle = f"{first}.{last}".lower()
        store.add(
            "user",
            {
                "id": user_id,
                "first_name": first,
                "last_name": last,
                "email": f"{handle}@example.com",
                "avatar": "",
                "display_name": handle,
                # the workspace role: the keys' users are admins, the others members
                "role": 20 if n < key_count else 15,
            },
        )
    owner = user_ids[0]
    workspace_id = seed_id(f"workspace-{slug}")
    base = {"created_at": stamp(0), "updated_at": stamp(0)}
    store.add(
        "workspace",
        {"id": workspace_id, "name": "Plane Conformance", "slug": slug, "owner": owner, **base},
    )
    project_id = seed_project_id()
    scope = {"project": project_id, "workspace": workspace_id}
    store.add(
        "project",
        {
            "id": project_id,
            "name": "Reference",
            "identifier": "REF",
            "description": "The project the conformance suite reads and writes.",
            "network": 2,
            "project_lead": owner,
            "default_assignee": None,
            "workspace": workspace_id,
            "emoji": None,
            "cover_image": None,
            "module_view": extras,
            "cycle_view": extras,
            "issue_views_view": True,
            "page_view": True,
            "intake_view": extras,
            "archive_in": 0,
            "close_in": 0,
            "timezone": "UTC",
            **base,
            "created_by": owner,
            "updated_by": owner,
        },
    )
    for i, user_id in enumerate(user_ids):
        store.add("member", {"id": seed_id(f"member-{i}"), "project": project_id, "user": user_id})
    state_ids = [seed_id(f"state-{name}") for name, *_ in DEFAULT_STATES]
    for i, (name, colour, group, default) in enumerate(DEFAULT_STATES):
        store.add(
            "state",
            {
                "id": state_ids[i],
                "name": name,
                "color": colour,
                "group": group,
                "description": "",
                "sequence": (i + 1) * 15000,
                "default": default,
                **scope,
                **base,
            },
        )
    label_ids = [seed_id(f"label-{name}") for name, _ in LABELS] if extras else []
    for i, (name, colour) in enumerate(LABELS if extras else ()):
        store.add(
            "label",
            {
                "id": label_ids[i],
                "name": name,
                "color": colour,
                "description": "",
                "parent": None,
                "sort_order": (i + 1) * 1000,
                **scope,
                **base,
            },
        )
    issue_ids = [seed_id(f"issue-{i}") for i in range(issue_count)]
    for i, issue_id in enumerate(issue_ids):
        issue = _issue(i, issue_id, issue_ids, state_ids, label_ids, user_ids, scope)
        if not extras:
            issue.update(assignees=[], labels=[], parent=None)
        store.add("issue", issue)
        store.add("activity", _created(i, issue))
    if extras:
        seed_extras.fill(store, issue_ids, owner, scope)
    return Seeded(
        workspace_id=workspace_id,
        project_id=project_id,
        user_ids=user_ids[:key_count],
        guest_id=user_ids[key_count],
    )


def _issue(
    i: int,
    issue_id: str,
    issue_ids: list[str],
    state_ids: list[str],
    label_ids: list[str],
    user_ids: tuple[str, ...],
    scope: Record,
) -> Record:
    author = user_ids[i % len(user_ids)]
    return {
        "id": issue_id,
        "name": f"Work item {i + 1}",
        "description_html": f"<p>Item {i + 1}</p>",
        "priority": PRIORITIES[i % len(PRIORITIES)],
        "state": state_ids[i % len(state_ids)],
        "assignees": [user_ids[i % len(user_ids)]] if i % 3 else [],
        "labels": [label_ids[i % len(label_ids)]] if i % 2 and label_ids else [],
        "parent": issue_ids[i - 1] if i % 10 == 9 else None,
        **scope,
        "sequence_id": i + 1,
        "sort_order": 65535 + i * 1000,
        "start_date": None,
        "target_date": None,
        "completed_at": None,
        "archived_at": None,
        "is_draft": False,
        "external_source": None,
        "external_id": None,
        "created_at": stamp(60 + i),
        "updated_at": stamp(60 + i),
        "created_by": author,
        "updated_by": author,
    }


def _created(i: int, issue: Record) -> Record:
    """The activity entry the real server records for a new work item."""
    return {
        "id": seed_id(f"activity-{i}"),
        "created_at": issue["created_at"],
        "updated_at": issue["created_at"],
        "verb": "created",
        "comment": "created the work item",
        "epoch": (EPOCH + timedelta(seconds=60 + i)).timestamp(),
        "project": issue["project"],
        "workspace": issue["workspace"],
        "issue": issue["id"],
        "actor": issue["created_by"],
    }
