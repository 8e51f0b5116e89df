"""A project's work item list: ordered by ``order_by``, filtered by ``external_source`` and
``external_id``, and a 400 naming what it cannot take."""

from __future__ import annotations

import pytest

from tests.reference.conftest import Api
from tests.reference.endpoints import PROJECT


@pytest.mark.parametrize("segment", ["issues", "work-items"])
def test_order_by_orders_the_list_either_way(own: Api, segment: str) -> None:
    """On a server of the module's own: the session's holds what other tests made and deleted,
    so its last number is not its count."""
    path = f"{PROJECT}/{segment}/"
    ascending = own.client.get(path, params={"order_by": "sequence_id", "per_page": 5}).json()
    descending = own.client.get(path, params={"order_by": "-sequence_id", "per_page": 5}).json()
    up = [item["sequence_id"] for item in ascending["results"]]
    down = [item["sequence_id"] for item in descending["results"]]
    assert up == sorted(up)
    assert up[0] == 1
    assert down == sorted(down, reverse=True)
    assert down[0] == ascending["total_count"]


def test_an_unknown_ordering_field_is_refused_naming_it(api: Api) -> None:
    for value in ("zz", "-zz", "\x00", "sequence_id;drop"):
        response = api.client.get(f"{PROJECT}/issues/", params={"order_by": value})
        assert response.status_code == 400, value
        assert "order_by" in response.json()["error"]


def test_external_filters_keep_the_items_imported_from_there(own: Api) -> None:
    path = f"{PROJECT}/issues/"
    body = {"name": "imported", "external_source": "github", "external_id": "77"}
    created = own.client.post(path, json=body).json()
    found = own.client.get(path, params={"external_source": "github", "external_id": "77"})
    assert [item["id"] for item in found.json()["results"]] == [created["id"]]
    assert own.client.get(path, params={"external_id": "78"}).json()["total_count"] == 0
    every = own.client.get(path, params={"external_id": ""}).json()["total_count"]
    assert every == own.client.get(path).json()["total_count"] > 1
    refused = own.client.get(path, params={"external_id": "a\x00b"})
    assert refused.status_code == 400
    assert "external_id" in refused.json()["error"]
