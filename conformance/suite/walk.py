"""Walking a collection page by page, checking every page against the pagination contract."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.checks import Checker
from conformance.checks.pagination import envelope_problems, first_prev_cursor_problems, item_ids
from conformance.judgements.pagination import fresh_cursor, prev_page, walk_coverage, walked_page
from conformance.plugin.target import Reply, Target


@dataclass(slots=True)
class Walk:
    """The pages a walk saw, in order."""

    pages: list[list[str]] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [i for page in self.pages for i in page]


def walk(target: Target, path: str, size: int, truth: list[str], check: Checker) -> Walk:
    """Follow next_cursor from the first page until next_page_results is false (bounded: a
    server that never says false, or that cycles, is caught rather than followed forever)."""
    total = len(truth)
    bound = total // size + 2
    result = Walk()
    params: dict[str, str | int] = {"per_page": size}
    seen_cursors: set[str] = set()
    for page in range(bound):
        reply = target.read_once(path, params)
        result.replies.append(reply)
        if not check.that(
            "PAG-09",
            reply.status == 200,
            f"page {page} (per_page={size}) got {reply.status}",
            exchange=reply.exchange,
        ):
            return result
        body = reply.body
        if not check.expect("PAG-01", envelope_problems(body), exchange=reply.exchange):
            return result
        result.pages.append(item_ids(body))
        if page == 0:
            check.expect("PAG-07", first_prev_cursor_problems(body), exchange=reply.exchange)
        walked_page(check, body, size, page, total, reply.exchange)
        if body["next_page_results"] is not True:
            return result
        cursor = body["next_cursor"]
        if not fresh_cursor(check, cursor, seen_cursors, reply.exchange):
            return result
        seen_cursors.add(cursor)
        params = {"per_page": size, "cursor": cursor}
    check.that(
        "PAG-08",
        False,
        f"next_page_results was still true after {bound} pages of "
        f"{size} for {total} items; the walk was stopped",
        exchange=result.replies[-1].exchange,
    )
    return result


def judge_coverage(result: Walk, truth: list[str], check: Checker) -> None:
    """PAG-09: the walk visited every item exactly once."""
    last = result.replies[-1].exchange if result.replies else None
    walk_coverage(check, result.ids, truth, last)


def judge_prev(target: Target, path: str, size: int, result: Walk, check: Checker) -> None:
    """PAG-10: following prev_cursor from the last page k >= 1 returns page k-1's items."""
    if len(result.pages) < 2:
        check.skip("PAG-10", f"a walk of {len(result.pages)} page has no previous page")
        return
    last = result.replies[len(result.pages) - 1]
    cursor = last.body.get("prev_cursor") if isinstance(last.body, dict) else None
    if not check.that(
        "PAG-10",
        isinstance(cursor, str) and bool(cursor),
        f"page {len(result.pages) - 1} has no prev_cursor to follow",
        exchange=last.exchange,
    ):
        return
    assert isinstance(cursor, str)
    reply = target.get(path, params={"per_page": size, "cursor": cursor})
    got = item_ids(reply.body) if reply.status == 200 else None
    prev_page(check, cursor, len(result.pages) - 1, result.pages[-2], got, reply.exchange)
