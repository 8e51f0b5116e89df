"""The seed's extras, beside the project's states and plain work items: a module, a cycle,
comments, links, and one of each other thing the real server keeps (a relation, an uploaded
attachment and workspace asset, an intake item, a sticky, an invitation), so that every
endpoint has something to show."""

from __future__ import annotations

from conformance.reference.seed_ids import seed_id, stamp
from conformance.reference.store import Record, Store


def fill(store: Store, issue_ids: list[str], owner: str, scope: Record) -> None:
    """Add the extras to a seeded project (``scope``: its and its workspace's ids)."""
    _containers(store, issue_ids, owner, scope)
    _comments_and_links(store, issue_ids[:3], owner, scope)
    _around_work_items(store, issue_ids, owner, scope)
    _workspace_things(store, owner, scope)


def _containers(store: Store, issue_ids: list[str], owner: str, scope: Record) -> None:
    base = {"created_at": stamp(30), "updated_at": stamp(30)}
    module_id, cycle_id = seed_id("module-0"), seed_id("cycle-0")
    store.add(
        "module",
        {
            "id": module_id,
            "name": "Reference module",
            "description": "",
            "status": "in-progress",
            "lead": owner,
            "members": [owner],
            "start_date": "2026-01-05",
            "target_date": "2026-03-31",
            **scope,
            **base,
        },
    )
    store.add(
        "cycle",
        {
            "id": cycle_id,
            "name": "Reference cycle",
            "description": "",
            # a cycle's dates are date-times, as the real server stores them
            "start_date": "2026-01-05T00:00:01Z",
            "end_date": "2036-01-18T23:59:00Z",
            "owned_by": owner,
            **scope,
            **base,
        },
    )
    # and a finished module and cycle, archived
    archived = {**scope, **base, "archived_at": stamp(60 * 60 * 24 * 30)}
    store.add(
        "module",
        {"id": seed_id("module-1"), "name": "Shipped module", "status": "completed", **archived},
    )
    store.add(
        "cycle",
        {
            "id": seed_id("cycle-1"),
            "name": "First cycle",
            "start_date": "2025-12-01T00:00:01Z",
            "end_date": "2025-12-14T23:59:00Z",
            "owned_by": owner,
            **archived,
        },
    )
    authors = {"created_by": owner, "updated_by": owner}
    for n, issue_id in enumerate(issue_ids[:10]):
        store.add(
            "module_issue",
            {
                "id": seed_id(f"module-issue-{n}"),
                "module": module_id,
                "issue": issue_id,
                **scope,
                **base,
                **authors,
            },
        )
    for n, issue_id in enumerate(issue_ids[10:20]):
        store.add(
            "cycle_issue",
            {
                "id": seed_id(f"cycle-issue-{n}"),
                "cycle": cycle_id,
                "issue": issue_id,
                **scope,
                **base,
                **authors,
            },
        )


def _comments_and_links(store: Store, issue_ids: list[str], owner: str, scope: Record) -> None:
    base = {"created_at": stamp(600), "updated_at": stamp(600)}
    for n, issue_id in enumerate(issue_ids):
        on_issue = {**scope, "issue": issue_id, **base}
        store.add(
            "comment",
            {
                "id": seed_id(f"comment-{n}"),
                "comment_html": "<p>Noted.</p>",
                "actor": owner,
                **on_issue,
            },
        )
        store.add(
            "link",
            {
                "id": seed_id(f"link-{n}"),
                "title": "Plane",
                "url": f"https://example.com/docs/{n}",
                **on_issue,
            },
        )


def _around_work_items(store: Store, issue_ids: list[str], owner: str, scope: Record) -> None:
    """The first work item blocks the second and has an uploaded attachment; an intake item
    waits in the project's triage state (the real server lists neither it nor its work item
    among the project's work items)."""
    base = {"created_at": stamp(900), "updated_at": stamp(900), "created_by": owner}
    if len(issue_ids) >= 2:
        store.add(
            "relation",
            {
                "id": seed_id("relation-0"),
                "issue": issue_ids[0],
                "related_issue": issue_ids[1],
                "relation_type": "blocking",
                **scope,
                **base,
            },
        )
    if issue_ids:
        store.add(
            "asset",
            {
                "id": seed_id("attachment-0"),
                "attributes": {"name": "notes.txt", "type": "text/plain", "size": 5},
                "asset": f"{scope['workspace']}/seed-notes.txt",
                "entity_type": "ISSUE_ATTACHMENT",
                "size": 5,
                "is_uploaded": True,
                "issue": issue_ids[0],
                **scope,
                **base,
            },
        )
    triage = seed_id("state-Triage")
    store.add(
        "state",
        {
            "id": triage,
            "name": "Triage",
            "color": "#4E5355",
            "group": "triage",
            "is_triage": True,
            "default": False,
            "description": "",
            "sequence": 65000,
            **scope,
            **base,
        },
    )
    proposed = seed_id("issue-intake-0")
    store.add(
        "issue",
        {
            "id": proposed,
            "name": "Proposed work item",
            "description_html": "<p>From the intake.</p>",
            "priority": "none",
            "state": triage,
            "assignees": [],
            "labels": [],
            "parent": None,
            "sequence_id": len(issue_ids) + 1,
            "sort_order": 65535,
            "is_draft": False,
            **scope,
            **base,
        },
    )
    store.add(
        "intake_issue",
        {"id": seed_id("intake-0"), "issue": proposed, "status": -2, **scope, **base},
    )


def _workspace_things(store: Store, owner: str, scope: Record) -> None:
    """A sticky of the first key's user, an invitation and an uploaded workspace asset."""
    base = {"created_at": stamp(1200), "updated_at": stamp(1200), "created_by": owner}
    workspace = scope["workspace"]
    store.add(
        "sticky",
        {
            "id": seed_id("sticky-0"),
            "name": "Remember",
            "description_html": "<p>Check the cycle.</p>",
            "workspace": workspace,
            "owner": owner,
            **base,
        },
    )
    store.add(
        "invitation",
        {
            "id": seed_id("invitation-0"),
            "email": "invited@example.com",
            "role": 15,
            "workspace": workspace,
            "accepted": False,
            **base,
        },
    )
    store.add(
        "asset",
        {
            "id": seed_id("asset-0"),
            "attributes": {"name": "logo.png", "type": "image/png", "size": 10},
            "asset": f"{workspace}/seed-logo.png",
            "entity_type": "ISSUE_ATTACHMENT",
            "size": 10,
            "is_uploaded": True,
            "workspace": workspace,
            **base,
        },
    )
