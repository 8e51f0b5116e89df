"""What a deletion takes with it: every record that cannot outlive the deleted one (the store's
``OWNED`` table), and nothing else."""

from __future__ import annotations

import pytest

from conformance.reference.operations import delete
from conformance.reference.store import COLLECTIONS, OWNED, Record, Store

PROJECT, OTHER, ISSUE, CHILD, MODULE, CYCLE = (
    "project-1",
    "project-2",
    "issue-1",
    "issue-2",
    "module-1",
    "cycle-1",
)


def filled() -> Store:
    """Two projects; in the first, two work items, a module and a cycle, with something of every
    kind that hangs on them, and a parent link and a label that are unlinked, not deleted."""
    store = Store()
    rows: list[tuple[str, Record]] = [
        ("project", {"id": PROJECT}),
        ("project", {"id": OTHER}),
        ("member", {"id": "m", "project": PROJECT}),
        ("state", {"id": "s", "project": PROJECT}),
        ("label", {"id": "l", "project": PROJECT, "parent": None}),
        ("issue", {"id": ISSUE, "project": PROJECT, "parent": None, "state": "s", "labels": ["l"]}),
        ("issue", {"id": CHILD, "project": PROJECT, "parent": ISSUE, "state": "s", "labels": []}),
        ("issue", {"id": "k", "project": OTHER, "parent": None, "state": "x", "labels": []}),
        ("comment", {"id": "co", "project": PROJECT, "issue": ISSUE}),
        ("link", {"id": "li", "project": PROJECT, "issue": ISSUE}),
        ("module", {"id": MODULE, "project": PROJECT}),
        ("module_issue", {"id": "mi", "project": PROJECT, "issue": CHILD, "module": MODULE}),
        ("cycle", {"id": CYCLE, "project": PROJECT}),
        ("cycle_issue", {"id": "ci", "project": PROJECT, "issue": CHILD, "cycle": CYCLE}),
        ("relation", {"id": "r1", "project": PROJECT, "issue": CHILD, "related_issue": ISSUE}),
        ("relation", {"id": "r2", "project": OTHER, "issue": "k", "related_issue": CHILD}),
        ("activity", {"id": "a", "project": PROJECT, "issue": ISSUE}),
        ("intake_issue", {"id": "in", "project": PROJECT, "issue": ISSUE}),
        ("asset", {"id": "as1", "project": PROJECT, "issue": None}),
        ("asset", {"id": "as2", "issue": ISSUE}),
        ("asset", {"id": "as3"}),
        ("sticky", {"id": "st"}),
    ]
    for kind, record in rows:
        store.add(kind, record)
    return store


def left(store: Store) -> set[str]:
    return {r["id"] for kind in COLLECTIONS for r in store.select(kind)}


EVERYTHING = left(filled())


@pytest.mark.parametrize(
    ("kind", "rid", "gone"),
    [
        ("project", PROJECT, EVERYTHING - {OTHER, "k", "r2", "as2", "as3", "st"}),
        ("issue", ISSUE, {ISSUE, "co", "li", "r1", "a", "in", "as2"}),
        ("issue", CHILD, {CHILD, "mi", "ci", "r1", "r2"}),
        ("module", MODULE, {MODULE, "mi"}),
        ("cycle", CYCLE, {CYCLE, "ci"}),
        ("comment", "co", {"co"}),
        ("label", "l", {"l"}),
        ("asset", "as3", {"as3"}),
    ],
)
def test_a_deletion_takes_what_cannot_outlive_it(kind: str, rid: str, gone: set[str]) -> None:
    store = filled()
    delete(store, kind, {"id": rid})
    assert EVERYTHING - left(store) == gone


def test_what_outlives_a_deletion_is_unlinked() -> None:
    store = filled()
    delete(store, "issue", {"id": ISSUE})
    assert store.get("issue", CHILD) == {**(filled().get("issue", CHILD) or {}), "parent": None}
    store = filled()
    delete(store, "label", {"id": "l"})
    assert (store.get("issue", ISSUE) or {})["labels"] == []


def test_every_owned_kind_and_owner_is_a_kind_of_the_store() -> None:
    assert set(OWNED) <= set(COLLECTIONS)
    assert {owner for owners in OWNED.values() for owner in owners} <= set(COLLECTIONS)
