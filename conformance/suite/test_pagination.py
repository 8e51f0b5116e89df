"""PAG: cursor pagination."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conformance.checks import Checker
from conformance.checks.pagination import Cursor, envelope_problems, item_ids, results_of
from conformance.judgements.pagination import (
    bad_size_refused,
    cursor_alone,
    default_page_size,
    malformed_cursor_refused,
    past_the_end,
    per_page_above_maximum_refused,
)
from conformance.plugin.coverage import Coverage
from conformance.plugin.properties import budgeted
from conformance.plugin.subject import Subject
from conformance.plugin.target import Target
from conformance.suite import strategies
from conformance.suite.endpoints import judged_by_operations
from conformance.suite.walk import judge_coverage, judge_prev, walk
from conformance.surface import collection

# The collections walked, each with the page size of its explicit example: page sizes that
# leave a full and a partial last page on the scratch project (3 issues, 5 default states).
WALKED = (("issues", 1), ("states", 2))


def _path(plane: Target, subject: Subject, name: str) -> str:
    return plane.path(collection(name).path, project=subject.project)


def _truth(plane: Target, subject: Subject, name: str) -> list[str]:
    """The collection's ids: the issues the run created, else one page of the maximum size."""
    if name == "issues" and subject.created:
        return list(subject.issues)
    if name in subject.listings:
        return subject.listings[name]
    reply = plane.get(_path(plane, subject, name), params={"per_page": plane.settings.per_page_max})
    body = reply.body
    if reply.status != 200 or envelope_problems(body):
        pytest.skip(f"cannot list the {name} to compare a walk with (got {reply.status})")
    if body["next_page_results"] is not False:
        pytest.skip(f"the {name} hold more than one page of {plane.settings.per_page_max}")
    subject.listings[name] = item_ids(body)
    return subject.listings[name]


@pytest.mark.req("PAG-02")
@pytest.mark.budget(1, 1)
def test_default_page_size_is_at_most_the_default(plane: Target, check: Checker) -> None:
    """Without per_page, a page holds at most 100 items (needs a collection of more than 100)."""
    default = plane.settings.per_page_default
    if not plane.settings.project:
        pytest.skip(f"needs a collection of more than {default} items: pass --project with one")
    path = plane.path(collection("issues").path, project=plane.settings.project)
    reply = plane.get(path)
    if not check.that(
        "PAG-02", reply.status == 200, f"GET {path} got {reply.status}", exchange=reply.exchange
    ):
        return
    results = results_of(reply.body)
    more = isinstance(reply.body, dict) and reply.body.get("next_page_results") is True
    if len(results) <= default and not more:
        pytest.skip(f"the project's issues hold {len(results)} items, not more than {default}")
    default_page_size(check, len(results), default, reply.exchange)


WALK_IDS = ("PAG-03", "PAG-06", "PAG-07", "PAG-08", "PAG-09", "PAG-10", "PAG-13")


@pytest.mark.req(*WALK_IDS)
@pytest.mark.parametrize(("name", "size"), WALKED, ids=[name for name, _ in WALKED])
@pytest.mark.budget(5, 4)
def test_next_cursor_walk_visits_every_item_once(
    plane: Target, subject: Subject, check: Checker, name: str, size: int
) -> None:
    """Following next_cursor (same per_page) from the first page until next_page_results is
    false visits every item exactly once; every page has the documented size, cursors, flags
    and total_pages, and prev_cursor returns the previous page."""
    truth = _truth(plane, subject, name)
    if len(truth) < 2:
        pytest.skip(f"the {name} hold {len(truth)} items: too few to page through")
    path = _path(plane, subject, name)

    @budgeted(plane, full=0, smoke=0)
    @given(st.integers(min_value=1, max_value=len(truth)))
    @example(min(size, len(truth) - 1))
    def walk_holds(size: int) -> None:
        example = check.child()
        result = walk(plane, path, size, truth, example)
        if example.failed("PAG-01"):
            for rid in WALK_IDS:
                example.skip(rid, "the pages lack the documented envelope (see PAG-01)")
        else:
            judge_coverage(result, truth, example)
            judge_prev(plane, path, size, result, example)
        example.raise_if_failed()

    walk_holds()


@pytest.mark.req("PAG-04")
@pytest.mark.budget(0, 1)
def test_per_page_above_the_maximum_gets_400(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker
) -> None:
    """per_page above 100 gets 400 with an error that states the maximum allowed value."""
    judged_by_operations(plane, coverage, collection("issues").path)
    maximum = plane.settings.per_page_max

    @budgeted(plane, full=0, smoke=0)
    @given(strategies.above_maximum(maximum))
    @example(maximum + 1)
    def refused(size: int) -> None:
        example = check.child()
        reply = plane.get(_path(plane, subject, "issues"), params={"per_page": size})
        per_page_above_maximum_refused(example, reply, size, maximum)
        example.raise_if_failed()

    refused()


@pytest.mark.req("PAG-05")
@pytest.mark.budget(4, 2)
def test_per_page_not_a_positive_integer_gets_400(
    plane: Target, subject: Subject, check: Checker
) -> None:
    """per_page that is not a positive integer (0, -1, abc, 1.5) gets 400."""
    values = ["0", "-1", "abc", "1.5"] if plane.settings.full else ["0", "abc"]

    def refused(value: str) -> None:
        example = check.child()
        reply = plane.read_once(_path(plane, subject, "issues"), {"per_page": value})
        bad_size_refused(example, reply, f"per_page={value}")
        example.raise_if_failed()

    prop = given(strategies.junk_per_page(plane.settings.per_page_max))(refused)
    for value in reversed(values):
        prop = example(value)(prop)
    prop = budgeted(plane, full=0, smoke=0)(prop)
    prop()


@pytest.mark.req("PAG-11")
@pytest.mark.budget(3, 2)
def test_malformed_cursor_gets_400(plane: Target, subject: Subject, check: Checker) -> None:
    """A malformed cursor (not three parts, a non-integer or negative part, is_prev other than
    0 or 1) gets 400 with an error that says the cursor format is invalid."""

    @budgeted(plane, full=1, smoke=0)
    @given(strategies.malformed_cursors())
    @example("abc")
    @example("2:0:2")
    def refused(cursor: str) -> None:
        example = check.child()
        reply = plane.get(_path(plane, subject, "issues"), params={"cursor": cursor})
        malformed_cursor_refused(example, reply, cursor)
        example.raise_if_failed()

    refused()


@pytest.mark.req("PAG-12")
@pytest.mark.budget(1, 1)
def test_cursor_alone_pages_with_its_size(plane: Target, subject: Subject, check: Checker) -> None:
    """A cursor sent without per_page pages with the size its value encodes."""
    truth = _truth(plane, subject, "states")
    if len(truth) < 3:
        pytest.skip("needs a collection of at least 3 items")
    cursor = Cursor(2, 1, 0)
    reply = plane.get(_path(plane, subject, "states"), params={"cursor": str(cursor)})
    expected = min(2, len(truth) - 2)
    cursor_alone(check, cursor, reply.status, len(results_of(reply.body)), expected, reply.exchange)


@pytest.mark.req("PAG-14")
@pytest.mark.budget(1, 1)
def test_cursor_past_the_last_page_is_empty(
    plane: Target, subject: Subject, check: Checker
) -> None:
    """A well-formed cursor past the last page gets 200 with empty results and
    next_page_results false."""
    cursor = "2:500:0"
    reply = plane.get(_path(plane, subject, "issues"), params={"per_page": 2, "cursor": cursor})
    past_the_end(check, reply, cursor)
