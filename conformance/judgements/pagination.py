"""PAG: the judgements the suite's tests and walks and the audit's page judge share."""

from __future__ import annotations

from typing import Any

from conformance.checks import Checker
from conformance.checks.bodies import error_problems, refusal_problems, shared_refusal_problems
from conformance.checks.pagination import (
    INVALID_CURSOR,
    Cursor,
    coverage_problems,
    cursor_problems,
    flag_problems,
    page_size_problems,
    total_pages_problems,
)
from conformance.http import Exchange
from conformance.judgements.answer import Answer


def default_page_size(check: Checker, count: int, default: int, exchange: Exchange) -> bool:
    """PAG-02: a page asked for without per_page holds at most ``default`` items."""
    return check.that(
        "PAG-02",
        count <= default,
        f"a page without per_page holds {count} items",
        expected=f"<= {default}",
        observed=str(count),
        exchange=exchange,
    )


def walked_page(
    check: Checker, body: dict[str, Any], size: int, number: int, total: int, exchange: Exchange
) -> None:
    """PAG-03, -06, -08 and -13 on page ``number`` (of size ``size``) of a walk through a
    collection of ``total`` items."""
    has_more = (number + 1) * size < total
    check.expect("PAG-03", page_size_problems(body, size, number, total), exchange=exchange)
    check.expect("PAG-06", cursor_problems(body, size, number), exchange=exchange)
    check.expect("PAG-08", flag_problems(body, number, has_more), exchange=exchange)
    check.expect("PAG-13", total_pages_problems(body, size, total), exchange=exchange)


def fresh_cursor(check: Checker, cursor: str, earlier: set[str], exchange: Exchange) -> bool:
    """PAG-09: a walk's next_cursor is none it was handed before (else the walk cycles)."""
    return check.that(
        "PAG-09",
        cursor not in earlier,
        f"next_cursor {cursor!r} repeats an earlier cursor: the walk cycles",
        exchange=exchange,
    )


def walk_coverage(
    check: Checker, seen: list[str], truth: list[str], exchange: Exchange | None
) -> bool:
    """PAG-09: a walk that saw ``seen`` (every page's ids, in order) visited each item of
    ``truth`` exactly once."""
    return check.expect(
        "PAG-09",
        coverage_problems(seen, truth),
        expected=f"each of {sorted(truth)} once",
        exchange=exchange,
    )


def prev_page(
    check: Checker,
    cursor: str,
    number: int,
    earlier: list[str],
    got: list[str] | None,
    exchange: Exchange,
) -> bool:
    """PAG-10: following prev_cursor ``cursor`` from page ``number`` returned page
    ``number - 1``'s items, ``earlier`` (``got``: the ids it returned, None without a page)."""
    return check.that(
        "PAG-10",
        got == earlier,
        f"prev_cursor {cursor!r} from page {number} returned {got}, not page {number - 1}",
        expected=str(earlier),
        observed=str(got),
        exchange=exchange,
    )


def malformed_cursor_refused(check: Checker, answer: Answer, cursor: str) -> bool:
    """PAG-11: a malformed cursor gets 400 with an error that says the cursor format is
    invalid."""
    return check.expect(
        "PAG-11",
        refusal_problems(answer.response, f"cursor={cursor!r}", saying=INVALID_CURSOR),
        expected="400 saying the cursor format is invalid",
        exchange=answer.exchange,
    )


def bad_size_refused(check: Checker, answer: Answer, what: str) -> bool:
    """PAG-05: per_page that is not a positive integer (0, -1, abc, 1.5) gets 400."""
    return check.expect(
        "PAG-05", error_problems(answer.response, 400, what), exchange=answer.exchange
    )


def per_page_above_maximum_refused(
    check: Checker, answer: Answer, size: int, maximum: int, *, shared: bool = False
) -> bool | None:
    """PAG-04: per_page above the maximum gets 400 with an error stating the maximum. Where
    other invalid names ride on the request (``shared``: an unknown field, an unexpandable
    name), only an answer that decides it is judged (``shared_refusal_problems``): None when
    it does not, and ``per_page`` is then asked alone."""
    what = f"per_page={size}"
    if shared:
        problems = shared_refusal_problems(answer.response, what, str(maximum))
        if problems is None:
            return None
    else:
        problems = refusal_problems(answer.response, what, naming=[str(maximum)])
    return check.expect(
        "PAG-04",
        problems,
        expected=f"400 stating the maximum {maximum}",
        exchange=answer.exchange,
    )


def cursor_alone(
    check: Checker, cursor: Cursor, status: int | None, got: int, expected: int | None,
    exchange: Exchange,
) -> bool:  # fmt: skip
    """PAG-12: a cursor sent without per_page pages with the size its value encodes: ``got``
    items where the collection's items say ``expected`` (None: they are not known, and then
    at most the size)."""
    holds = status == 200 and (got == expected if expected is not None else got <= cursor.value)
    wanted = f"{expected} items" if expected is not None else f"at most {cursor.value} items"
    return check.that(
        "PAG-12",
        holds,
        f"cursor={cursor} without per_page answered {status} with {got} items",
        expected=f"200 with {wanted} (page {cursor.offset} of size {cursor.value})",
        observed=f"{status} with {got} items",
        exchange=exchange,
    )


def past_the_end(check: Checker, answer: Answer, cursor: str) -> bool:
    """PAG-14: a well-formed cursor past the last page gets 200 with empty results and
    next_page_results false (a 404 is the deviation it catches)."""
    body = answer.body
    holds = (
        answer.status == 200
        and isinstance(body, dict)
        and body.get("results") == []
        and body.get("next_page_results") is False
    )
    return check.that(
        "PAG-14",
        holds,
        f"cursor={cursor} past the last page answered {answer.status}: "
        f"{answer.exchange.response_body[:200]}",
        expected="200, results [], next_page_results false",
        exchange=answer.exchange,
    )
