"""``fields`` and ``expand``: exactly the requested keys; relations as objects, not ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def exact_fields_problems(item: Any, requested: Sequence[str], where: str) -> list[str]:
    """FLD-01: the object has exactly the requested fields."""
    return missing_fields_problems(item, requested, where) + extra_fields_problems(
        item, requested, where
    )


def missing_fields_problems(item: Any, requested: Sequence[str], where: str) -> list[str]:
    """The object is an object holding every requested field."""
    if not isinstance(item, dict):
        return [f"{where} is a {type(item).__name__}, not an object"]
    lacking = set(requested) - set(item)
    return [f"{where} lacks requested fields {sorted(lacking)}"] if lacking else []


def extra_fields_problems(item: Any, requested: Sequence[str], where: str = "") -> list[str]:
    """The object holds no field that was not requested."""
    if not isinstance(item, dict):
        return []
    extra = set(item) - set(requested)
    return [f"{where} has fields that were not requested: {sorted(extra)}"] if extra else []


def expanded_problems(item: Any, names: Sequence[str], where: str) -> list[str]:
    """FLD-03: each named relation is an object (or a list of objects), not an id."""
    if not isinstance(item, dict):
        return [f"{where} is a {type(item).__name__}, not an object"]
    problems = []
    for name in names:
        if name not in item:
            problems.append(f"{where} has no {name!r} after expand={name}")
            continue
        value = item[name]
        if value in (None, [], {}):
            continue  # nothing to expand (an empty object stands for null): another item decides
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, dict) and v for v in values):
            problems.append(f"{where}: {name!r} is {value!r}, not expanded to an object")
    return problems


def has_relation_values(items: Sequence[Any], names: Sequence[str]) -> bool:
    """Some item has a non-empty value for every name: the expansion can be judged."""
    return all(
        any(isinstance(i, dict) and i.get(name) not in (None, [], "", {}) for i in items)
        for name in names
    )
