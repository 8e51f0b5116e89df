"""Relations between work items read both ways, answer ids (as Plane's SDK reads them), and go
away with relations/remove/."""

from __future__ import annotations

from conformance.reference.seed import seed_id
from tests.reference.conftest import Api
from tests.reference.endpoints import PROJECT

ITEMS = f"{PROJECT}/work-items/"
# what the real server answers for each new relation
ROW = [
    "id",
    "project_id",
    "sequence_id",
    "relation_type",
    "name",
    "state_id",
    "priority",
    "created_by",
    "created_at",
    "updated_at",
    "updated_by",
]


def _new(own: Api, name: str) -> str:
    item: str = own.client.post(ITEMS, json={"name": name}).json()["id"]
    return item


def test_a_relation_reads_both_ways(own: Api) -> None:
    first, second, third = (_new(own, n) for n in ("a", "b", "c"))
    made = own.client.post(
        f"{ITEMS}{first}/relations/", json={"relation_type": "blocking", "issues": [second]}
    )
    assert made.status_code == 201
    assert [issue["id"] for issue in made.json()] == [second]
    assert set(made.json()[0]) == set(ROW)
    assert made.json()[0]["relation_type"] == "blocked_by"  # stored the other way round
    own.client.post(
        f"{ITEMS}{third}/relations/", json={"relation_type": "start_before", "issues": [first]}
    )
    mine = own.client.get(f"{ITEMS}{first}/relations/").json()
    assert mine["blocking"] == [second]
    assert mine["start_after"] == [third]
    assert own.client.get(f"{ITEMS}{second}/relations/").json()["blocked_by"] == [first]


def test_remove_ends_the_relation(own: Api) -> None:
    first, second = _new(own, "a"), _new(own, "b")
    own.client.post(
        f"{ITEMS}{first}/relations/", json={"relation_type": "relates_to", "issues": [second]}
    )
    removed = own.client.post(f"{ITEMS}{second}/relations/remove/", json={"related_issue": first})
    assert removed.status_code == 204
    assert own.client.get(f"{ITEMS}{first}/relations/").json()["relates_to"] == []
    again = own.client.post(f"{ITEMS}{second}/relations/remove/", json={"related_issue": first})
    assert again.status_code == 404


def test_bad_relations_are_400(api: Api) -> None:
    base = f"{ITEMS}{seed_id('issue-0')}/relations/"
    wrong_type = api.client.post(base, json={"relation_type": "parent_of", "issues": []})
    assert wrong_type.json()["field"] == "relation_type"
    to_self = api.client.post(
        base, json={"relation_type": "duplicate", "issues": [seed_id("issue-0")]}
    )
    assert (to_self.status_code, to_self.json()["field"]) == (400, "issues")
