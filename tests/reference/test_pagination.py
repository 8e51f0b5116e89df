"""PAG: cursor pagination on every list, as the documentation describes it."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest

from conformance.reference import running_server
from tests.reference.conftest import SESSION_CONFIG, Api, ServerFactory, make_client
from tests.reference.endpoints import LISTS, PROJECT, endpoint_id

ISSUES = f"{PROJECT}/issues/"
SEEDED_ISSUES = 120
EACH_LIST = pytest.mark.parametrize("path", LISTS, ids=lambda p: endpoint_id(("GET", p)))
ENVELOPE_TYPES: dict[str, type | tuple[type, ...]] = {
    "next_cursor": str,
    "prev_cursor": str,
    "next_page_results": bool,
    "prev_page_results": bool,
    "count": int,
    "total_pages": int,
    "extra_stats": (dict, type(None)),
    "results": list,
}


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    """A server of its own: the tests count items, so nothing else may write to it."""
    with running_server(SESSION_CONFIG) as server, make_client(server) as client:
        yield Api(server=server, client=client)


def _page(api: Api, path: str, **params: Any) -> dict[str, Any]:
    response = api.client.get(path, params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def _walk(api: Api, path: str, per_page: int) -> list[dict[str, Any]]:
    pages = [_page(api, path, per_page=per_page)]
    while pages[-1]["next_page_results"]:
        pages.append(_page(api, path, per_page=per_page, cursor=pages[-1]["next_cursor"]))
    return pages


@EACH_LIST
def test_every_list_has_the_envelope(api: Api, path: str) -> None:
    """PAG-01: every list returns the eight documented keys with their types."""
    page = _page(api, path)
    for key, kind in ENVELOPE_TYPES.items():
        assert isinstance(page[key], kind), key
    assert page["count"] == len(page["results"])
    assert page["total_pages"] >= 0
    assert {"grouped_by", "sub_grouped_by", "total_count", "total_results"} <= set(page)


def test_default_page_holds_100(api: Api) -> None:
    """PAG-02: without per_page a page holds at most 100 items (the seed has 120)."""
    page = _page(api, ISSUES)
    assert page["count"] == 100
    assert page["next_cursor"] == "100:1:0"
    assert page["total_count"] == SEEDED_ISSUES


@pytest.mark.parametrize("per_page", [1, 7, 50, 100])
def test_per_page_sizes_every_page(api: Api, per_page: int) -> None:
    """PAG-03, PAG-08, PAG-09, PAG-13: pages of n, last at most n, every item exactly once."""
    pages = _walk(api, ISSUES, per_page)
    total = pages[0]["total_count"]
    assert len(pages) == math.ceil(total / per_page)
    for number, page in enumerate(pages):
        assert page["count"] == len(page["results"])
        last = number == len(pages) - 1
        assert page["count"] == per_page if not last else 1 <= page["count"] <= per_page
        assert page["next_page_results"] is not last
        assert page["prev_page_results"] is (number > 0)
        assert page["total_pages"] == len(pages)
    ids = [item["id"] for page in pages for item in page["results"]]
    assert len(ids) == len(set(ids)) == total


@pytest.mark.parametrize("per_page", ["101", "1000", "9" * 40])
def test_per_page_above_max_states_max(api: Api, per_page: str) -> None:
    """PAG-04: per_page above 100 is 400 stating the maximum."""
    response = api.client.get(ISSUES, params={"per_page": per_page})
    assert response.status_code == 400
    assert "100" in response.json()["error"]


@pytest.mark.parametrize("per_page", ["0", "-1", "abc", "1.5", "", " 5", "1e2", "٣"])
def test_per_page_not_positive_integer_is_400(api: Api, per_page: str) -> None:
    """PAG-05: per_page that is not a positive integer is 400."""
    assert api.client.get(ISSUES, params={"per_page": per_page}).status_code == 400


def test_cursors_encode_size_and_page_number(api: Api) -> None:
    """PAG-06, PAG-07: page k of size n links to n:k+1:0 and n:k-1:1; first prev is ""."""
    first = _page(api, ISSUES, per_page=20)
    assert (first["next_cursor"], first["prev_cursor"]) == ("20:1:0", "")
    second = _page(api, ISSUES, per_page=20, cursor=first["next_cursor"])
    assert (second["next_cursor"], second["prev_cursor"]) == ("20:2:0", "20:0:1")
    third = _page(api, ISSUES, per_page=20, cursor="20:2:0")
    assert third["prev_cursor"] == "20:1:1"


def test_prev_cursor_returns_previous_page(api: Api) -> None:
    """PAG-10: following prev_cursor from page k returns exactly page k-1."""
    pages = _walk(api, ISSUES, 25)
    for number in range(1, len(pages)):
        back = _page(api, ISSUES, per_page=25, cursor=pages[number]["prev_cursor"])
        assert back["results"] == pages[number - 1]["results"]


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "",
        "1:2",
        "1:2:3:4",
        "a:0:0",
        "10:x:0",
        "10:0:y",
        "-1:0:0",
        "10:-1:0",
        "10:0:-1",
        "10:0:2",
        "0:0:0",
        "1.5:0:0",
        "10::0",
        "101:0:0",
    ],
)
def test_malformed_cursor_is_400(api: Api, cursor: str) -> None:
    """PAG-11: a malformed cursor is 400 saying the cursor format is invalid."""
    response = api.client.get(ISSUES, params={"cursor": cursor})
    assert response.status_code == 400
    assert "Invalid cursor format" in response.json()["error"]


def test_cursor_without_per_page_uses_its_size(api: Api) -> None:
    """PAG-12: a cursor sent without per_page pages with the size its value encodes."""
    page = _page(api, ISSUES, cursor="7:2:0")
    assert page["count"] == 7
    assert page["next_cursor"] == "7:3:0"
    expected = _page(api, ISSUES, per_page=7, cursor="7:2:0")
    assert page["results"] == expected["results"]


@pytest.mark.parametrize(("per_page", "pages"), [(1, 120), (7, 18), (100, 2), (120 // 2, 2)])
def test_total_pages_is_ceiling(api: Api, per_page: int, pages: int) -> None:
    """PAG-13: total_pages is ceil(items / page size)."""
    assert _page(api, ISSUES, per_page=per_page)["total_pages"] == pages


def test_empty_collection_has_no_pages(start_server: ServerFactory) -> None:
    """PAG-13, PAG-08: an empty collection has 0 pages, 0 items and no next page."""
    with start_server(issues=0) as api:
        empty = _page(api, ISSUES, per_page=10)
        assert (empty["total_pages"], empty["count"], empty["next_page_results"]) == (0, 0, False)


@pytest.mark.parametrize("cursor", ["20:6:0", "20:99:0", "20:99:1", "1:999999999999:0"])
def test_cursor_past_last_page_is_empty(api: Api, cursor: str) -> None:
    """PAG-14: a well-formed cursor past the last page is 200, empty, no next page."""
    page = _page(api, ISSUES, cursor=cursor)
    assert page["results"] == []
    assert page["next_page_results"] is False


def test_small_default_and_max_are_configurable(start_server: ServerFactory) -> None:
    """PAG-02, PAG-04: the default and maximum come from the server's configuration."""
    with start_server(per_page_default=10, per_page_max=30) as api:
        assert _page(api, ISSUES)["count"] == 10
        response = api.client.get(ISSUES, params={"per_page": 31})
        assert response.status_code == 400
        assert "30" in response.json()["error"]
