"""Who is who: the key's user, the workspace's members with their roles, and a project's members
(listed as users, added, changed and removed as memberships), as the real server has them."""

from __future__ import annotations

import uuid

from tests.reference.conftest import Api
from tests.reference.endpoints import WORKSPACE

USER_KEYS = {"id", "first_name", "last_name", "email", "avatar", "avatar_url", "display_name"}


def test_workspace_members_are_users_with_a_role(api: Api) -> None:
    members = api.client.get(f"{WORKSPACE}/members/").json()
    assert isinstance(members, list)
    assert {member["id"] for member in members} >= {api.client.get("/users/me/").json()["id"]}
    assert all(set(member) == USER_KEYS | {"role"} for member in members)
    roles = {member["first_name"]: member["role"] for member in members}
    assert (roles["Key1"], roles["Ada"]) == (20, 15)


def test_project_members_listed_as_users_under_both_paths(api: Api) -> None:
    project = api.project_path
    for segment in ("members", "project-members"):
        users = api.client.get(f"{project}/{segment}/").json()
        assert users
        assert all(set(user) == USER_KEYS for user in users)


def test_a_membership_is_added_changed_shown_and_removed(own: Api) -> None:
    """HTTP-02, HTTP-03, HTTP-04: POST {member, role} 201; its id names the membership."""
    tag = uuid.uuid4().hex[:8].upper()
    project = own.client.post(
        f"{WORKSPACE}/projects/", json={"name": f"Team {tag}", "identifier": tag}
    ).json()
    base = f"{WORKSPACE}/projects/{project['id']}/project-members/"
    ada = next(
        u for u in own.client.get(f"{WORKSPACE}/members/").json() if u["first_name"] == "Ada"
    )
    added = own.client.post(base, json={"member": ada["id"], "role": 5})
    assert added.status_code == 201
    membership = added.json()
    assert membership == {"id": membership["id"], "member": ada["id"], "role": 5}
    assert ada["id"] in {user["id"] for user in own.client.get(base).json()}
    changed = own.client.patch(f"{base}{membership['id']}/", json={"role": 20}).json()
    assert changed["role"] == 20
    assert own.client.get(f"{base}{membership['id']}/").json()["id"] == ada["id"]
    assert own.client.delete(f"{base}{membership['id']}/").status_code == 204
    assert ada["id"] not in {user["id"] for user in own.client.get(base).json()}


def test_a_membership_needs_a_workspace_member_and_a_known_role(api: Api) -> None:
    """HTTP-06: an unknown user or role is a 400 naming the field."""
    base = f"{api.project_path}/project-members/"
    unknown = api.client.post(base, json={"member": "00000000-0000-4000-8000-000000000000"})
    assert unknown.status_code == 400
    assert unknown.json()["field"] == "member"
    me = api.client.get("/users/me/").json()["id"]
    bad_role = api.client.post(base, json={"member": me, "role": 7})
    assert (bad_role.status_code, bad_role.json()["field"]) == (400, "role")
