"""PAG, judged from recorded pages: the envelope, page sizes, cursors and flags, and the round
trips between pages the traffic followed. The items of a collection are known only where the
traffic holds a complete listing of it (one page, ``next_page_results`` false)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import Any

import ijson

from conformance.audit.page_roles import ListRequest, Page, Role, Seen, filtered, role_of, slim
from conformance.audit.scope import Scope
from conformance.audit.traffic import Call
from conformance.checks.pagination import (
    Cursor,
    coverage_problems,
    cursor_problems,
    envelope_problems,
    first_prev_cursor_problems,
    next_flag_problems,
    page_fill_problems,
    prev_flag_problems,
    results_of,
)
from conformance.judgements.pagination import (
    bad_size_refused,
    cursor_alone,
    default_page_size,
    fresh_cursor,
    malformed_cursor_refused,
    past_the_end,
    per_page_above_maximum_refused,
    prev_page,
    walk_coverage,
    walked_page,
)

NEEDS_ITEMS = "needs a complete listing of the collection in the traffic"


def judge_pages(scope: Scope) -> None:
    """Each GET of a list with a valid key: what it tests (``role_of``), judged by the role's
    judge (``_JUDGES``); then the walks the traffic made through the pages (``_judge_walks``).
    What needs the collection's items and found none stays untested."""
    seen = Seen()
    maximum = scope.traffic.parameters["per_page_max"]
    for call in scope.keyed():
        if call.method == "POST" and (call.status or 0) < 300:
            seen.listings.pop(call.path, None)  # a creation: the listing seen before is stale
        request = role_of(call, maximum, seen)
        if request is not None:
            _JUDGES[request.role](scope, request, seen)
    _judge_walks(scope, seen.pages)
    for requirement in ("PAG-09", "PAG-12", "PAG-13", "PAG-14"):
        scope.untested(requirement, NEEDS_ITEMS)


def _bad_size(scope: Scope, request: ListRequest, seen: Seen) -> None:
    bad_size_refused(scope.check, request.call, f"GET {request.call.exchange.url}")


def _size_above_maximum(scope: Scope, request: ListRequest, seen: Seen) -> None:
    """PAG-04; where ``fields`` or ``expand`` ride on the request, only where the answer
    decides it: the run asks ``per_page`` alone otherwise."""
    call, size = request.call, request.size
    assert size is not None
    shared = call.param("fields") is not None or call.param("expand") is not None
    maximum = scope.traffic.parameters["per_page_max"]
    per_page_above_maximum_refused(scope.check, call, size, maximum, shared=shared)


def _malformed_cursor(scope: Scope, request: ListRequest, seen: Seen) -> None:
    malformed_cursor_refused(scope.check, request.call, request.call.param("cursor") or "")


def _page(scope: Scope, request: ListRequest, seen: Seen) -> None:
    """A page: PAG-02 on a page cut at the evidence limit; on a whole 200, the envelope
    (PAG-01), then what one page shows (``_judge_page``); the page is then kept for the walks."""
    call, size, cursor = request.call, request.size, request.cursor
    default = scope.traffic.parameters["per_page_default"]
    if size is None and cursor is None and call.status == 200 and call.exchange.truncated:
        _judge_cut_default_page(scope, call, default)
    if call.status != 200 or not call.whole:
        return  # a page cut at the evidence limit shows neither its items nor its flags
    body = call.body
    if not scope.check.expect("PAG-01", envelope_problems(body), exchange=call.exchange):
        return
    truth = None if filtered(call) else seen.listings.get(call.path)
    page = Page(call, slim(body), size, cursor.offset if cursor else 0, truth)
    _judge_page(scope, page, cursor, truth, default)
    seen.record(page, cursor)


def items_before_the_cut(text: str) -> int:
    """How many items of ``results`` a body cut short holds whole (0 when it is no page).

    Read from ijson's basic events, in time linear in the body: ``ijson.items`` builds a prefix
    per event as long as the nesting is deep, so 64 KiB of ``[`` cost seconds (issue 24)."""
    count = depth = 0
    key = None  # the last key of the top-level object
    in_results = False
    try:
        for event, value in ijson.basic_parse(text.encode("utf-8")):
            if event == "map_key" and depth == 1:
                key = value
            elif event in ("start_map", "start_array"):
                in_results = in_results or (
                    depth == 1 and key == "results" and event == "start_array"
                )
                depth += 1
            elif event in ("end_map", "end_array"):
                depth -= 1
                count += in_results and depth == 2  # an item, object or array, ended whole
                in_results = in_results and depth > 1
            elif event != "map_key":  # a scalar
                count += in_results and depth == 2
    except (ijson.JSONError, ijson.IncompleteJSONError):
        pass
    return count


def _judge_cut_default_page(scope: Scope, call: Call, default: int) -> None:
    """PAG-02 on a page without per_page cut at the evidence limit: the items it holds before
    the cut are a lower bound, so only a violation shows."""
    held = items_before_the_cut(call.exchange.response_body)
    if held > default:
        scope.check.that(
            "PAG-02",
            False,
            f"a page without per_page holds at least {held} items (its first "
            f"{len(call.exchange.response_body.encode('utf-8'))} bytes, as recorded)",
            expected=f"<= {default}",
            observed=f">= {held}",
            exchange=call.exchange,
        )


def _cursor_past_the_end(scope: Scope, request: ListRequest, seen: Seen) -> None:
    """PAG-14: whatever the answer, when it is whole (a 404 is the deviation it catches)."""
    call = request.call
    if call.status == 200 and not call.whole:
        return
    past_the_end(scope.check, call, call.param("cursor") or "")


def _judge_page(
    scope: Scope, page: Page, cursor: Cursor | None, truth: list[str] | None, default: int
) -> None:
    check, body, exchange = scope.check, page.body, page.call.exchange
    results = results_of(body)
    # a page of at most the default with no further page shows nothing of the default
    shows_default = len(results) > default or body["next_page_results"] is True
    if page.size is None and cursor is None and shows_default:
        default_page_size(check, len(results), default, exchange)
    if cursor is None:
        check.expect("PAG-07", first_prev_cursor_problems(body), exchange=exchange)
    if page.size is None and cursor is not None and cursor.is_prev == 0:
        _judge_cursor_alone(scope, page, cursor, truth)


def _judge_cursor_alone(scope: Scope, page: Page, cursor: Cursor, truth: list[str] | None) -> None:
    """PAG-12: a cursor without per_page pages with the size its value encodes."""
    got = len(results_of(page.body))
    expected = (
        max(0, min(cursor.value, len(truth) - cursor.offset * cursor.value))
        if truth is not None
        else None
    )
    if expected is not None or got > cursor.value:  # without the items, only too many shows
        cursor_alone(scope.check, cursor, page.call.status, got, expected, page.call.exchange)


def _judge_walks(scope: Scope, pages: list[Page]) -> None:
    """Pages the traffic reached by following next_cursor (same path, same size) from a first
    page, numbered by their place in the walk, as the suite's walk numbers them."""
    by_cursor = {
        (p.call.path, p.size, p.call.param("cursor")): p for p in pages if p.size is not None
    }
    for first in pages:
        if first.size is None or first.call.param("cursor") is not None:
            continue
        walk = _follow(scope, first, by_cursor)
        for number, page in enumerate(walk):
            following = walk[number + 1] if number + 1 < len(walk) else None
            _judge_walked(scope, page, number, following, first.truth)
        if len(walk) < 2:
            continue
        seen = [i for p in walk for i in p.ids]
        if walk[-1].body["next_page_results"] is False:
            # without the collection's items, only a duplicate shows; with them, a gap too
            truth = first.truth if first.truth is not None else sorted(set(seen))
            if first.truth is not None or coverage_problems(seen, truth):
                walk_coverage(scope.check, seen, truth, walk[-1].call.exchange)
        _judge_prev(scope, walk, by_cursor)


def _follow(scope: Scope, first: Page, by_cursor: dict[Any, Page]) -> list[Page]:
    """The pages the traffic reached from ``first`` by next_cursor, in order (a cycle fails
    PAG-09 and ends the walk)."""
    walk, cursors = [first], {""}
    while walk[-1].body["next_page_results"] is True:
        cursor = walk[-1].body["next_cursor"]
        if cursor in cursors:  # a fresh one shows nothing without the collection's items
            fresh_cursor(scope.check, cursor, cursors, walk[-1].call.exchange)
            break
        cursors.add(cursor)
        following = by_cursor.get((first.call.path, first.size, cursor))
        if following is None or following.call.exchange.seq < walk[-1].call.exchange.seq:
            break
        walk.append(following)
    return walk


def _judge_walked(
    scope: Scope, page: Page, number: int, following: Page | None, truth: list[str] | None
) -> None:
    """PAG-03, -06, -08 and -13 on page ``number`` of a walk: against the collection's items
    where the traffic has them, else against the page that followed."""
    check, body, exchange, size = scope.check, page.body, page.call.exchange, page.size
    assert size is not None
    if truth is not None:
        walked_page(check, body, size, number, len(truth), exchange)
        return
    further = following is not None and bool(following.ids)
    check.expect("PAG-03", page_fill_problems(body, size, further=further), exchange=exchange)
    check.expect("PAG-08", prev_flag_problems(body, number), exchange=exchange)
    if following is not None:
        check.expect("PAG-08", next_flag_problems(body, number, further), exchange=exchange)
    check.expect("PAG-06", cursor_problems(body, size, number), exchange=exchange)


def _judge_prev(scope: Scope, walk: list[Page], by_cursor: dict[Any, Page]) -> None:
    """PAG-10: following prev_cursor from page k returns page k-1's items."""
    for earlier, page in pairwise(walk):
        cursor = page.body.get("prev_cursor")
        back = by_cursor.get((page.call.path, page.size, cursor))
        if back is None or back.call.exchange.seq < page.call.exchange.seq:
            continue
        prev_page(scope.check, str(cursor), page.number, earlier.ids, back.ids, back.call.exchange)


# How each thing a GET of a list tests is judged.
_JUDGES: Mapping[Role, Callable[[Scope, ListRequest, Seen], None]] = MappingProxyType(
    {
        "bad per_page": _bad_size,
        "per_page above the maximum": _size_above_maximum,
        "malformed cursor": _malformed_cursor,
        "past the end": _cursor_past_the_end,
        "page": _page,
    }
)
