"""AUTH: the API key, checked before anything else on every endpoint and method."""

from __future__ import annotations

import httpx
import pytest

from tests.reference.conftest import KEY, OTHER_KEY, Api
from tests.reference.endpoints import ENDPOINTS, PROJECT, WORKSPACE, endpoint_id

SWEEP = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=endpoint_id)


def _assert_401_json(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]
    assert "x-ratelimit-remaining" not in response.headers


@SWEEP
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": ""}], ids=["missing", "empty"])
def test_missing_or_empty_key_is_401(
    anonymous: Api, endpoint: tuple[str, str], headers: dict[str, str]
) -> None:
    """AUTH-01: without a key (or with an empty one) every endpoint and method gets 401 JSON."""
    method, path = endpoint
    _assert_401_json(anonymous.client.request(method, path, headers=headers, json={}))


@SWEEP
def test_invalid_key_is_401(anonymous: Api, endpoint: tuple[str, str]) -> None:
    """AUTH-02: an unknown key gets 401 JSON on every endpoint and method."""
    method, path = endpoint
    response = anonymous.client.request(method, path, headers={"X-API-Key": "plane_api_nope"})
    _assert_401_json(response)


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH"])
def test_valid_key_is_never_401_or_403(api: Api, method: str) -> None:
    """AUTH-03: a valid key is authenticated for its workspace, for reads and writes alike."""
    path = f"{WORKSPACE}/projects/" if method != "PATCH" else f"{PROJECT}/"
    response = api.client.request(method, path, json={})
    assert response.status_code not in (401, 403)


def test_each_key_is_its_own_member(api: Api) -> None:
    """AUTH-03: each key belongs to a distinct user, a member of the workspace's project."""
    mine = api.client.get("/users/me/").json()
    other = api.client.get("/users/me/", headers={"X-API-Key": OTHER_KEY}).json()
    assert other["id"] != mine["id"]
    members = {user["id"] for user in api.client.get(f"{PROJECT}/members/").json()}
    assert {mine["id"], other["id"]} <= members


@pytest.mark.parametrize("name", ["x-api-key", "X-API-KEY", "x-Api-kEy"])
def test_header_name_is_case_insensitive(anonymous: Api, name: str) -> None:
    """AUTH-04: the header name matches whatever its case."""
    assert anonymous.client.get("/users/me/", headers={name: KEY}).status_code == 200


@pytest.mark.parametrize(
    ("headers", "params"),
    [
        ({"Authorization": f"Bearer {KEY}"}, {}),
        ({}, {"api_key": KEY}),
        ({"Authorization": KEY}, {}),
    ],
    ids=["bearer", "query", "authorization-bare"],
)
def test_key_elsewhere_is_401(
    anonymous: Api, headers: dict[str, str], params: dict[str, str]
) -> None:
    """AUTH-05: the key counts only in X-API-Key."""
    _assert_401_json(anonymous.client.get(f"{PROJECT}/issues/", headers=headers, params=params))


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        ("GET", "/workspaces/no-such-workspace/projects/", {}),
        ("GET", f"{WORKSPACE}/projects/00000000-0000-4000-8000-000000000000/issues/", {}),
        ("GET", f"{PROJECT}/issues/", {"per_page": "0", "cursor": "x", "fields": "nope"}),
        ("GET", "/no/such/path/", {}),
        ("PUT", f"{PROJECT}/issues/", {}),
        ("POST", f"{PROJECT}/issues/", {}),
    ],
    ids=[
        "unknown-workspace",
        "unknown-project",
        "bad-parameters",
        "unknown-path",
        "wrong-method",
        "invalid-body",
    ],
)
def test_authentication_comes_first(
    anonymous: Api, method: str, path: str, params: dict[str, str]
) -> None:
    """AUTH-06: an unauthenticated request is 401 whatever else is wrong with it."""
    response = anonymous.client.request(method, path, params=params, content=b"{not json")
    _assert_401_json(response)
