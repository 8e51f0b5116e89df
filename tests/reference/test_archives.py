"""Archiving projects, modules and cycles, and moving a finished cycle's open work items, with
the real server's refusals."""

from __future__ import annotations

import uuid

import pytest

from tests.reference.conftest import Api
from tests.reference.endpoints import WORKSPACE


@pytest.fixture
def project(own: Api) -> str:
    """A fresh project with modules and cycles switched on; its path."""
    tag = uuid.uuid4().hex[:8].upper()
    body = {"name": f"Archive {tag}", "identifier": tag, "module_view": True, "cycle_view": True}
    created = own.client.post(f"{WORKSPACE}/projects/", json=body).json()
    return f"{WORKSPACE}/projects/{created['id']}"


def _ids(own: Api, path: str) -> set[str]:
    return {item["id"] for item in own.client.get(path).json()["results"]}


def test_a_finished_module_is_archived_and_restored(own: Api, project: str) -> None:
    module = own.client.post(f"{project}/modules/", json={"name": "m"}).json()
    refused = own.client.post(f"{project}/modules/{module['id']}/archive/")
    assert refused.status_code == 400
    assert "completed or cancelled" in refused.json()["error"]
    own.client.patch(f"{project}/modules/{module['id']}/", json={"status": "completed"})
    assert own.client.post(f"{project}/modules/{module['id']}/archive/", json={}).status_code == 204
    assert module["id"] not in _ids(own, f"{project}/modules/")
    assert module["id"] in _ids(own, f"{project}/archived-modules/")
    edit = own.client.patch(f"{project}/modules/{module['id']}/", json={"name": "x"})
    assert edit.status_code == 400
    restored = own.client.delete(f"{project}/archived-modules/{module['id']}/unarchive/")
    assert restored.status_code == 204
    assert module["id"] in _ids(own, f"{project}/modules/")


def test_only_a_finished_cycle_is_archived(own: Api, project: str) -> None:
    body = {"name": "c", "start_date": "2020-01-01", "end_date": "2020-01-14"}
    past = own.client.post(f"{project}/cycles/", json=body).json()
    assert past["start_date"] == "2020-01-01T00:00:01Z"
    assert past["end_date"] == "2020-01-14T23:59:00Z"
    dates = {"start_date": "2099-01-01", "end_date": "2099-01-14"}
    future = own.client.post(f"{project}/cycles/", json={"name": "f", **dates})
    one_date = own.client.post(f"{project}/cycles/", json={"name": "g", "end_date": "2099-01-01"})
    assert one_date.status_code == 400
    assert own.client.post(f"{project}/cycles/{future.json()['id']}/archive/").status_code == 400
    assert own.client.post(f"{project}/cycles/{past['id']}/archive/").status_code == 204
    assert past["id"] in _ids(own, f"{project}/archived-cycles/")
    unarchive = f"{project}/archived-cycles/{past['id']}/unarchive/"
    assert own.client.delete(unarchive).status_code == 204
    assert own.client.delete(unarchive).status_code == 404


def test_a_finished_cycle_refuses_changes_and_new_work_items(own: Api, project: str) -> None:
    body = {"name": "c", "start_date": "2020-01-01", "end_date": "2020-01-14"}
    past = own.client.post(f"{project}/cycles/", json=body).json()
    item = own.client.post(f"{project}/issues/", json={"name": "i"}).json()
    assert (
        own.client.patch(f"{project}/cycles/{past['id']}/", json={"name": "x"}).status_code == 400
    )
    added = own.client.post(
        f"{project}/cycles/{past['id']}/cycle-issues/", json={"issues": [item["id"]]}
    )
    assert added.status_code == 400


def test_open_work_items_move_from_a_finished_or_undated_cycle(own: Api, project: str) -> None:
    old = own.client.post(f"{project}/cycles/", json={"name": "old"}).json()
    new = own.client.post(f"{project}/cycles/", json={"name": "new"}).json()
    items = [own.client.post(f"{project}/issues/", json={"name": n}).json() for n in "ab"]
    done = next(
        s
        for s in own.client.get(f"{project}/states/").json()["results"]
        if s["group"] == "completed"
    )
    own.client.patch(f"{project}/issues/{items[1]['id']}/", json={"state": done["id"]})
    own.client.post(
        f"{project}/cycles/{old['id']}/cycle-issues/", json={"issues": [i["id"] for i in items]}
    )
    moved = own.client.post(
        f"{project}/cycles/{old['id']}/transfer-issues/", json={"new_cycle_id": new["id"]}
    )
    assert moved.status_code == 200
    assert _ids(own, f"{project}/cycles/{new['id']}/cycle-issues/") == {items[0]["id"]}
    assert _ids(own, f"{project}/cycles/{old['id']}/cycle-issues/") == {items[1]["id"]}
    missing = own.client.post(f"{project}/cycles/{old['id']}/transfer-issues/", json={})
    assert missing.status_code == 400


def test_an_archived_project_leaves_the_list_and_comes_back(own: Api, project: str) -> None:
    project_id = project.rsplit("/", 1)[1]
    assert own.client.post(f"{project}/archive/").status_code == 204
    assert project_id not in _ids(own, f"{WORKSPACE}/projects/")
    assert own.client.patch(f"{project}/", json={"name": "x"}).status_code == 400
    assert own.client.delete(f"{project}/archive/").status_code == 204
    assert project_id in _ids(own, f"{WORKSPACE}/projects/")
