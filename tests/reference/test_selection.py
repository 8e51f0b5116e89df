"""FLD: ``fields`` and ``expand`` on lists and single resources."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.reference.seed import seed_id
from tests.reference.conftest import Api
from tests.reference.endpoints import ISSUE, LISTS, PROJECT, WORKSPACE, endpoint_id

ISSUES = f"{PROJECT}/issues/"
# the seeded issue 9 has a parent, an assignee, a label, and a state
RICH_ISSUE = f"{PROJECT}/issues/{seed_id('issue-9')}/"
USER_KEYS = {"id", "first_name", "last_name", "email", "avatar", "avatar_url", "display_name"}

# (path, fields, expandable relation) per kind of resource
SINGLE = [
    (RICH_ISSUE, "id,name", "state"),
    (f"{PROJECT}/", "id,identifier", "project_lead"),
    (f"{PROJECT}/states/{seed_id('state-Todo')}/", "id,group", "project"),
    (f"{PROJECT}/labels/{seed_id('label-bug')}/", "id,color", "workspace"),
    (f"{ISSUE}/comments/{seed_id('comment-0')}/", "id,comment_html", "actor"),
    (f"{ISSUE}/links/{seed_id('link-0')}/", "id,url", "issue"),
    (f"{PROJECT}/modules/{seed_id('module-0')}/", "id,status", "lead"),
    (f"{PROJECT}/cycles/{seed_id('cycle-0')}/", "id,end_date", "owned_by"),
    ("/users/me/", "id,email", None),
]


def _get(api: Api, path: str, **params: str) -> Any:
    response = api.client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _short(path: str) -> str:
    return endpoint_id(("GET", path)).removeprefix("GET ")


@pytest.mark.parametrize("path", LISTS, ids=_short)
def test_fields_on_every_list(api: Api, path: str) -> None:
    """FLD-01: fields=a,b keeps exactly those keys on every list item."""
    page = _get(api, path, fields="id,created_at")
    assert page["results"]
    assert all(set(item) == {"id", "created_at"} for item in page["results"])


@pytest.mark.parametrize(("path", "fields", "relation"), SINGLE, ids=lambda v: str(v))
def test_fields_on_single_resources(api: Api, path: str, fields: str, relation: str | None) -> None:
    """FLD-01: fields on a single resource GET keeps exactly those keys."""
    assert set(_get(api, path, fields=fields)) == set(fields.split(","))


def test_fields_ignores_empty_segments_and_spaces(api: Api) -> None:
    """FLD-01: empty segments are ignored."""
    assert set(_get(api, RICH_ISSUE, fields=",id,, name,")) == {"id", "name"}


@pytest.mark.parametrize(
    "path", [ISSUES, RICH_ISSUE, "/users/me/", f"{PROJECT}/members/"], ids=_short
)
def test_unknown_fields_name_every_offender(api: Api, path: str) -> None:
    """FLD-02: unknown names in fields are 400 naming each of them."""
    response = api.client.get(path, params={"fields": "id,bogus,nonsense"})
    assert response.status_code == 400
    body = response.json()
    assert "bogus" in body["error"]
    assert "nonsense" in body["error"]
    assert body["invalid_fields"] == ["bogus", "nonsense"]


def test_expand_turns_ids_into_objects(api: Api) -> None:
    """FLD-03: expand replaces ids (and lists of ids) with the objects they name."""
    plain = _get(api, RICH_ISSUE)
    expanded = _get(api, RICH_ISSUE, expand="state,assignees,labels,parent,project,created_by")
    assert expanded["state"] == {
        key: value
        for key, value in _get(api, f"{PROJECT}/states/{plain['state']}/").items()
        if key in ("id", "name", "color", "group")
    }
    assert [u["id"] for u in expanded["assignees"]] == plain["assignees"]
    assert all(set(user) == USER_KEYS for user in expanded["assignees"])
    assert [label["id"] for label in expanded["labels"]] == plain["labels"]
    assert expanded["parent"] == _get(api, f"{PROJECT}/issues/{plain['parent']}/")
    assert expanded["project"]["identifier"] == "REF"
    assert set(expanded["created_by"]) == USER_KEYS


@pytest.mark.parametrize(
    ("path", "fields", "relation"), [entry for entry in SINGLE if entry[2]], ids=lambda v: str(v)
)
def test_expand_on_each_resource(api: Api, path: str, fields: str, relation: str) -> None:
    """FLD-03: each resource's relations expand to objects."""
    shown = _get(api, path, expand=relation)[relation]
    assert isinstance(shown, dict)
    assert "id" in shown


def test_expand_on_lists(api: Api) -> None:
    """FLD-03: expand applies to every item of a list; a null relation becomes {}, as on the
    real server."""
    page = _get(api, ISSUES, expand="state,parent", per_page="20")
    assert all(isinstance(item["state"], dict) for item in page["results"])
    parents = [item["parent"] for item in page["results"]]
    assert {} in parents
    assert any(parent and "name" in parent for parent in parents)


@pytest.mark.parametrize(
    ("path", "expand", "offender"),
    [
        (ISSUES, "state,name", "name"),
        (RICH_ISSUE, "bogus", "bogus"),
        (f"{WORKSPACE}/projects/", "state", "state"),
        ("/users/me/", "id", "id"),
    ],
    ids=["issue-list-name", "issue-bogus", "project-state", "user-id"],
)
def test_unexpandable_name_is_400(api: Api, path: str, expand: str, offender: str) -> None:
    """FLD-04: a name that cannot be expanded is 400 naming it."""
    response = api.client.get(path, params={"expand": expand})
    assert response.status_code == 400
    assert offender in response.json()["error"]


@pytest.mark.parametrize("path", [ISSUES, RICH_ISSUE], ids=["list", "single"])
def test_fields_and_expand_combine(api: Api, path: str) -> None:
    """FLD-05: fields=id,state&expand=state is exactly id and an expanded state."""
    body = _get(api, path, fields="id,state", expand="state")
    items = body.get("results", [body])
    for item in items:
        assert set(item) == {"id", "state"}
        assert set(item["state"]) == {"id", "name", "color", "group"}
