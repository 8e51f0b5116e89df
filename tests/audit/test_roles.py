"""What a recorded call tests, decided before it is judged: the classifications of the HTTP
judge (``call_roles``) and of the PAG judge (``page_roles``), one case per role."""

from __future__ import annotations

import json

import pytest

from conformance.audit.call_roles import MALFORMED, Role, roles_of
from conformance.audit.page_roles import Page, Seen, role_of, slim
from conformance.audit.page_roles import Role as PageRole
from conformance.audit.traffic import Call
from conformance.checks.probes import API_PREFIX, UNDEFINED_SEGMENT, UNKNOWN_ID, api_path
from conformance.http import Exchange

BASE = "https://plane.example.com" + API_PREFIX + "workspaces/acme/projects/"
ITEM = BASE + "p1/labels/l1/"
MODULE_ISSUES = BASE + "p1/modules/m1/module-issues/"
UNDEFINED = BASE + UNDEFINED_SEGMENT[1:]


def call(method: str, url: str, status: int, sent: str = "", body: str = "{}") -> Call:
    headers = (("Content-Type", "application/json"),) if sent else ()
    exchange = Exchange(
        seq=1, started_at=0.0, method=method, url=url, request_headers=headers,
        request_body=sent, request_truncated=False, status=status,
        response_headers=(("Content-Type", "application/json"),), response_body=body,
        truncated=False, elapsed_ms=1.0, error=None,
    )  # fmt: skip
    path = api_path(url)
    assert path is not None
    return Call(exchange, path)


NAME = json.dumps({"name": "x"})
CALLS: dict[str, tuple[Call, tuple[Role, ...]]] = {
    "GET of an undefined path": (call("GET", UNDEFINED, 404), ("undefined path",)),
    "POST to an undefined path": (call("POST", UNDEFINED, 404, NAME), ()),
    "GET of an unknown id": (call("GET", BASE + UNKNOWN_ID + "/", 404), ("unknown id",)),
    "PATCH of an unknown id": (call("PATCH", BASE + UNKNOWN_ID + "/", 404, NAME), ("unknown id",)),
    "DELETE of an unknown id": (call("DELETE", BASE + UNKNOWN_ID + "/", 404), ("unknown id",)),
    "POST below an unknown id": (call("POST", BASE + UNKNOWN_ID + "/comments/", 404, NAME), ()),
    "PUT": (call("PUT", ITEM, 405, NAME), ("unsupported method",)),
    "DELETE of a list": (call("DELETE", BASE, 405), ("unsupported method",)),
    "malformed JSON": (call("POST", BASE, 400, "{nope"), ("malformed JSON",)),
    "a refused create": (call("POST", BASE, 403, NAME), ()),
    "a create refused with 415": (call("POST", BASE, 415, NAME), ("JSON write",)),
    "a create": (call("POST", BASE, 201, NAME), ("JSON write", "create")),
    "a change": (call("PATCH", ITEM, 200, NAME), ("JSON write", "change")),
    "a change without an object": (call("PATCH", ITEM, 200, "[1]"), ("JSON write",)),
    "a list read": (call("GET", BASE, 200), ("read",)),
    "an item read": (call("GET", ITEM, 200), ("read", "item shown")),
    "an item read with fields": (call("GET", ITEM + "?fields=id", 200), ("read",)),
    "an item read with a bad page size": (call("GET", ITEM + "?per_page=0", 200), ("item shown",)),
    "a delete": (call("DELETE", ITEM, 204), ("delete",)),
    "a delete of an item of no collection of the surface": (
        call("DELETE", BASE + "p1/members/12345678-1234-4234-8234-123456789abc/", 204),
        ("delete",),
    ),
    "an undoing (no item named)": (call("DELETE", BASE + "p1/archive/", 204), ()),
    "rows added": (
        call("POST", MODULE_ISSUES, 201, NAME, json.dumps([{"id": "r1"}])),
        ("JSON write", "create"),
    ),
    "an answer of no rows": (call("POST", MODULE_ISSUES, 200, NAME, "{}"), ("JSON write",)),
    "a refused delete": (call("DELETE", ITEM, 404), ()),
}  # fmt: skip


@pytest.mark.parametrize(("recorded", "roles"), CALLS.values(), ids=CALLS.keys())
def test_what_a_call_tests(recorded: Call, roles: tuple[Role, ...]) -> None:
    assert roles_of(recorded).roles == roles


def test_a_call_carries_the_json_it_sent() -> None:
    assert roles_of(CALLS["a change"][0]).sent == {"name": "x"}
    assert roles_of(CALLS["malformed JSON"][0]).sent is MALFORMED
    assert roles_of(CALLS["a list read"][0]).sent is None


def listed(status: int = 200, query: str = "") -> Call:
    body = {"results": [{"id": "a"}, {"id": "b"}], "next_cursor": "2:1:0", "prev_cursor": "",
            "next_page_results": False}  # fmt: skip
    return call("GET", BASE + "p1/labels/" + query, status, body=json.dumps(body))


def seen_with_a_listing() -> Seen:
    """What a complete listing of the labels (two items) leaves behind."""
    seen = Seen()
    first = listed()
    seen.record(Page(first, slim(first.body), None, 0, None), None)
    return seen


PAGES: dict[str, tuple[Call, PageRole | None]] = {
    "a page": (listed(), "page"),
    "a POST to a list": (call("POST", BASE, 201, NAME), None),
    "a GET of an item": (call("GET", ITEM, 200), None),
    "per_page not a positive integer": (listed(400, "?per_page=0"), "bad per_page"),
    "per_page above the maximum": (listed(400, "?per_page=101"), "per_page above the maximum"),
    "a malformed cursor": (listed(400, "?cursor=abc"), "malformed cursor"),
    "a made-up cursor past the end": (listed(200, "?per_page=2&cursor=2:2:0"), "past the end"),
    "a made-up cursor within": (listed(200, "?per_page=1&cursor=1:1:0"), "page"),
}  # fmt: skip


@pytest.mark.parametrize(("recorded", "role"), PAGES.values(), ids=PAGES.keys())
def test_what_a_get_of_a_list_tests(recorded: Call, role: PageRole | None) -> None:
    request = role_of(recorded, 100, seen_with_a_listing())
    assert (request.role if request is not None else None) == role


def test_a_cursor_a_page_handed_out_is_a_page_even_past_the_end() -> None:
    """The listing handed out next_cursor 2:1:0, past its two items: following it is a walk's
    step, judged as a page, not a made-up cursor (PAG-14)."""
    request = role_of(listed(200, "?per_page=2&cursor=2:1:0"), 100, seen_with_a_listing())
    assert request is not None
    assert request.role == "page"
    assert (request.size, str(request.cursor)) == (2, "2:1:0")


def test_a_filtered_page_is_no_listing_and_its_cursor_no_made_up_one() -> None:
    """A search that found nothing is no listing of the collection: the plain first page by
    cursor after it is a page, not a cursor past the end (PAG-14); and a filtered cursor past
    the listing's items is a page too (the filter, not the cursor, decides what it holds)."""
    seen = Seen()
    empty = call("GET", BASE + "p1/labels/?search=%00", 200, body=json.dumps(
        {"results": [], "next_cursor": "", "prev_cursor": "", "next_page_results": False}
    ))  # fmt: skip
    seen.record(Page(empty, slim(empty.body), None, 0, None), None)
    assert seen.listings == {}
    first = role_of(listed(200, "?per_page=1&cursor=1:0:0"), 100, seen)
    assert first is not None
    assert first.role == "page"
    narrowed = role_of(
        listed(200, "?per_page=2&cursor=2:2:0&order_by=zz"), 100, seen_with_a_listing()
    )
    assert narrowed is not None
    assert narrowed.role == "page"
