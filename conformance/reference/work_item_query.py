"""A project's work items as its list narrows and orders them: ``external_source`` and
``external_id`` keep the items imported from there (Plane's importers look items up so), and
``order_by`` names the field to order by, ``-`` before it for descending order.

An ordering field the list does not know is refused with 400 naming it, and so is a filter
value no item could hold (a NUL character, which the real server's database refuses). The
seeded faults here are the ones a generic fuzzer finds on real servers: the field reaching the
database unchecked (500), and so does the NUL of a filter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from starlette.datastructures import QueryParams

from conformance.reference.errors import ApiError
from conformance.reference.store import Record

# the fields a work item list orders by; priority in its own order, the rest by value
ORDER_FIELDS = ("created_at", "updated_at", "sequence_id", "name", "priority")
PRIORITY_RANK: Mapping[str, int] = MappingProxyType(
    {"urgent": 0, "high": 1, "medium": 2, "low": 3, "none": 4}
)
FILTERS = ("external_source", "external_id")
ORDER_EXAMPLE = "-created_at"


def refine(query: QueryParams, items: Sequence[Record], faults: frozenset[str]) -> list[Record]:
    """``items`` kept by the filters of ``query`` and in the order it asks (stable: items that
    tie keep the list's own order, so pages stay apart)."""
    kept = list(items)
    for name in FILTERS:
        value = query.get(name)
        if value is None or value == "":
            continue
        if "\x00" in value:
            if "filter-nul-500" in faults:
                # the mistake: the value goes to the database, which refuses NUL in text
                raise ValueError("A string literal cannot contain NUL (0x00) characters.")
            raise ApiError(400, f"{name} cannot contain a NUL character", field=name)
        kept = [item for item in kept if item.get(name) == value]
    ordering = query.get("order_by", "")
    if not ordering:
        return kept
    field = ordering.removeprefix("-")
    if field not in ORDER_FIELDS:
        if "order-by-unknown-500" in faults:
            # the mistake: the name goes to the database's ORDER BY unchecked
            raise KeyError(f"Cannot resolve keyword {field!r} into field.")
        raise ApiError(
            400,
            f"order_by: unknown field {ordering[:40]!r} (one of {', '.join(ORDER_FIELDS)}, "
            "'-' before it for descending order)",
            field="order_by",
        )
    return sorted(kept, key=lambda item: _key(item, field), reverse=ordering.startswith("-"))


def _key(item: Record, field: str) -> tuple[bool, Any]:
    """How ``item`` sorts by ``field``: items without a value last (first, descending)."""
    value = item.get(field)
    if field == "priority":
        value = PRIORITY_RANK.get(str(value), len(PRIORITY_RANK))
    return (value is None, value if value is not None else 0)
