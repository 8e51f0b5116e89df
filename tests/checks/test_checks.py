"""Each check holds on a conforming value and fails on a violating one."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from conformance.checks import Checker, Violations
from conformance.checks.bodies import error_problems, json_body_problems, mentions
from conformance.checks.pagination import (
    coverage_problems,
    cursor_problems,
    envelope_problems,
    first_prev_cursor_problems,
    flag_problems,
    page_size_problems,
    parse_cursor,
    total_pages_problems,
)
from conformance.checks.selection import exact_fields_problems, expanded_problems

ENVELOPE: dict[str, Any] = {
    "next_cursor": "2:1:0",
    "prev_cursor": "",
    "next_page_results": True,
    "prev_page_results": False,
    "count": 2,
    "total_pages": 3,
    "extra_stats": None,
    "results": [{"id": "a"}, {"id": "b"}],
}


def test_envelope() -> None:
    assert envelope_problems(ENVELOPE) == []
    assert envelope_problems({**ENVELOPE, "count": "2"}) == [
        "envelope key 'count' is '2', not int >= 0"
    ]
    assert envelope_problems({k: v for k, v in ENVELOPE.items() if k != "total_pages"}) == [
        "envelope key 'total_pages' is missing"
    ]
    assert envelope_problems([]) != []


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("20:1:0", True),
        ("20:0:1", True),
        ("20:1", False),
        ("20:1:0:0", False),
        ("a:1:0", False),
        ("-1:0:0", False),
        ("2:-1:1", False),
        ("2:0:2", False),
        ("", False),
        ("٢:0:0", False),
    ],
)
def test_parse_cursor(text: str, ok: bool) -> None:
    assert (parse_cursor(text) is not None) is ok


def test_pages_sizes_cursors_flags_and_totals() -> None:
    assert page_size_problems(ENVELOPE, 2, 0, 5) == []
    assert page_size_problems({**ENVELOPE, "count": 5}, 2, 0, 5) != []
    assert page_size_problems(ENVELOPE, 2, 2, 5) != []  # the last page holds one
    assert cursor_problems(ENVELOPE, 2, 0) == []
    assert cursor_problems({**ENVELOPE, "next_cursor": "2:2:0"}, 2, 0) != []
    assert cursor_problems({**ENVELOPE, "next_cursor": "2:2:0", "prev_cursor": "2:1:1"}, 2, 1) != []
    assert first_prev_cursor_problems(ENVELOPE) == []
    assert first_prev_cursor_problems({**ENVELOPE, "prev_cursor": "2:-1:1"}) != []
    assert flag_problems(ENVELOPE, 0, True) == []
    assert flag_problems(ENVELOPE, 0, False) != []
    assert flag_problems(ENVELOPE, 1, True) != []  # prev_page_results must be true past page 0
    assert total_pages_problems(ENVELOPE, 2, 5) == []
    assert total_pages_problems(ENVELOPE, 2, 7) != []


def test_a_walk_covers_each_item_once() -> None:
    assert coverage_problems(["a", "b", "c"], ["c", "b", "a"]) == []
    assert coverage_problems(["b", "a", "b", "c", "a", "b"], ["a", "b", "c"]) == [
        "the walk saw ['a', 'b'] more than once"
    ]
    assert coverage_problems(["a", "x"], ["a", "b"]) == [
        "the walk never saw ['b']",
        "the walk saw items that are not in the collection: ['x']",
    ]


def test_fields_and_expand() -> None:
    assert exact_fields_problems({"id": 1, "name": "x"}, ["id", "name"], "item") == []
    assert exact_fields_problems({"id": 1}, ["id", "name"], "item") != []
    assert exact_fields_problems({"id": 1, "name": "x", "x": 2}, ["id", "name"], "item") != []
    assert (
        expanded_problems(
            {"state": {"id": "s"}, "labels": [{"id": "l"}]}, ["state", "labels"], "item"
        )
        == []
    )
    assert expanded_problems({"state": "s-id"}, ["state"], "item") != []
    assert expanded_problems({"labels": ["l-id"]}, ["labels"], "item") != []


def test_bodies() -> None:
    ok = httpx.Response(400, json={"error": "per_page must be at most 100"})
    assert error_problems(ok, 400, "x") == []
    assert mentions(ok, "100")
    assert not mentions(ok, "10")
    assert error_problems(httpx.Response(400, text="bad"), 400, "x") != []
    assert error_problems(httpx.Response(200, json={}), 400, "x") != []
    assert json_body_problems(httpx.Response(204)) == []
    html = httpx.Response(404, headers={"content-type": "text/html"}, content=b"<h1>no</h1>")
    assert len(json_body_problems(html)) == 2


def test_checker_collects_every_finding() -> None:
    check = Checker()
    assert check.that("PAG-01", True, "fine")
    check.that("PAG-03", False, "one")
    check.expect("PAG-06", ["two", "three"])
    with pytest.raises(Violations) as raised:
        check.raise_if_failed()
    assert [f.requirement for f in raised.value.findings] == ["PAG-03", "PAG-06", "PAG-06"]
    assert raised.value.evaluated == {"PAG-01", "PAG-03", "PAG-06"}


def test_refusals_must_name_and_say_what_they_should() -> None:
    from conformance.checks.bodies import refusal_problems

    maximum = httpx.Response(400, json={"error": "per_page must be at most 100"})
    assert refusal_problems(maximum, "per_page=101", naming=["100"]) == []
    assert refusal_problems(maximum, "per_page=101", naming=["10"]) != []  # a token, not a prefix
    assert refusal_problems(httpx.Response(200, json={}), "x", naming=["100"]) != []
    says = ("that it is invalid", lambda text: "invalid" in text)
    assert (
        refusal_problems(httpx.Response(400, json={"error": "Invalid cursor"}), "c", saying=says)
        == []
    )
    assert refusal_problems(httpx.Response(400, json={"error": "bad"}), "c", saying=says) != []
