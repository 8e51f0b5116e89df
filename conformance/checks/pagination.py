"""The paginated envelope and the cursor format ``value:offset:is_prev``."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

# What PAG-11's error must say, and how its lower-cased message is tested for it.
INVALID_CURSOR = (
    "that the cursor format is invalid",
    lambda text: "cursor" in text and any(w in text for w in ("invalid", "malformed", "format")),
)
ENVELOPE_TYPES: tuple[tuple[str, str], ...] = (
    ("next_cursor", "string"),
    ("prev_cursor", "string"),
    ("next_page_results", "bool"),
    ("prev_page_results", "bool"),
    ("count", "int"),
    ("total_pages", "int"),
    ("extra_stats", "object-or-null"),
    ("results", "array"),
)


@dataclass(frozen=True, slots=True)
class Cursor:
    value: int
    offset: int
    is_prev: int

    def __str__(self) -> str:
        return f"{self.value}:{self.offset}:{self.is_prev}"


def parse_cursor(text: str) -> Cursor | None:
    """The cursor, or None when ``text`` is not of the documented form."""
    parts = text.split(":")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts):
        return None
    value, offset, is_prev = (int(p) for p in parts)
    if is_prev not in (0, 1):
        return None
    return Cursor(value, offset, is_prev)


def _has_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if kind == "object-or-null":
        return value is None or isinstance(value, dict)
    return isinstance(value, list)


def envelope_problems(body: Any) -> list[str]:
    """PAG-01: the eight documented keys with their types."""
    if not isinstance(body, dict):
        return [f"the list response is a JSON {type(body).__name__}, not the paginated envelope"]
    problems = []
    for key, kind in ENVELOPE_TYPES:
        if key not in body:
            problems.append(f"envelope key {key!r} is missing")
        elif not _has_type(body[key], kind):
            shown = "int >= 0" if kind == "int" else kind
            problems.append(f"envelope key {key!r} is {body[key]!r}, not {shown}")
    return problems


def page_size_problems(body: dict[str, Any], size: int, page: int, total: int) -> list[str]:
    """PAG-03: page ``page`` of a ``total``-item collection holds exactly what size n implies."""
    results = body.get("results")
    if not isinstance(results, list):
        return []
    expected = max(0, min(size, total - page * size))
    problems = []
    if len(results) != expected:
        problems.append(
            f"page {page} with per_page={size} of {total} items holds {len(results)} items, "
            f"expected {expected}"
        )
    return problems + count_problems(body)


def count_problems(body: dict[str, Any]) -> list[str]:
    """PAG-03: ``count`` is the number of items on the page."""
    results = body.get("results")
    if not isinstance(results, list) or body.get("count") == len(results):
        return []
    return [f"count is {body.get('count')!r} but results holds {len(results)} items"]


def page_fill_problems(body: dict[str, Any], size: int, *, further: bool = False) -> list[str]:
    """PAG-03 without knowing the collection: any page holds at most n items, and one that a
    further page with items follows (``further``) exactly n."""
    results = body.get("results")
    if not isinstance(results, list):
        return []
    problems = []
    if further and len(results) != size:
        problems.append(
            f"a page with per_page={size} that has a further page holds {len(results)} items"
        )
    elif len(results) > size:
        problems.append(f"a page with per_page={size} holds {len(results)} items")
    return problems + count_problems(body)


def positive_int(text: str) -> int | None:
    """The page size ``text`` states, or None when it is not a positive integer."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        return None
    return int(text)


def coverage_problems(seen: list[str], truth: list[str]) -> list[str]:
    """PAG-09: a walk that saw ``seen`` visited each item of ``truth`` exactly once."""
    duplicates = sorted(item for item, times in Counter(seen).items() if times > 1)
    missing = sorted(set(truth) - set(seen))
    extra = sorted(set(seen) - set(truth))
    problems = []
    if duplicates:
        problems.append(f"the walk saw {duplicates} more than once")
    if missing:
        problems.append(f"the walk never saw {missing}")
    if extra:
        problems.append(f"the walk saw items that are not in the collection: {extra}")
    return problems


def cursor_problems(body: dict[str, Any], size: int, page: int) -> list[str]:
    """PAG-06: next_cursor is n:k+1:0 and, past the first page, prev_cursor is n:k-1:1."""
    problems = []
    expected_next = f"{size}:{page + 1}:0"
    if body.get("next_cursor") != expected_next:
        problems.append(
            f"page {page} of size {size}: next_cursor is {body.get('next_cursor')!r}, "
            f"expected {expected_next!r}"
        )
    if page > 0:
        expected_prev = f"{size}:{page - 1}:1"
        if body.get("prev_cursor") != expected_prev:
            problems.append(
                f"page {page} of size {size}: prev_cursor is {body.get('prev_cursor')!r}, "
                f"expected {expected_prev!r}"
            )
    return problems


def first_prev_cursor_problems(body: dict[str, Any]) -> list[str]:
    """PAG-07: the first page's prev_cursor is the empty string."""
    if body.get("prev_cursor") == "":
        return []
    return [f"first page prev_cursor is {body.get('prev_cursor')!r}, expected ''"]


def flag_problems(body: dict[str, Any], page: int, has_more: bool) -> list[str]:
    """PAG-08: next_page_results tells whether a further page has items; prev_page_results k>0."""
    return next_flag_problems(body, page, has_more) + prev_flag_problems(body, page)


def next_flag_problems(body: dict[str, Any], page: int, has_more: bool) -> list[str]:
    """PAG-08: next_page_results is true exactly when a further page has items."""
    if body.get("next_page_results") is has_more:
        return []
    return [
        f"page {page}: next_page_results is {body.get('next_page_results')!r} but a further "
        f"page {'has' if has_more else 'has no'} items"
    ]


def prev_flag_problems(body: dict[str, Any], page: int) -> list[str]:
    """PAG-08: prev_page_results is false on the first page and true on every later one."""
    if body.get("prev_page_results") is (page > 0):
        return []
    return [
        f"page {page}: prev_page_results is {body.get('prev_page_results')!r}, expected {page > 0}"
    ]


def total_pages_problems(body: dict[str, Any], size: int, total: int) -> list[str]:
    """PAG-13: total_pages is ceil(items / page size)."""
    expected = math.ceil(total / size)
    if body.get("total_pages") == expected:
        return []
    return [
        f"total_pages is {body.get('total_pages')!r} for {total} items of {size} a page, "
        f"expected {expected}"
    ]


def item_ids(body: Any) -> list[str]:
    """The ``id`` of every item of a page (items without one are skipped)."""
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        return []
    return [str(item["id"]) for item in body["results"] if isinstance(item, dict) and "id" in item]


def results_of(body: Any) -> list[Any]:
    """The ``results`` array of an envelope, or an empty list when there is none."""
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return list(body["results"])
    return []


def items_of(body: Any) -> list[Any]:
    """The objects a body shows: an envelope's ``results``, else the body itself."""
    if isinstance(body, dict) and "results" in body:
        return results_of(body)
    return [body]
