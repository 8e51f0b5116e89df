"""HTTP-07: whatever the client sends, the answer is a 2xx or 4xx in the one JSON error shape.

Hypothesis sends random per_page, cursor, fields and expand values, random JSON (and not JSON)
bodies and random paths to a private server, so the shared seed stays untouched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.reference import running_server
from tests.reference.conftest import SESSION_CONFIG, Api, make_client
from tests.reference.endpoints import ENDPOINTS, LISTS, PROJECT

PROFILE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WRITES = [pair for pair in ENDPOINTS if pair[0] in ("POST", "PATCH")]
FIELD_NAMES = st.sampled_from(
    [
        "id",
        "name",
        "state",
        "labels",
        "assignees",
        "parent",
        "project",
        "bogus",
        "",
        " ",
        "created_by",
        "sequence_id",
    ]
)

query_value = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(st.integers(min_value=-3, max_value=10**20), min_size=0, max_size=5).map(
        lambda parts: ":".join(map(str, parts))
    ),
)
names = st.lists(FIELD_NAMES, max_size=5).map(",".join)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=10,
)
issue_like = st.fixed_dictionaries(
    {},
    optional={
        "name": json_values | st.text(max_size=300),
        "priority": json_values,
        "state": json_values,
        "labels": json_values,
        "assignees": json_values,
        "parent": json_values,
        "start_date": json_values | st.dates().map(str),
        "target_date": json_values,
        "identifier": json_values,
        "color": json_values,
        "url": json_values,
        "issues": json_values,
        "comment_html": json_values,
    },
)


@pytest.fixture(scope="module")
def fuzzed() -> Iterator[Api]:
    with running_server(SESSION_CONFIG) as server, make_client(server) as client:
        yield Api(server=server, client=client)


def _assert_client_error_or_success(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/json"
        assert isinstance(response.json()["error"], str)


@PROFILE
@given(
    path=st.sampled_from(LISTS),
    per_page=query_value | st.none(),
    cursor=query_value | st.none(),
    fields=names | st.none(),
    expand=names | st.none(),
)
def test_list_parameters_never_5xx(
    fuzzed: Api,
    path: str,
    per_page: str | None,
    cursor: str | None,
    fields: str | None,
    expand: str | None,
) -> None:
    """HTTP-07: random per_page, cursor, fields and expand get a 2xx or a 4xx."""
    params = {
        key: value
        for key, value in {
            "per_page": per_page,
            "cursor": cursor,
            "fields": fields,
            "expand": expand,
        }.items()
        if value is not None
    }
    _assert_client_error_or_success(fuzzed.client.get(path, params=params))


@PROFILE
@given(endpoint=st.sampled_from(WRITES), body=issue_like | json_values)
def test_json_bodies_never_5xx(fuzzed: Api, endpoint: tuple[str, str], body: object) -> None:
    """HTTP-07: any JSON body on any POST or PATCH gets a 2xx or a 4xx."""
    method, path = endpoint
    _assert_client_error_or_success(fuzzed.client.request(method, path, json=body))


@PROFILE
@given(
    endpoint=st.sampled_from(WRITES),
    raw=st.binary(max_size=64),
    content_type=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "",
            "application/xml",
            "application/json; charset=latin-1",
            "*/*",
        ]
    ),
)
def test_raw_bodies_never_5xx(
    fuzzed: Api, endpoint: tuple[str, str], raw: bytes, content_type: str
) -> None:
    """HTTP-07: bytes that are not JSON, under any content type, get a 4xx (or a 2xx)."""
    method, path = endpoint
    response = fuzzed.client.request(
        method, path, content=raw, headers={"Content-Type": content_type}
    )
    _assert_client_error_or_success(response)


@PROFILE
@given(
    segments=st.lists(
        st.text(
            alphabet=st.characters(codec="ascii", exclude_characters="/?#"), min_size=1, max_size=12
        ),
        max_size=4,
    ),
    method=st.sampled_from(["GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"]),
)
def test_random_paths_never_5xx(fuzzed: Api, segments: list[str], method: str) -> None:
    """HTTP-07: any path under the project, with any method, gets a 2xx or a 4xx."""
    path = "/".join([PROJECT, *segments]) + "/"
    if method == "DELETE" and len(segments) <= 2:
        path += "unknown/"  # keep the seeded items the other examples use
    try:
        response = fuzzed.client.request(method, path, content=json.dumps({}))
    except httpx.InvalidURL:
        return  # the client refused to send it; nothing reached the server
    _assert_client_error_or_success(response)
