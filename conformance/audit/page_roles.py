"""What a recorded GET of a list tests, decided before it is judged (``judge_pages``).

``role_of`` reads a call's query and what the traffic has shown so far (``Seen``: the items of
each list's latest complete listing, the cursors its pages handed out) and gives it one
``Role``: a refused parameter (PAG-04, -05, -11), a made-up cursor past the end (PAG-14), or a
page. The pages are kept (``Page``, ``slim``) for the walks through them. A page narrowed by
any other parameter (a filter, an ordering: ``filtered``) is judged as a page and nothing more:
it is no listing of the collection, no step of a walk, and its cursor is no made-up one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from conformance.audit.traffic import Call, list_of
from conformance.checks.pagination import Cursor, item_ids, parse_cursor, positive_int

# The parameters that page or select but leave the collection whole
PAGING = frozenset({"per_page", "cursor", "fields", "expand"})

# What one recorded GET of a list (with a valid key) tests:
Role = Literal[
    "bad per_page",  # per_page is not a positive integer: PAG-05
    "per_page above the maximum",  # PAG-04
    "malformed cursor",  # PAG-11
    "past the end",  # a cursor no page handed out, past the last page of known items: PAG-14
    "page",  # a page: PAG-01, -02, -07, -12, and the walks through the pages
]


@dataclass(frozen=True, slots=True)
class ListRequest:
    """A recorded GET of a list, read: the page size and the cursor it asked for (None: none,
    or not of the documented form) and what it tests."""

    call: Call
    size: int | None
    cursor: Cursor | None
    role: Role


@dataclass(frozen=True, slots=True)
class Page:
    """A whole 200 page with the envelope, as the walks keep it (``slim``)."""

    call: Call
    body: dict[str, Any]
    size: int | None  # per_page, when given
    number: int  # from the cursor's offset; 0 without a cursor
    truth: list[str] | None  # the collection's items, from the latest complete listing

    @property
    def ids(self) -> list[str]:
        return item_ids(self.body)


def slim(body: dict[str, Any]) -> dict[str, Any]:
    """The envelope with each item reduced to its id: all a page's checks read, and small
    enough to keep every page of a large traffic for the walks."""
    items = [
        {"id": item["id"]} if isinstance(item, dict) and "id" in item else None
        for item in body["results"]
    ]
    return {**body, "results": items}


@dataclass(slots=True)
class Seen:
    """What the traffic has shown so far, per list path: the items of its latest complete
    listing (one page, ``next_page_results`` false), the cursors its pages handed out; and
    every page, for the walks."""

    listings: dict[str, list[str]] = field(default_factory=dict)
    followed: dict[str, set[str]] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)

    def record(self, page: Page, cursor: Cursor | None) -> None:
        if filtered(page.call):
            return
        path, body = page.call.path, page.body
        self.pages.append(page)
        self.followed.setdefault(path, set()).update(
            str(body.get(k)) for k in ("next_cursor", "prev_cursor")
        )
        fields = page.call.param("fields")
        whole = cursor is None and body["next_page_results"] is False
        if whole and (fields is None or "id" in fields.split(",")):
            self.listings[path] = page.ids


def filtered(call: Call) -> bool:
    """Whether ``call`` narrows or orders its list with a parameter beyond ``PAGING``."""
    return not set(call.query) <= PAGING


def role_of(call: Call, maximum: int, seen: Seen) -> ListRequest | None:
    """What ``call`` tests, if it is a GET of a list: its query first (a refused parameter tests
    that refusal and nothing else), then a cursor made up past the end of a collection whose
    items ``seen`` holds; any other answer is a page."""
    if call.method != "GET" or list_of(call.path) is None:
        return None
    raw_size, raw_cursor = call.param("per_page"), call.param("cursor")
    size = positive_int(raw_size) if raw_size is not None else None
    cursor = parse_cursor(raw_cursor) if raw_cursor is not None else None
    role: Role = "page"
    if raw_size is not None and size is None:
        role = "bad per_page"
    elif size is not None and size > maximum:
        role = "per_page above the maximum"
    elif raw_cursor is not None and cursor is None:
        role = "malformed cursor"
    elif (
        not filtered(call)
        and raw_cursor not in seen.followed.get(call.path, set())
        and _past_the_end(size, cursor, seen.listings.get(call.path))
    ):
        role = "past the end"
    return ListRequest(call, size, cursor, role)


def _past_the_end(size: int | None, cursor: Cursor | None, truth: list[str] | None) -> bool:
    """A cursor of the page size that points past the last page of a collection whose items
    the traffic holds."""
    if size is None or cursor is None or truth is None or cursor.value != size:
        return False
    return bool(cursor.offset * size >= len(truth))
