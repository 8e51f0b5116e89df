"""HTTP and FMT: status codes, the one error shape, JSON in and out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.reference.seed import seed_id
from tests.reference.conftest import Api
from tests.reference.endpoints import ENDPOINTS, ISSUE, LISTS, PROJECT, WORKSPACE, endpoint_id
from tests.reference.resources import CREATABLE, Creatable, creatable_id

UNKNOWN = "00000000-0000-4000-8000-000000000000"
EACH_KIND = pytest.mark.parametrize("creatable", CREATABLE, ids=creatable_id)
GETS = [pair for pair in ENDPOINTS if pair[0] == "GET"]


def _assert_json_error(response_text: str, content_type: str) -> dict[str, Any]:
    assert content_type == "application/json"
    body: dict[str, Any] = json.loads(response_text)
    assert isinstance(body["error"], str)
    assert body["error"]
    assert isinstance(body["code"], str)
    return body


@pytest.mark.parametrize("endpoint", GETS, ids=endpoint_id)
def test_get_is_200_json(api: Api, endpoint: tuple[str, str]) -> None:
    """HTTP-01, FMT-01: GET on a collection or resource is 200 with a JSON body."""
    response = api.client.get(endpoint[1])
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json(), dict | list)


@pytest.mark.parametrize(
    "path", [f"{PROJECT}/issues", f"{PROJECT}/issues/"], ids=["no-slash", "slash"]
)
def test_both_slash_spellings_answer_without_redirect(api: Api, path: str) -> None:
    """HTTP-01: a path works with and without its trailing slash, never by redirecting."""
    response = api.client.get(path, follow_redirects=False)
    assert response.status_code == 200


@EACH_KIND
def test_create_patch_delete_lifecycle(api: Api, creatable: Creatable) -> None:
    """HTTP-02, HTTP-03, HTTP-04, FMT-02: 201 with id; PATCH keeps unsent fields; 204 then 404."""
    body = creatable.body()
    created = api.client.post(creatable.collection, json=body)
    assert created.status_code == 201
    assert created.headers["content-type"] == "application/json"
    record = created.json()
    assert record["id"]
    assert all(record[key] == value for key, value in body.items())
    item = f"{creatable.collection}{record['id']}/"
    patched = api.client.patch(item, json={creatable.changed_field: creatable.new_value})
    assert patched.status_code == 200
    expected = {**record, creatable.changed_field: creatable.new_value}
    changing = ("updated_at", "updated_by")
    assert {k: v for k, v in patched.json().items() if k not in changing} == {
        k: v for k, v in expected.items() if k not in changing
    }
    assert api.client.get(item).json() == patched.json()
    deleted = api.client.delete(item)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert api.client.get(item).status_code == 404


def test_new_project_has_default_states_and_creator_as_member(api: Api) -> None:
    """HTTP-02: a new project comes with the five default states and its creator as member."""
    project = api.client.post(
        f"{WORKSPACE}/projects/", json={"name": "Defaults", "identifier": "DEFAULTS"}
    ).json()
    base = f"{WORKSPACE}/projects/{project['id']}"
    states = api.client.get(f"{base}/states/").json()["results"]
    assert [s["name"] for s in states] == ["Backlog", "Todo", "In Progress", "Done", "Cancelled"]
    me = api.client.get("/users/me/").json()
    assert [u["id"] for u in api.client.get(f"{base}/members/").json()] == [me["id"]]
    issue = api.client.post(f"{base}/issues/", json={"name": "cascade"}).json()
    assert api.client.delete(f"{base}/").status_code == 204
    assert api.client.get(f"{base}/issues/{issue['id']}/").status_code == 404


@pytest.mark.parametrize("field", ["name", "identifier"])
def test_duplicate_project_is_409(api: Api, field: str) -> None:
    """HTTP-09: a project name or identifier already used gets 409 in the error shape."""
    first = api.client.post(
        f"{WORKSPACE}/projects/", json={"name": f"Dup {field}", "identifier": f"DUP{len(field)}"}
    )
    assert first.status_code == 201
    clash = {
        "name": "Reference" if field == "name" else f"Other {field}",
        "identifier": "REF" if field == "identifier" else f"OTH{len(field)}",
    }
    response = api.client.post(f"{WORKSPACE}/projects/", json=clash)
    assert response.status_code == 409
    assert field in _assert_json_error(response.text, response.headers["content-type"])["error"]


def test_module_and_cycle_issue_links(api: Api) -> None:
    """HTTP-02, HTTP-04: linking work items to a module or cycle is 201; unlinking is 204."""
    issue = api.client.post(f"{PROJECT}/issues/", json={"name": "linked"}).json()
    for kind in ("module", "cycle"):
        container = api.client.post(f"{PROJECT}/{kind}s/", json={"name": f"c {kind}"}).json()
        base = f"{PROJECT}/{kind}s/{container['id']}/{kind}-issues/"
        created = api.client.post(base, json={"issues": [issue["id"]]})
        assert created.status_code == 201
        assert [link["issue"] for link in created.json()] == [issue["id"]]
        assert [i["id"] for i in api.client.get(base).json()["results"]] == [issue["id"]]
        shown = api.client.get(f"{PROJECT}/{kind}s/{container['id']}/").json()
        assert shown["total_issues"] == 1
        assert api.client.delete(f"{base}{issue['id']}/").status_code == 204
        assert api.client.get(base).json()["results"] == []


@pytest.mark.parametrize(
    "path",
    [
        f"{WORKSPACE}/projects/{UNKNOWN}/",
        f"{WORKSPACE}/projects/{UNKNOWN}/issues/",
        f"{WORKSPACE}/projects/{UNKNOWN}/members/",
        f"{PROJECT}/issues/{UNKNOWN}/",
        f"{PROJECT}/issues/{UNKNOWN}/comments/",
        f"{PROJECT}/states/{UNKNOWN}/",
        f"{PROJECT}/labels/{UNKNOWN}/",
        f"{PROJECT}/modules/{UNKNOWN}/module-issues/",
        f"{PROJECT}/cycles/{seed_id('cycle-0')}/cycle-issues/{UNKNOWN}/",
        f"{ISSUE}/links/{UNKNOWN}/",
        f"{ISSUE}/comments/{seed_id('link-0')}/",
        f"{PROJECT}/issues/not-a-uuid/",
        "/workspaces/no-such-workspace/projects/",
    ],
    ids=lambda p: p.replace(PROJECT, "{project}").replace(UNKNOWN, "{unknown}"),
)
def test_unknown_id_is_404_json(api: Api, path: str) -> None:
    """HTTP-05: an unknown (or malformed) id anywhere in the path is 404 with a JSON error."""
    response = api.client.get(path)
    assert response.status_code == 404
    _assert_json_error(response.text, response.headers["content-type"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"name": ', None),
        ("[1, 2]", None),
        ('"just a string"', None),
        ("{}", "name"),
        ('{"name": ""}', "name"),
        ('{"name": "   "}', "name"),
        (json.dumps({"name": "x" * 256}), "name"),
        ('{"name": 5}', "name"),
        ('{"name": "x", "priority": "critical"}', "priority"),
        ('{"name": "x", "state": "00000000-0000-4000-8000-000000000000"}', "state"),
        ('{"name": "x", "labels": ["nope"]}', "labels"),
        ('{"name": "x", "assignees": "not-a-list"}', "assignees"),
        ('{"name": "x", "start_date": "2026-02-30"}', "start_date"),
        ('{"name": "x", "start_date": "2026-03-02", "target_date": "2026-03-01"}', "target_date"),
        ('{"name": "x", "is_draft": "yes"}', "is_draft"),
        ('{"name": "x", "sort_order": true}', "sort_order"),
    ],
    ids=[
        "truncated",
        "array",
        "string",
        "missing-name",
        "empty-name",
        "blank-name",
        "long-name",
        "name-not-string",
        "unknown-priority",
        "unknown-state",
        "unknown-label",
        "assignees-not-list",
        "bad-date",
        "dates-reversed",
        "bool-as-string",
        "bool-as-number",
    ],
)
def test_invalid_issue_body_is_400(api: Api, body: str, field: str | None) -> None:
    """HTTP-06: malformed JSON, a missing required field or an invalid value is 400 JSON."""
    response = api.client.post(
        f"{PROJECT}/issues/", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    error = _assert_json_error(response.text, response.headers["content-type"])
    if field is not None:
        assert field in str(error["error"])


@pytest.mark.parametrize(
    ("collection", "body", "field"),
    [
        (f"{WORKSPACE}/projects/", {"name": "No identifier"}, "identifier"),
        (f"{WORKSPACE}/projects/", {"name": "Dash", "identifier": "T-1X"}, "identifier"),
        (f"{WORKSPACE}/projects/", {"name": "Long", "identifier": "A" * 13}, "identifier"),
        (f"{PROJECT}/states/", {"name": "s", "color": "red"}, "color"),
        (f"{PROJECT}/states/", {"name": "s", "color": "#fff", "group": "open"}, "group"),
        (f"{ISSUE}/links/", {"url": "not a url"}, "url"),
        (f"{ISSUE}/comments/", {"comment_html": 7}, "comment_html"),
        (f"{PROJECT}/modules/", {"name": "m", "status": "done"}, "status"),
        (f"{PROJECT}/cycles/", {"name": "c", "owned_by": "nobody"}, "owned_by"),
        (f"{PROJECT}/modules/{seed_id('module-0')}/module-issues/", {"issues": []}, "issues"),
        (f"{PROJECT}/cycles/{seed_id('cycle-0')}/cycle-issues/", {"issues": ["x"]}, "issues"),
    ],
    ids=[
        "project-no-identifier",
        "identifier-special",
        "identifier-long",
        "state-color",
        "state-group",
        "link-url",
        "comment-html-not-text",
        "module-status",
        "cycle-owner",
        "module-issues-empty",
        "cycle-issues-unknown",
    ],
)
def test_invalid_body_names_the_field(
    api: Api, collection: str, body: dict[str, object], field: str
) -> None:
    """HTTP-06: each resource's invalid body is 400 naming the field."""
    response = api.client.post(collection, json=body)
    assert response.status_code == 400
    assert field in str(_assert_json_error(response.text, response.headers["content-type"]))


def test_patch_validates_too(api: Api) -> None:
    """HTTP-06: PATCH with an invalid value is 400 and changes nothing."""
    issue = api.client.post(f"{PROJECT}/issues/", json={"name": "patch me"}).json()
    item = f"{PROJECT}/issues/{issue['id']}/"
    assert api.client.patch(item, json={"priority": "critical"}).status_code == 400
    assert api.client.patch(item, json={"parent": issue["id"]}).status_code == 400
    assert api.client.get(item).json() == issue


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_non_json_body_is_415(api: Api, content_type: str) -> None:
    """HTTP-06, FMT-02: a body that is not labelled JSON is refused with a JSON 415."""
    response = api.client.post(
        f"{PROJECT}/issues/", content=b'{"name": "x"}', headers={"Content-Type": content_type}
    )
    assert response.status_code == 415
    _assert_json_error(response.text, response.headers["content-type"])


def test_json_with_charset_is_accepted(api: Api) -> None:
    """FMT-02: application/json with parameters is still JSON."""
    response = api.client.post(
        f"{PROJECT}/issues/",
        content=b'{"name": "charset"}',
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "endpoint",
    [
        ("PUT", f"{PROJECT}/issues/"),
        ("DELETE", f"{PROJECT}/issues/"),
        ("DELETE", f"{PROJECT}/members/"),
        ("POST", "/users/me/"),
        ("PUT", f"{PROJECT}/issues/{seed_id('issue-0')}/"),
        ("PATCH", f"{PROJECT}/modules/{seed_id('module-0')}/module-issues/{seed_id('issue-0')}/"),
    ],
    ids=endpoint_id,
)
def test_unsupported_method_is_405_with_allow(api: Api, endpoint: tuple[str, str]) -> None:
    """HTTP-08, HTTP-09: an unsupported method is 405 JSON with an Allow header."""
    method, path = endpoint
    response = api.client.request(method, path, json={})
    assert response.status_code == 405
    assert response.headers["allow"]
    assert method not in response.headers["allow"]
    _assert_json_error(response.text, response.headers["content-type"])


@pytest.mark.parametrize(
    "path",
    [
        "/no/such/path/",
        "/workspaces/",
        f"{PROJECT}/pages/",
        f"{PROJECT}/issues/x/y/z/",
        "/../../etc/passwd",
    ],
)
def test_undefined_path_is_404_json(api: Api, path: str) -> None:
    """HTTP-10, HTTP-09: a path the API does not define is 404 in the error shape."""
    response = api.client.get(path)
    assert response.status_code == 404
    _assert_json_error(response.text, response.headers["content-type"])


def test_outside_api_prefix_is_404_json(api: Api) -> None:
    """HTTP-10: even outside /api/v1 an unknown path is a JSON 404."""
    response = api.client.get(str(api.client.base_url).replace("/api/v1", "/favicon.ico"))
    assert response.status_code == 404
    _assert_json_error(response.text, response.headers["content-type"])


@pytest.mark.parametrize("path", LISTS, ids=lambda p: endpoint_id(("GET", p)))
def test_errors_share_one_shape(api: Api, path: str) -> None:
    """HTTP-09: 400s from pagination, fields and expand all use the same error shape."""
    for params in ({"per_page": "abc"}, {"cursor": "1:2"}, {"fields": "nope"}, {"expand": "nope"}):
        response = api.client.get(path, params=params)
        assert response.status_code == 400
        assert set(_assert_json_error(response.text, response.headers["content-type"])) >= {
            "error",
            "code",
        }


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE"])
def test_an_id_that_is_no_uuid_is_a_path_the_api_does_not_define(api: Api, method: str) -> None:
    """As on the real server, whose routes match lower-case UUIDs only: ``projects/templates/``
    is no project that does not exist (404 or 405), but a path the API lacks (404)."""
    for path in (
        f"{WORKSPACE}/projects/templates/",
        f"{WORKSPACE}/projects/{seed_id('project-REF').upper()}/",
        f"{PROJECT}/issues/17/comments/",
    ):
        response = api.client.request(method, path)
        assert response.status_code == 404, (method, path)
        assert "no such endpoint" in response.json()["error"]
