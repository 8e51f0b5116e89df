"""The in-memory store: JSON-ready records per kind, in insertion order, behind one lock.

Records are replaced, never mutated in place, so a record handed out is a stable snapshot.
Compound operations (check a name is free, then insert) hold ``store.lock`` across both steps.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

Record = dict[str, Any]

COLLECTIONS: tuple[str, ...] = (
    "workspace",
    "user",
    "project",
    "member",
    # memberships removed: Plane keeps them, inactive, and answers a second DELETE with 204
    "removed_member",
    "state",
    "label",
    "issue",
    "comment",
    "link",
    "module",
    "module_issue",
    "cycle",
    "cycle_issue",
    "relation",
    "activity",
    "intake_issue",
    "asset",
    "sticky",
    "invitation",
)


def _owners(**fields: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    """The owner's kind -> the fields of a record that may name the owner."""
    return MappingProxyType(fields)


_OF_PROJECT = _owners(project=("project",))
_OF_WORK_ITEM = _owners(project=("project",), issue=("issue",))
# What cannot outlive what: a kind -> its owners. Deleting a record deletes every record that
# names it as its owner (``Store.delete_owned``).
OWNED: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "member": _OF_PROJECT,
        "state": _OF_PROJECT,
        "label": _OF_PROJECT,
        "issue": _OF_PROJECT,
        "comment": _OF_WORK_ITEM,
        "link": _OF_WORK_ITEM,
        "module": _OF_PROJECT,
        "module_issue": _owners(project=("project",), issue=("issue",), module=("module",)),
        "cycle": _OF_PROJECT,
        "cycle_issue": _owners(project=("project",), issue=("issue",), cycle=("cycle",)),
        "relation": _owners(project=("project",), issue=("issue", "related_issue")),
        "activity": _OF_WORK_ITEM,
        "intake_issue": _OF_WORK_ITEM,
        "asset": _OF_WORK_ITEM,
    }
)


def timestamp(moment: datetime | None = None) -> str:
    """An ISO 8601 UTC timestamp as Plane writes it (microseconds, ``Z``)."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    return str(uuid.uuid4())


class Store:
    """Records by kind and id; every method is safe to call from any thread."""

    def __init__(self) -> None:
        self._records: dict[str, dict[str, Record]] = {kind: {} for kind in COLLECTIONS}
        self._lock = threading.RLock()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store for a compound operation (check, then write)."""
        with self._lock:
            yield

    def add(self, kind: str, record: Record) -> Record:
        with self._lock:
            self._records[kind][record["id"]] = dict(record)
            return dict(record)

    def get(self, kind: str, record_id: object) -> Record | None:
        if not isinstance(record_id, str):
            return None
        with self._lock:
            record = self._records[kind].get(record_id)
            return None if record is None else dict(record)

    def update(self, kind: str, record_id: str, changes: Record) -> Record:
        with self._lock:
            record = {**self._records[kind][record_id], **changes}
            self._records[kind][record_id] = record
            return dict(record)

    def delete(self, kind: str, record_id: str) -> None:
        with self._lock:
            self._records[kind].pop(record_id, None)

    def select(self, kind: str, where: Callable[[Record], bool] | None = None) -> list[Record]:
        """Every record of `kind` (matching `where`), in insertion order."""
        with self._lock:
            return [dict(r) for r in self._records[kind].values() if where is None or where(r)]

    def delete_owned(self, owner: str, owner_id: str) -> None:
        """Delete every record that cannot outlive the ``owner`` record ``owner_id`` (``OWNED``;
        one level: what those records own names the owner too, or outlives it on purpose)."""
        with self._lock:
            for kind, owners in OWNED.items():
                if owner in owners:
                    self.delete_where(kind, _naming(owner_id, owners[owner]))

    def delete_where(self, kind: str, where: Callable[[Record], bool]) -> list[str]:
        with self._lock:
            doomed = [rid for rid, record in self._records[kind].items() if where(record)]
            for rid in doomed:
                del self._records[kind][rid]
            return doomed


def _naming(record_id: str, fields: tuple[str, ...]) -> Callable[[Record], bool]:
    """Whether a record names ``record_id`` in one of ``fields``."""
    return lambda record: any(record.get(name) == record_id for name in fields)
